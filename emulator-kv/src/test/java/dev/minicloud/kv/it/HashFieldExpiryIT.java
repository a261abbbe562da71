package dev.minicloud.kv.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MutableClock;
import dev.minicloud.junit.MiniCloudExtension;
import dev.minicloud.kv.KvService;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.HGetExParams;
import redis.clients.jedis.params.HSetExParams;

/**
 * Hash field expiration (Redis 7.4) and HGETDEL/HGETEX/HSETEX (Redis 8.0) over the wire: exact reply
 * codes and errors through a raw socket, the client APIs of Jedis and Lettuce, and expiry by the
 * injected clock, lazily on access and actively by the cron (never by sleeping).
 */
class HashFieldExpiryIT {
    static final MutableClock CLOCK = MutableClock.startingAt(Instant.parse("2026-06-01T00:00:00Z"));

    @RegisterExtension
    static MiniCloudExtension cloud =
            MiniCloudExtension.builder().services("kv").clock(CLOCK).build();

    private static String key() {
        return "h-" + UUID.randomUUID();
    }

    private static InetSocketAddress address() {
        return cloud.getMiniCloud().address("kv").orElseThrow();
    }

    private static void cron() {
        cloud.getMiniCloud().service(KvService.class).orElseThrow().engine().runCron();
    }

    @Test
    void replyCodesFollowRedis() {
        String k = key();
        try (RawResp c = RawResp.toKv(cloud)) {
            assertEquals("*[:-2, :-2]", c.call("HEXPIRE", k, "10", "FIELDS", "2", "a", "b"), "no key: -2 per field");
            c.call("HSET", k, "a", "1", "b", "2", "c", "3");
            assertEquals("*[:1, :-2]", c.call("HEXPIRE", k, "100", "FIELDS", "2", "a", "zz"));
            assertEquals("*[:0, :1]", c.call("HEXPIRE", k, "200", "NX", "FIELDS", "2", "a", "b"));
            assertEquals("*[:1, :0]", c.call("HEXPIRE", k, "300", "XX", "FIELDS", "2", "a", "c"));
            assertEquals(
                    "*[:0, :0]",
                    c.call("HEXPIRE", k, "50", "GT", "FIELDS", "2", "a", "c"),
                    "GT: a has 300 s, c has none (infinite)");
            assertEquals("*[:1, :1]", c.call("HEXPIRE", k, "50", "LT", "FIELDS", "2", "a", "c"));
            assertEquals("*[:50, :200, :50, :-2]", c.call("HTTL", k, "FIELDS", "4", "a", "b", "c", "nope"));
            c.call("HSET", k, "d", "4");
            assertEquals("*[:-1]", c.call("HTTL", k, "FIELDS", "1", "d"), "no TTL: -1");
        }
    }

    @Test
    void ttlsAreReportedAndPersistedAndFieldsDeletedByAPastTime() {
        String k = key();
        try (RawResp c = RawResp.toKv(cloud)) {
            c.call("HSET", k, "a", "1", "b", "2", "c", "3");
            long now = CLOCK.millis();
            assertEquals("*[:1]", c.call("HPEXPIRE", k, "1500", "FIELDS", "1", "a"));
            assertEquals("*[:1500]", c.call("HPTTL", k, "FIELDS", "1", "a"));
            assertEquals("*[:2]", c.call("HTTL", k, "FIELDS", "1", "a"), "1.5 s rounds up");
            assertEquals("*[:" + (now + 1500) + "]", c.call("HPEXPIRETIME", k, "FIELDS", "1", "a"));
            assertEquals("*[:1]", c.call("HEXPIREAT", k, String.valueOf(now / 1000 + 60), "FIELDS", "1", "b"));
            assertEquals("*[:" + (now / 1000 + 60) + "]", c.call("HEXPIRETIME", k, "FIELDS", "1", "b"));
            assertEquals("*[:1, :-1, :-2]", c.call("HPERSIST", k, "FIELDS", "3", "a", "c", "zz"));
            assertEquals("*[:-1]", c.call("HTTL", k, "FIELDS", "1", "a"));
            assertEquals("*[:2]", c.call("HEXPIRE", k, "0", "FIELDS", "1", "c"), "0 s: deleted");
            assertEquals("*[:2]", c.call("HPEXPIREAT", k, String.valueOf(now - 1), "FIELDS", "1", "a"));
            assertEquals(":1", c.call("HLEN", k));
            // HSET replaces a field and its TTL; HINCRBY alters the value and keeps it.
            c.call("HSET", k, "n", "1", "m", "1");
            c.call("HEXPIRE", k, "100", "FIELDS", "2", "n", "m");
            c.call("HSET", k, "n", "2");
            c.call("HINCRBY", k, "m", "5");
            assertEquals("*[:-1, :100]", c.call("HTTL", k, "FIELDS", "2", "n", "m"));
            assertEquals("$listpackex", c.call("OBJECT", "ENCODING", k));
        }
    }

    @Test
    void fieldsExpireLazilyOnAccessAndActivelyByTheCron() {
        String lazy = key();
        String active = key();
        try (RawResp c = RawResp.toKv(cloud)) {
            c.call("HSET", lazy, "gone", "x", "stays", "y");
            c.call("HEXPIRE", lazy, "10", "FIELDS", "1", "gone");
            c.call("HSET", active, "only", "z");
            c.call("HEXPIRE", active, "10", "FIELDS", "1", "only");
            assertEquals(":1", c.call("EXISTS", active));
            CLOCK.advance(Duration.ofSeconds(11));
            assertEquals("$-1", c.call("HGET", lazy, "gone"));
            assertEquals("*[$stays, $y]", c.call("HGETALL", lazy));
            cron();
            assertEquals(":0", c.call("EXISTS", active), "the last field expired: the key is gone");
            Matcher subkeys = Pattern.compile("expired_subkeys:(\\d+)").matcher(c.call("INFO", "stats"));
            assertTrue(subkeys.find() && Long.parseLong(subkeys.group(1)) >= 2, "INFO counts the expired fields");
        }
    }

    @Test
    void expiryIsNotifiedAsRedisDoes() throws Exception {
        String k = key();
        try (RawResp c = RawResp.toKv(cloud);
                RawResp sub = RawResp.toKv(cloud)) {
            c.call("CONFIG", "SET", "notify-keyspace-events", "Kgh");
            try {
                sub.call("SUBSCRIBE", "__keyspace@0__:" + k);
                c.call("HSET", k, "f", "v");
                assertEquals("*[$message, $__keyspace@0__:" + k + ", $hset]", sub.read());
                c.call("HEXPIRE", k, "5", "FIELDS", "1", "f");
                assertEquals("*[$message, $__keyspace@0__:" + k + ", $hexpire]", sub.read());
                CLOCK.advance(Duration.ofSeconds(6));
                cron();
                assertEquals("*[$message, $__keyspace@0__:" + k + ", $hexpired]", sub.read());
                assertEquals("*[$message, $__keyspace@0__:" + k + ", $del]", sub.read());
            } finally {
                c.call("CONFIG", "SET", "notify-keyspace-events", "");
            }
        }
    }

    @Test
    void badArgumentsGetRedisErrorsAndChangeNothing() {
        String k = key();
        try (RawResp c = RawResp.toKv(cloud)) {
            c.call("HSET", k, "a", "1");
            assertEquals(
                    "-ERR Mandatory argument FIELDS is missing or not at the right position",
                    c.call("HEXPIRE", k, "10", "FIELD", "1", "a"));
            assertEquals(
                    "-ERR Parameter `numFields` should be greater than 0",
                    c.call("HEXPIRE", k, "10", "FIELDS", "0", "a"));
            assertEquals(
                    "-ERR The `numfields` parameter must match the number of arguments",
                    c.call("HEXPIRE", k, "10", "FIELDS", "2", "a"));
            assertEquals("-ERR invalid expire time, must be >= 0", c.call("HEXPIRE", k, "-1", "FIELDS", "1", "a"));
            assertEquals(
                    "-ERR invalid expire time in 'hexpire' command",
                    c.call("HEXPIRE", k, String.valueOf(1L << 40), "FIELDS", "1", "a"));
            assertEquals(
                    "-ERR value is not an integer or out of range", c.call("HEXPIRE", k, "soon", "FIELDS", "1", "a"));
            assertEquals("-ERR Number of fields must be a positive integer", c.call("HGETDEL", k, "FIELDS", "x", "a"));
            assertEquals(
                    "-ERR Only one of EX, PX, EXAT, PXAT or PERSIST arguments can be specified",
                    c.call("HGETEX", k, "EX", "1", "PERSIST", "FIELDS", "1", "a"));
            assertEquals(
                    "-ERR Only one of FXX or FNX arguments can be specified",
                    c.call("HSETEX", k, "FNX", "FXX", "FIELDS", "1", "a", "2"));
            assertEquals(
                    "-ERR Only one of EX, PX, EXAT, PXAT or KEEPTTL arguments can be specified",
                    c.call("HSETEX", k, "EX", "5", "KEEPTTL", "FIELDS", "1", "a", "2"));
            c.call("SET", k + "-string", "x");
            assertEquals(
                    "-WRONGTYPE Operation against a key holding the wrong kind of value",
                    c.call("HTTL", k + "-string", "FIELDS", "1", "a"));
            assertEquals("*[$a, $1]", c.call("HGETALL", k));
            assertEquals("*[:-1]", c.call("HTTL", k, "FIELDS", "1", "a"));
        }
    }

    @Test
    void jedisUsesTheFieldCommands() {
        String k = key();
        try (Jedis jedis = new Jedis(address().getHostString(), address().getPort())) {
            jedis.hset(k, Map.of("a", "1", "b", "2", "c", "3"));
            assertEquals(List.of(1L, 1L), jedis.hexpire(k, 60, "a", "b"));
            assertEquals(List.of(60L, 60L, -1L), jedis.httl(k, "a", "b", "c"));
            assertEquals(List.of(1L), jedis.hpersist(k, "b"));
            assertEquals(List.of("3"), jedis.hgetdel(k, "c"));
            assertNull(jedis.hget(k, "c"));
            assertEquals(
                    List.of("1", "2"),
                    jedis.hgetex(k, HGetExParams.hGetExParams().ex(30), "a", "b"));
            assertEquals(List.of(30L, 30L), jedis.httl(k, "a", "b"));
            assertEquals(
                    0L,
                    jedis.hsetex(k, HSetExParams.hSetExParams().fnx().ex(10), Map.of("a", "x", "d", "4")),
                    "FNX: a exists, nothing is set");
            assertEquals(1L, jedis.hsetex(k, HSetExParams.hSetExParams().fnx().ex(10), Map.of("d", "4", "e", "5")));
            assertEquals(List.of(10L, 10L), jedis.httl(k, "d", "e"));
            assertEquals(1L, jedis.hsetex(k, HSetExParams.hSetExParams().keepTtl(), Map.of("d", "44")));
            assertEquals(List.of(10L), jedis.httl(k, "d"));
            assertEquals("44", jedis.hget(k, "d"));
            CLOCK.advance(Duration.ofSeconds(11));
            assertEquals(Map.of("a", "1", "b", "2"), jedis.hgetAll(k));
        }
    }

    @Test
    void lettuceUsesTheFieldCommands() {
        String k = key();
        RedisClient client = RedisClient.create(
                RedisURI.create(address().getHostString(), address().getPort()));
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            c.sync().hset(k, Map.of("a", "1", "b", "2"));
            assertEquals(List.of(1L), c.sync().hpexpire(k, 2500, "a"));
            assertEquals(List.of(2500L, -1L), c.sync().hpttl(k, "a", "b"));
            assertEquals(List.of(-2L), c.sync().httl(k, "nope"));
            CLOCK.advance(Duration.ofSeconds(3));
            assertEquals(Map.of("b", "2"), c.sync().hgetall(k));
        } finally {
            client.shutdown();
        }
    }
}
