import dev.minicloud.MiniCloud;
import dev.minicloud.MutableClock;
import dev.minicloud.s3.S3Service;
import dev.minicloud.s3.lifecycle.LifecycleReport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * S3 lifecycle benchmark (issue 12, "Speed"), one JVM, MiniCloud in-process on port 0 with a
 * MutableClock, requests over loopback HTTP (unsigned, lenient auth) from C client threads:
 *  1. fill a bucket with N empty objects under a rule expiring them after 1 day (the pass's cost is
 *     per key, so the objects carry no data and N can be 1M in a few hundred MB of heap);
 *  2. idle: 4 KiB PUT+GET pairs into another bucket for R pairs; p50/p99 of a pair;
 *  3. advance the clock 2 days and run one lifecycle pass on its own thread, while the clients keep
 *     doing PUT+GET pairs until it ends; p50/p99 during the pass, its ratio to idle (the target:
 *     under 2x) and the pass's objects/s.
 * Usage: java -cp <standalone jar> LifecycleBenchmark.java [objects] [clients] [pairs]
 */
public class LifecycleBenchmark {
    static final byte[] BODY = new byte[4096];
    static HttpClient http;
    static String base;

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int pairs = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        Arrays.fill(BODY, (byte) 'l');
        MutableClock clock = MutableClock.fromSystemTime();
        try (MiniCloud cloud = MiniCloud.builder().services("s3").clock(clock)
                .setting("s3-lifecycle-interval", "0").start()) {
            base = "http://127.0.0.1:" + cloud.edgePort();
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newFixedThreadPool(clients)).build();
            S3Service s3 = cloud.service(S3Service.class).orElseThrow();
            send("PUT", "/expiring", new byte[0]);
            send("PUT", "/work", new byte[0]);
            send("PUT", "/expiring?lifecycle", ("<LifecycleConfiguration><Rule><ID>day</ID><Filter><Prefix></Prefix>"
                    + "</Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>"
                    + "</LifecycleConfiguration>").getBytes(StandardCharsets.UTF_8));

            long f0 = System.nanoTime();
            parallel(clients, n, i -> send("PUT", "/expiring/" + key("obj/", i), new byte[0]));
            System.out.printf("filled %d empty objects in %.1f s%n", n, (System.nanoTime() - f0) / 1e9);

            workload(clients, Math.min(pairs, 5_000), "warm/", null); // warm-up
            long[] idle = workload(clients, pairs, "idle/", null);
            System.out.printf("idle 4 KiB PUT+GET, %d clients, %d pairs: p50 %.3f ms, p99 %.3f ms%n", clients, pairs,
                    pct(idle, 0.50), pct(idle, 0.99));

            clock.advance(Duration.ofDays(2));
            AtomicBoolean running = new AtomicBoolean(true);
            long p0 = System.nanoTime();
            CompletableFuture<LifecycleReport> pass = CompletableFuture.supplyAsync(() -> {
                try {
                    return s3.runLifecycle();
                } finally {
                    running.set(false);
                }
            });
            long[] during = workload(clients, Integer.MAX_VALUE, "during/", running);
            LifecycleReport report = pass.join();
            double passSecs = (System.nanoTime() - p0) / 1e9;
            System.out.printf("lifecycle pass: %d expired of %d scanned in %.2f s = %.0f objects/s%n",
                    report.expired(), report.objectsScanned(), passSecs, report.objectsScanned() / passSecs);
            System.out.printf("during the pass, 4 KiB PUT+GET, %d pairs: p50 %.3f ms, p99 %.3f ms; p99 ratio to idle "
                    + "%.2f (target < 2)%n", during.length, pct(during, 0.50), pct(during, 0.99),
                    pct(during, 0.99) / pct(idle, 0.99));
            ((ExecutorService) http.executor().orElseThrow()).shutdown();
        }
    }

    interface Op {
        void run(int i) throws Exception;
    }

    /** PUT+GET pairs of 4 KiB: {@code limit} of them, or as many as fit while {@code until} holds. */
    static long[] workload(int clients, int limit, String prefix, AtomicBoolean until) throws Exception {
        List<long[]> perClient = new ArrayList<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long[][] box = new long[1][];
            done.add(CompletableFuture.runAsync(() -> {
                long[] lat = new long[1024];
                int count = 0;
                try {
                    for (int i = next.getAndIncrement(); i < limit && (until == null || until.get());
                         i = next.getAndIncrement()) {
                        String path = "/work/" + key(prefix, i);
                        long t = System.nanoTime();
                        send("PUT", path, BODY);
                        send("GET", path, null);
                        if (count == lat.length) {
                            lat = Arrays.copyOf(lat, count * 2);
                        }
                        lat[count++] = System.nanoTime() - t;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                box[0] = Arrays.copyOf(lat, count);
                synchronized (perClient) {
                    perClient.add(box[0]);
                }
            }, pool));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
        pool.shutdown();
        long[] all = perClient.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return all;
    }

    static void parallel(int clients, int n, Op op) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients * 2);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int c = 0; c < clients * 2; c++) {
            done.add(CompletableFuture.runAsync(() -> {
                try {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        op.run(i);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, pool));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
        pool.shutdown();
    }

    static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
    }

    static String key(String prefix, int i) {
        return prefix + String.format("%07d", i);
    }

    static void send(String method, String path, byte[] body) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method, publisher);
        if (path.contains("?") && body != null) {
            // Configuration calls such as ?lifecycle need Content-MD5 on S3; object PUTs are sent bare.
            b.header("Content-MD5", Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body)));
        }
        HttpResponse<byte[]> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (resp.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + ": " + resp.statusCode() + " "
                    + new String(resp.body(), StandardCharsets.UTF_8));
        }
    }
}
