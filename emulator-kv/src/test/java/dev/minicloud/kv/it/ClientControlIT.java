package dev.minicloud.kv.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.MutableClock;
import dev.minicloud.kv.KvService;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Connection control and diagnostics: CLIENT REPLY, CLIENT PAUSE, the idle {@code timeout},
 * {@code maxclients}, SLOWLOG, LATENCY, WAIT/WAITAOF, DEBUG and the keyspace event {@code n}.
 * Time-driven behaviour runs on a {@link MutableClock} and an on-demand cron.
 */
class ClientControlIT {

    private static MiniCloud start(MutableClock clock) {
        return MiniCloud.builder().services("kv").clock(clock).start();
    }

    private static InetSocketAddress kv(MiniCloud cloud) {
        return cloud.address("kv").orElseThrow();
    }

    private static MutableClock clock() {
        return MutableClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
    }

    private static void cron(MiniCloud cloud) {
        cloud.service(KvService.class).orElseThrow().engine().runCron();
    }

    @Test
    void clientReplyOffAndSkipDropRepliesButNotTheCommands() {
        try (MiniCloud cloud = start(clock());
                RawResp c = new RawResp(kv(cloud))) {
            c.send(RawResp.encode("CLIENT", "REPLY", "SKIP"));
            c.send(RawResp.encode("SET", "x", "1"));
            assertEquals("$1", c.call("GET", "x").substring(0, 2));
            c.send(RawResp.encode("CLIENT", "REPLY", "OFF"));
            c.send(RawResp.encode("INCR", "x"));
            c.send(RawResp.encode("CLIENT", "REPLY", "SKIP")); // no effect while OFF
            c.send(RawResp.encode("PING"));
            assertEquals("+OK", c.call("CLIENT", "REPLY", "ON"));
            assertEquals("$2", c.call("GET", "x"));
            assertEquals("-ERR syntax error", c.call("CLIENT", "REPLY", "maybe"));
        }
    }

    @Test
    void pauseWriteHoldsWritesInOrderWhileReadsRun() {
        try (MiniCloud cloud = start(clock());
                RawResp admin = new RawResp(kv(cloud));
                RawResp writer = new RawResp(kv(cloud))) {
            assertEquals("+OK", admin.call("CLIENT", "PAUSE", "100000", "WRITE"));
            writer.send(RawResp.encode("SET", "k", "1"));
            writer.send(RawResp.encode("GET", "k"));
            awaitTrue(() -> admin.call("CLIENT", "LIST").contains(" flags=b "));
            assertEquals("$-1", admin.call("GET", "k"));
            assertEquals("*[]", admin.call("FUNCTION", "LIST")); // a container's read subcommand runs too
            try (RawResp publisher = new RawResp(kv(cloud))) {
                publisher.send(RawResp.encode("PUBLISH", "ch", "m")); // may-replicate: held as well
                awaitTrue(() -> admin.call("CLIENT", "LIST").split(" flags=b ").length == 3);
                assertEquals("+OK", admin.call("CLIENT", "UNPAUSE"));
                assertEquals(":0", publisher.read());
            }
            assertEquals("+OK", writer.read());
            assertEquals("$1", writer.read());
        }
    }

    @Test
    void pauseAllEndsAtItsDeadlineOnTheEngineClock() {
        MutableClock clock = clock();
        try (MiniCloud cloud = start(clock);
                RawResp admin = new RawResp(kv(cloud));
                RawResp other = new RawResp(kv(cloud))) {
            assertEquals("+OK", admin.call("CLIENT", "PAUSE", "5000"));
            other.send(RawResp.encode("SET", "k", "v"));
            admin.send(RawResp.encode("CLIENT", "UNPAUSE")); // held too: ALL holds every command
            cron(cloud);
            clock.advance(Duration.ofSeconds(6));
            cron(cloud);
            assertEquals("+OK", other.read());
            assertEquals("+OK", admin.read());
            assertEquals("$v", admin.call("GET", "k"));
        }
    }

    @Test
    void activeExpiryWaitsForThePauseToEnd() {
        MutableClock clock = clock();
        try (MiniCloud cloud = start(clock);
                RawResp c = new RawResp(kv(cloud))) {
            c.call("SET", "t", "v", "PX", "100");
            c.call("CLIENT", "PAUSE", "100000", "WRITE");
            clock.advance(Duration.ofSeconds(1));
            cron(cloud);
            assertTrue(c.call("INFO", "keyspace").contains("db0:keys=1,"));
            c.call("CLIENT", "UNPAUSE");
            cron(cloud);
            assertFalse(c.call("INFO", "keyspace").contains("db0:"));
        }
    }

    @Test
    void duringAPauseAnExpiredKeyReadsAsAbsentButStaysUntilThePauseEnds() {
        MutableClock clock = clock();
        try (MiniCloud cloud = start(clock);
                RawResp c = new RawResp(kv(cloud));
                RawResp events = new RawResp(kv(cloud))) {
            c.call("CONFIG", "SET", "notify-keyspace-events", "Ex");
            events.call("SUBSCRIBE", "__keyevent@0__:expired");
            c.call("SET", "t", "v", "PX", "100");
            c.call("SET", "w", "v", "PX", "100");
            assertEquals("+OK", c.call("CLIENT", "PAUSE", "100000", "WRITE"));
            clock.advance(Duration.ofSeconds(1));
            cron(cloud);
            // as redis-server 7: reads see no key, yet nothing is deleted (no event, no DEL to replicas)
            assertEquals("$-1", c.call("GET", "t"));
            assertEquals(":0", c.call("EXISTS", "t"));
            assertEquals(":-2", c.call("TTL", "t"));
            assertEquals("*[$0, *[]]", c.call("SCAN", "0"));
            assertEquals(":2", c.call("DBSIZE"));
            assertTrue(c.call("INFO", "stats").contains("expired_keys:0\r\n"));
            // every key has a TTL and is past it: RANDOMKEY gives up after 100 picks and names one, as Redis 7.2
            String random = c.call("RANDOMKEY");
            assertTrue(random.equals("$t") || random.equals("$w"), random);
            assertEquals("+OK", c.call("CLIENT", "UNPAUSE"));
            // the next read expires the key it reaches, the cron the rest
            assertEquals("$-1", c.call("GET", "t"));
            assertEquals("*[$message, $__keyevent@0__:expired, $t]", events.read());
            assertEquals(":1", c.call("DBSIZE"));
            cron(cloud);
            assertEquals("*[$message, $__keyevent@0__:expired, $w]", events.read());
            assertEquals(":0", c.call("DBSIZE"));
            assertTrue(c.call("INFO", "stats").contains("expired_keys:2\r\n"));
            assertEquals("$-1", c.call("RANDOMKEY"));
        }
    }

    @Test
    void aPauseThatReachedItsDeadlineNoLongerKeepsExpiredKeys() {
        MutableClock clock = clock();
        try (MiniCloud cloud = start(clock);
                RawResp c = new RawResp(kv(cloud))) {
            c.call("SET", "t", "v", "PX", "100");
            assertEquals("+OK", c.call("CLIENT", "PAUSE", "500", "WRITE"));
            clock.advance(Duration.ofMillis(200));
            assertEquals("$-1", c.call("GET", "t"));
            assertEquals(":1", c.call("DBSIZE"));
            // past the deadline, before any cron: the pause no longer holds expiry (Redis checks the deadline on each
            // use)
            clock.advance(Duration.ofMillis(400));
            assertEquals("$-1", c.call("GET", "t"));
            assertEquals(":0", c.call("DBSIZE"));
        }
    }

    @Test
    void pauseRejectsBadArguments() {
        try (MiniCloud cloud = start(clock());
                RawResp c = new RawResp(kv(cloud))) {
            assertEquals("-ERR wrong number of arguments for 'client|pause' command", c.call("CLIENT", "PAUSE"));
            assertEquals("-ERR timeout is not an integer or out of range", c.call("CLIENT", "PAUSE", "x"));
            assertEquals("-ERR timeout is negative", c.call("CLIENT", "PAUSE", "-1"));
            assertEquals("-ERR CLIENT PAUSE mode must be WRITE or ALL", c.call("CLIENT", "PAUSE", "10", "foo"));
        }
    }

    @Test
    void idleClientsAreClosedAfterTimeoutButSubscribersStay() {
        MutableClock clock = clock();
        try (MiniCloud cloud = start(clock);
                RawResp idle = new RawResp(kv(cloud));
                RawResp subscriber = new RawResp(kv(cloud))) {
            assertEquals(
                    "-ERR CONFIG SET failed (possibly related to argument 'timeout') - argument must be between 0 and 2147483647 inclusive",
                    idle.call("CONFIG", "SET", "timeout", "-1"));
            assertEquals("+OK", idle.call("CONFIG", "SET", "timeout", "10"));
            subscriber.call("SUBSCRIBE", "news");
            clock.advance(Duration.ofSeconds(5));
            cron(cloud);
            assertEquals("+PONG", idle.call("PING"));
            clock.advance(Duration.ofSeconds(11));
            cron(cloud);
            assertTrue(idle.closedByServer());
            assertEquals("*[$pong, $]", subscriber.call("PING"));
        }
    }

    @Test
    void connectionsBeyondMaxclientsGetRedisErrorAndAreClosed() {
        try (MiniCloud cloud = start(clock());
                RawResp admin = new RawResp(kv(cloud))) {
            assertEquals("+OK", admin.call("CONFIG", "SET", "maxclients", "1"));
            try (RawResp refused = new RawResp(kv(cloud))) {
                assertEquals("-ERR max number of clients reached", refused.readLine());
                assertTrue(refused.closedByServer());
            }
            assertTrue(admin.call("INFO", "stats").contains("rejected_connections:1\r\n"));
            assertEquals(
                    "-ERR CONFIG SET failed (possibly related to argument 'maxclients') - argument must be between 1 and 4294967295 inclusive",
                    admin.call("CONFIG", "SET", "maxclients", "0"));
        }
    }

    @Test
    void slowlogRecordsEveryCommandAtThresholdZero() {
        try (MiniCloud cloud = start(clock());
                RawResp c = new RawResp(kv(cloud))) {
            c.call("CONFIG", "SET", "slowlog-log-slower-than", "0");
            c.call("CLIENT", "SETNAME", "app");
            assertEquals("+OK", c.call("SLOWLOG", "RESET"));
            assertEquals(
                    ":1",
                    c.call("SLOWLOG", "LEN")); // the RESET itself, logged after it ran; ids go on counting, as in Redis
            c.call("AUTH", "nopass");
            List<String> args = new ArrayList<>(List.of("RPUSH", "l"));
            for (int i = 0; i < 38; i++) {
                args.add("v" + i);
            }
            c.call(args.toArray(String[]::new));
            String log = c.call("SLOWLOG", "GET", "2");
            assertTrue(
                    log.matches(
                            "\\*\\[\\*\\[:5, :1767225600, :\\d+, \\*\\[\\$RPUSH, \\$l, \\$v0, .*\\$v28, \\$\\.\\.\\. \\(9 more arguments\\)\\], "
                                    + "\\$127\\.0\\.0\\.1:\\d+, \\$app\\], \\*\\[:4, :1767225600, :\\d+, \\*\\[\\$AUTH, \\$\\(redacted\\)\\], \\$127\\.0\\.0\\.1:\\d+, \\$app\\]\\]"),
                    log);
            c.call("CONFIG", "SET", "slowlog-max-len", "2");
            c.call("PING");
            assertEquals(":2", c.call("SLOWLOG", "LEN"));
            assertEquals("-ERR count should be greater than or equal to -1", c.call("SLOWLOG", "GET", "-2"));
            assertEquals("-ERR unknown subcommand 'foo'. Try SLOWLOG HELP.", c.call("SLOWLOG", "foo"));
            c.call("CONFIG", "SET", "slowlog-log-slower-than", "-1");
            c.call("SLOWLOG", "RESET");
            c.call("PING");
            assertEquals(":0", c.call("SLOWLOG", "LEN"));
        }
    }

    @Test
    void latencyWaitAndWaitaofAnswerForANodeWithoutMonitorReplicasOrAof() {
        try (MiniCloud cloud = start(clock());
                RawResp c = new RawResp(kv(cloud))) {
            assertEquals("*[]", c.call("LATENCY", "LATEST"));
            assertEquals("*[]", c.call("LATENCY", "HISTORY", "command"));
            assertEquals(":0", c.call("LATENCY", "RESET"));
            assertTrue(c.call("LATENCY", "DOCTOR")
                    .startsWith("$I'm sorry, Dave, I can't do that. Latency monitoring is disabled"));
            assertEquals("-ERR No samples available for event 'command'", c.call("LATENCY", "GRAPH", "command"));
            assertEquals("-ERR wrong number of arguments for 'latency|history' command", c.call("LATENCY", "HISTORY"));
            assertEquals(":0", c.call("WAIT", "0", "0"));
            assertEquals("-ERR timeout is negative", c.call("WAIT", "0", "-1"));
            assertEquals("-ERR value is not an integer or out of range", c.call("WAIT", "x", "0"));
            assertEquals("*[:0, :0]", c.call("WAITAOF", "0", "0", "0"));
            assertEquals(
                    "-ERR WAITAOF cannot be used when numlocal is set but appendonly is disabled.",
                    c.call("WAITAOF", "1", "0", "0"));
        }
    }

    @Test
    void latencyHistogramCountsEachCommandsCallsInRedisBuckets() {
        try (MiniCloud cloud = start(clock());
                RawResp c = new RawResp(kv(cloud));
                RawResp blocked = new RawResp(kv(cloud))) {
            c.call("SET", "k", "v");
            c.call("SET", "k", "w");
            c.call("GET", "k");
            c.call("CONFIG", "GET", "maxmemory");
            // RESP2: the map flattened; one entry per named command that has calls, config's per subcommand
            String reply = c.call("LATENCY", "HISTOGRAM", "set", "nosuch", "get", "config");
            assertTrue(
                    reply.matches(
                            "\\*\\[\\$set, \\*\\[\\$calls, :2, \\$histogram_usec, \\*\\[(:\\d+, :\\d+)(, :\\d+, :2)?]], "
                                    + "\\$get, \\*\\[\\$calls, :1, \\$histogram_usec, \\*\\[:\\d+, :1]], "
                                    + "\\$config\\|get, \\*\\[\\$calls, :1, \\$histogram_usec, \\*\\[:\\d+, :1]]]"),
                    reply);
            assertTrue(
                    List.of(1L, 2L, 4L, 8L, 16L, 33L, 66L, 132L, 264L, 528L, 1056L, 2113L, 4227L, 8454L)
                            .contains(Long.parseLong(
                                    reply.split("histogram_usec, \\*\\[:")[2].split(",")[0])),
                    reply);
            assertEquals("*[]", c.call("LATENCY", "HISTOGRAM", "nosuch", "zadd"));
            // RESP3: maps; a named container with no calls of its own shows its subcommands
            c.call("HELLO", "3");
            assertTrue(c.call("LATENCY", "HISTOGRAM", "CONFIG")
                    .matches("%\\[\\$config\\|get, %\\[\\$calls, :1, \\$histogram_usec, %\\[:\\d+, :1]]]"));
            assertTrue(
                    c.call("LATENCY", "HISTOGRAM", "config|get", "get")
                            .matches(
                                    "%\\[\\$config\\|get, %\\[\\$calls, :1, \\$histogram_usec, %\\[:\\d+, :1]], \\$get, %\\[.*]]"));
            // every command with calls when none is named (HELLO, LATENCY HISTOGRAM itself ...)
            String all = c.call("LATENCY", "HISTOGRAM");
            assertTrue(all.contains("$latency|histogram, %[$calls, :4,") && all.contains("$hello, %[$calls, :1,"), all);
            // a blocked command counts once it is served, not when it blocks
            blocked.send(RawResp.encode("BLPOP", "q", "0"));
            assertEquals("%[]", c.call("LATENCY", "HISTOGRAM", "blpop"));
            c.call("RPUSH", "q", "x");
            assertEquals("*[$q, $x]", blocked.read());
            assertTrue(c.call("LATENCY", "HISTOGRAM", "blpop").startsWith("%[$blpop, %[$calls, :1,"));
            // CONFIG RESETSTAT empties them (then counts itself); latency-tracking no stops counting
            assertEquals("+OK", c.call("CONFIG", "RESETSTAT"));
            assertEquals("%[]", c.call("LATENCY", "HISTOGRAM", "set", "blpop"));
            assertEquals("+OK", c.call("CONFIG", "SET", "latency-tracking", "no"));
            c.call("SET", "k", "x");
            assertEquals("%[]", c.call("LATENCY", "HISTOGRAM", "set"));
            assertEquals("+OK", c.call("CONFIG", "SET", "latency-tracking", "yes"));
            c.call("SET", "k", "y");
            assertTrue(c.call("LATENCY", "HISTOGRAM", "set").startsWith("%[$set, %[$calls, :1,"));
        }
    }

    @Test
    void waitForAReplicaLastsItsTimeoutOnTheEngineClock() {
        MutableClock clock = clock();
        try (MiniCloud cloud = start(clock);
                RawResp waiter = new RawResp(kv(cloud));
                RawResp admin = new RawResp(kv(cloud))) {
            waiter.send(RawResp.encode("WAIT", "1", "60000"));
            awaitTrue(() -> admin.call("INFO", "clients").contains("blocked_clients:1\r\n"));
            waiter.send(RawResp.encode("WAITAOF", "0", "1", "60000"));
            clock.advance(Duration.ofSeconds(61));
            cron(cloud);
            assertEquals(":0", waiter.read());
            awaitTrue(() -> admin.call("INFO", "clients").contains("blocked_clients:1\r\n"));
            clock.advance(Duration.ofSeconds(61));
            cron(cloud);
            assertEquals("*[:0, :0]", waiter.read());
            assertEquals("*[:0]", multiWait(admin));
        }
    }

    private static String multiWait(RawResp c) {
        c.call("MULTI");
        c.call("WAIT", "1", "0"); // inside MULTI nothing blocks
        return c.call("EXEC");
    }

    @Test
    void debugSleepObjectAndActiveExpire() {
        MutableClock clock = clock();
        try (MiniCloud cloud = start(clock);
                RawResp c = new RawResp(kv(cloud))) {
            assertEquals("+OK", c.call("DEBUG", "SLEEP", "0"));
            assertEquals("+OK", c.call("DEBUG", "SLEEP", "0.001"));
            c.call("SET", "k", "hello");
            assertTrue(
                    c.call("DEBUG", "OBJECT", "k")
                            .matches(
                                    "\\+Value at:0x[0-9a-f]+ refcount:1 encoding:embstr serializedlength:6 lru:\\d+ lru_seconds_idle:0"));
            assertEquals("-ERR no such key", c.call("DEBUG", "OBJECT", "nokey"));
            assertEquals(
                    "-ERR unknown subcommand or wrong number of arguments for 'foo'. Try DEBUG HELP.",
                    c.call("DEBUG", "foo"));
            assertEquals("+OK", c.call("DEBUG", "CHANGE-REPL-ID"));
            c.call("SET", "t", "v", "PX", "100");
            assertEquals("+OK", c.call("DEBUG", "SET-ACTIVE-EXPIRE", "0"));
            clock.advance(Duration.ofSeconds(1));
            cron(cloud);
            assertTrue(c.call("INFO", "keyspace").contains("keys=2,"), "active expiry is off");
            c.call("DEBUG", "SET-ACTIVE-EXPIRE", "1");
            cron(cloud);
            assertTrue(c.call("INFO", "keyspace").contains("keys=1,"));
        }
    }

    @Test
    void keyspaceEventNewIsSentOnlyWhenAKeyIsCreated() {
        try (MiniCloud cloud = start(clock());
                RawResp sub = new RawResp(kv(cloud));
                RawResp c = new RawResp(kv(cloud))) {
            assertEquals("+OK", c.call("CONFIG", "SET", "notify-keyspace-events", "En"));
            assertEquals("*[$notify-keyspace-events, $nE]", c.call("CONFIG", "GET", "notify-keyspace-events"));
            sub.call("SUBSCRIBE", "__keyevent@0__:new");
            c.call("SET", "a", "1");
            c.call("SET", "a", "2");
            c.call("RPUSH", "b", "x");
            assertEquals("*[$message, $__keyevent@0__:new, $a]", sub.read());
            assertEquals("*[$message, $__keyevent@0__:new, $b]", sub.read());
            assertEquals("+PONG", c.call("PING"));
            assertFalse(sub.call("PING").contains("new"));
        }
    }

    @Test
    void noTouchReadsLeaveTheIdleTimeAlone() {
        MutableClock clock = clock();
        try (MiniCloud cloud = start(clock);
                RawResp c = new RawResp(kv(cloud))) {
            c.call("SET", "k", "v");
            clock.advance(Duration.ofSeconds(10));
            assertEquals("+OK", c.call("CLIENT", "NO-TOUCH", "ON"));
            c.call("GET", "k");
            assertEquals(":10", c.call("OBJECT", "IDLETIME", "k"));
            assertTrue(c.call("CLIENT", "INFO").contains(" flags=T "));
            assertEquals("+OK", c.call("CLIENT", "NO-TOUCH", "OFF"));
            c.call("GET", "k");
            assertEquals(":0", c.call("OBJECT", "IDLETIME", "k"));
            assertEquals("-ERR syntax error", c.call("CLIENT", "NO-EVICT", "maybe"));
            assertEquals("+OK", c.call("CLIENT", "NO-EVICT", "ON"));
        }
    }

    @Test
    void clientUnblockAnswersAsTheTimeoutOrWithTheUnblockedError() {
        try (MiniCloud cloud = start(clock());
                RawResp waiter = new RawResp(kv(cloud));
                RawResp admin = new RawResp(kv(cloud))) {
            String id = waiter.call("CLIENT", "ID").substring(1);
            assertEquals(":0", admin.call("CLIENT", "UNBLOCK", id));
            waiter.send(RawResp.encode("BLPOP", "q", "0"));
            awaitTrue(() -> admin.call("INFO", "clients").contains("blocked_clients:1\r\n"));
            assertEquals(":1", admin.call("CLIENT", "UNBLOCK", id, "TIMEOUT"));
            assertEquals("*-1", waiter.read());
            waiter.send(RawResp.encode("BLPOP", "q", "0"));
            awaitTrue(() -> admin.call("INFO", "clients").contains("blocked_clients:1\r\n"));
            assertEquals(":1", admin.call("CLIENT", "UNBLOCK", id, "ERROR"));
            assertEquals("-UNBLOCKED client unblocked via CLIENT UNBLOCK", waiter.read());
            assertEquals(
                    "-ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR",
                    admin.call("CLIENT", "UNBLOCK", id, "LATER"));
        }
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "condition never became true");
            Thread.onSpinWait();
        }
    }
}
