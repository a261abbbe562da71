import dev.minicloud.MiniCloud;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * POST Object against PutObject (issue 12, "Speed": 1 MiB POST uploads reach at least 90% of
 * PutObject's MB/s in the same run). One JVM, MiniCloud in-process on port 0, lenient auth, C client
 * threads over loopback HTTP/1.1 (java.net.http for both, so the client's cost is the same):
 * rounds alternate PUT and POST phases of S seconds each, after a warm-up of both; each phase's
 * MB/s (10^6 bytes/s of object data) is printed, then the median of each and their ratio.
 * The POST body is what a browser form sends: a {@code key} field, then the file part.
 * Usage: java -cp <standalone jar> PostBenchmark.java [clients] [seconds] [rounds]
 */
public class PostBenchmark {
    static final int SIZE = 1024 * 1024;
    static final String BOUNDARY = "----MiniCloudBenchBoundary";
    static final byte[] DATA = new byte[SIZE];
    static HttpClient http;
    static String base;

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Arrays.fill(DATA, (byte) 'p');
        try (MiniCloud cloud = MiniCloud.builder().services("s3").start()) {
            base = "http://127.0.0.1:" + cloud.edgePort();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            check(http.send(HttpRequest.newBuilder(URI.create(base + "/bench")).PUT(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString()), "create bucket");
            phase(pool, clients, seconds, false, "warm-up");
            phase(pool, clients, seconds, true, "warm-up");
            List<Double> put = new ArrayList<>();
            List<Double> post = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                put.add(phase(pool, clients, seconds, false, "round " + r));
                post.add(phase(pool, clients, seconds, true, "round " + r));
            }
            double putMedian = median(put);
            double postMedian = median(post);
            System.out.printf("median of %d rounds, %d clients, 1 MiB: PutObject %.0f MB/s, POST Object %.0f MB/s, "
                    + "POST/PUT %.2f (target >= 0.90)%n", rounds, clients, putMedian, postMedian, postMedian / putMedian);
            pool.shutdownNow();
        }
    }

    /** C clients uploading 1 MiB objects for {@code seconds}; MB/s of object data. */
    static double phase(ExecutorService pool, int clients, int seconds, boolean form, String label) throws Exception {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<?>> futures = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                for (int i = 0; System.nanoTime() < end; i++) {
                    String key = "c" + client + "/k" + (i % 64);
                    upload(key, form);
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double mbs = done.get() * (double) SIZE / ((System.nanoTime() - t0) / 1e9) / 1e6;
        System.out.printf("%-8s %-11s %6d uploads, %.0f MB/s%n", label, form ? "POST Object" : "PutObject", done.get(), mbs);
        return mbs;
    }

    static void upload(String key, boolean form) throws Exception {
        HttpRequest request;
        if (form) {
            byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\n" + key + "\r\n--"
                    + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.bin\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
            request = HttpRequest.newBuilder(URI.create(base + "/bench"))
                    .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                    .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                            HttpRequest.BodyPublishers.ofByteArray(DATA), HttpRequest.BodyPublishers.ofByteArray(tail)))
                    .build();
        } else {
            request = HttpRequest.newBuilder(URI.create(base + "/bench/" + key))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(DATA)).build();
        }
        check(http.send(request, HttpResponse.BodyHandlers.ofString()), (form ? "POST " : "PUT ") + key);
    }

    static void check(HttpResponse<String> r, String what) {
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(what + ": " + r.statusCode() + " " + r.body());
        }
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
