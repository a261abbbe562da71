package dev.minicloud.kv.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.kv.KvService;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The KV service runs on a single-thread loop of its own: a KV loop kept busy delays neither the
 * edge HTTP port nor the DNS server, and {@code close()} ends that thread.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KvEventLoopIT {

    @Test
    void aBusyKvLoopDelaysNoEdgeRequestAndNoDnsAnswer() throws Exception {
        // one shared thread: the KV service would sit on it if it still borrowed a shared loop
        try (MiniCloud cloud = MiniCloud.builder()
                        .name("kvloop-busy")
                        .services("kv", "dns")
                        .eventLoopThreads(1)
                        .start();
                RawResp kv = new RawResp(cloud.address("kv").orElseThrow())) {
            assertEquals("+PONG", kv.call("PING"));
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            cloud.service(KvService.class).orElseThrow().engine().loop().execute(() -> {
                entered.countDown();
                awaitQuietly(release);
            });
            assertTrue(entered.await(10, TimeUnit.SECONDS), "the KV loop never ran the blocking task");
            try {
                kv.send(RawResp.encode("PING")); // queued behind the blocked loop

                HttpResponse<String> health = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(cloud.endpoint().resolve("/_minicloud/health"))
                                        .timeout(Duration.ofSeconds(10))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertEquals(200, health.statusCode());

                Message query =
                        Message.newQuery(Record.newRecord(Name.fromString("nothing-here.example."), Type.A, DClass.IN));
                Message answer = udpQuery(cloud.address("dns").orElseThrow(), query);
                assertTrue(answer.getHeader().getFlag(Flags.QR), "a DNS response");
                assertEquals(query.getHeader().getID(), answer.getHeader().getID());
            } finally {
                release.countDown();
            }
            assertEquals("+PONG", kv.read(), "the KV loop serves again once released");
        }
    }

    @Test
    void kvThreadIsNamedForTheInstanceAndEndsWithClose() throws Exception {
        String name = "kvloop-close";
        MiniCloud cloud = MiniCloud.builder().name(name).services("kv").start();
        try (RawResp kv = new RawResp(cloud.address("kv").orElseThrow())) {
            assertEquals("+PONG", kv.call("PING"));
            String thread = cloud.service(KvService.class)
                    .orElseThrow()
                    .engine()
                    .loop()
                    .submit(() -> Thread.currentThread().getName())
                    .get(10, TimeUnit.SECONDS);
            assertTrue(thread.startsWith(name + "-kv-"), thread);
        } finally {
            cloud.close();
        }
        for (Thread t : threadsNamed(name + "-kv-")) {
            t.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(t.isAlive(), "left behind: " + t.getName());
        }
    }

    private static List<Thread> threadsNamed(String prefix) {
        List<Thread> found = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix)) {
                found.add(t);
            }
        }
        return found;
    }

    /** One query over plain UDP (dnsjava only for the wire format, so no resolver threads linger). */
    private static Message udpQuery(InetSocketAddress server, Message question) throws IOException {
        byte[] query = question.toWire();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(10_000);
            socket.send(new DatagramPacket(query, query.length, server));
            byte[] buf = new byte[4096];
            DatagramPacket reply = new DatagramPacket(buf, buf.length);
            socket.receive(reply);
            return new Message(Arrays.copyOf(buf, reply.getLength()));
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
