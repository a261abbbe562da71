package dev.minicloud.kv;

import dev.minicloud.MiniCloudConfig;
import dev.minicloud.kv.engine.KvConfig;
import dev.minicloud.kv.engine.Notifications;
import dev.minicloud.kv.store.Keyspace;
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
    static final OptionSpec<Integer> PORT = OptionSpec.of("kv-port", ValueParsers.port(), 0,
            "RESP port of the Redis-compatible KV service (0 = any free port)").withStandaloneDefault(6379);
    static final OptionSpec<String> REQUIREPASS = OptionSpec.text("kv-requirepass", "",
            "password clients must AUTH with (Redis requirepass); empty = none");
    static final OptionSpec<Long> MAXMEMORY = OptionSpec.of("kv-maxmemory", ValueParsers.redisSize(), 0L,
            "dataset memory limit, e.g. 64mb (Redis maxmemory, Redis units); 0 = unlimited");
    static final OptionSpec<Keyspace.Policy> MAXMEMORY_POLICY = OptionSpec.of("kv-maxmemory-policy",
            ValueParsers.enumOf(Keyspace.Policy.class), Keyspace.Policy.NOEVICTION,
            "eviction policy: noeviction, allkeys-lru|lfu|random, volatile-lru|lfu|random|ttl");
    static final OptionSpec<Integer> NOTIFY_KEYSPACE_EVENTS = OptionSpec.of("kv-notify-keyspace-events",
            new NotificationClasses(), 0, "keyspace notification classes, e.g. KEA (Redis notify-keyspace-events)")
            .withDefaultText("");
    static final OptionSpec<Long> PROTO_MAX_BULK_LEN = OptionSpec.of("kv-proto-max-bulk-len", ValueParsers.redisSize(),
            512L * 1024 * 1024, "largest bulk string a client may send (Redis proto-max-bulk-len)").withDefaultText("512mb");
    static final OptionSpec<Long> LUA_MEMORY_LIMIT = OptionSpec.of("kv-lua-memory-limit", ValueParsers.redisSize(),
            256L * 1024 * 1024, "memory one Lua script may hold before it fails with 'not enough memory'")
            .withDefaultText("256mb");

    static final List<OptionSpec<?>> OPTIONS = List.of(PORT, REQUIREPASS, MAXMEMORY, MAXMEMORY_POLICY,
            NOTIFY_KEYSPACE_EVENTS, PROTO_MAX_BULK_LEN, LUA_MEMORY_LIMIT);

    private KvSettings() {
    }

    static KvConfig read(MiniCloudConfig config) {
        KvConfig c = new KvConfig();
        c.requirepass(config.get(REQUIREPASS));
        c.maxmemory(config.get(MAXMEMORY));
        c.policy(config.get(MAXMEMORY_POLICY));
        c.notifyFlags(config.get(NOTIFY_KEYSPACE_EVENTS));
        c.protoMaxBulkLen(config.get(PROTO_MAX_BULK_LEN));
        c.luaMemoryLimit(config.get(LUA_MEMORY_LIMIT));
        return c;
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
