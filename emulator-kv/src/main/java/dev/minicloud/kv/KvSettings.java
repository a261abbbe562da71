package dev.minicloud.kv;

import dev.minicloud.MiniCloudConfig;
import dev.minicloud.kv.internal.engine.KvConfig;
import dev.minicloud.kv.internal.engine.Notifications;
import dev.minicloud.kv.internal.engine.OutputBufferLimits;
import dev.minicloud.kv.internal.store.Keyspace;
import dev.minicloud.spi.OptionSpec;
import dev.minicloud.spi.ValueParser;
import dev.minicloud.spi.ValueParsers;
import java.util.List;

/**
 * The MiniCloud settings (flags) the KV service reads, and their translation into the Redis
 * configuration parameters of {@link KvConfig}. Sizes use Redis' own units (k=1000, kb=1024), as
 * in {@code redis.conf}.
 */
final class KvSettings {
    static final OptionSpec<Integer> PORT = OptionSpec.of(
                    "kv-port",
                    ValueParsers.port(),
                    0,
                    "RESP port of the Redis-compatible KV service (0 = any free port)")
            .withStandaloneDefault(6379);
    static final OptionSpec<String> REQUIREPASS =
            OptionSpec.text("kv-requirepass", "", "password clients must AUTH with (Redis requirepass); empty = none");
    static final OptionSpec<Long> MAXMEMORY = OptionSpec.of(
            "kv-maxmemory",
            ValueParsers.redisSize(),
            0L,
            "dataset memory limit, e.g. 64mb (Redis maxmemory, Redis units); 0 = unlimited");
    static final OptionSpec<Keyspace.Policy> MAXMEMORY_POLICY = OptionSpec.of(
            "kv-maxmemory-policy",
            ValueParsers.enumOf(Keyspace.Policy.class),
            Keyspace.Policy.NOEVICTION,
            "eviction policy: noeviction, allkeys-lru|lfu|random, volatile-lru|lfu|random|ttl");
    static final OptionSpec<Integer> NOTIFY_KEYSPACE_EVENTS = OptionSpec.of(
                    "kv-notify-keyspace-events",
                    new NotificationClasses(),
                    0,
                    "keyspace notification classes, e.g. KEA (Redis notify-keyspace-events)")
            .withDefaultText("");
    static final OptionSpec<Long> PROTO_MAX_BULK_LEN = OptionSpec.of(
                    "kv-proto-max-bulk-len",
                    ValueParsers.redisSize(),
                    512L * 1024 * 1024,
                    "largest bulk string a client may send (Redis proto-max-bulk-len)")
            .withDefaultText("512mb");
    static final OptionSpec<Long> LUA_MEMORY_LIMIT = OptionSpec.of(
                    "kv-lua-memory-limit",
                    ValueParsers.redisSize(),
                    256L * 1024 * 1024,
                    "memory one Lua script may hold before it fails with 'not enough memory'")
            .withDefaultText("256mb");
    static final OptionSpec<Long> CLIENT_QUERY_BUFFER_LIMIT = OptionSpec.of(
                    "kv-client-query-buffer-limit",
                    new AtLeast(ValueParsers.redisSize(), KvConfig.MIN_QUERY_BUFFER_LIMIT),
                    1024L * 1024 * 1024,
                    "most a client may have sent and not yet had executed, e.g. while blocked; then it is disconnected "
                            + "(Redis client-query-buffer-limit, at least 1mb)")
            .withDefaultText("1gb");
    static final OptionSpec<OutputBufferLimits> CLIENT_OUTPUT_BUFFER_LIMIT = OptionSpec.of(
            "kv-client-output-buffer-limit",
            new OutputLimitsParser(),
            OutputBufferLimits.DEFAULT,
            "reply bytes a client may leave unread before it is disconnected, per class: '<class> <hard> <soft> <seconds>' "
                    + "groups, e.g. 'normal 64mb 0 0' (Redis client-output-buffer-limit)");

    static final List<OptionSpec<?>> OPTIONS = List.of(
            PORT,
            REQUIREPASS,
            MAXMEMORY,
            MAXMEMORY_POLICY,
            NOTIFY_KEYSPACE_EVENTS,
            PROTO_MAX_BULK_LEN,
            LUA_MEMORY_LIMIT,
            CLIENT_QUERY_BUFFER_LIMIT,
            CLIENT_OUTPUT_BUFFER_LIMIT);

    private KvSettings() {}

    static KvConfig read(MiniCloudConfig config) {
        KvConfig c = new KvConfig();
        c.requirepass(config.get(REQUIREPASS));
        c.maxmemory(config.get(MAXMEMORY));
        c.policy(config.get(MAXMEMORY_POLICY));
        c.notifyFlags(config.get(NOTIFY_KEYSPACE_EVENTS));
        c.protoMaxBulkLen(config.get(PROTO_MAX_BULK_LEN));
        c.luaMemoryLimit(config.get(LUA_MEMORY_LIMIT));
        c.queryBufferLimit(config.get(CLIENT_QUERY_BUFFER_LIMIT));
        c.outputLimits(config.get(CLIENT_OUTPUT_BUFFER_LIMIT));
        return c;
    }

    /** A size no smaller than Redis' minimum for the parameter. */
    private record AtLeast(ValueParser<Long> size, long min) implements ValueParser<Long> {
        @Override
        public Long parse(String text) {
            long v = size.parse(text);
            if (v < min) {
                throw new IllegalArgumentException();
            }
            return v;
        }

        @Override
        public String expected() {
            return size.expected() + ", at least " + min;
        }
    }

    /** Redis' client-output-buffer-limit groups, applied over Redis' defaults. */
    private static final class OutputLimitsParser implements ValueParser<OutputBufferLimits> {
        @Override
        public OutputBufferLimits parse(String text) {
            return OutputBufferLimits.DEFAULT.with(text);
        }

        @Override
        public String expected() {
            return "'<class> <hard> <soft> <soft-seconds>' groups, classes normal, replica (or slave) and pubsub, "
                    + "sizes in Redis units, e.g. 'normal 0 0 0 pubsub 32mb 8mb 60'";
        }

        @Override
        public String format(OutputBufferLimits limits) {
            return limits.format();
        }
    }

    /** Redis' notify-keyspace-events letters, as flags. */
    private static final class NotificationClasses implements ValueParser<Integer> {
        @Override
        public Integer parse(String text) {
            int flags = Notifications.parse(text.trim());
            if (flags < 0) {
                throw new IllegalArgumentException();
            }
            return flags;
        }

        @Override
        public String expected() {
            return "event class letters from 'Ag$lshzxeKEtmdn'";
        }

        @Override
        public String format(Integer flags) {
            return Notifications.format(flags);
        }
    }
}
