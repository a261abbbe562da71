package dev.minicloud.kv.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MutableClock;
import dev.minicloud.junit.MiniCloudExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * CONFIG GET|SET|RESETSTAT|REWRITE over the whole Redis 7 parameter table: every parameter Redis
 * accepts is accepted, with Redis' defaults, value checks and error texts (taken from redis-server
 * 7.0.15 and config.c). A server per test, since CONFIG SET outlives FLUSHALL.
 */
class ConfigIT {
    final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));

    @RegisterExtension
    final MiniCloudExtension cloud =
            MiniCloudExtension.builder().services("kv").clock(clock).build();

    private static String fail(String name, String why) {
        return "-ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + why;
    }

    private InetSocketAddress kv() {
        return cloud.getMiniCloud().address("kv").orElseThrow();
    }

    private RawResp raw() {
        return RawResp.toKv(cloud);
    }

    @Test
    void getListsEveryParameterWithItsAliasesAndRedisDefaults() {
        try (Jedis jedis = new Jedis(kv().getHostString(), kv().getPort())) {
            Map<String, String> all = jedis.configGet("*");
            assertTrue(all.size() >= 190, "Redis 7 has about 200 names, aliases included: " + all.size());
            assertEquals("512", all.get("hash-max-listpack-entries"));
            assertEquals("512", all.get("hash-max-ziplist-entries"), "aliases are listed too");
            assertEquals("64", all.get("hash-max-ziplist-value"));
            assertEquals("-2", all.get("list-max-listpack-size"));
            assertEquals("-2", all.get("list-max-ziplist-size"));
            assertEquals("0", all.get("list-compress-depth"));
            assertEquals("512", all.get("set-max-intset-entries"));
            assertEquals("128", all.get("set-max-listpack-entries"));
            assertEquals("64", all.get("set-max-listpack-value"));
            assertEquals("128", all.get("zset-max-ziplist-entries"));
            assertEquals("64", all.get("zset-max-listpack-value"));
            assertEquals("4096", all.get("stream-node-max-bytes"));
            assertEquals("100", all.get("stream-node-max-entries"));
            assertEquals("no", all.get("daemonize"));
            assertEquals("everysec", all.get("appendfsync"));
            assertEquals("10000", all.get("maxclients"));
            assertEquals("100", all.get("replica-priority"));
            assertEquals("100", all.get("slave-priority"));
            assertEquals("50 99 99.9", all.get("latency-tracking-info-percentiles"));
            assertTrue(!all.containsKey("use-exit-on-panic"), "hidden parameters need their exact name");
        }
        try (RawResp c = raw()) {
            assertEquals("*[$use-exit-on-panic, $no]", c.call("CONFIG", "GET", "use-exit-on-panic"));
            assertEquals(
                    "*[$MAXMEMORY, $0]", c.call("CONFIG", "GET", "MAXMEMORY"), "an exact name comes back as typed");
            assertEquals("*[$maxmemory, $0]", c.call("CONFIG", "GET", "maxmemory", "maxmemory"));
            assertEquals("*[$hash-max-listpack-entries, $512]", c.call("CONFIG", "GET", "HASH-MAX-LISTPACK-E*"));
            assertEquals("*[]", c.call("CONFIG", "GET", "nosuch"));
        }
    }

    @Test
    void setReachesNameAndAliasAndCanonicalisesValues() {
        try (Jedis jedis = new Jedis(kv().getHostString(), kv().getPort())) {
            assertEquals("OK", jedis.configSet("hash-max-ziplist-value", "16"));
            assertEquals("16", jedis.configGet("hash-max-listpack-value").get("hash-max-listpack-value"));
            assertEquals("OK", jedis.configSet("hash-max-listpack-value", "1kb"));
            assertEquals("1024", jedis.configGet("hash-max-ziplist-value").get("hash-max-ziplist-value"));
            assertEquals("OK", jedis.configSet("activerehashing", "NO"));
            assertEquals("no", jedis.configGet("activerehashing").get("activerehashing"));
            assertEquals("OK", jedis.configSet("loglevel", "WARNING"));
            assertEquals("warning", jedis.configGet("loglevel").get("loglevel"));
            assertEquals("OK", jedis.configSet("maxmemory-clients", "10%"));
            assertEquals("10%", jedis.configGet("maxmemory-clients").get("maxmemory-clients"));
            assertEquals("OK", jedis.configSet("save", "3600 1 300 100"));
            assertEquals("3600 1 300 100", jedis.configGet("save").get("save"));
            assertEquals("OK", jedis.configSet("shutdown-on-sigint", "nosave now"));
            assertEquals("nosave now", jedis.configGet("shutdown-on-sigint").get("shutdown-on-sigint"));
            assertEquals("OK", jedis.configSet("hz", "1000"));
            assertEquals("500", jedis.configGet("hz").get("hz"), "Redis clamps hz to 1..500");
        }
        RedisClient client = RedisClient.create(RedisURI.create(kv().getHostString(), kv().getPort()));
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            assertEquals(
                    "OK", c.sync().configSet(Map.of("zset-max-ziplist-entries", "7", "set-max-intset-entries", "9")));
            assertEquals("7", c.sync().configGet("zset-max-listpack-entries").get("zset-max-listpack-entries"));
            assertEquals("9", c.sync().configGet("set-max-intset-entries").get("set-max-intset-entries"));
        } finally {
            client.shutdown();
        }
    }

    @Test
    void badNamesAndValuesGetRedisErrorsAndChangeNothing() {
        try (RawResp c = raw()) {
            assertEquals(
                    "-ERR Unknown option or number of arguments for CONFIG SET - 'xyz'",
                    c.call("CONFIG", "SET", "xyz", "1"));
            assertEquals(fail("daemonize", "can't set immutable config"), c.call("CONFIG", "SET", "daemonize", "yes"));
            assertEquals(
                    fail("Daemonize", "can't set immutable config"),
                    c.call("CONFIG", "SET", "Daemonize", "yes"),
                    "immutable: the name as typed");
            assertEquals(fail("dir", "can't set protected config"), c.call("CONFIG", "SET", "dir", "/tmp"));
            assertEquals(
                    fail("hash-max-ziplist-entries", "argument couldn't be parsed into an integer"),
                    c.call("CONFIG", "SET", "HASH-MAX-ZIPLIST-ENTRIES", "abc"),
                    "a bad value: the registered spelling");
            assertEquals(
                    fail("timeout", "argument couldn't be parsed into an integer"),
                    c.call("CONFIG", "SET", "timeout", "007"));
            assertEquals(
                    fail("hash-max-listpack-entries", "argument must be between 0 and 9223372036854775807 inclusive"),
                    c.call("CONFIG", "SET", "hash-max-listpack-entries", "-1"));
            assertEquals(
                    fail("hash-max-listpack-value", "argument must be a memory value"),
                    c.call("CONFIG", "SET", "hash-max-listpack-value", "-1"));
            assertEquals(
                    fail("maxclients", "argument must be between 1 and 4294967295 inclusive"),
                    c.call("CONFIG", "SET", "maxclients", "0"));
            assertEquals(
                    fail("proto-max-bulk-len", "argument must be between 1048576 and 9223372036854775807 inclusive"),
                    c.call("CONFIG", "SET", "proto-max-bulk-len", "10"));
            assertEquals(
                    fail("activerehashing", "argument must be 'yes' or 'no'"),
                    c.call("CONFIG", "SET", "activerehashing", "maybe"));
            assertEquals(
                    fail(
                            "loglevel",
                            "argument(s) must be one of the following: debug, verbose, notice, warning, nothing"),
                    c.call("CONFIG", "SET", "loglevel", "loud"));
            assertEquals(
                    fail("maxmemory-clients", "percentage argument must be less or equal to 100"),
                    c.call("CONFIG", "SET", "maxmemory-clients", "200%"));
            assertEquals(
                    fail("maxmemory-clients", "argument must be a memory or percent value"),
                    c.call("CONFIG", "SET", "maxmemory-clients", "abc"));
            assertEquals(fail("save", "Invalid save parameters"), c.call("CONFIG", "SET", "save", "3600 1 300"));
            assertEquals(
                    fail("oom-score-adj-values", "wrong number of arguments"),
                    c.call("CONFIG", "SET", "oom-score-adj-values", "1 2"));
            assertEquals(
                    fail("latency-tracking-info-percentiles", "Invalid latency-tracking-info-percentiles parameters"),
                    c.call("CONFIG", "SET", "latency-tracking-info-percentiles", "abc"));
            assertEquals(
                    fail("notify-keyspace-events", "Invalid event class character. Use 'Ag$lshzxeKEtmdn'."),
                    c.call("CONFIG", "SET", "notify-keyspace-events", "Q"));
            assertEquals(
                    fail("unixsocketperm", "can't set immutable config"),
                    c.call("CONFIG", "SET", "unixsocketperm", "700"));
            assertEquals(
                    "-ERR wrong number of arguments for 'config|set' command", c.call("CONFIG", "SET", "maxmemory"));
            assertEquals("-ERR syntax error", c.call("CONFIG", "SET", "maxmemory", "1", "maxmemory"));
            assertEquals("*[$timeout, $0]", c.call("CONFIG", "GET", "timeout"));
            assertEquals("*[$maxclients, $10000]", c.call("CONFIG", "GET", "maxclients"));
        }
    }

    @Test
    void severalPairsApplyAllOrNothing() {
        try (RawResp c = raw()) {
            assertEquals("+OK", c.call("CONFIG", "SET", "maxmemory", "10mb", "hash-max-listpack-entries", "3"));
            assertEquals("*[$maxmemory, $10485760]", c.call("CONFIG", "GET", "maxmemory"));
            assertEquals(
                    "-ERR Unknown option or number of arguments for CONFIG SET - 'xyz'",
                    c.call("CONFIG", "SET", "maxmemory", "1", "xyz", "2"));
            assertEquals(
                    fail("daemonize", "can't set immutable config"),
                    c.call("CONFIG", "SET", "daemonize", "yes", "xyz", "1"),
                    "the first bad name decides");
            assertEquals(
                    fail("maxmemory", "duplicate parameter"),
                    c.call("CONFIG", "SET", "maxmemory", "1", "maxmemory", "2"));
            assertEquals(
                    fail("hash-max-listpack-entries", "duplicate parameter"),
                    c.call("CONFIG", "SET", "hash-max-ziplist-entries", "1", "hash-max-listpack-entries", "2"));
            assertEquals(
                    fail("timeout", "argument couldn't be parsed into an integer"),
                    c.call("CONFIG", "SET", "maxmemory", "1", "hash-max-listpack-entries", "9", "timeout", "x"));
            assertEquals(
                    "*[$maxmemory, $10485760]",
                    c.call("CONFIG", "GET", "maxmemory"),
                    "nothing of a failed SET applies");
            assertEquals("*[$hash-max-listpack-entries, $3]", c.call("CONFIG", "GET", "hash-max-listpack-entries"));
            assertEquals("+OK", c.call("CONFIG", "SET", "maxmemory", "0"));
        }
    }

    @Test
    void lfuLogFactorAndDecayTimeDriveTheAccessCounter() {
        try (RawResp c = raw()) {
            assertEquals("+OK", c.call("CONFIG", "SET", "maxmemory-policy", "allkeys-lfu", "lfu-log-factor", "0"));
            c.call("SET", "k", "v");
            assertEquals(":5", c.call("OBJECT", "FREQ", "k"), "LFU_INIT_VAL");
            for (int i = 0; i < 3; i++) {
                c.call("GET", "k");
            }
            assertEquals(":8", c.call("OBJECT", "FREQ", "k"), "a log factor of 0 counts every access");
            clock.advance(Duration.ofMinutes(3));
            assertEquals(":5", c.call("OBJECT", "FREQ", "k"), "lfu-decay-time 1: one less per idle minute");
            assertEquals("+OK", c.call("CONFIG", "SET", "lfu-decay-time", "2"));
            assertEquals(":7", c.call("OBJECT", "FREQ", "k"));
            assertEquals("+OK", c.call("CONFIG", "SET", "lfu-decay-time", "0"));
            assertEquals(":8", c.call("OBJECT", "FREQ", "k"), "0: no decay");
        }
    }

    @Test
    void resetstatAndRewriteAnswerAsRedisWithoutAConfigFile() {
        try (RawResp c = raw()) {
            c.call("SET", "k", "v");
            c.call("GET", "k");
            assertTrue(c.call("INFO", "stats").contains("keyspace_hits:1"));
            assertEquals("+OK", c.call("CONFIG", "RESETSTAT"));
            assertTrue(c.call("INFO", "stats").contains("keyspace_hits:0"));
            assertEquals("-ERR The server is running without a config file", c.call("CONFIG", "REWRITE"));
        }
    }
}
