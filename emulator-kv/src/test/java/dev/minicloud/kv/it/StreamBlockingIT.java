package dev.minicloud.kv.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.MutableClock;
import dev.minicloud.kv.KvService;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * XREAD and XREADGROUP with BLOCK: served like BLPOP (first blocked, first served), timeouts on
 * the injected clock (advanced, never slept on), never blocking inside MULTI, Redis' errors when
 * the stream or the group goes while a consumer waits, and CLIENT UNBLOCK.
 */
class StreamBlockingIT {
    private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
    private MiniCloud cloud;
    private RawResp admin;

    @BeforeEach
    void start() {
        cloud = MiniCloud.builder().services("kv").clock(clock).start();
        admin = connect();
    }

    @AfterEach
    void stop() {
        admin.close();
        cloud.close();
    }

    private RawResp connect() {
        InetSocketAddress a = cloud.address("kv").orElseThrow();
        return new RawResp(a);
    }

    private void awaitBlocked(int n) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!admin.call("INFO", "clients").contains("blocked_clients:" + n + "\r\n")) {
            assertTrue(System.nanoTime() < end, "clients never blocked");
            Thread.onSpinWait();
        }
    }

    @Test
    void xreadBlockIsServedByTheNextXaddAndDollarMeansTheLastIdWhenItBlocked() {
        try (RawResp waiter = connect()) {
            admin.call("XADD", "s", "5-0", "f", "old");
            waiter.send(RawResp.encode("XREAD", "BLOCK", "0", "STREAMS", "s", "$"));
            awaitBlocked(1);
            admin.call("DEL", "s");
            admin.call("XADD", "s", "3-0", "f", "smaller");
            awaitBlocked(1); // 3-0 is not after 5-0, the last id when the client blocked
            admin.call("XADD", "s", "6-0", "f", "new");
            assertEquals("*[*[$s, *[*[$6-0, *[$f, $new]]]]]", waiter.read());
            awaitBlocked(0);
        }
    }

    @Test
    void consumersBlockedOnAGroupAreServedInTheOrderTheyBlocked() {
        try (RawResp first = connect();
                RawResp second = connect()) {
            admin.call("XGROUP", "CREATE", "jobs", "workers", "$", "MKSTREAM");
            first.send(RawResp.encode("XREADGROUP", "GROUP", "workers", "a", "BLOCK", "0", "STREAMS", "jobs", ">"));
            awaitBlocked(1);
            second.send(RawResp.encode("XREADGROUP", "GROUP", "workers", "b", "BLOCK", "0", "STREAMS", "jobs", ">"));
            awaitBlocked(2);
            admin.call("XADD", "jobs", "1-0", "job", "one");
            assertEquals("*[*[$jobs, *[*[$1-0, *[$job, $one]]]]]", first.read());
            awaitBlocked(1);
            admin.call("XADD", "jobs", "2-0", "job", "two");
            assertEquals("*[*[$jobs, *[*[$2-0, *[$job, $two]]]]]", second.read());
            assertEquals("*[:2, $1-0, $2-0, *[*[$a, $1], *[$b, $1]]]", admin.call("XPENDING", "jobs", "workers"));
        }
    }

    @Test
    void blockTimeoutFollowsTheInjectedClock() {
        try (RawResp waiter = connect()) {
            waiter.send(RawResp.encode("XREAD", "BLOCK", "5000", "STREAMS", "s", "$"));
            awaitBlocked(1);
            clock.advance(Duration.ofSeconds(4));
            cloud.service(KvService.class).orElseThrow().engine().runCron();
            awaitBlocked(1);
            clock.advance(Duration.ofSeconds(2));
            cloud.service(KvService.class).orElseThrow().engine().runCron();
            assertEquals("*-1", waiter.read());
            assertEquals("+PONG", waiter.call("PING"), "the connection goes on");
        }
    }

    @Test
    void multiNeverBlocks() {
        assertEquals("+OK", admin.call("MULTI"));
        assertEquals("+QUEUED", admin.call("XREAD", "BLOCK", "0", "STREAMS", "s", "$"));
        assertEquals("+QUEUED", admin.call("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM"));
        assertEquals("*[*-1, +OK]", admin.call("EXEC"));
    }

    @Test
    void deletingTheStreamOrItsGroupAnswersTheBlockedConsumer() {
        try (RawResp waiter = connect()) {
            admin.call("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
            waiter.send(RawResp.encode("XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">"));
            awaitBlocked(1);
            admin.call("DEL", "s");
            assertEquals("-UNBLOCKED the stream key no longer exists", waiter.read());
            admin.call("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
            waiter.send(RawResp.encode("XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">"));
            awaitBlocked(1);
            admin.call("XGROUP", "DESTROY", "s", "g");
            assertEquals("-NOGROUP the consumer group this client was blocked on no longer exists", waiter.read());
        }
    }

    @Test
    void flushallAndRenameAlsoAnswerABlockedConsumerWhileAPopWaitsOn() {
        try (RawResp consumer = connect();
                RawResp popper = connect()) {
            admin.call("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
            consumer.send(RawResp.encode("XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">"));
            popper.send(RawResp.encode("BLPOP", "list", "0"));
            awaitBlocked(2);
            assertEquals("+OK", admin.call("FLUSHALL"));
            assertEquals("-UNBLOCKED the stream key no longer exists", consumer.read());
            awaitBlocked(1);
            admin.call("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
            consumer.send(RawResp.encode("XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">"));
            awaitBlocked(2);
            admin.call("RENAME", "s", "elsewhere");
            assertEquals("-UNBLOCKED the stream key no longer exists", consumer.read());
            admin.call("RPUSH", "list", "x");
            assertEquals("*[$list, $x]", popper.read(), "the pop kept waiting through the flush");
        }
    }

    @Test
    void anXreadWaitsOnThroughTypeChanges() {
        try (RawResp waiter = connect()) {
            waiter.send(RawResp.encode("XREAD", "BLOCK", "0", "STREAMS", "s", "0"));
            awaitBlocked(1);
            admin.call("SET", "s", "not a stream");
            awaitBlocked(1);
            admin.call("DEL", "s");
            admin.call("XADD", "s", "1-0", "f", "v");
            assertEquals("*[*[$s, *[*[$1-0, *[$f, $v]]]]]", waiter.read());
        }
    }

    @Test
    void clientUnblockAnswersAsATimeoutOrWithAnError() {
        try (RawResp waiter = connect()) {
            String id = waiter.call("CLIENT", "ID").substring(1);
            waiter.send(RawResp.encode("XREAD", "BLOCK", "0", "STREAMS", "s", "$"));
            waiter.send(RawResp.encode("PING"));
            awaitBlocked(1);
            assertEquals(":1", admin.call("CLIENT", "UNBLOCK", id));
            assertEquals("*-1", waiter.read());
            assertEquals("+PONG", waiter.read(), "the pipelined command runs after");
            waiter.send(RawResp.encode("BLPOP", "list", "0"));
            awaitBlocked(1);
            assertEquals(
                    "-ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR",
                    admin.call("CLIENT", "UNBLOCK", id, "FOO"));
            assertEquals(":1", admin.call("CLIENT", "UNBLOCK", id, "ERROR"));
            assertEquals("-UNBLOCKED client unblocked via CLIENT UNBLOCK", waiter.read());
            assertEquals(":0", admin.call("CLIENT", "UNBLOCK", id), "not blocked any more");
        }
    }
}
