package dev.minicloud.kv.internal.engine;

import dev.minicloud.kv.internal.store.EncodingLimits;
import dev.minicloud.kv.internal.store.EvictionTuning;
import dev.minicloud.kv.internal.store.Glob;
import dev.minicloud.kv.internal.store.Keyspace;
import dev.minicloud.spi.ValueParsers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The server's configuration as {@code CONFIG GET|SET} see it: every parameter of Redis 7
 * ({@link RedisConfigTable}), those this server acts on bound to typed fields (maxmemory, the
 * encoding limits, ...), the others kept as text. Initial values come from the MiniCloud settings
 * ({@code kv-requirepass}, {@code kv-maxmemory}, ...); errors are Redis' own.
 */
public final class KvConfig {
    /** Redis' lower bound for {@code client-query-buffer-limit} (1mb). */
    public static final long MIN_QUERY_BUFFER_LIMIT = 1024L * 1024;
    /** Redis clamps hz to 1..500 (CONFIG_MIN_HZ, CONFIG_MAX_HZ). */
    private static final int MIN_HZ = 1;

    private static final int MAX_HZ = 500;
    String requirepass = "";
    long maxmemory;
    Keyspace.Policy policy = Keyspace.Policy.NOEVICTION;
    int notifyFlags;
    long protoMaxBulkLen = 512L * 1024 * 1024;
    OutputBufferLimits outputLimits = OutputBufferLimits.DEFAULT;
    long queryBufferLimit = 1024L * 1024 * 1024;
    long maxClients = 10000;
    int hz = 10;
    /** Client features (CLIENT TRACKING, idle timeout, SLOWLOG): Redis' defaults. */
    int trackingTableMaxKeys = 1_000_000;

    long idleTimeoutSeconds;
    long slowlogSlowerThanMicros = 10_000;
    int slowlogMaxLen = 128;
    /** {@code latency-tracking}: whether every call is counted in LATENCY HISTOGRAM. */
    boolean latencyTracking = true;

    private final EncodingLimits encodings = new EncodingLimits();
    private final EvictionTuning eviction = new EvictionTuning();
    /** The values of the parameters without a {@link Binding}, by name (absent: the default). */
    private final Map<String, String> stored = new HashMap<>();

    private final Map<String, Binding> bindings = newBindings();
    /** Milliseconds a script may run before other clients get BUSY (Redis' default, alias lua-time-limit). */
    long busyReplyThreshold = 5000;
    /** Bytes a script may hold (a MiniCloud setting: Redis has no such limit and dies instead). */
    long luaMemoryLimit = 256L * 1024 * 1024;

    String bind = "127.0.0.1";
    int port;
    /** What INFO reports: {@code redis} or {@code valkey}, and that engine's version (a cache node's, from ElastiCache). */
    volatile String engine = "redis";

    volatile String engineVersion = KvEngine.VERSION;

    /**
     * The engine and version INFO reports, as an ElastiCache node of that engine does: Redis reports
     * {@code redis_version}; Valkey keeps {@code redis_version:7.2.4} for clients and adds
     * {@code server_name:valkey} and {@code valkey_version}.
     */
    public void engine(String name, String version) {
        this.engine = name;
        this.engineVersion = version;
    }

    public String engineName() {
        return engine;
    }

    public String engineVersion() {
        return engineVersion;
    }

    /**
     * {@code CONFIG SET name value} from outside a client (an ElastiCache parameter group applied to
     * a node); call it on the engine's loop. Throws {@link RespError} with Redis' message.
     */
    public void apply(String name, String value, KvEngine engine) {
        set(name, value, engine);
    }

    public void bind(String host) {
        this.bind = host;
    }

    public void port(int port) {
        this.port = port;
    }

    /** The typed start-up values, from the MiniCloud settings (already checked by their parsers). */
    public void requirepass(String password) {
        this.requirepass = password;
    }

    public void maxmemory(long bytes) {
        this.maxmemory = bytes;
    }

    public void policy(Keyspace.Policy policy) {
        this.policy = policy;
    }

    public void notifyFlags(int flags) {
        this.notifyFlags = flags;
    }

    public void protoMaxBulkLen(long bytes) {
        this.protoMaxBulkLen = bytes;
    }

    public void luaMemoryLimit(long bytes) {
        this.luaMemoryLimit = bytes;
    }

    public long luaMemoryLimit() {
        return luaMemoryLimit;
    }

    public void outputLimits(OutputBufferLimits limits) {
        this.outputLimits = limits;
    }

    public void queryBufferLimit(long bytes) {
        this.queryBufferLimit = bytes;
    }

    public OutputBufferLimits outputLimits() {
        return outputLimits;
    }

    public long queryBufferLimit() {
        return queryBufferLimit;
    }

    public String requirepass() {
        return requirepass;
    }

    public long maxmemory() {
        return maxmemory;
    }

    public Keyspace.Policy policy() {
        return policy;
    }

    public long protoMaxBulkLen() {
        return protoMaxBulkLen;
    }

    public int notifyFlags() {
        return notifyFlags;
    }

    /**
     * Parses a Redis memory amount ({@code 100}, {@code 1kb}, {@code 10mb}, {@code 1gb}, {@code 5m}) with
     * the shared memtoull rules; a {@link NumberFormatException} when it is not one.
     */
    public static long parseMemory(String v) {
        return ValueParsers.redisSize().parse(v);
    }

    /** The encoding limits every value of this server reads (hash-max-listpack-entries, ...). */
    public EncodingLimits encodings() {
        return encodings;
    }

    /** The eviction knobs the keyspace reads (maxmemory-samples, lfu-log-factor, lfu-decay-time). */
    public EvictionTuning eviction() {
        return eviction;
    }

    /** How a parameter this server acts on is read and applied; the others live in {@link #stored}. */
    private interface Binding {
        String get();

        /** Applies a value that passed {@link #check}; {@code engine} is null before the server starts. */
        void set(String checked, KvEngine engine);
    }

    private record Simple(Supplier<String> getter, Consumer<String> setter) implements Binding {
        @Override
        public String get() {
            return getter.get();
        }

        @Override
        public void set(String checked, KvEngine engine) {
            setter.accept(checked);
        }
    }

    private Map<String, Binding> newBindings() {
        Map<String, Binding> b = new HashMap<>();
        b.put("requirepass", new Binding() {
            @Override
            public String get() {
                return requirepass;
            }

            @Override
            public void set(String v, KvEngine engine) {
                requirepass = v;
                if (engine != null) {
                    engine.acl().requirepass(v); // Redis 7: the default user's password
                }
            }
        });
        b.put("maxmemory", new Binding() {
            @Override
            public String get() {
                return Long.toString(maxmemory);
            }

            @Override
            public void set(String v, KvEngine engine) {
                maxmemory = Long.parseLong(v);
                if (engine != null) {
                    engine.keyspace().tracking(maxmemory > 0);
                }
            }
        });
        b.put("maxmemory-policy", new Binding() {
            @Override
            public String get() {
                return policy.configName();
            }

            @Override
            public void set(String v, KvEngine engine) {
                policy = Keyspace.Policy.parse(v);
                if (engine != null) {
                    engine.keyspace()
                            .useLfu(policy == Keyspace.Policy.ALLKEYS_LFU || policy == Keyspace.Policy.VOLATILE_LFU);
                }
            }
        });
        b.put("notify-keyspace-events", new Binding() {
            @Override
            public String get() {
                return Notifications.format(notifyFlags);
            }

            @Override
            public void set(String v, KvEngine engine) {
                notifyFlags = Notifications.parse(v);
                if (engine != null) {
                    engine.keyspace().newKeyEvents((notifyFlags & Notifications.NEW) != 0);
                }
            }
        });
        b.put(
                "proto-max-bulk-len",
                new Simple(() -> Long.toString(protoMaxBulkLen), v -> protoMaxBulkLen = Long.parseLong(v)));
        b.put(
                "client-output-buffer-limit",
                new Simple(() -> outputLimits.format(), v -> outputLimits = outputLimits.with(v)));
        b.put(
                "client-query-buffer-limit",
                new Simple(() -> Long.toString(queryBufferLimit), v -> queryBufferLimit = Long.parseLong(v)));
        b.put(
                "busy-reply-threshold",
                new Simple(() -> Long.toString(busyReplyThreshold), v -> busyReplyThreshold = Long.parseLong(v)));
        b.put("maxclients", new Simple(() -> Long.toString(maxClients), v -> maxClients = Long.parseLong(v)));
        b.put(
                "timeout",
                new Simple(() -> Long.toString(idleTimeoutSeconds), v -> idleTimeoutSeconds = Long.parseLong(v)));
        b.put(
                "slowlog-log-slower-than",
                new Simple(
                        () -> Long.toString(slowlogSlowerThanMicros),
                        v -> slowlogSlowerThanMicros = Long.parseLong(v)));
        b.put(
                "slowlog-max-len",
                new Simple(
                        () -> Integer.toString(slowlogMaxLen),
                        v -> slowlogMaxLen = (int) Math.min(Integer.MAX_VALUE, Long.parseLong(v))));
        b.put(
                "latency-tracking",
                new Simple(() -> latencyTracking ? "yes" : "no", v -> latencyTracking = v.equals("yes")));
        b.put(
                "tracking-table-max-keys",
                new Simple(
                        () -> Integer.toString(trackingTableMaxKeys),
                        v -> trackingTableMaxKeys = (int) Math.min(Integer.MAX_VALUE, Long.parseLong(v))));
        b.put("databases", new Simple(() -> Integer.toString(Keyspace.DATABASES), v -> {}));
        b.put("port", new Simple(() -> Integer.toString(port), v -> {}));
        b.put("bind", new Simple(() -> bind, v -> {}));
        b.put(
                "hz",
                new Simple(
                        () -> Integer.toString(hz),
                        v -> hz = (int) Math.max(MIN_HZ, Math.min(MAX_HZ, Long.parseLong(v)))));
        b.put(
                "maxmemory-samples",
                new Simple(
                        () -> Integer.toString(eviction.maxmemorySamples()),
                        v -> eviction.maxmemorySamples(Integer.parseInt(v))));
        b.put(
                "lfu-log-factor",
                new Simple(
                        () -> Integer.toString(eviction.lfuLogFactor()),
                        v -> eviction.lfuLogFactor(Integer.parseInt(v))));
        b.put(
                "lfu-decay-time",
                new Simple(
                        () -> Integer.toString(eviction.lfuDecayTime()),
                        v -> eviction.lfuDecayTime(Integer.parseInt(v))));
        b.put(
                "hash-max-listpack-entries",
                new Simple(
                        () -> Long.toString(encodings.hashMaxListpackEntries()),
                        v -> encodings.hashMaxListpackEntries(Long.parseLong(v))));
        b.put(
                "hash-max-listpack-value",
                new Simple(
                        () -> Long.toString(encodings.hashMaxListpackValue()),
                        v -> encodings.hashMaxListpackValue(Long.parseLong(v))));
        b.put(
                "list-max-listpack-size",
                new Simple(
                        () -> Integer.toString(encodings.listMaxListpackSize()),
                        v -> encodings.listMaxListpackSize(Integer.parseInt(v))));
        b.put(
                "set-max-intset-entries",
                new Simple(
                        () -> Long.toString(encodings.setMaxIntsetEntries()),
                        v -> encodings.setMaxIntsetEntries(Long.parseLong(v))));
        b.put(
                "set-max-listpack-entries",
                new Simple(
                        () -> Long.toString(encodings.setMaxListpackEntries()),
                        v -> encodings.setMaxListpackEntries(Long.parseLong(v))));
        b.put(
                "set-max-listpack-value",
                new Simple(
                        () -> Long.toString(encodings.setMaxListpackValue()),
                        v -> encodings.setMaxListpackValue(Long.parseLong(v))));
        b.put(
                "zset-max-listpack-entries",
                new Simple(
                        () -> Long.toString(encodings.zsetMaxListpackEntries()),
                        v -> encodings.zsetMaxListpackEntries(Long.parseLong(v))));
        b.put(
                "zset-max-listpack-value",
                new Simple(
                        () -> Long.toString(encodings.zsetMaxListpackValue()),
                        v -> encodings.zsetMaxListpackValue(Long.parseLong(v))));
        b.put(
                "stream-node-max-bytes",
                new Simple(
                        () -> Long.toString(encodings.streamNodeMaxBytes()),
                        v -> encodings.streamNodeMaxBytes(Long.parseLong(v))));
        b.put(
                "stream-node-max-entries",
                new Simple(
                        () -> Long.toString(encodings.streamNodeMaxEntries()),
                        v -> encodings.streamNodeMaxEntries(Long.parseLong(v))));
        // the table and the bindings must agree: a parameter marked honoured that nothing reads would be a lie
        for (String name : b.keySet()) {
            if (RedisConfigTable.find(name) == null) {
                throw new IllegalStateException("binding for a parameter not in the table: " + name);
            }
        }
        for (String name : RedisConfigTable.HONOURED) {
            if (!b.containsKey(name)) {
                throw new IllegalStateException("honoured parameter without a binding: " + name);
            }
        }
        return b;
    }

    /** The current value of a parameter, as CONFIG GET shows it. */
    private String value(ConfigParam p) {
        Binding b = bindings.get(p.name());
        return b != null ? b.get() : stored.getOrDefault(p.name(), p.defaultValue());
    }

    /**
     * CONFIG GET: for each argument without glob characters the parameter it names (any case,
     * keyed as typed), else every non-hidden name and alias it matches (case-insensitively); each
     * once.
     */
    Map<String, String> get(List<String> patterns) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pattern : patterns) {
            if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0 && pattern.indexOf('[') < 0) {
                ConfigParam p = RedisConfigTable.find(pattern);
                if (p != null) {
                    out.putIfAbsent(pattern, value(p));
                }
                continue;
            }
            byte[] glob = pattern.getBytes(StandardCharsets.UTF_8);
            for (ConfigParam p : RedisConfigTable.ALL) {
                if (p.hidden()) {
                    continue;
                }
                for (String n : p.alias() == null ? List.of(p.name()) : List.of(p.name(), p.alias())) {
                    if (Glob.match(glob, n.getBytes(StandardCharsets.US_ASCII), true)) {
                        out.putIfAbsent(n, value(p));
                    }
                }
            }
        }
        return out;
    }

    /**
     * CONFIG SET of name/value pairs, all or nothing as in Redis 7: the first unknown, immutable,
     * protected or repeated name fails the whole command, then every value is checked before any
     * is applied. Throws {@link RespError} with Redis' message.
     */
    void set(List<String> names, List<String> values, KvEngine engine) {
        List<ConfigParam> params = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            ConfigParam p = RedisConfigTable.find(n);
            if (p == null) {
                throw new RespError("ERR Unknown option or number of arguments for CONFIG SET - '" + n + "'");
            }
            if (p.access() == ConfigParam.Access.IMMUTABLE) {
                throw fail(n, "can't set immutable config");
            }
            if (p.access() == ConfigParam.Access.PROTECTED) {
                throw fail(n, "can't set protected config");
            }
            if (params.contains(p)) {
                throw fail(n, "duplicate parameter");
            }
            params.add(p);
        }
        List<String> checked = new ArrayList<>(params.size());
        for (int i = 0; i < params.size(); i++) {
            ConfigParam p = params.get(i);
            try {
                checked.add(check(p, values.get(i)));
            } catch (ConfigParam.BadValue e) {
                throw fail(p.spelling(names.get(i)), e.getMessage());
            }
        }
        for (int i = 0; i < params.size(); i++) {
            ConfigParam p = params.get(i);
            Binding b = bindings.get(p.name());
            if (b != null) {
                b.set(checked.get(i), engine);
            } else {
                stored.put(p.name(), checked.get(i));
            }
        }
    }

    /** One CONFIG SET pair (ElastiCache parameter groups, start-up values). */
    void set(String name, String value, KvEngine engine) {
        set(List.of(name), List.of(value), engine);
    }

    /** The value as CONFIG GET will show it; the special syntaxes are checked here, the rest by the table. */
    private String check(ConfigParam p, String value) {
        switch (p.name()) {
            case "notify-keyspace-events" -> {
                if (Notifications.parse(value) < 0) {
                    throw new ConfigParam.BadValue("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
                }
                return value;
            }
            case "client-output-buffer-limit" -> {
                try {
                    return outputLimits.with(value).format();
                } catch (IllegalArgumentException e) {
                    throw new ConfigParam.BadValue(e.getMessage());
                }
            }
            case "save" -> {
                return SpecialValues.save(value);
            }
            case "oom-score-adj-values" -> {
                return SpecialValues.oomScoreAdjValues(value);
            }
            case "latency-tracking-info-percentiles" -> {
                return SpecialValues.percentiles(value);
            }
            default -> {
                return p.check(value);
            }
        }
    }

    private static RespError fail(String name, String why) {
        return new RespError("ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + why);
    }
}
