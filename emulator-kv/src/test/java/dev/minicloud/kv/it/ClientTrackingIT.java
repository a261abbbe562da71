package dev.minicloud.kv.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.junit.MiniCloudExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.support.caching.CacheAccessor;
import io.lettuce.core.support.caching.CacheFrontend;
import io.lettuce.core.support.caching.ClientSideCaching;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.csc.CacheConfig;

/**
 * CLIENT TRACKING as Redis 7 serves it: RESP3 invalidation pushes, the RESP2 {@code __redis__:invalidate}
 * channel through REDIRECT, BCAST prefixes, OPTIN/OPTOUT with CLIENT CACHING, NOLOOP, and the
 * client-side caches of Lettuce ({@code ClientSideCaching}) and Jedis ({@code CacheConfig}) on top.
 */
class ClientTrackingIT {
    @RegisterExtension
    static final MiniCloudExtension CLOUD =
            MiniCloudExtension.builder().services("kv").build();
    /** Reset before each test: the keyspace, the script cache and the function libraries start empty. */
    @RegisterExtension
    final ResetKv kv = new ResetKv(CLOUD);

    @Test
    void aWriteToAReadKeySendsOneInvalidatePushAndFlushSendsNull() {
        try (RawResp tracker = new RawResp(kv.address());
                RawResp writer = new RawResp(kv.address())) {
            tracker.call("HELLO", "3");
            assertEquals("+OK", tracker.call("CLIENT", "TRACKING", "on"));
            assertEquals("_", tracker.call("GET", "k"));
            assertEquals("*[_, _]", tracker.call("MGET", "k", "k2"));
            assertEquals("+OK", writer.call("SET", "k", "1"));
            assertEquals(">[$invalidate, *[$k]]", tracker.read());
            // k is no longer tracked (one message per read), k2 still is
            assertEquals("+OK", writer.call("MSET", "k2", "1", "k", "2"));
            assertEquals(">[$invalidate, *[$k2]]", tracker.read());
            assertEquals("$2", tracker.call("GET", "k"));
            assertEquals("+OK", writer.call("FLUSHALL"));
            assertEquals(">[$invalidate, _]", tracker.read());
            assertEquals(":-1", writer.call("CLIENT", "GETREDIR"));
            assertEquals(":0", tracker.call("CLIENT", "GETREDIR"));
        }
    }

    @Test
    void theClientsOwnWriteIsInvalidatedAfterItsReplyUnlessNoloop() {
        try (RawResp c = new RawResp(kv.address())) {
            c.call("HELLO", "3");
            c.call("CLIENT", "TRACKING", "on");
            c.call("GET", "k");
            assertEquals("+OK", c.call("SET", "k", "v"));
            assertEquals(">[$invalidate, *[$k]]", c.read());
            c.call("CLIENT", "TRACKING", "on", "NOLOOP");
            c.call("GET", "k");
            assertEquals("+OK", c.call("SET", "k", "w"));
            assertEquals("+PONG", c.call("PING"));
        }
    }

    @Test
    void resp2RedirectDeliversOnTheInvalidateChannel() {
        try (RawResp subscriber = new RawResp(kv.address());
                RawResp tracker = new RawResp(kv.address());
                RawResp writer = new RawResp(kv.address())) {
            String id = subscriber.call("CLIENT", "ID").substring(1);
            assertEquals(
                    "*[$subscribe, $__redis__:invalidate, :1]", subscriber.call("SUBSCRIBE", "__redis__:invalidate"));
            assertEquals("+OK", tracker.call("CLIENT", "TRACKING", "on", "REDIRECT", id));
            assertEquals(
                    "*[$flags, *[$on], $redirect, :" + id + ", $prefixes, *[]]",
                    tracker.call("CLIENT", "TRACKINGINFO"));
            tracker.call("GET", "k");
            writer.call("SET", "k", "1");
            assertEquals("*[$message, $__redis__:invalidate, *[$k]]", subscriber.read());
            writer.call("FLUSHDB");
            assertEquals("*[$message, $__redis__:invalidate, $-1]", subscriber.read());
            assertEquals(":" + id, tracker.call("CLIENT", "GETREDIR"));
        }
    }

    @Test
    void aRedirectTargetThatLeftIsReportedAsBroken() {
        try (RawResp tracker = new RawResp(kv.address());
                RawResp writer = new RawResp(kv.address())) {
            String id;
            try (RawResp target = new RawResp(kv.address())) {
                id = target.call("CLIENT", "ID").substring(1);
                tracker.call("CLIENT", "TRACKING", "on", "REDIRECT", id);
            }
            awaitClients(writer, 2);
            tracker.call("HELLO", "3");
            tracker.call("GET", "k");
            writer.call("SET", "k", "1");
            assertEquals(">[$tracking-redir-broken, :" + id + "]", tracker.read());
            assertEquals(
                    "%[$flags, ~[$on, $broken_redirect], $redirect, :" + id + ", $prefixes, *[]]",
                    tracker.call("CLIENT", "TRACKINGINFO"));
        }
    }

    @Test
    void broadcastSendsEveryWriteUnderAPrefixWithoutReads() {
        try (RawResp tracker = new RawResp(kv.address());
                RawResp writer = new RawResp(kv.address())) {
            tracker.call("HELLO", "3");
            assertEquals("+OK", tracker.call("CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "user:", "PREFIX", "cfg:"));
            writer.call("MSET", "user:1", "a", "other", "b", "user:2", "c");
            assertEquals(">[$invalidate, *[$user:1, $user:2]]", tracker.read());
            writer.call("SET", "cfg:x", "1");
            assertEquals(">[$invalidate, *[$cfg:x]]", tracker.read());
            assertEquals(
                    "%[$flags, ~[$on, $bcast], $redirect, :0, $prefixes, *[$cfg:, $user:]]",
                    tracker.call("CLIENT", "TRACKINGINFO"));
            assertEquals(
                    "-ERR Prefix 'user:a' overlaps with an existing prefix 'user:'. Prefixes for a single client must not overlap.",
                    tracker.call("CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "user:a"));
        }
    }

    @Test
    void optinTracksOnlyTheCommandAfterCachingYes() {
        try (RawResp tracker = new RawResp(kv.address());
                RawResp writer = new RawResp(kv.address())) {
            tracker.call("HELLO", "3");
            tracker.call("CLIENT", "TRACKING", "on", "OPTIN");
            tracker.call("GET", "untracked");
            assertEquals("+OK", tracker.call("CLIENT", "CACHING", "yes"));
            assertEquals(
                    "%[$flags, ~[$on, $optin, $caching-yes], $redirect, :0, $prefixes, *[]]",
                    tracker.call("CLIENT", "TRACKINGINFO"));
            tracker.call("GET", "tracked"); // CLIENT commands keep the flag, as in Redis
            tracker.call("GET", "untracked"); // the GET before used it up
            writer.call("SET", "untracked", "1");
            writer.call("SET", "tracked", "1");
            assertEquals(">[$invalidate, *[$tracked]]", tracker.read());
            assertEquals(
                    "-ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.",
                    tracker.call("CLIENT", "CACHING", "no"));
        }
    }

    @Test
    void badTrackingOptionsGetRedisErrors() {
        try (RawResp c = new RawResp(kv.address())) {
            assertEquals("%[$flags, ~[$off], $redirect, :-1, $prefixes, *[]]", helloAnd(c, "CLIENT", "TRACKINGINFO"));
            assertEquals(
                    "-ERR You can't specify both OPTIN mode and OPTOUT mode",
                    c.call("CLIENT", "TRACKING", "on", "optin", "optout"));
            assertEquals(
                    "-ERR PREFIX option requires BCAST mode to be enabled",
                    c.call("CLIENT", "TRACKING", "on", "prefix", "a"));
            assertEquals(
                    "-ERR The client ID you want redirect to does not exist",
                    c.call("CLIENT", "TRACKING", "on", "redirect", "999"));
            assertEquals(
                    "-ERR value is not an integer or out of range",
                    c.call("CLIENT", "TRACKING", "on", "redirect", "x"));
            assertEquals("-ERR syntax error", c.call("CLIENT", "TRACKING", "foo"));
            assertEquals(
                    "-ERR OPTIN and OPTOUT are not compatible with BCAST",
                    c.call("CLIENT", "TRACKING", "on", "bcast", "optin"));
            assertEquals(
                    "-ERR Prefix 'a' overlaps with another provided prefix 'ab'. Prefixes for a single client must not overlap.",
                    c.call("CLIENT", "TRACKING", "on", "bcast", "prefix", "a", "prefix", "ab"));
            assertEquals(
                    "-ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or OPTOUT mode enabled",
                    c.call("CLIENT", "CACHING", "yes"));
            assertEquals("+OK", c.call("CLIENT", "TRACKING", "on", "optin"));
            assertEquals(
                    "-ERR You can't switch BCAST mode on/off before disabling tracking for this client, and then re-enabling it with a different mode.",
                    c.call("CLIENT", "TRACKING", "on", "bcast"));
            assertEquals(
                    "-ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this client, and then re-enabling it with a different mode.",
                    c.call("CLIENT", "TRACKING", "on", "optout"));
            assertTrue(c.call("CLIENT", "INFO").contains(" flags=t "));
            assertEquals("+OK", c.call("CLIENT", "TRACKING", "off"));
            assertEquals(":-1", c.call("CLIENT", "GETREDIR"));
        }
    }

    @Test
    void invalidationsReachAClientWithRepliesOffAndResetEndsTracking() {
        try (RawResp tracker = new RawResp(kv.address());
                RawResp writer = new RawResp(kv.address())) {
            tracker.call("HELLO", "3");
            tracker.call("CLIENT", "TRACKING", "on");
            tracker.call("GET", "k");
            tracker.send(RawResp.encode("CLIENT", "REPLY", "OFF"));
            tracker.send(RawResp.encode("SET", "k", "mine"));
            assertEquals(">[$invalidate, *[$k]]", tracker.read()); // a push, not a reply
            assertEquals("+OK", tracker.call("CLIENT", "REPLY", "ON"));
            assertEquals("+RESET", tracker.call("RESET"));
            assertEquals(":-1", tracker.call("CLIENT", "GETREDIR"));
            tracker.call("HELLO", "3");
            tracker.call("GET", "k");
            writer.call("SET", "k", "theirs");
            assertEquals("$no-msg", tracker.call("ECHO", "no-msg")); // no invalidation came before it
        }
    }

    @Test
    void aFullTrackingTableInvalidatesRandomKeysAndStaysAtItsLimit() {
        List<String> evicted = evictedFromAFullTable(42);
        assertEquals(90, evicted.size());
        assertEquals(90, new HashSet<>(evicted).size());
        // random, not oldest first: the keys read first are not simply the ones that went
        List<String> oldest = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            oldest.add("k" + i);
        }
        assertNotEquals(oldest, evicted);
        assertNotEquals(new HashSet<>(oldest), new HashSet<>(evicted));
        // the instance's seeded random decides: the same seed evicts the same keys, another seed others
        assertEquals(evicted, evictedFromAFullTable(42));
        assertNotEquals(evicted, evictedFromAFullTable(7));
    }

    /**
     * Reads k0..k99 with a 10-key tracking table; returns the keys invalidated for being evicted, in
     * order, after checking that the table held 10 keys after every read and that the 10 left are
     * still tracked (a write to one of them invalidates it).
     */
    private static List<String> evictedFromAFullTable(long seed) {
        try (MiniCloud cloud = MiniCloud.builder().services("kv").random(seed).start();
                RawResp tracker = new RawResp(cloud.address("kv").orElseThrow());
                RawResp admin = new RawResp(cloud.address("kv").orElseThrow())) {
            assertEquals("+OK", admin.call("CONFIG", "SET", "tracking-table-max-keys", "10"));
            tracker.call("HELLO", "3");
            assertEquals("+OK", tracker.call("CLIENT", "TRACKING", "on"));
            List<String> evicted = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                assertEquals("_", tracker.call("GET", "k" + i));
                if (i >= 10) { // the read's reply, then the push for the key that made room
                    String push = tracker.read();
                    assertTrue(push.matches(">\\[\\$invalidate, \\*\\[\\$k\\d+]]"), push);
                    evicted.add(push.substring(push.indexOf("*[$") + 3, push.length() - 2));
                }
                assertTrue(admin.call("INFO", "stats").contains("tracking_total_keys:" + Math.min(i + 1, 10) + "\r\n"));
            }
            for (int i = 0; i < 100; i++) {
                if (!evicted.contains("k" + i)) {
                    admin.call("SET", "k" + i, "v");
                    assertEquals(">[$invalidate, *[$k" + i + "]]", tracker.read());
                }
            }
            assertEquals("$after", tracker.call("ECHO", "after")); // nothing else was sent
            return evicted;
        }
    }

    @Test
    void keysAScriptReadsAreTrackedForItsCaller() {
        try (RawResp tracker = new RawResp(kv.address());
                RawResp writer = new RawResp(kv.address())) {
            tracker.call("HELLO", "3");
            tracker.call("CLIENT", "TRACKING", "on");
            assertEquals("_", tracker.call("EVAL", "return redis.call('GET', KEYS[1])", "1", "scripted"));
            writer.call("SET", "scripted", "1");
            assertEquals(">[$invalidate, *[$scripted]]", tracker.read());
        }
    }

    @Test
    void xreadKeysAreTrackedAfterStreamsButXreadgroupsAreNot() {
        try (RawResp tracker = new RawResp(kv.address());
                RawResp writer = new RawResp(kv.address())) {
            tracker.call("HELLO", "3");
            tracker.call("CLIENT", "TRACKING", "on");
            writer.call("XADD", "s", "1-0", "f", "v");
            assertEquals(
                    "%[$s, *[*[$1-0, *[$f, $v]]]]",
                    tracker.call("XREAD", "COUNT", "5", "STREAMS", "s", "absent", "0", "0"));
            writer.call("XADD", "s", "2-0", "f", "v");
            assertEquals(">[$invalidate, *[$s]]", tracker.read());
            writer.call("XADD", "absent", "1-0", "f", "v");
            assertEquals(">[$invalidate, *[$absent]]", tracker.read(), "a key XREAD found absent is tracked too");
            // XREADGROUP is a write command (it moves the group): redis-server does not remember its keys
            writer.call("XGROUP", "CREATE", "jobs", "g", "0", "MKSTREAM");
            writer.call("XADD", "jobs", "1-0", "f", "v");
            tracker.call("XREADGROUP", "GROUP", "g", "c", "STREAMS", "jobs", ">");
            writer.call("XADD", "jobs", "2-0", "f", "v");
            // other movable-key reads are found by their key specs too; a read-only script's own keys are not
            tracker.call("ZUNION", "2", "z1", "z2");
            tracker.call("EVAL_RO", "return 1", "1", "scriptkey");
            writer.call("SET", "scriptkey", "1");
            writer.call("ZADD", "z2", "1", "m");
            assertEquals(">[$invalidate, *[$z2]]", tracker.read(), "nothing for jobs nor scriptkey before it");
            // a blocked XREAD remembered its key when it blocked: the XADD that serves it invalidates first
            tracker.send(RawResp.encode("XREAD", "BLOCK", "0", "STREAMS", "wait", "$"));
            awaitTrue(() -> writer.call("INFO", "clients").contains("blocked_clients:1\r\n"));
            writer.call("XADD", "wait", "1-0", "f", "v");
            assertEquals(">[$invalidate, *[$wait]]", tracker.read());
            assertEquals("%[$wait, *[*[$1-0, *[$f, $v]]]]", tracker.read());
        }
    }

    @Test
    void lettuceClientSideCachingDropsAnInvalidatedValue() throws Exception {
        RedisClient client = RedisClient.create(
                RedisURI.create(kv.address().getHostString(), kv.address().getPort()));
        try (StatefulRedisConnection<String, String> cached = client.connect();
                StatefulRedisConnection<String, String> other = client.connect()) {
            Map<String, String> store = new ConcurrentHashMap<>();
            CacheFrontend<String, String> frontend =
                    ClientSideCaching.enable(CacheAccessor.forMap(store), cached, TrackingArgs.Builder.enabled());
            other.sync().set("greeting", "hello");
            assertEquals("hello", frontend.get("greeting"));
            assertEquals("hello", store.get("greeting"));
            other.sync().set("greeting", "bonjour");
            awaitTrue(() -> !store.containsKey("greeting"));
            assertEquals("bonjour", frontend.get("greeting"));
            frontend.close();
        } finally {
            client.shutdown();
        }
    }

    @Test
    void jedisCacheConfigServesFromCacheUntilInvalidated() {
        InetSocketAddress a = kv.address();
        try (redis.clients.jedis.RedisClient jedis = redis.clients.jedis.RedisClient.builder()
                        .hostAndPort(a.getHostString(), a.getPort())
                        .clientConfig(DefaultJedisClientConfig.builder().resp3().build())
                        .cacheConfig(CacheConfig.builder().maxSize(100).build())
                        .build();
                RawResp other = new RawResp(a)) {
            other.call("SET", "colour", "red");
            assertEquals("red", jedis.get("colour"));
            assertEquals("red", jedis.get("colour"));
            assertEquals(1, jedis.getCache().getSize());
            assertEquals(1, jedis.getCache().getStats().getHitCount());
            other.call("SET", "colour", "blue");
            assertEquals("blue", jedis.get("colour"));
        }
    }

    private static String helloAnd(RawResp c, String... command) {
        c.call("HELLO", "3");
        return c.call(command);
    }

    private static void awaitClients(RawResp c, int n) {
        awaitTrue(() -> c.call("INFO", "clients").contains("connected_clients:" + n + "\r\n"));
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "condition never became true");
            Thread.onSpinWait();
        }
    }
}
