package dev.minicloud.kv.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.testing.LeakRecordingDetectorFactory;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetectorFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Connections reset by the client (RST, as a killed process or an {@code SO_LINGER 0} close does)
 * in every state a KV connection can be in: replies queued and unsent, a command half received, a
 * blocked pop, a subscription being published to, a streamed reply, a MULTI queue, a script's
 * reply. Every buffer the server took for them must be released: with Netty's leak detection at
 * {@code paranoid} every buffer is tracked, and the recorded leak reports are checked right here
 * (issue 16: a leak at close must fail a test, not only show in a log).
 */
class KvConnectionResetIT {
    private static final int ROUNDS = 40;
    private static final String VALUE = "v".repeat(200 * 1024);

    /** The scenarios, each ending in a reset: what the connection sends before it. */
    private static final List<byte[]> SCENARIOS = List.of(
            // replies pending: more than the socket takes at once
            concat(
                    RawResp.encode("GET", "big"),
                    RawResp.encode("GET", "big"),
                    RawResp.encode("SET", "k", "v"),
                    RawResp.encode("GET", "big")),
            // a command cut mid-argument, a declared bulk still incomplete
            concat(
                    RawResp.encode("PING"),
                    "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$100000\r\nabc".getBytes(StandardCharsets.US_ASCII)),
            // a command cut inside a length line, and an inline command without its newline
            "*2\r\n$3\r\nGET\r\n$".getBytes(StandardCharsets.US_ASCII),
            "SET inline-key inline-val".getBytes(StandardCharsets.US_ASCII),
            // blocked, with commands queued behind the pop
            concat(
                    RawResp.encode("BLPOP", "nothing", "0"),
                    RawResp.encode("GET", "big"),
                    RawResp.encode("SET", "k", "v")),
            // a subscriber (published to after the reset below)
            concat(RawResp.encode("SUBSCRIBE", "news"), RawResp.encode("PSUBSCRIBE", "n*")),
            // a reply streamed as the client reads, with a command waiting behind it
            concat(RawResp.encode("SRANDMEMBER", "s", "-100000000"), RawResp.encode("GET", "big")),
            // a transaction, queued and then executed
            concat(
                    RawResp.encode("MULTI"),
                    RawResp.encode("GET", "big"),
                    RawResp.encode("GET", "big"),
                    RawResp.encode("EXEC")),
            concat(
                    RawResp.encode("MULTI"),
                    RawResp.encode("SET", "k", "v"),
                    "*1\r\n$4\r\nEX".getBytes(StandardCharsets.US_ASCII)),
            // a script whose own calls and reply are large
            concat(
                    RawResp.encode(
                            "EVAL", "return {redis.call('GET', KEYS[1]), redis.call('GET', KEYS[1])}", "1", "big"),
                    RawResp.encode("GET", "big")),
            // a monitor and a RESP3 tracking client, fed and invalidated by the commands after the reset
            RawResp.encode("MONITOR"),
            concat(
                    RawResp.encode("HELLO", "3"),
                    RawResp.encode("CLIENT", "TRACKING", "ON"),
                    RawResp.encode("GET", "tracked"),
                    RawResp.encode("GET", "big")),
            // a protocol error: the server answers and closes, the client resets at the same time
            concat(RawResp.encode("GET", "big"), "*-5\r\n".getBytes(StandardCharsets.US_ASCII)));

    /** The complete scenarios back to back: replies, a transaction, a script, then deferred behind a pop. */
    private static final byte[] ALL = concat(
            SCENARIOS.get(0), SCENARIOS.get(7), SCENARIOS.get(9), SCENARIOS.get(6), SCENARIOS.get(4), SCENARIOS.get(5));

    private static final int CUTS_PER_ROUND = 6;

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    @Test
    void connectionsResetInAnyStateLeakNoBuffer() throws Exception {
        LeakRecordingDetectorFactory leaks = assertInstanceOf(
                LeakRecordingDetectorFactory.class,
                ResourceLeakDetectorFactory.instance(),
                "the leak-recording detector of emulator-core's test jar is installed (LeakDetectionSessionListener)");
        int before = drainedLeaks(leaks).size();
        SplittableRandom random = new SplittableRandom(16);
        try (MiniCloud cloud = MiniCloud.builder().services("kv").start()) {
            InetSocketAddress kv = cloud.address("kv").orElseThrow();
            try (RawResp admin = new RawResp(kv)) {
                admin.call("SET", "big", VALUE);
                admin.call("SADD", "s", "a" + VALUE, "b");
                for (int round = 0; round < ROUNDS; round++) {
                    List<Socket> open = new ArrayList<>();
                    for (byte[] scenario : SCENARIOS) {
                        open.add(connectAndSend(kv, scenario, 4096));
                    }
                    for (int i = 0; i < CUTS_PER_ROUND; i++) {
                        // the whole mix cut at any byte: every decoder state at the moment of the reset
                        open.add(connectAndSend(kv, Arrays.copyOf(ALL, 1 + random.nextInt(ALL.length - 1)), 4096));
                    }
                    // let the server take each scenario in, then reset every connection at once
                    assertEquals("+PONG", admin.call("PING"));
                    for (Socket s : open) {
                        reset(s);
                    }
                    admin.call("PUBLISH", "news", VALUE);
                    admin.call("SET", "tracked", "changed");
                    admin.call("LPUSH", "nothing", "x");
                    admin.call("DEL", "nothing");
                }
                awaitOnlyClient(admin);
                assertEquals("$" + VALUE, admin.call("GET", "big"), "the instance still serves");
            }
        }
        List<String> after = drainedLeaks(leaks);
        List<String> found = after.subList(Math.min(before, after.size()), after.size());
        assertTrue(found.isEmpty(), "buffers leaked by reset connections:\n" + String.join("\n", found));
    }

    private static Socket connectAndSend(InetSocketAddress kv, byte[] scenario, int receiveBuffer) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(receiveBuffer);
        s.connect(kv);
        OutputStream out = s.getOutputStream();
        out.write(scenario);
        out.flush();
        return s;
    }

    /** Closes with {@code SO_LINGER 0}: the kernel sends RST, dropping whatever was unread. */
    private static void reset(Socket s) throws IOException {
        s.setSoLinger(true, 0);
        s.close();
    }

    private static void awaitOnlyClient(RawResp admin) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            if (admin.call("INFO", "clients").contains("connected_clients:1\r\n")) {
                return;
            }
            Thread.sleep(10); // until the server has seen every reset (bounded)
        }
        throw new AssertionError("reset connections still open: " + admin.call("CLIENT", "LIST"));
    }

    /**
     * The leak reports so far, after making Netty look: collected buffers are only reported when a
     * tracked buffer is next allocated, so collect garbage and allocate a few (as NettyLeakGuard does).
     */
    private static List<String> drainedLeaks(LeakRecordingDetectorFactory leaks) throws InterruptedException {
        for (int round = 0; round < 3; round++) {
            System.gc();
            Thread.sleep(20); // lets the reference handler enqueue collected buffers; not a timing assertion
            for (int i = 0; i < 32; i++) {
                ByteBuf b = PooledByteBufAllocator.DEFAULT.buffer(8);
                b.release();
            }
        }
        return List.copyOf(leaks.leaks());
    }
}
