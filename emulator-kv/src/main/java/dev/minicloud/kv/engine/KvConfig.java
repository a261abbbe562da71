package dev.minicloud.kv.engine;

import dev.minicloud.kv.store.Glob;
import dev.minicloud.kv.store.Keyspace;
import dev.minicloud.spi.ValueParsers;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Redis configuration parameters this server honours, readable with {@code CONFIG GET} and (where
 * Redis allows it) changeable with {@code CONFIG SET}. Initial values come from the MiniCloud settings
 * ({@code kv-requirepass}, {@code kv-maxmemory}, ...). Parameters Redis has but we do not implement
 * are not listed, so {@code CONFIG SET} on them fails loudly instead of pretending.
 */
public final class KvConfig {
    /** Redis' lower bound for {@code client-query-buffer-limit} (1mb). */
    public static final long MIN_QUERY_BUFFER_LIMIT = 1024L * 1024;
    String requirepass = "";
    long maxmemory;
    Keyspace.Policy policy = Keyspace.Policy.NOEVICTION;
    int notifyFlags;
    long protoMaxBulkLen = 512L * 1024 * 1024;
    OutputBufferLimits outputLimits = OutputBufferLimits.DEFAULT;
    long queryBufferLimit = 1024L * 1024 * 1024;
    int maxClients = 10000;
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

    /** Every parameter with its current value, in Redis' spelling. */
    Map<String, String> all() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("requirepass", requirepass);
        m.put("maxmemory", Long.toString(maxmemory));
        m.put("maxmemory-policy", policy.configName());
        m.put("maxmemory-samples", "5");
        m.put("notify-keyspace-events", Notifications.format(notifyFlags));
        m.put("proto-max-bulk-len", Long.toString(protoMaxBulkLen));
        m.put("client-output-buffer-limit", outputLimits.format());
        m.put("client-query-buffer-limit", Long.toString(queryBufferLimit));
        m.put("maxclients", Integer.toString(maxClients));
        m.put("databases", Integer.toString(Keyspace.DATABASES));
        m.put("save", "");
        m.put("appendonly", "no");
        m.put("port", Integer.toString(port));
        m.put("bind", bind);
        m.put("hz", "10");
        m.put("lfu-log-factor", "10");
        m.put("lfu-decay-time", "1");
        m.put("lazyfree-lazy-user-flush", "no");
        m.put("busy-reply-threshold", Long.toString(busyReplyThreshold));
        m.put("lua-time-limit", Long.toString(busyReplyThreshold));
        return m;
    }

    Map<String, String> matching(byte[] pattern) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : all().entrySet()) {
            if (Glob.match(pattern, e.getKey().getBytes(StandardCharsets.US_ASCII), true)) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** Applies one CONFIG SET; throws {@link RespError} with Redis' message when it cannot. */
    void set(String name, String value, KvEngine engine) {
        String n = name.toLowerCase(Locale.ROOT);
        try {
            switch (n) {
                case "requirepass" -> {
                    requirepass = value;
                    if (engine != null) {
                        engine.acl().requirepass(value); // Redis 7: the default user's password
                    }
                }
                case "maxmemory" -> {
                    maxmemory = memoryValue(n, value);
                    if (engine != null) {
                        engine.keyspace().tracking(maxmemory > 0);
                    }
                }
                case "maxmemory-policy" -> {
                    Keyspace.Policy p = Keyspace.Policy.parse(value);
                    if (p == null) {
                        throw fail(n, "argument(s) must be one of the following: volatile-lru, volatile-lfu, "
                                + "volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, noeviction");
                    }
                    policy = p;
                    if (engine != null) {
                        engine.keyspace().useLfu(p == Keyspace.Policy.ALLKEYS_LFU || p == Keyspace.Policy.VOLATILE_LFU);
                    }
                }
                case "notify-keyspace-events" -> {
                    int f = Notifications.parse(value);
                    if (f < 0) {
                        throw fail(n, "Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
                    }
                    notifyFlags = f;
                }
                case "proto-max-bulk-len" -> protoMaxBulkLen = memoryValue(n, value);
                case "busy-reply-threshold", "lua-time-limit" -> {
                    long ms = Long.parseLong(value.trim());
                    if (ms < 0) {
                        throw fail(n, "argument must be between 0 and 9223372036854775807 inclusive");
                    }
                    busyReplyThreshold = ms;
                }
                case "maxmemory-samples", "hz", "lfu-log-factor", "lfu-decay-time", "save", "appendonly",
                        "lazyfree-lazy-user-flush" -> {
                    // accepted for compatibility with clients that set them; behaviour is fixed
                }
                case "client-output-buffer-limit" -> {
                    try {
                        outputLimits = outputLimits.with(value);
                    } catch (IllegalArgumentException e) {
                        throw fail(n, e.getMessage());
                    }
                }
                case "client-query-buffer-limit" -> {
                    long v = memoryValue(n, value);
                    if (v < MIN_QUERY_BUFFER_LIMIT) {
                        throw fail(n, "argument must be between " + MIN_QUERY_BUFFER_LIMIT + " and " + Long.MAX_VALUE + " inclusive");
                    }
                    queryBufferLimit = v;
                }
                // not enforced here, so not settable rather than silently ignored
                case "databases", "port", "bind", "maxclients" -> throw fail(n, "can't set immutable config");
                default -> throw new RespError("ERR Unknown option or number of arguments for CONFIG SET - '" + name + "'");
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw fail(n, "argument couldn't be parsed into an integer");
        }
    }

    private static long memoryValue(String name, String value) {
        try {
            return parseMemory(value);
        } catch (NumberFormatException | ArithmeticException e) {
            throw fail(name, "argument must be a memory value");
        }
    }

    private static RespError fail(String name, String why) {
        return new RespError("ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + why);
    }
}
