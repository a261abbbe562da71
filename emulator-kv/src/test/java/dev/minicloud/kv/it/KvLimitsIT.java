package dev.minicloud.kv.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.MiniCloudStartException;
import dev.minicloud.MutableClock;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * Work and memory a single KV client can cause are bounded as in Redis 7 (issue 16, item 6): the
 * random-member counts, client-query-buffer-limit (blocked clients included) and
 * client-output-buffer-limit per client class, each with its CONFIG GET/SET, setting and INFO counter.
 */
class KvLimitsIT {
    private static final String BIG = "v".repeat(1024 * 1024);
    // long members keep element counts low: the tests run with paranoid leak detection, costly per write
    private static final String KB = "m".repeat(1024);

    private static InetSocketAddress kv(MiniCloud cloud) {
        return cloud.address("kv").orElseThrow();
    }

    private static long stat(RawResp c, String name) {
        String info = c.call("INFO", "stats");
        for (String line : info.split("\r\n")) {
            if (line.startsWith(name + ":")) {
                return Long.parseLong(line.substring(name.length() + 1).trim());
            }
        }
        throw new AssertionError(name + " missing from INFO stats: " + info);
    }

    /** Waits (bounded) until the server has executed {@code n} commands in all: then its decisions on them are made. */
    private static void awaitCommandsProcessed(RawResp admin, long n) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            // this INFO is itself counted once it runs
            if (stat(admin, "total_commands_processed") >= n + i + 1) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the server never executed " + n + " commands");
    }

    // ---- SRANDMEMBER / HRANDFIELD / ZRANDMEMBER counts ------------------------------------

    @Test
    void countsBeyondRedisRangeAreOutOfRangeErrors() {
        try (MiniCloud cloud = MiniCloud.builder().services("kv").start();
                RawResp c = new RawResp(kv(cloud))) {
            c.call("SADD", "s", "a");
            c.call("HSET", "h", "a", "1");
            c.call("ZADD", "z", "0", "a");
            assertEquals(
                    "-ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807",
                    c.call("SRANDMEMBER", "s", "-9223372036854775808"));
            String half = "-ERR value is out of range, value must between -4611686018427387903 and 4611686018427387903";
            assertEquals(half, c.call("HRANDFIELD", "h", "-9223372036854775808"));
            assertEquals(half, c.call("HRANDFIELD", "h", "-9223372036854770000", "WITHVALUES"));
            assertEquals(half, c.call("ZRANDMEMBER", "z", "-9223372036854775808", "WITHSCORES"));
            assertEquals(half, c.call("ZRANDMEMBER", "z", "4611686018427387904"));
        }
    }

    @Test
    void aNearlyInfiniteNegativeCountStreamsWhileOtherClientsAreServed() throws InterruptedException {
        try (MiniCloud cloud = MiniCloud.builder().services("kv").start();
                RawResp greedy = new RawResp(kv(cloud), 4096);
                RawResp other = new RawResp(kv(cloud))) {
            other.call("SADD", "s", "a", "b", "c");
            greedy.send(RawResp.encode("SRANDMEMBER", "s", "-9223372036854775807"));
            assertEquals("*9223372036854775807", greedy.readLine());
            for (int i = 0; i < 10_000; i++) {
                assertEquals("$1", greedy.readLine());
                assertTrue(Set.of("a", "b", "c").contains(greedy.readLine()));
            }
            // the greedy client now stops reading: the server neither hangs nor buffers the rest
            assertEquals("+PONG", other.call("PING"));
            assertEquals("+OK", other.call("SET", "k", "v"));
            assertEquals("$v", other.call("GET", "k"));
            greedy.close();
            for (int i = 0; i < 500 && !other.call("INFO", "clients").contains("connected_clients:1\r\n"); i++) {
                Thread.sleep(10); // until the server has seen the greedy client go
            }
            assertTrue(other.call("INFO", "clients").contains("connected_clients:1\r\n"));
        }
    }

    @Test
    void commandsPipelinedAfterAStreamedReplyAnswerAfterIt() {
        try (MiniCloud cloud = MiniCloud.builder().services("kv").start();
                RawResp c = new RawResp(kv(cloud))) {
            c.call("SADD", "s", "a" + KB, "b" + KB);
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            batch.writeBytes(RawResp.encode("SRANDMEMBER", "s", "-5000"));
            batch.writeBytes(RawResp.encode("PING"));
            c.send(batch.toByteArray());
            assertEquals("*5000", c.readLine());
            for (int i = 0; i < 5000; i++) {
                assertEquals("$1025", c.readLine());
                assertTrue(Set.of("a" + KB, "b" + KB).contains(c.readLine()));
            }
            assertEquals("+PONG", c.read());
        }
    }

    @Test
    void aStreamedReplyIsTheOneOfTheMomentTheCommandRan() {
        try (MiniCloud cloud = MiniCloud.builder().services("kv").start();
                RawResp reader = new RawResp(kv(cloud), 4096);
                RawResp writer = new RawResp(kv(cloud))) {
            String old = "old".repeat(5000);
            writer.call("HSET", "h", "f", old);
            // 30 MB: far more than the socket buffers hold, so most is written after the changes below
            reader.send(RawResp.encode("HRANDFIELD", "h", "-2000", "WITHVALUES"));
            assertEquals("*4000", reader.readLine());
            assertEquals("$1", reader.readLine());
            assertEquals("f", reader.readLine());
            // changes made while the reply is still being written do not show in it
            assertEquals(":0", writer.call("HSET", "h", "f", "new"));
            assertEquals(":1", writer.call("HSET", "h", "g", "other"));
            assertEquals(":1", writer.call("DEL", "h"));
            assertEquals("$15000", reader.readLine());
            assertEquals(old, reader.readLine());
            for (int i = 1; i < 2000; i++) {
                assertEquals("$1", reader.readLine());
                assertEquals("f", reader.readLine());
                assertEquals("$15000", reader.readLine());
                assertEquals(old, reader.readLine());
            }
            assertEquals("+PONG", reader.call("PING"));
        }
    }

    @Test
    void resp3PairsAreNestedInAStreamedReply() {
        try (MiniCloud cloud = MiniCloud.builder().services("kv").start();
                RawResp c = new RawResp(kv(cloud))) {
            c.call("HELLO", "3");
            c.call("ZADD", "z", "1.5", KB);
            c.send(RawResp.encode("ZRANDMEMBER", "z", "-3000", "WITHSCORES"));
            assertEquals("*3000", c.readLine());
            for (int i = 0; i < 3000; i++) {
                assertEquals("*[$" + KB + ", ,1.5]", c.read());
            }
            assertEquals("+PONG", c.call("PING"));
        }
    }

    @Test
    void aHugeCountStopsAtTheNormalOutputLimitAndClosesTheClientAsRedisDoes() {
        // Redis' own test: "Obuf limit, HRANDFIELD with huge count stopped mid-run"
        try (MiniCloud cloud = MiniCloud.builder().services("kv").start();
                RawResp c = new RawResp(kv(cloud));
                RawResp admin = new RawResp(kv(cloud))) {
            assertEquals("+OK", c.call("CONFIG", "SET", "client-output-buffer-limit", "normal 1000000 0 0"));
            c.call("HSET", "myhash", KB, "b");
            c.send(RawResp.encode("HRANDFIELD", "myhash", "-999999999"));
            assertTrue(c.closedByServerAfterDraining());
            assertEquals(1, stat(admin, "client_output_buffer_limit_disconnections"));
            assertEquals("+PONG", admin.call("PING"));
        }
    }

    @Test
    void insideExecAHugeCountWithoutAnOutputLimitIsBoundedByProtoMaxBulkLen() {
        try (MiniCloud cloud = MiniCloud.builder().services("kv").start();
                RawResp c = new RawResp(kv(cloud))) {
            assertEquals("+OK", c.call("CONFIG", "SET", "proto-max-bulk-len", "1mb"));
            c.call("SADD", "s", KB);
            c.call("MULTI");
            c.call("SRANDMEMBER", "s", "-2");
            c.call("SRANDMEMBER", "s", "-9223372036854775807");
            assertEquals(
                    "*[*[$" + KB + ", $" + KB + "], -ERR reply would exceed proto-max-bulk-len (1048576 bytes)]",
                    c.call("EXEC"));
            assertEquals("+PONG", c.call("PING"));
        }
    }

    @Test
    void lcsOfTwoLargeStringsIsRefusedBeforeItsTableIsAllocated() {
        // Redis' bound: the (n+1)*(m+1) table of 4-byte cells may not outgrow proto-max-bulk-len;
        // two 100 KB strings would ask for 40 GB (Redis 7's own answer, checked against redis-server)
        try (MiniCloud cloud = MiniCloud.builder().services("kv").start();
                RawResp c = new RawResp(kv(cloud))) {
            String big = "x".repeat(100_000);
            c.call("SET", "a", big);
            c.call("SET", "b", big);
            String refused = "-ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len";
            assertEquals(refused, c.call("LCS", "a", "b"));
            assertEquals(refused, c.call("LCS", "a", "b", "LEN"));
            c.call("SET", "x", "ohmytext");
            c.call("SET", "y", "mynewtext");
            assertEquals("$mytext", c.call("LCS", "x", "y"));
        }
    }

    // ---- client-output-buffer-limit ------------------------------------------------------

    @Test
    void outputLimitsReadAndSetInRedisSyntax() {
        try (MiniCloud cloud = MiniCloud.builder().services("kv").start();
                RawResp c = new RawResp(kv(cloud))) {
            assertEquals(
                    "*[$client-output-buffer-limit, $normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60]",
                    c.call("CONFIG", "GET", "client-output-buffer-limit"));
            assertEquals(
                    "+OK",
                    c.call("CONFIG", "SET", "client-output-buffer-limit", "normal 64mb 16mb 30 replica 1gb 0 0"));
            assertEquals(
                    "*[$client-output-buffer-limit, $normal 67108864 16777216 30 slave 1073741824 0 0 pubsub 33554432 8388608 60]",
                    c.call("CONFIG", "GET", "client-output-buffer-limit"));
            String prefix = "-ERR CONFIG SET failed (possibly related to argument 'client-output-buffer-limit') - ";
            assertEquals(
                    prefix + "Wrong number of arguments in buffer limit configuration.",
                    c.call("CONFIG", "SET", "client-output-buffer-limit", "normal 1mb 0"));
            assertEquals(
                    prefix + "Invalid client class specified in buffer limit configuration.",
                    c.call("CONFIG", "SET", "client-output-buffer-limit", "master 1mb 0 0"));
            assertEquals(
                    prefix + "Error in hard, soft or soft_seconds setting in buffer limit configuration.",
                    c.call("CONFIG", "SET", "client-output-buffer-limit", "pubsub 1zb 0 0"));
            // all or nothing: the valid first group of a refused value was not applied
            assertEquals(
                    prefix + "Error in hard, soft or soft_seconds setting in buffer limit configuration.",
                    c.call("CONFIG", "SET", "client-output-buffer-limit", "normal 1mb 0 0 pubsub 1mb 0 -1"));
            assertTrue(c.call("CONFIG", "GET", "client-output-buffer-limit").contains("normal 67108864 16777216 30"));
        }
    }

    @Test
    void theStartupSettingTakesRedisSyntaxOverTheDefaults() {
        try (MiniCloud cloud = MiniCloud.builder()
                        .services("kv")
                        .setting("kv-client-output-buffer-limit", "normal 64mb 0 0")
                        .setting("kv-client-query-buffer-limit", "2mb")
                        .start();
                RawResp c = new RawResp(kv(cloud))) {
            assertEquals(
                    "*[$client-output-buffer-limit, $normal 67108864 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60]",
                    c.call("CONFIG", "GET", "client-output-buffer-limit"));
            assertEquals(
                    "*[$client-query-buffer-limit, $2097152]", c.call("CONFIG", "GET", "client-query-buffer-limit"));
        }
        String refusal = assertThrows(
                        MiniCloudStartException.class,
                        () -> MiniCloud.builder()
                                .services("kv")
                                .setting("kv-client-output-buffer-limit", "normal 1mb")
                                .start())
                .getMessage();
        assertTrue(
                refusal.startsWith("Bad value 'normal 1mb' for setting 'kv-client-output-buffer-limit': expected"),
                refusal);
        String tooSmall = assertThrows(
                        MiniCloudStartException.class,
                        () -> MiniCloud.builder()
                                .services("kv")
                                .setting("kv-client-query-buffer-limit", "1000")
                                .start())
                .getMessage();
        assertTrue(tooSmall.contains("at least 1048576"), tooSmall);
    }

    @Test
    void aNormalClientThatDoesNotReadIsClosedAtTheHardLimit() throws InterruptedException {
        try (MiniCloud cloud = MiniCloud.builder().services("kv").start();
                RawResp slow = new RawResp(kv(cloud), 4096);
                RawResp admin = new RawResp(kv(cloud))) {
            admin.call("SET", "big", BIG);
            assertEquals("+OK", admin.call("CONFIG", "SET", "client-output-buffer-limit", "normal 8mb 0 0"));
            long before = stat(admin, "total_commands_processed");
            int sent = 0;
            for (; sent < 40 && slow.trySend(RawResp.encode("GET", "big")); sent++) {
                // 40 MiB of replies the slow client never reads
            }
            assertTrue(slow.closedByServerAfterDraining());
            assertEquals(1, stat(admin, "client_output_buffer_limit_disconnections"));
            // at most the 40 GETs sent, plus the admin's own two INFO calls (which count themselves)
            assertTrue(stat(admin, "total_commands_processed") - before <= 40 + 2);
            assertEquals("+PONG", admin.call("PING"));
        }
    }

    @Test
    void theSoftLimitClosesAClientOnlyAfterItsSecondsHavePassed() throws InterruptedException {
        MutableClock clock = MutableClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
        try (MiniCloud cloud = MiniCloud.builder().services("kv").clock(clock).start();
                RawResp slow = new RawResp(kv(cloud), 4096);
                RawResp admin = new RawResp(kv(cloud))) {
            admin.call("SET", "big", BIG);
            assertEquals("+OK", admin.call("CONFIG", "SET", "client-output-buffer-limit", "normal 0 4mb 10"));
            long before = stat(admin, "total_commands_processed");
            for (int i = 0; i < 30; i++) {
                slow.send(RawResp.encode("GET", "big"));
            }
            awaitCommandsProcessed(admin, before + 30);
            assertEquals(0, stat(admin, "client_output_buffer_limit_disconnections"));
            clock.advance(Duration.ofSeconds(11));
            long now = stat(admin, "total_commands_processed");
            slow.send(RawResp.encode("GET", "big"));
            awaitCommandsProcessed(admin, now + 1);
            assertEquals(1, stat(admin, "client_output_buffer_limit_disconnections"));
            assertTrue(slow.closedByServerAfterDraining());
        }
    }

    /** A numeric field of client {@code id}'s CLIENT LIST line. */
    private static long clientField(RawResp admin, String id, String field) {
        for (String line : admin.call("CLIENT", "LIST", "ID", id).substring(1).split("\n")) {
            for (String pair : line.trim().split(" ")) {
                if (pair.startsWith(field + "=")) {
                    return Long.parseLong(pair.substring(field.length() + 1));
                }
            }
        }
        throw new AssertionError("no " + field + " for client " + id);
    }

    @Test
    void aPipelinerThatNeverReadsStallsItselfInsteadOfFillingTheServer() throws InterruptedException {
        // the default normal class has no limit: without backpressure the server would buffer every reply
        String value = "v".repeat(100 * 1024);
        int commands = 500; // 50 MB of replies for 13 KB of commands, all in the server at once if it read on
        try (MiniCloud cloud = MiniCloud.builder().services("kv").start();
                RawResp slow = new RawResp(kv(cloud), 4096);
                RawResp admin = new RawResp(kv(cloud))) {
            admin.call("SET", "big", value);
            String id = slow.call("CLIENT", "ID").substring(1);
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            for (int i = 0; i < commands; i++) {
                batch.writeBytes(RawResp.encode("GET", "big"));
            }
            long before = stat(admin, "total_commands_processed");
            slow.send(batch.toByteArray());
            for (int i = 0; i < 1000 && clientField(admin, id, "omem") == 0; i++) {
                Thread.sleep(10); // until the server has answered the first GETs (bounded)
            }
            long maxOmem = 0;
            for (int i = 0; i < 20; i++) {
                maxOmem = Math.max(maxOmem, clientField(admin, id, "omem") + clientField(admin, id, "obl"));
                Thread.sleep(5);
            }
            assertTrue(maxOmem > 0, "the replies waiting for the slow client show in omem");
            // the 16 MiB stall allowance plus a reply or two, not 50 MB
            assertTrue(maxOmem < 17 * 1024 * 1024, "unread replies held for the slow client: " + maxOmem);
            assertTrue(clientField(admin, id, "qbuf") > 0, "the commands it still waits to run show in qbuf");
            long executed = stat(admin, "total_commands_processed") - before;
            assertTrue(executed < commands / 2, "the stalled client ran " + executed + " of its " + commands + " GETs");
            // other clients are served meanwhile
            assertEquals("+OK", admin.call("SET", "k", "v"));
            assertEquals("$v", admin.call("GET", "k"));
            // once it reads, it gets every reply, in order, and goes on
            for (int i = 0; i < commands; i++) {
                assertEquals("$" + value, slow.read(), "reply " + i);
            }
            assertEquals("+PONG", slow.call("PING"));
            assertEquals(0, stat(admin, "client_output_buffer_limit_disconnections"));
        }
    }

    @Test
    void aJedisPipelineThatReadsOnlyAtTheEndIsNotDeadlockedByTheStall() {
        // Jedis writes the whole pipeline before reading a reply: 14 MB of commands and 28 MB of
        // replies, more than the socket buffers of either direction hold (and more replies than the
        // stall allowance), so a server that stopped reading its commands while the replies wait
        // would leave both sides blocked in write for good
        String key = "k".repeat(4096);
        String value = "v".repeat(8192);
        int commands = 3_500;
        try (MiniCloud cloud = MiniCloud.builder().services("kv").start();
                RawResp admin = new RawResp(kv(cloud))) {
            Jedis jedis = new Jedis(kv(cloud).getHostString(), kv(cloud).getPort());
            try {
                jedis.set(key, value);
                List<Object> replies = assertTimeoutPreemptively(
                        Duration.ofSeconds(30),
                        () -> {
                            Pipeline p = jedis.pipelined();
                            for (int i = 0; i < commands; i++) {
                                p.get(key);
                            }
                            return p.syncAndReturnAll();
                        },
                        "the pipeline hung");
                assertEquals(commands, replies.size());
                assertEquals(value, replies.get(commands - 1));
                assertEquals("PONG", jedis.ping());
            } finally {
                // a hung pipeline's close would block flushing into the full socket: end it server-side first
                admin.call("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");
                jedis.close();
            }
        }
    }

    @Test
    void aStalledPipelinerIsNoLongerReadOnceItsQueuedCommandsReachTheReadAhead() throws Exception {
        String value = "v".repeat(100 * 1024);
        byte[] echo = RawResp.encode("ECHO", "e".repeat(64 * 1024));
        try (MiniCloud cloud = MiniCloud.builder().services("kv").start();
                RawResp slow = new RawResp(kv(cloud), 4096);
                RawResp admin = new RawResp(kv(cloud))) {
            admin.call("SET", "big", value);
            String id = slow.call("CLIENT", "ID").substring(1);
            ByteArrayOutputStream gets = new ByteArrayOutputStream();
            for (int i = 0; i < 200; i++) {
                gets.writeBytes(RawResp.encode("GET", "big")); // 20 MB of replies: past the stall allowance
            }
            slow.send(gets.toByteArray());
            // then 96 MB of commands, more than the queue allowance and every socket buffer on the way
            Thread writer = new Thread(() -> {
                for (int i = 0; i < 1500 && slow.trySend(echo); i++) {
                    // until the server stops reading (this thread then blocks) or the socket is closed
                }
            });
            writer.setDaemon(true);
            writer.start();
            long maxQbuf = 0;
            for (int i = 0; i < 300 && writer.isAlive(); i++) {
                maxQbuf = Math.max(maxQbuf, clientField(admin, id, "qbuf"));
                Thread.sleep(10); // sampling while the writer sends (bounded)
            }
            assertTrue(writer.isAlive(), "all 96 MB of commands were taken: the server never stopped reading");
            for (int i = 0; i < 20; i++) {
                maxQbuf = Math.max(maxQbuf, clientField(admin, id, "qbuf"));
            }
            assertTrue(maxQbuf > 8 * 1024 * 1024, "a stalled client's commands are still read ahead: " + maxQbuf);
            assertTrue(maxQbuf < 18 * 1024 * 1024, "commands queued for the stalled client: " + maxQbuf);
            assertEquals("+PONG", admin.call("PING"));
            slow.close();
            writer.join(10_000);
            assertFalse(writer.isAlive(), "the writer ended with the connection");
        }
    }

    @Test
    void aPublishFloodToASubscriberThatNeverReadsEndsAtThePubsubHardLimit() {
        try (MiniCloud cloud = MiniCloud.builder().services("kv").start();
                RawResp slow = new RawResp(kv(cloud), 4096);
                RawResp pub = new RawResp(kv(cloud))) {
            // Redis' default pubsub class: 32 MB hard
            assertTrue(pub.call("CONFIG", "GET", "client-output-buffer-limit").contains("pubsub 33554432 8388608 60"));
            assertEquals("*[$subscribe, $firehose, :1]", slow.call("SUBSCRIBE", "firehose"));
            String message = "m".repeat(256 * 1024);
            int published = 0;
            while (Long.parseLong(pub.call("PUBLISH", "firehose", message).substring(1)) > 0) {
                assertTrue(++published < 400, "the slow subscriber was never cut off");
            }
            // 32 MB of 256 KB messages: cut off at about the 128th, not before
            assertTrue(published >= 120, "cut off after only " + published + " messages");
            assertTrue(slow.closedByServerAfterDraining());
            assertEquals(1, stat(pub, "client_output_buffer_limit_disconnections"));
            assertEquals("+PONG", pub.call("PING"));
        }
    }

    @Test
    void aSubscriberOverThePubsubSoftLimitIsCutOffOnlyAfterItsSecondsByTheClock() {
        MutableClock clock = MutableClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
        try (MiniCloud cloud = MiniCloud.builder().services("kv").clock(clock).start();
                RawResp slow = new RawResp(kv(cloud), 4096);
                RawResp pub = new RawResp(kv(cloud))) {
            assertEquals("+OK", pub.call("CONFIG", "SET", "client-output-buffer-limit", "pubsub 0 1mb 60"));
            assertEquals("*[$subscribe, $firehose, :1]", slow.call("SUBSCRIBE", "firehose"));
            String message = "m".repeat(256 * 1024);
            for (int i = 0; i < 32; i++) {
                // 8 MB unread: over the soft limit, for no time yet
                assertEquals(":1", pub.call("PUBLISH", "firehose", message));
            }
            clock.advance(Duration.ofSeconds(60));
            assertEquals(":1", pub.call("PUBLISH", "firehose", message), "60 s is not more than 60 s");
            assertEquals(0, stat(pub, "client_output_buffer_limit_disconnections"));
            clock.advance(Duration.ofSeconds(1));
            pub.call("PUBLISH", "firehose", message); // the flush after this one cuts it off
            assertEquals(":0", pub.call("PUBLISH", "firehose", message));
            assertTrue(slow.closedByServerAfterDraining());
            assertEquals(1, stat(pub, "client_output_buffer_limit_disconnections"));
        }
    }

    // ---- client-query-buffer-limit --------------------------------------------------------

    @Test
    void aBlockedClientsQueuedCommandsCountAgainstTheQueryBufferLimit() {
        try (MiniCloud cloud = MiniCloud.builder().services("kv").start();
                RawResp blocked = new RawResp(kv(cloud));
                RawResp admin = new RawResp(kv(cloud))) {
            assertEquals(
                    "*[$client-query-buffer-limit, $1073741824]",
                    admin.call("CONFIG", "GET", "client-query-buffer-limit"));
            assertEquals("+OK", admin.call("CONFIG", "SET", "client-query-buffer-limit", "1mb"));
            blocked.send(RawResp.encode("BLPOP", "nothing", "0"));
            byte[] set = RawResp.encode("SET", "k", "x".repeat(100 * 1024));
            for (int i = 0; i < 30 && blocked.trySend(set); i++) {
                // 3 MB of commands queued behind the BLPOP
            }
            assertTrue(blocked.closedByServer());
            assertEquals(1, stat(admin, "client_query_buffer_limit_disconnections"));
            assertEquals("$-1", admin.call("GET", "k"));
        }
    }

    @Test
    void anIncompleteCommandOverTheQueryBufferLimitClosesTheClient() {
        try (MiniCloud cloud = MiniCloud.builder().services("kv").start();
                RawResp c = new RawResp(kv(cloud));
                RawResp admin = new RawResp(kv(cloud))) {
            assertEquals("+OK", admin.call("CONFIG", "SET", "client-query-buffer-limit", "1mb"));
            byte[] head = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$3000000\r\n".getBytes(StandardCharsets.US_ASCII);
            c.send(head);
            byte[] part = "y".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 30 && c.trySend(part); i++) {
                // 1.9 MB of a 3 MB argument
            }
            assertTrue(c.closedByServer());
            assertEquals(1, stat(admin, "client_query_buffer_limit_disconnections"));
        }
    }

    @Test
    void theQueryBufferLimitHasRedisLowerBound() {
        try (MiniCloud cloud = MiniCloud.builder().services("kv").start();
                RawResp c = new RawResp(kv(cloud))) {
            assertEquals(
                    "-ERR CONFIG SET failed (possibly related to argument 'client-query-buffer-limit') - argument must be "
                            + "between 1048576 and 9223372036854775807 inclusive",
                    c.call("CONFIG", "SET", "client-query-buffer-limit", "1000"));
            assertEquals(
                    "-ERR CONFIG SET failed (possibly related to argument 'client-query-buffer-limit') - argument must be "
                            + "a memory value",
                    c.call("CONFIG", "SET", "client-query-buffer-limit", "lots"));
            assertFalse(c.call("CONFIG", "GET", "client-query-buffer-limit").contains("1000]"));
        }
    }
}
