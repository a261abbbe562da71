import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/**
 * The S3 load driver of benchmarks/s3/run.sh: runs one workload against each named endpoint in
 * turn, with the same SDK client settings, and prints ops/s, MB/s, p50/p99 and MiniCloud's ratio to
 * each peer. Usage: java -cp <sdk> S3Bench.java threads name=endpoint [name=endpoint ...]
 * (the first endpoint is the reference for the ratios).
 */
public class S3Bench {
    static final int SMALL = 4 * 1024;
    static final int LARGE = 1024 * 1024;
    static final int SMALL_PAIRS_PER_THREAD = Integer.getInteger("bench.smallPairs", 500);
    static final int LARGE_PAIRS_PER_THREAD = Integer.getInteger("bench.largePairs", 16);
    static final int LIST_KEYS = 10_000;
    static final int LIST_ROUNDS = Integer.getInteger("bench.listRounds", 2);

    record Result(double opsPerSec, double mbPerSec, double p50Ms, double p99Ms) {
        String show() {
            return String.format("%10.0f ops/s %9.1f MB/s  p50 %7.2f ms  p99 %7.2f ms", opsPerSec, mbPerSec, p50Ms, p99Ms);
        }
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        Map<String, String> targets = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            targets.put(kv[0], kv[1]);
        }
        Map<String, Map<String, Result>> all = new LinkedHashMap<>();
        for (Map.Entry<String, String> t : targets.entrySet()) {
            System.out.println("== " + t.getKey() + " (" + t.getValue() + "), " + threads + " client threads");
            Map<String, Result> r = run(t.getValue(), threads);
            r.forEach((k, v) -> System.out.printf("  %-22s %s%n", k, v.show()));
            all.put(t.getKey(), r);
        }
        String ref = targets.keySet().iterator().next();
        System.out.println();
        System.out.println("== ratios (" + ref + " / peer; > 1 means " + ref + " is faster)");
        for (String peer : targets.keySet()) {
            if (peer.equals(ref)) {
                continue;
            }
            for (String w : all.get(ref).keySet()) {
                Result a = all.get(ref).get(w);
                Result b = all.get(peer).get(w);
                System.out.printf("  %-22s vs %-8s throughput x%6.2f   p50 x%6.2f   p99 x%6.2f%n", w, peer,
                        a.opsPerSec / b.opsPerSec, b.p50Ms / a.p50Ms, b.p99Ms / a.p99Ms);
            }
        }
    }

    static S3Client client(String endpoint, int threads) {
        return S3Client.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .forcePathStyle(true)
                // Client-side checksums cost the same for every server: leave them to the server under test.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(Apache5HttpClient.builder().maxConnections(threads * 2))
                .build();
    }

    static Map<String, Result> run(String endpoint, int threads) throws Exception {
        Map<String, Result> out = new LinkedHashMap<>();
        String bucket = "bench-" + Long.toHexString(System.nanoTime());
        try (S3Client s3 = client(endpoint, threads)) {
            s3.createBucket(b -> b.bucket(bucket));
            byte[] small = bytes(SMALL);
            byte[] large = bytes(LARGE);
            // warm-up: JIT on both sides. The driver JVM is cold when it meets the first server, so
            // this is long enough (and repeated per server) that the order of servers does not matter.
            for (int round = 0; round < 5; round++) {
                phase(s3, threads, 400, (c, t, i) -> c.putObject(b -> b.bucket(bucket).key("warm/" + t + "/" + i),
                        RequestBody.fromBytes(small)));
                phase(s3, threads, 400, (c, t, i) -> c.getObjectAsBytes(b -> b.bucket(bucket).key("warm/" + t + "/" + i)));
                phase(s3, threads, 4, (c, t, i) -> c.putObject(b -> b.bucket(bucket).key("warm/l/" + t + "/" + i),
                        RequestBody.fromBytes(large)));
                phase(s3, threads, 4, (c, t, i) -> c.getObjectAsBytes(b -> b.bucket(bucket).key("warm/l/" + t + "/" + i)));
            }

            out.put("4KiB PUT+GET pairs", pairs(s3, threads, SMALL_PAIRS_PER_THREAD, bucket, "s", small));
            out.put("1MiB PUT", timed(s3, threads, LARGE_PAIRS_PER_THREAD, LARGE, (c, t, i) ->
                    c.putObject(b -> b.bucket(bucket).key("l/" + t + "/" + i), RequestBody.fromBytes(large))));
            out.put("1MiB GET", timed(s3, threads, LARGE_PAIRS_PER_THREAD, LARGE, (c, t, i) ->
                    check(c.getObjectAsBytes(b -> b.bucket(bucket).key("l/" + t + "/" + i)).asByteArray().length, LARGE)));

            phase(s3, threads, LIST_KEYS / threads, (c, t, i) -> c.putObject(b -> b.bucket(bucket)
                    .key(String.format("list/%02d/%06d", t, i)), RequestBody.fromBytes(new byte[1])));
            out.put("ListV2 10k keys", list(s3, bucket, threads));
        }
        return out;
    }

    interface Op {
        void run(S3Client c, int thread, int i) throws Exception;
    }

    static void check(int got, int expected) {
        if (got != expected) {
            throw new IllegalStateException("got " + got + " bytes, expected " + expected);
        }
    }

    static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    /** Runs count ops per thread; returns all latencies in nanoseconds and the wall time. */
    static long[][] phase(S3Client s3, int threads, int count, Op op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> fs = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                fs.add(pool.submit(() -> {
                    long[] lat = new long[count];
                    for (int i = 0; i < count; i++) {
                        long s = System.nanoTime();
                        op.run(s3, thread, i);
                        lat[i] = System.nanoTime() - s;
                    }
                    return lat;
                }));
            }
            long[] merged = new long[0];
            for (Future<long[]> f : fs) {
                long[] l = f.get();
                long[] m = Arrays.copyOf(merged, merged.length + l.length);
                System.arraycopy(l, 0, m, merged.length, l.length);
                merged = m;
            }
            long wall = System.nanoTime() - start;
            return new long[][] {merged, {wall}};
        } finally {
            pool.shutdown();
        }
    }

    static Result result(long[][] phase, long bytesPerOp, int opsPerSample) {
        long[] lat = phase[0];
        Arrays.sort(lat);
        double seconds = phase[1][0] / 1e9;
        double ops = (double) lat.length * opsPerSample / seconds;
        double mb = bytesPerOp * (double) lat.length / seconds / (1024 * 1024);
        return new Result(ops, mb, lat[lat.length / 2] / 1e6, lat[(int) Math.min(lat.length - 1, lat.length * 0.99)] / 1e6);
    }

    static Result pairs(S3Client s3, int threads, int count, String bucket, String prefix, byte[] data) throws Exception {
        // one sample = PUT then GET of the same key; ops/s counts both requests
        return result(phase(s3, threads, count, (c, t, i) -> {
            String key = prefix + "/" + t + "/" + i;
            c.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(data));
            check(c.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray().length, data.length);
        }), 2L * data.length, 2);
    }

    static Result timed(S3Client s3, int threads, int count, long bytes, Op op) throws Exception {
        return result(phase(s3, threads, count, op), bytes, 1);
    }

    static Result list(S3Client s3, String bucket, int threads) throws Exception {
        // each sample lists all 10,000 keys (10 pages of 1,000); ops/s = full listings per second
        return result(phase(s3, threads, LIST_ROUNDS, (c, t, i) -> {
            int n = 0;
            String token = null;
            do {
                String tk = token;
                ListObjectsV2Response r = c.listObjectsV2(b -> b.bucket(bucket).prefix("list/").continuationToken(tk));
                n += r.keyCount();
                token = r.isTruncated() ? r.nextContinuationToken() : null;
            } while (token != null);
            check(n, (LIST_KEYS / threads) * threads);
        }), 0, 1);
    }
}
