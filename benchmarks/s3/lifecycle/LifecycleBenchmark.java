import dev.minicloud.MiniCloud;
import dev.minicloud.MutableClock;
import dev.minicloud.s3.S3Service;
import dev.minicloud.s3.internal.lifecycle.LifecycleReport;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * S3 lifecycle benchmark (issue 12, "Speed"), one JVM, MiniCloud in-process on port 0 with a
 * MutableClock, requests over loopback HTTP (unsigned, lenient auth) from C client threads:
 *  0. warm up both sides, so that neither window measures the JIT compiling its code: a pass over
 *     a small bucket of its own (min(N/10, 20,000) objects), then R pairs of the workload below;
 *  1. fill a bucket with N empty objects under a rule expiring them after 1 day (the pass's cost is
 *     per key, so the objects carry no data and N can be 1M in a few hundred MB of heap);
 *  2. idle: 4 KiB PUT+GET pairs into another bucket for R pairs; p50/p99 of a pair;
 *  3. advance the clock 2 days and run one lifecycle pass (on the workers; runLifecycle() waits for
 *     it on a thread of its own), while the clients keep doing PUT+GET pairs until it ends; p50/p99
 *     during the pass, its ratio to idle (the target: under 2x) and the pass's objects/s.
 * A p99 depends on its sample's size (the pass window holds a few thousand pairs, the idle one R),
 * so the ratio is also given against idle at the pass window's size: the median of the p99s of
 * the idle pairs cut, in the order they started, into runs as long as the pass window's. A pass's
 * cost can also land after it (the young collection that scans the cards its removals dirtied may
 * come later), so as many pairs again (at least 1,000) are measured right after it. Young
 * GCs (count, pause time) are printed for each window, since a pass's removals make them dearer,
 * and on Linux the CPU time each group of the JVM's threads used in each window (from
 * /proc/self/task: the pass's workers, the event loops, the clients, JIT compilers, GC threads).
 * Usage: java -cp <standalone jar> LifecycleBenchmark.java [objects] [clients] [pairs] [batch]
 * ({@code batch}: the {@code s3-lifecycle-batch} setting, keys per worker task; the default when absent).
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
        MiniCloud.Builder builder = MiniCloud.builder().services("s3").clock(clock).setting("s3-lifecycle-interval", "0");
        if (args.length > 3) {
            builder.setting("s3-lifecycle-batch", args[3]);
        }
        try (MiniCloud cloud = builder.start()) {
            base = "http://127.0.0.1:" + cloud.edgePort();
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newFixedThreadPool(clients)).build();
            S3Service s3 = cloud.service(S3Service.class).orElseThrow();
            send("PUT", "/warm-expiring", new byte[0]);
            send("PUT", "/warm-expiring?lifecycle", lifecycleDay());
            send("PUT", "/expiring", new byte[0]);
            send("PUT", "/work", new byte[0]);
            send("PUT", "/expiring?lifecycle", lifecycleDay());

            // The pass's code is compiled here, on a bucket of its own, before anything is measured.
            int warmObjects = Math.max(1, Math.min(n / 10, 20_000));
            parallel(clients, warmObjects, i -> send("PUT", "/warm-expiring/" + key("obj/", i), new byte[0]));
            clock.advance(Duration.ofDays(2));
            LifecycleReport warm = s3.runLifecycle();
            System.out.printf("warm-up pass: %d expired%n", warm.expired());

            long f0 = System.nanoTime();
            parallel(clients, n, i -> send("PUT", "/expiring/" + key("obj/", i), new byte[0]));
            System.out.printf("filled %d empty objects in %.1f s%n", n, (System.nanoTime() - f0) / 1e9);

            workload(clients, pairs, "warm/", null); // warm-up
            Map<String, Long> c0 = threadCpu();
            long i0 = System.nanoTime();
            Gc g0 = Gc.now();
            long[][] idleRun = workload(clients, pairs, "idle/", null);
            Gc idleGc = Gc.now().minus(g0);
            long[] idle = sorted(idleRun);
            System.out.printf("idle 4 KiB PUT+GET, %d clients, %d pairs: p50 %.3f ms, p99 %.3f ms; %s%n", clients,
                    pairs, pct(idle, 0.50), pct(idle, 0.99), idleGc);
            printCpu("idle", c0, threadCpu(), System.nanoTime() - i0);

            clock.advance(Duration.ofDays(2));
            Map<String, Long> c1 = threadCpu();
            AtomicBoolean running = new AtomicBoolean(true);
            long p0 = System.nanoTime();
            CompletableFuture<LifecycleReport> pass = CompletableFuture.supplyAsync(() -> {
                try {
                    return s3.runLifecycle();
                } finally {
                    running.set(false);
                }
            });
            Gc g1 = Gc.now();
            long[] during = sorted(workload(clients, Integer.MAX_VALUE, "during/", running));
            LifecycleReport report = pass.join();
            double passSecs = (System.nanoTime() - p0) / 1e9;
            Gc passGc = Gc.now().minus(g1);
            Map<String, Long> c2 = threadCpu();
            System.out.printf("lifecycle pass: %d expired of %d scanned in %.2f s = %.0f objects/s%n",
                    report.expired(), report.objectsScanned(), passSecs, report.objectsScanned() / passSecs);
            System.out.printf("during the pass, 4 KiB PUT+GET, %d pairs: p50 %.3f ms, p99 %.3f ms; %s; p99 ratio to "
                    + "idle %.2f (target < 2)%n", during.length, pct(during, 0.50), pct(during, 0.99), passGc,
                    pct(during, 0.99) / pct(idle, 0.99));
            printCpu("pass", c1, c2, System.nanoTime() - p0);
            if (during.length < 1_000) {
                System.out.printf("  (only %d pairs overlap the pass: its p99 is the tail of a small sample; "
                        + "run more objects)%n", during.length);
            }
            Gc g2 = Gc.now();
            int afterPairs = Math.max(1_000, during.length);
            long[] after = sorted(workload(clients, afterPairs, "after/", null));
            System.out.printf("right after the pass, %d pairs: p50 %.3f ms, p99 %.3f ms; %s%n", afterPairs,
                    pct(after, 0.50), pct(after, 0.99), Gc.now().minus(g2));
            double idleAtSize = idleP99AtSize(idleRun, during.length);
            System.out.printf("idle p99 at the pass window's size (median of %d runs of %d idle pairs): %.3f ms; "
                    + "p99 ratio %.2f%n", Math.max(1, idleRun[0].length / Math.max(1, during.length)),
                    Math.min(during.length, idleRun[0].length), idleAtSize, pct(during, 0.99) / idleAtSize);
            ((ExecutorService) http.executor().orElseThrow()).shutdown();
        }
    }

    interface Op {
        void run(int i) throws Exception;
    }

    /**
     * PUT+GET pairs of 4 KiB: {@code limit} of them, or as many as fit while {@code until} holds;
     * {@code [0]} their latencies in nanoseconds in the order they started, {@code [1]} their starts.
     */
    static long[][] workload(int clients, int limit, String prefix, AtomicBoolean until) throws Exception {
        List<long[][]> perClient = new ArrayList<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(CompletableFuture.runAsync(() -> {
                long[] lat = new long[1024];
                long[] start = new long[1024];
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
                            start = Arrays.copyOf(start, count * 2);
                        }
                        start[count] = t;
                        lat[count++] = System.nanoTime() - t;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                long[][] mine = {Arrays.copyOf(lat, count), Arrays.copyOf(start, count)};
                synchronized (perClient) {
                    perClient.add(mine);
                }
            }, pool));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
        pool.shutdown();
        // merged in the order the pairs started
        List<long[]> pairs = new ArrayList<>();
        for (long[][] c : perClient) {
            for (int i = 0; i < c[0].length; i++) {
                pairs.add(new long[] {c[1][i], c[0][i]});
            }
        }
        pairs.sort((a, b) -> Long.compare(a[0], b[0]));
        long[][] out = new long[2][pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            out[0][i] = pairs.get(i)[1];
            out[1][i] = pairs.get(i)[0];
        }
        return out;
    }

    static long[] sorted(long[][] run) {
        long[] s = run[0].clone();
        Arrays.sort(s);
        return s;
    }

    /** The median p99 of the idle pairs cut, in start order, into runs of {@code size} (all of them if fewer). */
    static double idleP99AtSize(long[][] idleRun, int size) {
        long[] lat = idleRun[0];
        if (size <= 0 || size >= lat.length) {
            long[] all = lat.clone();
            Arrays.sort(all);
            return pct(all, 0.99);
        }
        List<Double> p99s = new ArrayList<>();
        for (int from = 0; from + size <= lat.length; from += size) {
            long[] run = Arrays.copyOfRange(lat, from, from + size);
            Arrays.sort(run);
            p99s.add(pct(run, 0.99));
        }
        p99s.sort(null);
        return p99s.get(p99s.size() / 2);
    }

    /** Young and old collections so far: counts and accumulated pause or cycle time. */
    record Gc(long young, long youngMillis, long old, long oldMillis) {
        static Gc now() {
            long y = 0;
            long ym = 0;
            long o = 0;
            long om = 0;
            for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (b.getName().contains("Young")) {
                    y += b.getCollectionCount();
                    ym += b.getCollectionTime();
                } else {
                    o += b.getCollectionCount();
                    om += b.getCollectionTime();
                }
            }
            return new Gc(y, ym, o, om);
        }

        Gc minus(Gc before) {
            return new Gc(young - before.young, youngMillis - before.youngMillis, old - before.old,
                    oldMillis - before.oldMillis);
        }

        @Override
        public String toString() {
            return String.format("GC: %d young (%d ms paused), %d other (%d ms)", young, youngMillis, old, oldMillis);
        }
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

    /** CPU ticks (usually 10 ms) used so far by each group of this JVM's threads (Linux); empty elsewhere. */
    static Map<String, Long> threadCpu() {
        Map<String, Long> ticks = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(t.resolve("stat"));
                } catch (java.io.IOException gone) {
                    continue; // the thread ended meanwhile
                }
                // name: the thread's (15 characters at most) without its number, so a pool is one group
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[-#0-9]+$", "");
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
            }
        } catch (java.io.IOException | RuntimeException notLinux) {
            ticks.clear();
        }
        return ticks;
    }

    static void printCpu(String window, Map<String, Long> before, Map<String, Long> after, long wallNanos) {
        if (after.isEmpty()) {
            return;
        }
        StringBuilder line = new StringBuilder(String.format("  CPU in the %s window (%.2f s wall; 10 ms ticks):",
                window, wallNanos / 1e9));
        after.forEach((name, t) -> {
            long d = t - before.getOrDefault(name, 0L);
            if (d > 0) {
                line.append(' ').append(name).append('=').append(d);
            }
        });
        System.out.println(line);
    }

    static byte[] lifecycleDay() {
        return ("<LifecycleConfiguration><Rule><ID>day</ID><Filter><Prefix></Prefix>"
                + "</Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>"
                + "</LifecycleConfiguration>").getBytes(StandardCharsets.UTF_8);
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
