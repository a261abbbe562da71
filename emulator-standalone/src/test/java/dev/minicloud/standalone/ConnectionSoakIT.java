package dev.minicloud.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Connection-load soak (issue 16, standing defence; off by default, run with
 * {@code scripts/soak.sh}): a standalone MiniCloud in a child JVM with a 256 MiB heap holds 10,000
 * concurrent loopback connections spread over the edge, KV and DNS TCP ports, half of them slow
 * writers (a request that never completes) and half slow readers (requests for large answers that
 * are never read; S3 streams with backpressure, while KV, like Redis, buffers unread replies up to
 * {@code client-output-buffer-limit}, here 4 MiB, so its slow readers ask for 16 KiB answers).
 * Meanwhile normal clients on each
 * port must be served, the child must stay alive
 * (its heap cannot grow past the limit, so unbounded buffering would end it with an OutOfMemoryError)
 * and its resident memory is reported. When a check fails the server's thread dump is written to
 * {@code target/soak-server-threads.txt}.
 */
@EnabledIfSystemProperty(named = "minicloud.soak", matches = "true")
class ConnectionSoakIT {
    private static final int CONNECTIONS = Integer.getInteger("minicloud.soak.connections", 10_000);
    private static final Pattern ENDPOINT = Pattern.compile("(edge|kv|dns): \\S+?://127\\.0\\.0\\.1:(\\d+)");

    @Test
    void tenThousandSlowConnectionsLeaveNormalClientsServedInBoundedMemory() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process server = new ProcessBuilder(
                        java.toString(),
                        "-Xmx256m",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "--edge-port",
                        "0",
                        "--kv-port",
                        "0",
                        "--dns-port",
                        "0",
                        "--kv-client-output-buffer-limit",
                        "normal 4mb 0 0")
                .redirectErrorStream(true)
                .start();
        try {
            int[] ports = awaitPorts(server.getInputStream());
            int edge = ports[0];
            int kv = ports[1];
            int dns = ports[2];
            prepare(edge, kv);
            long rssBefore = rssKb(server.pid());
            List<SocketChannel> held = new ArrayList<>();
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    int kind = i % 6;
                    int port = switch (kind / 2) {
                        case 0 -> edge;
                        case 1 -> kv;
                        default -> dns;
                    };
                    SocketChannel ch = SocketChannel.open();
                    ch.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
                    ch.connect(new InetSocketAddress("127.0.0.1", port));
                    ch.configureBlocking(false);
                    ch.write(ByteBuffer.wrap(kind % 2 == 0 ? slowWriter(kind / 2) : slowReader(kind / 2)));
                    held.add(ch);
                    if (i % 1000 == 999) {
                        System.out.printf("soak: %d connections held%n", i + 1);
                        try {
                            assertServed(edge, kv, dns);
                        } catch (IOException | AssertionError e) {
                            dumpThreads(server.pid());
                            throw e;
                        }
                    }
                }
                assertServed(edge, kv, dns);
                assertTrue(server.isAlive(), "the server died under load");
                long rssUnderLoad = rssKb(server.pid());
                System.out.printf(
                        "soak: %d connections, server RSS %d MiB before, %d MiB under load%n",
                        held.size(), rssBefore / 1024, rssUnderLoad / 1024);
            } finally {
                for (SocketChannel ch : held) {
                    ch.close();
                }
            }
            assertServed(edge, kv, dns);
            assertTrue(server.isAlive(), "the server died after the load");
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /** Reads the banner until every endpoint is printed; returns edge, kv and dns ports. */
    private static int[] awaitPorts(InputStream out) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8));
        int[] ports = new int[3];
        for (String line; (line = r.readLine()) != null && !line.equals("Ready."); ) {
            Matcher m = ENDPOINT.matcher(line);
            if (m.find()) {
                ports[
                                switch (m.group(1)) {
                                    case "edge" -> 0;
                                    case "kv" -> 1;
                                    default -> 2;
                                }] =
                        Integer.parseInt(m.group(2));
            }
        }
        Thread drain = new Thread(() -> r.lines().forEach(l -> {}), "soak-server-output");
        drain.setDaemon(true);
        drain.start();
        return ports;
    }

    /** A bucket with a 1 MiB object and a KV key of 16 KiB, for the slow readers to ask for. */
    private static void prepare(int edge, int kv) throws IOException {
        assertTrue(http(edge, "PUT /soak HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n")
                .startsWith("HTTP/1.1 200"));
        byte[] big = new byte[1024 * 1024];
        try (Socket s = new Socket("127.0.0.1", edge)) {
            OutputStream o = s.getOutputStream();
            o.write(("PUT /soak/big HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: " + big.length
                            + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            o.write(big);
            assertTrue(new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII)
                    .startsWith("HTTP/1.1 200"));
        }
        // KV buffers what a client does not read up to its output limit, as Redis does: 16 KiB answers
        // keep 1,667 such clients within the heap, a 4 MiB limit would cut off bigger appetites
        assertEquals("+OK", resp(kv, "*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$16384\r\n" + "x".repeat(16384) + "\r\n"));
    }

    /** A request that never completes: a header or frame cut short. */
    private static byte[] slowWriter(int service) {
        String s = switch (service) {
            case 0 -> "PUT /soak/slow HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000000\r\n\r\npartial";
            case 1 -> "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1000000\r\npartial";
            default -> "\u0000\u0040\u0012";
        };
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Requests for large answers, never read. */
    private static byte[] slowReader(int service) {
        String s = switch (service) {
            case 0 -> "GET /soak/big HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".repeat(4);
            case 1 -> "*2\r\n$3\r\nGET\r\n$3\r\nbig\r\n".repeat(4);
            default -> "";
        };
        if (service == 2) {
            return dnsQuery();
        }
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] dnsQuery() {
        byte[] q = {
            0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0, 0, 1, 0, 1
        };
        byte[] framed = new byte[q.length + 2];
        framed[1] = (byte) q.length;
        System.arraycopy(q, 0, framed, 2, q.length);
        return framed;
    }

    private static void assertServed(int edge, int kv, int dns) throws IOException {
        String health = http(
                edge, "GET /_minicloud/health HTTP/1.1\r\nHost: 127.0.0.1:" + edge + "\r\nConnection: close\r\n\r\n");
        assertTrue(health.startsWith("HTTP/1.1 200"), "edge health: " + health);
        assertEquals("+PONG", resp(kv, "PING\r\n"));
        try (Socket s = new Socket("127.0.0.1", dns)) {
            s.setSoTimeout(10_000);
            new DataOutputStream(s.getOutputStream()).write(dnsQuery());
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] reply = new byte[in.readUnsignedShort()];
            in.readFully(reply);
            assertEquals(0x12, reply[0], "dns reply");
        }
    }

    private static String http(int port, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            byte[] head = s.getInputStream().readNBytes(12);
            return new String(head, StandardCharsets.ISO_8859_1);
        }
    }

    private static String resp(int port, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            BufferedReader r =
                    new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            return r.readLine();
        }
    }

    /** The server's thread dump next to the test report, to see where it stalled. */
    private static void dumpThreads(long pid) throws IOException, InterruptedException {
        Path jstack = Path.of(System.getProperty("java.home"), "bin", "jstack");
        new ProcessBuilder(jstack.toString(), Long.toString(pid))
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", "soak-server-threads.txt").toFile())
                .start()
                .waitFor();
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
