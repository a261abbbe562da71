package dev.minicloud.kv.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.junit.MiniCloudExtension;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The RESP layer through a raw socket: reply types per protocol, inline and pipelined input, bad input. */
class KvProtocolIT {
    @RegisterExtension
    static final MiniCloudExtension CLOUD =
            MiniCloudExtension.builder().services("kv").build();

    private static InetSocketAddress kv() {
        return CLOUD.getMiniCloud().address("kv").orElseThrow();
    }

    @Test
    void hello3SwitchesReplyTypesAndReportsIntegerProtoAndId() {
        try (RawResp c = new RawResp(kv())) {
            String hello = c.call("HELLO", "3");
            assertTrue(hello.startsWith("%[$server, $redis, $version, $7.4.2, $proto, :3, $id, :"), hello);
            assertTrue(hello.endsWith("$mode, $standalone, $role, $master, $modules, *[]]"), hello);
            c.call("HSET", "p:h", "f", "v");
            assertEquals("%[$f, $v]", c.call("HGETALL", "p:h"));
            c.call("SADD", "p:s", "1");
            assertEquals("~[$1]", c.call("SMEMBERS", "p:s"));
            c.call("ZADD", "p:z", "1.5", "m");
            assertEquals(",1.5", c.call("ZSCORE", "p:z", "m"));
            assertEquals("_", c.call("GET", "p:none"));
            assertEquals("*[$m, ,1.5]", c.call("ZPOPMIN", "p:z"));
            assertEquals("NOPROTO unsupported protocol version".replace("NOPROTO", "-NOPROTO"), c.call("HELLO", "4"));
            assertTrue(c.call("HELLO", "2").startsWith("*[$server"));
            assertEquals("$-1", c.call("GET", "p:none"));
        }
    }

    @Test
    void inlineAndPipelinedCommandsAnswerInOrder() {
        try (RawResp c = new RawResp(kv())) {
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            for (int i = 0; i < 1000; i++) {
                batch.writeBytes(RawResp.encode("INCR", "p:counter"));
            }
            c.send(batch.toByteArray());
            for (int i = 1; i <= 1000; i++) {
                assertEquals(":" + i, c.read());
            }
            c.sendRaw("SET p:inline \"a b\"\r\nGET p:inline\r\nPING\r\n");
            assertEquals("+OK", c.read());
            assertEquals("$a b", c.read());
            assertEquals("+PONG", c.read());
        }
    }

    @Test
    void malformedInputGetsAProtocolErrorAndTheConnectionClosesWhileOthersKeepWorking() {
        try (RawResp other = new RawResp(kv())) {
            assertEquals("+OK", other.call("SET", "p:keep", "1"));
            String[][] cases = {
                {"*1\r\n$2147483647\r\n", "-ERR Protocol error: invalid bulk length"},
                {"*1\r\n$-3\r\n", "-ERR Protocol error: invalid bulk length"},
                {"*2000000\r\n", "-ERR Protocol error: invalid multibulk length"},
                {"*1\r\n%3\r\n", "-ERR Protocol error: expected '$', got '%'"},
                {"SET p:keep \"2\r\n", "-ERR Protocol error: unbalanced quotes in request"},
            };
            for (String[] c : cases) {
                try (RawResp bad = new RawResp(kv())) {
                    bad.sendRaw(c[0]);
                    assertEquals(c[1], bad.read(), c[0]);
                    assertTrue(bad.closedByServer(), "closed after " + c[0]);
                }
            }
            try (RawResp bad = new RawResp(kv())) {
                bad.send(("X".repeat(70_000)).getBytes(StandardCharsets.US_ASCII));
                assertEquals("-ERR Protocol error: too big inline request", bad.read());
                assertTrue(bad.closedByServer());
            }
            assertEquals("$1", other.call("GET", "p:keep"));
        }
    }

    @Test
    void commandsBeforeAProtocolErrorInTheSameReadStillRun() {
        try (RawResp c = new RawResp(kv())) {
            c.sendRaw("*3\r\n$3\r\nSET\r\n$8\r\np:before\r\n$1\r\nx\r\n*1\r\n$x\r\n");
            assertEquals("+OK", c.read());
            assertEquals("-ERR Protocol error: invalid bulk length", c.read());
        }
        try (RawResp c = new RawResp(kv())) {
            assertEquals("$x", c.call("GET", "p:before"));
        }
    }

    @Test
    void quitRepliesThenCloses() {
        try (RawResp c = new RawResp(kv())) {
            assertEquals("+OK", c.call("QUIT"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void subscriberModeRestrictsCommandsInResp2AndPushesInResp3() {
        try (RawResp sub = new RawResp(kv());
                RawResp pub = new RawResp(kv())) {
            assertEquals("*[$subscribe, $p:ch, :1]", sub.call("SUBSCRIBE", "p:ch"));
            assertEquals(
                    "-ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context",
                    sub.call("GET", "x"));
            assertEquals("*[$pong, $]", sub.call("PING"));
            assertEquals(":1", pub.call("PUBLISH", "p:ch", "hi"));
            assertEquals("*[$message, $p:ch, $hi]", sub.read());
            assertEquals("*[$unsubscribe, $p:ch, :0]", sub.call("UNSUBSCRIBE"));
            assertEquals("+PONG", sub.call("PING"));
        }
        try (RawResp sub = new RawResp(kv());
                RawResp pub = new RawResp(kv())) {
            sub.call("HELLO", "3");
            assertEquals(">[$psubscribe, $p:*, :1]", sub.call("PSUBSCRIBE", "p:*"));
            assertEquals("_", sub.call("GET", "p:nothing"));
            assertEquals(":1", pub.call("PUBLISH", "p:x", "hi"));
            assertEquals(">[$pmessage, $p:*, $p:x, $hi]", sub.read());
        }
    }

    @Test
    void transactionsQueueAndAbortOnQueuedErrors() {
        try (RawResp c = new RawResp(kv())) {
            assertEquals("+OK", c.call("MULTI"));
            assertEquals("+QUEUED", c.call("SET", "p:tx", "1"));
            assertEquals("+QUEUED", c.call("INCR", "p:tx"));
            assertEquals("+QUEUED", c.call("LPUSH", "p:tx", "x"));
            assertEquals(
                    "*[+OK, :2, -WRONGTYPE Operation against a key holding the wrong kind of value]", c.call("EXEC"));
            assertEquals("+OK", c.call("MULTI"));
            assertEquals("-ERR wrong number of arguments for 'set' command", c.call("SET", "p:tx"));
            assertEquals("-ERR unknown command 'NOPE', with args beginning with: ", c.call("NOPE"));
            assertEquals("-EXECABORT Transaction discarded because of previous errors.", c.call("EXEC"));
            assertEquals("-ERR EXEC without MULTI", c.call("EXEC"));
            assertEquals("+OK", c.call("MULTI"));
            assertEquals("+QUEUED", c.call("BLPOP", "p:empty", "0"));
            assertEquals("*[*-1]", c.call("EXEC"));
        }
    }

    @Test
    void requirepassDemandsAuthBeforeAnyCommand() {
        try (var cloud = MiniCloud.builder()
                        .services("kv")
                        .setting("kv-requirepass", "s3cret")
                        .start();
                RawResp c = new RawResp(cloud.address("kv").orElseThrow())) {
            assertEquals("-NOAUTH Authentication required.", c.call("GET", "x"));
            assertEquals("-WRONGPASS invalid username-password pair or user is disabled.", c.call("AUTH", "nope"));
            assertTrue(c.call("HELLO", "3", "AUTH", "default", "s3cret").startsWith("%[$server"));
            assertEquals("_", c.call("GET", "x"));
        }
    }
}
