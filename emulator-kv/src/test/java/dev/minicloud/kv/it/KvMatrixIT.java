package dev.minicloud.kv.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MutableClock;
import dev.minicloud.junit.MiniCloudExtension;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One specification per command family, run through the real wire with every client of the
 * {@link KvClients} matrix (Jedis and Lettuce, RESP2, RESP3 and their default handshakes).
 */
class KvMatrixIT {
    static final MutableClock CLOCK = MutableClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));

    @RegisterExtension
    static final MiniCloudExtension CLOUD =
            MiniCloudExtension.builder().services("kv").clock(CLOCK).build();

    private static InetSocketAddress kv() {
        return CLOUD.getMiniCloud().address("kv").orElseThrow();
    }

    private static String key(String what) {
        return what + ":" + UUID.randomUUID();
    }

    @ParameterizedTest
    @EnumSource(KvClients.class)
    void stringsRoundTripWithCountersAndFloats(KvClients kind) {
        try (KvClient c = kind.open(kv())) {
            String k = key("s");
            assertEquals("OK", c.set(k, "héllo\u0000bytes"));
            assertEquals("héllo\u0000bytes", c.get(k));
            assertNull(c.get(key("missing")));
            String n = key("n");
            assertEquals(1, c.incr(n));
            assertEquals(2, c.incr(n));
            assertEquals(3.5, c.incrByFloat(n, 1.5));
            assertEquals(2, c.del(k, n, key("none")));
        }
    }

    @ParameterizedTest
    @EnumSource(KvClients.class)
    void errorsCarryRedisExactText(KvClients kind) {
        try (KvClient c = kind.open(kv())) {
            String list = key("l");
            c.lpush(list, "x");
            assertEquals("WRONGTYPE Operation against a key holding the wrong kind of value", c.error("GET", list));
            String s = key("s");
            c.set(s, "abc");
            assertEquals("ERR value is not an integer or out of range", c.error("INCR", s));
            assertEquals("ERR wrong number of arguments for 'get' command", c.error("GET"));
            assertEquals("ERR syntax error", c.error("SET", s, "v", "NX", "XX"));
            assertEquals(
                    "ERR unknown command 'XFROBNICATE', with args beginning with: 'return 1' '0' ",
                    c.error("XFROBNICATE", "return 1", "0"));
            assertEquals(
                    "ERR unknown command 'XADDX', with args beginning with: 's' '*' 'a' 'b' ",
                    c.error("XADDX", "s", "*", "a", "b"));
            assertEquals("ERR unknown subcommand 'FOO'. Try CLIENT HELP.", c.error("CLIENT", "FOO"));
            assertEquals("ERR wrong number of arguments for 'client|setname' command", c.error("CLIENT", "SETNAME"));
            assertNull(c.error("PING"));
        }
    }

    @ParameterizedTest
    @EnumSource(KvClients.class)
    void expiryFollowsTheInjectedClock(KvClients kind) {
        try (KvClient c = kind.open(kv())) {
            String k = key("ttl");
            c.setEx(k, "v", 10);
            assertEquals(10, c.ttl(k));
            CLOCK.advance(Duration.ofSeconds(4));
            assertEquals(6, c.ttl(k));
            assertEquals("v", c.get(k));
            CLOCK.advance(Duration.ofSeconds(6));
            assertNull(c.get(k));
            assertEquals(-2, c.ttl(k));
            String p = key("persist");
            c.set(p, "v");
            assertEquals(-1, c.ttl(p));
            assertTrue(c.expire(p, 100));
            CLOCK.advance(Duration.ofSeconds(99));
            assertEquals("v", c.get(p));
        }
    }

    @ParameterizedTest
    @EnumSource(KvClients.class)
    void hashesListsSetsAndSortedSetsDecodeInEveryProtocol(KvClients kind) {
        try (KvClient c = kind.open(kv())) {
            String h = key("h");
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("a", "1");
            fields.put("b", "2");
            assertEquals(2, c.hset(h, fields));
            assertEquals(fields, c.hgetAll(h));
            assertEquals(Map.of(), c.hgetAll(key("none")));

            String l = key("l");
            assertEquals(3, c.lpush(l, "a", "b", "c"));
            assertEquals(List.of("c", "b", "a"), c.lrange(l, 0, -1));
            assertEquals(List.of("b"), c.lrange(l, 1, 1));

            String s = key("set");
            assertEquals(3, c.sadd(s, "x", "y", "z"));
            assertEquals(0, c.sadd(s, "x"));
            assertEquals(Set.of("x", "y", "z"), c.smembers(s));

            String z = key("z");
            c.zadd(z, 2.5, "b");
            c.zadd(z, 1, "a");
            c.zadd(z, Double.POSITIVE_INFINITY, "inf");
            assertEquals(2.5, c.zscore(z, "b"));
            assertNull(c.zscore(z, "nope"));
            Map<String, Double> expected = new LinkedHashMap<>();
            expected.put("a", 1.0);
            expected.put("b", 2.5);
            expected.put("inf", Double.POSITIVE_INFINITY);
            assertEquals(expected, c.zrangeWithScores(z, 0, -1));
        }
    }

    @ParameterizedTest
    @EnumSource(KvClients.class)
    void hyperLogLogCountsDistinctElements(KvClients kind) {
        try (KvClient c = kind.open(kv())) {
            String k = key("hll");
            assertEquals(1, c.pfadd(k, "a", "b", "c"));
            assertEquals(0, c.pfadd(k, "a"));
            assertEquals(3, c.pfcount(k));
        }
    }

    @ParameterizedTest
    @EnumSource(KvClients.class)
    void watchedKeyTouchedByAnotherConnectionAbortsExec(KvClients kind) {
        try (KvClient c = kind.open(kv());
                KvClient other = kind.open(kv())) {
            String k = key("w");
            c.set(k, "start");
            assertNull(c.watchedSet(k, "mine", () -> other.set(k, "theirs")));
            assertEquals("theirs", c.get(k));
            List<Object> ok = c.watchedSet(k, "mine", () -> {});
            assertNotNull(ok);
            assertEquals(1, ok.size());
            assertEquals("mine", c.get(k));
        }
    }

    @ParameterizedTest
    @EnumSource(KvClients.class)
    void blockingPopIsServedByAPushFromAnotherConnection(KvClients kind) throws Exception {
        try (KvClient waiter = kind.open(kv());
                KvClient pusher = kind.open(kv())) {
            String k = key("q");
            CompletableFuture<List<String>> popped = CompletableFuture.supplyAsync(() -> waiter.blpop(0, k));
            // push only once the waiter is parked, so the test covers the wake-up path
            awaitBlocked(pusher, 1);
            pusher.lpush(k, "job");
            assertEquals(List.of(k, "job"), popped.get(10, TimeUnit.SECONDS));
            assertNull(waiter.blpop(0.05, key("empty")));
        }
    }

    @org.junit.jupiter.api.Test
    void legacyJedisConnectsWithoutAnyHandshake() {
        InetSocketAddress a = kv();
        try (redis.clients.jedis.Jedis jedis = new redis.clients.jedis.Jedis(a.getHostString(), a.getPort())) {
            String k = key("legacy");
            assertEquals("OK", jedis.set(k, "v"));
            assertEquals("v", jedis.get(k));
            String me = jedis.clientInfo();
            assertTrue(me.contains("resp=2") && me.contains("lib-name= "), me);
        }
    }

    /** Waits (bounded) until the server reports {@code n} blocked clients. */
    static void awaitBlocked(KvClient c, int n) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!c.info("clients").contains("blocked_clients:" + n + "\r\n")) {
            assertTrue(System.nanoTime() < end, "no client blocked");
            Thread.onSpinWait();
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = KvClients.class,
            names = {"JEDIS_DEFAULT", "LETTUCE_DEFAULT"})
    void defaultHandshakesSucceedAndRegisterTheLibrary(KvClients kind) {
        try (KvClient c = kind.open(kv())) {
            assertTrue(c.info("server").contains("redis_version:7."), "INFO server");
            String list = c.clientList();
            assertTrue(list.contains("resp=3"), list);
            assertTrue(list.matches("(?s).*lib-name=(jedis|Lettuce).*"), list);
        }
    }
}
