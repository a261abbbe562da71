package dev.minicloud.kv.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.MutableClock;
import dev.minicloud.kv.KvService;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Cross-connection behaviour: blocking fairness, expiry events, eviction, slow subscribers. */
class KvBehaviourIT {

    private static InetSocketAddress kv(MiniCloud cloud) {
        return cloud.address("kv").orElseThrow();
    }

    private static void awaitBlocked(RawResp c, int n) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!c.call("INFO", "clients").contains("blocked_clients:" + n + "\r\n")) {
            assertTrue(System.nanoTime() < end, "clients never blocked");
            Thread.onSpinWait();
        }
    }

    @Test
    void blockedClientsAreServedInTheOrderTheyBlocked() {
        try (MiniCloud cloud = MiniCloud.builder().services("kv").start();
                RawResp first = new RawResp(kv(cloud));
                RawResp second = new RawResp(kv(cloud));
                RawResp third = new RawResp(kv(cloud));
                RawResp admin = new RawResp(kv(cloud))) {
            first.send(RawResp.encode("BLPOP", "q", "0"));
            awaitBlocked(admin, 1);
            second.send(RawResp.encode("BRPOP", "other", "q", "0"));
            awaitBlocked(admin, 2);
            third.send(RawResp.encode("BLMOVE", "q", "dst", "LEFT", "RIGHT", "0"));
            awaitBlocked(admin, 3);
            assertEquals(":3", admin.call("RPUSH", "q", "a", "b", "c"));
            assertEquals("*[$q, $a]", first.read());
            assertEquals("*[$q, $c]", second.read());
            assertEquals("$b", third.read());
            assertEquals("*[$b]", admin.call("LRANGE", "dst", "0", "-1"));
            assertEquals(":0", admin.call("EXISTS", "q"));
        }
    }

    @Test
    void commandsPipelinedBehindABlockedCommandWaitForIt() {
        try (MiniCloud cloud = MiniCloud.builder().services("kv").start();
                RawResp waiter = new RawResp(kv(cloud));
                RawResp admin = new RawResp(kv(cloud))) {
            waiter.send(RawResp.encode("BLPOP", "q", "0"));
            waiter.send(RawResp.encode("GET", "after"));
            awaitBlocked(admin, 1);
            admin.call("SET", "after", "set-later");
            admin.call("LPUSH", "q", "x");
            assertEquals("*[$q, $x]", waiter.read());
            assertEquals("$set-later", waiter.read());
        }
    }

    @Test
    void blockingTimeoutFollowsTheInjectedClock() {
        MutableClock clock = MutableClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
        try (MiniCloud cloud = MiniCloud.builder().services("kv").clock(clock).start();
                RawResp waiter = new RawResp(kv(cloud));
                RawResp admin = new RawResp(kv(cloud))) {
            waiter.send(RawResp.encode("BZPOPMIN", "z", "3600"));
            awaitBlocked(admin, 1);
            clock.advance(Duration.ofHours(2));
            cloud.service(KvService.class).orElseThrow().engine().runCron();
            assertEquals("*-1", waiter.read());
        }
    }

    @Test
    void activeExpiryPublishesExpiredEventsWithoutAnyRead() throws Exception {
        MutableClock clock = MutableClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
        try (MiniCloud cloud = MiniCloud.builder()
                .services("kv")
                .clock(clock)
                .setting("kv-notify-keyspace-events", "Ex")
                .start()) {
            InetSocketAddress a = kv(cloud);
            RedisClient client =
                    RedisClient.create(RedisURI.create("redis://" + a.getHostString() + ":" + a.getPort()));
            try (StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub();
                    RawResp c = new RawResp(a)) {
                BlockingQueue<String> events = new LinkedBlockingQueue<>();
                sub.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String channel, String message) {
                        events.add(channel + " " + message);
                    }
                });
                sub.sync().subscribe("__keyevent@0__:expired");
                c.call("SET", "session:1", "x", "PX", "1500");
                clock.advance(Duration.ofSeconds(2));
                cloud.service(KvService.class).orElseThrow().engine().runCron();
                assertEquals("__keyevent@0__:expired session:1", events.poll(10, TimeUnit.SECONDS));
                assertEquals(":0", c.call("DBSIZE"));
            } finally {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        }
    }

    @Test
    void noevictionRefusesWritesOverMaxmemoryButAllowsReadsAndDeletes() {
        try (MiniCloud cloud = MiniCloud.builder()
                        .services("kv")
                        .setting("kv-maxmemory", "100kb")
                        .start();
                RawResp c = new RawResp(kv(cloud))) {
            String value = "v".repeat(1000);
            String reply = "";
            int i = 0;
            while (!reply.startsWith("-")) {
                reply = c.call("SET", "k" + i++, value);
                assertTrue(i < 1000, "never hit maxmemory");
            }
            assertEquals("-OOM command not allowed when used memory > 'maxmemory'.", reply);
            assertTrue(c.call("GET", "k0").startsWith("$v"));
            assertEquals(":1", c.call("DEL", "k0"));
        }
    }

    @Test
    void allkeysLruEvictsToStayUnderMaxmemory() {
        try (MiniCloud cloud = MiniCloud.builder()
                        .services("kv")
                        .setting("kv-maxmemory", "100kb")
                        .setting("kv-maxmemory-policy", "allkeys-lru")
                        .start();
                RawResp c = new RawResp(kv(cloud))) {
            String value = "v".repeat(1000);
            for (int i = 0; i < 500; i++) {
                assertEquals("+OK", c.call("SET", "k" + i, value));
            }
            long keys = Long.parseLong(c.call("DBSIZE").substring(1));
            assertTrue(keys < 120, "keys " + keys);
            String info = c.call("INFO", "stats");
            assertTrue(info.matches("(?s).*evicted_keys:[1-9].*"), info);
            assertTrue(c.call("GET", "k499").startsWith("$v"), "the newest key survives");
        }
    }

    @Test
    void volatileTtlEvictsTheKeyClosestToExpiryAndSparesPersistentKeys() {
        try (MiniCloud cloud = MiniCloud.builder().services("kv").start();
                RawResp c = new RawResp(kv(cloud))) {
            String value = "v".repeat(1000);
            c.call("SET", "persistent", value);
            c.call("SET", "soon", value, "EX", "100");
            c.call("SET", "later", value, "EX", "10000");
            assertEquals("+OK", c.call("CONFIG", "SET", "maxmemory-policy", "volatile-ttl"));
            assertEquals("+OK", c.call("CONFIG", "SET", "maxmemory", "3000"));
            assertEquals("+OK", c.call("SET", "x", "1"));
            assertEquals(":0", c.call("EXISTS", "soon"));
            assertEquals(":1", c.call("EXISTS", "persistent"));
            assertEquals("*[$maxmemory-policy, $volatile-ttl]", c.call("CONFIG", "GET", "maxmemory-policy"));
        }
    }

    @Test
    void keyspaceChannelNotificationsNameTheEvent() {
        try (MiniCloud cloud = MiniCloud.builder().services("kv").start();
                RawResp sub = new RawResp(kv(cloud));
                RawResp c = new RawResp(kv(cloud))) {
            assertEquals("+OK", c.call("CONFIG", "SET", "notify-keyspace-events", "KA"));
            assertEquals("*[$notify-keyspace-events, $AK]", c.call("CONFIG", "GET", "notify-keyspace-events"));
            sub.call("PSUBSCRIBE", "__keyspace@0__:*");
            c.call("SET", "a", "1");
            c.call("LPUSH", "l", "x");
            c.call("DEL", "a");
            assertEquals("*[$pmessage, $__keyspace@0__:*, $__keyspace@0__:a, $set]", sub.read());
            assertEquals("*[$pmessage, $__keyspace@0__:*, $__keyspace@0__:l, $lpush]", sub.read());
            assertEquals("*[$pmessage, $__keyspace@0__:*, $__keyspace@0__:a, $del]", sub.read());
        }
    }

    @Test
    void subscriberThatNeverReadsIsDisconnectedAtTheOutputLimit() {
        try (MiniCloud cloud = MiniCloud.builder().services("kv").start();
                RawResp slow = new RawResp(kv(cloud));
                RawResp pub = new RawResp(kv(cloud))) {
            assertEquals("+OK", pub.call("CONFIG", "SET", "client-output-buffer-limit", "pubsub 1mb 0 0"));
            slow.send(RawResp.encode("SUBSCRIBE", "firehose"));
            String message = "m".repeat(64 * 1024);
            long receivers = 1;
            int sent = 0;
            while (receivers > 0) {
                receivers =
                        Long.parseLong(pub.call("PUBLISH", "firehose", message).substring(1));
                assertTrue(++sent < 10_000, "the slow subscriber was never cut off");
            }
            assertEquals("+PONG", pub.call("PING"));
        }
    }
}
