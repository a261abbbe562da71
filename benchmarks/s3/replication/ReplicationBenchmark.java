import dev.minicloud.MiniCloud;
import dev.minicloud.s3.S3Service;
import dev.minicloud.s3.internal.store.Bucket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * S3 replication benchmark, one JVM, MiniCloud in-process on port 0, PUTs over loopback HTTP
 * (unsigned, lenient auth) from N client threads:
 *  1. lag: PUT N objects of 4 KiB into a replicated bucket; for each, the time from the PUT
 *     response to the replica appearing in the destination bucket (p50/p99);
 *  2. replication throughput: pause the engine, PUT N objects, resume, time to idle (objects/s);
 *  3. PUT throughput into a bucket with a rule vs one without, alternating rounds (best of each).
 * No other emulator performs replication, so the comparison is MiniCloud with vs without a rule.
 * Usage: java -cp <standalone jar> ReplicationBenchmark.java [objects] [clients] [rounds]
 */
public class ReplicationBenchmark {
    static final byte[] BODY = new byte[4096];
    static HttpClient http;
    static String base;

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Arrays.fill(BODY, (byte) 'r');
        try (MiniCloud cloud = MiniCloud.builder().services("s3").start()) {
            base = "http://127.0.0.1:" + cloud.edgePort();
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newFixedThreadPool(clients)).build();
            S3Service s3 = cloud.service(S3Service.class).orElseThrow();
            bucket("plain", null, false);
            bucket("src", null, true);
            bucket("dst", "eu-west-1", true);
            send("PUT", "/src?replication", ("<ReplicationConfiguration><Role>arn:aws:iam::000000000000:role/r</Role>"
                    + "<Rule><ID>all</ID><Priority>1</Priority><Status>Enabled</Status><Filter><Prefix></Prefix></Filter>"
                    + "<DeleteMarkerReplication><Status>Disabled</Status></DeleteMarkerReplication>"
                    + "<Destination><Bucket>arn:aws:s3:::dst</Bucket></Destination></Rule></ReplicationConfiguration>")
                    .getBytes(StandardCharsets.UTF_8));

            // warm-up, both paths
            putAll("plain", "warm/", n / 2, clients, null);
            putAll("src", "warm/", n / 2, clients, null);
            s3.awaitReplication(Duration.ofMinutes(5));

            // 1. lag
            Bucket dst = s3.store().bucket("000000000000", "dst");
            long[] putDone = new long[n];
            long[] seen = new long[n];
            Thread watcher = new Thread(() -> {
                for (int i = 0; i < n; i++) {
                    String key = key("lag/", i);
                    while (dst.chain(key) == null) {
                        Thread.onSpinWait();
                    }
                    seen[i] = System.nanoTime();
                }
            });
            watcher.start();
            putAll("src", "lag/", n, clients, putDone);
            watcher.join();
            long[] lag = new long[n];
            for (int i = 0; i < n; i++) {
                lag[i] = Math.max(0, seen[i] - putDone[i]);
            }
            Arrays.sort(lag);
            System.out.printf("replication lag, %d x 4 KiB, %d clients: p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
                    n, clients, lag[n / 2] / 1e6, lag[(int) (n * 0.99)] / 1e6, lag[n - 1] / 1e6);

            // 2. replication throughput, engine alone
            s3.replication().pause();
            putAll("src", "burst/", n, clients, null);
            long t0 = System.nanoTime();
            s3.replication().resume();
            if (!s3.awaitReplication(Duration.ofMinutes(5))) {
                throw new IllegalStateException("replication did not finish");
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf("replication throughput: %d objects in %.3f s = %.0f objects/s%n", n, secs, n / secs);

            // 3. PUT throughput with and without a rule, alternating
            double bestPlain = 0;
            double bestReplicated = 0;
            double[] ratios = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                // alternate which goes first, so a burst of load from elsewhere does not favour one side
                double plain;
                double replicated;
                if (r % 2 == 0) {
                    plain = putRate("plain", "r" + r + "/", n, clients);
                    replicated = putRate("src", "r" + r + "/", n, clients);
                } else {
                    replicated = putRate("src", "r" + r + "/", n, clients);
                    plain = putRate("plain", "r" + r + "/", n, clients);
                }
                s3.awaitReplication(Duration.ofMinutes(5));
                bestPlain = Math.max(bestPlain, plain);
                bestReplicated = Math.max(bestReplicated, replicated);
                ratios[r] = replicated / plain;
            }
            Arrays.sort(ratios);
            System.out.printf("PUT 4 KiB, %d clients, %d alternating rounds: best without rule %.0f ops/s, best with rule "
                    + "%.0f ops/s, ratio of bests %.3f; median per-round ratio %.3f (slowdown %.1f%%)%n", clients, rounds,
                    bestPlain, bestReplicated, bestReplicated / bestPlain, ratios[rounds / 2],
                    100 * (1 - ratios[rounds / 2]));
            System.out.println("engine: " + s3.replication().stats());
            ((ExecutorService) http.executor().orElseThrow()).shutdown();
        }
    }

    static double putRate(String bucket, String prefix, int n, int clients) throws Exception {
        long t0 = System.nanoTime();
        putAll(bucket, prefix, n, clients, null);
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    static String key(String prefix, int i) {
        return prefix + String.format("%06d", i);
    }

    static void putAll(String bucket, String prefix, int n, int clients, long[] doneAt) throws Exception {
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(clients);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                try {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        send("PUT", "/" + bucket + "/" + key(prefix, i), BODY);
                        if (doneAt != null) {
                            doneAt[i] = System.nanoTime();
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        pool.shutdown();
    }

    static void bucket(String name, String region, boolean versioned) throws Exception {
        send("PUT", "/" + name, region == null ? new byte[0] : ("<CreateBucketConfiguration><LocationConstraint>"
                + region + "</LocationConstraint></CreateBucketConfiguration>").getBytes(StandardCharsets.UTF_8));
        if (versioned) {
            send("PUT", "/" + name + "?versioning",
                    "<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>".getBytes(StandardCharsets.UTF_8));
        }
    }

    static void send(String method, String path, byte[] body) throws Exception {
        HttpResponse<byte[]> resp = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (resp.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + ": " + resp.statusCode() + " "
                    + new String(resp.body(), StandardCharsets.UTF_8));
        }
    }
}
