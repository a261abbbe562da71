package dev.minicloud.kv.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.minicloud.MiniCloud;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same CONFIG and OBJECT ENCODING commands against us and against Debian's redis-server 7.0,
 * reply for reply, where 7.0 and 7.2 agree (7.2's list and set listpacks, its presizing of
 * multi-member writes and its {@code nothing} log level are in {@link EncodingsIT} and
 * {@link ConfigIT}, from the 7.2 sources).
 */
class ConfigInteropIT {

    private static final List<List<String>> CONFIG = List.of(
            List.of("CONFIG", "SET", "daemonize", "yes"),
            List.of("CONFIG", "SET", "Daemonize", "yes"),
            List.of("CONFIG", "SET", "xyz", "1"),
            List.of("CONFIG", "SET", "maxmemory", "1", "xyz", "2"),
            List.of("CONFIG", "SET", "daemonize", "yes", "xyz", "1"),
            List.of("CONFIG", "SET", "maxmemory", "1", "maxmemory", "2"),
            List.of("CONFIG", "SET", "maxmemory", "1", "maxmemory"),
            List.of("CONFIG", "SET", "maxmemory"),
            List.of("CONFIG", "SET", "HASH-MAX-ZIPLIST-ENTRIES", "abc"),
            List.of("CONFIG", "SET", "hash-max-listpack-entries", "-1"),
            List.of("CONFIG", "SET", "hash-max-listpack-value", "-1"),
            List.of("CONFIG", "SET", "list-max-listpack-size", "abc"),
            List.of("CONFIG", "SET", "stream-node-max-entries", "-1"),
            List.of("CONFIG", "SET", "set-max-intset-entries", "x"),
            List.of("CONFIG", "SET", "zset-max-ziplist-value", "1x"),
            List.of("CONFIG", "SET", "activerehashing", "maybe"),
            List.of("CONFIG", "SET", "appendfsync", "sometimes"),
            List.of("CONFIG", "SET", "maxmemory-policy", "bad"),
            List.of("CONFIG", "SET", "maxmemory-clients", "200%"),
            List.of("CONFIG", "SET", "maxmemory-clients", "abc"),
            List.of("CONFIG", "SET", "maxclients", "0"),
            List.of("CONFIG", "SET", "proto-max-bulk-len", "10"),
            List.of("CONFIG", "SET", "timeout", "1.5"),
            List.of("CONFIG", "SET", "timeout", "007"),
            List.of("CONFIG", "SET", "save", "100"),
            List.of("CONFIG", "SET", "oom-score-adj-values", "1 2"),
            List.of("CONFIG", "SET", "latency-tracking-info-percentiles", "abc"),
            List.of("CONFIG", "SET", "notify-keyspace-events", "Q"),
            List.of("CONFIG", "SET", "client-output-buffer-limit", "x 1 1 1"),
            List.of("CONFIG", "SET", "unixsocketperm", "700"),
            List.of("CONFIG", "SET", "dir", "/tmp"),
            List.of("CONFIG", "SET", "shutdown-on-sigint", "bad"),
            List.of("CONFIG", "REWRITE"),
            List.of("CONFIG", "SET", "hash-max-ziplist-value", "1kb", "zset-max-listpack-entries", "2", "hz", "1000"),
            List.of("CONFIG", "GET", "hash-max-listpack-value"),
            List.of("CONFIG", "GET", "HASH-MAX-LISTPACK-VALUE"),
            List.of("CONFIG", "GET", "zset-max-ziplist-entries"),
            List.of("CONFIG", "GET", "hz"),
            List.of("CONFIG", "SET", "save", "1 2 3 4", "shutdown-on-sigint", "NOSAVE now", "maxmemory-clients", "10%"),
            List.of("CONFIG", "GET", "save"),
            List.of("CONFIG", "GET", "shutdown-on-sigint"),
            List.of("CONFIG", "GET", "maxmemory-clients"),
            List.of("CONFIG", "GET", "nosuch"),
            List.of("CONFIG", "GET", "use-exit-on-panic"),
            List.of("CONFIG", "GET", "use-exit*"));

    private static final List<List<String>> ENCODINGS = List.of(
            List.of("SET", "i", "123"),
            List.of("OBJECT", "ENCODING", "i"),
            List.of("SET", "z", "05"),
            List.of("OBJECT", "ENCODING", "z"),
            List.of("SET", "b", "12345678901234567890"),
            List.of("OBJECT", "ENCODING", "b"),
            List.of("SET", "e", ""),
            List.of("OBJECT", "ENCODING", "e"),
            List.of("SET", "s44", "a".repeat(44)),
            List.of("OBJECT", "ENCODING", "s44"),
            List.of("SET", "s45", "a".repeat(45)),
            List.of("OBJECT", "ENCODING", "s45"),
            List.of("APPEND", "i", "4"),
            List.of("OBJECT", "ENCODING", "i"),
            List.of("RENAME", "i", "i2"),
            List.of("OBJECT", "ENCODING", "i2"),
            List.of("COPY", "i2", "i3"),
            List.of("OBJECT", "ENCODING", "i3"),
            List.of("APPEND", "new", "12"),
            List.of("OBJECT", "ENCODING", "new"),
            List.of("INCRBYFLOAT", "f", "1"),
            List.of("OBJECT", "ENCODING", "f"),
            List.of("INCR", "f"),
            List.of("OBJECT", "ENCODING", "f"),
            List.of("SETRANGE", "sr", "0", "ab"),
            List.of("OBJECT", "ENCODING", "sr"),
            List.of("SETBIT", "sb", "1", "1"),
            List.of("OBJECT", "ENCODING", "sb"),
            List.of("SET", "n", "9999"),
            List.of("OBJECT", "REFCOUNT", "n"),
            List.of("SET", "n", "10000"),
            List.of("OBJECT", "REFCOUNT", "n"),
            List.of("HSET", "h", "a", "1", "b", "2"),
            List.of("OBJECT", "ENCODING", "h"),
            List.of("CONFIG", "SET", "hash-max-listpack-entries", "2"),
            List.of("HSET", "h", "c", "3"),
            List.of("OBJECT", "ENCODING", "h"),
            List.of("HDEL", "h", "a", "b"),
            List.of("OBJECT", "ENCODING", "h"),
            List.of("HSET", "v", "f", "x".repeat(65)),
            List.of("OBJECT", "ENCODING", "v"),
            List.of("ZADD", "z1", "1", "a"),
            List.of("OBJECT", "ENCODING", "z1"),
            List.of("CONFIG", "SET", "zset-max-listpack-entries", "2"),
            List.of("ZADD", "z1", "2", "b"),
            List.of("OBJECT", "ENCODING", "z1"),
            List.of("ZADD", "z1", "3", "c"),
            List.of("OBJECT", "ENCODING", "z1"),
            List.of("ZREM", "z1", "a", "b"),
            List.of("OBJECT", "ENCODING", "z1"),
            List.of("ZUNIONSTORE", "z2", "1", "z1"),
            List.of("OBJECT", "ENCODING", "z2"),
            List.of("ZADD", "zl", "1", "m".repeat(65)),
            List.of("OBJECT", "ENCODING", "zl"),
            List.of("SADD", "ints", "3", "1", "2"),
            List.of("OBJECT", "ENCODING", "ints"),
            List.of("SMEMBERS", "ints"),
            List.of("CONFIG", "SET", "set-max-intset-entries", "3"),
            List.of("SADD", "ints", "4"),
            List.of("OBJECT", "ENCODING", "ints"),
            List.of("XADD", "st", "1-1", "f", "v"),
            List.of("OBJECT", "ENCODING", "st"));

    @Test
    void configRepliesMatchRedisServer() throws Exception {
        compare(CONFIG);
    }

    @Test
    void encodingsMatchRedisServerWhere70And72Agree() throws Exception {
        compare(ENCODINGS);
    }

    private static void compare(List<List<String>> commands) throws Exception {
        try (RealRedis redis = RealRedis.start();
                MiniCloud cloud = MiniCloud.builder().services("kv").start();
                RawResp real = new RawResp(redis.address());
                RawResp ours = new RawResp(cloud.address("kv").orElseThrow())) {
            for (List<String> command : commands) {
                String[] args = command.toArray(String[]::new);
                String expected = real.call(args);
                assertEquals(expected, ours.call(args), String.join(" ", command));
            }
        }
    }
}
