import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * turn, with the same client settings, and prints ops/s, MB/s, p50/p99 and the first endpoint's
 * ratio to each other one.
 * Usage: java -cp <sdk> S3Bench.java [--driver=raw|sdk] threads name=endpoint [name=endpoint ...]
 *
 * Two drivers. "raw" (the default) speaks HTTP/1.1 itself over one keep-alive socket per thread,
 * sending unsigned path-style requests (every server under test accepts them), so nearly all the
 * CPU of this 2-core machine goes to the servers. "sdk" is the AWS SDK v2 sync client (Apache5),
 * which costs the client about as much CPU per request as a fast server spends answering it.
 *
 * An endpoint written with the fragment {@code #configured} (raw driver) gets a bucket with CORS rules,
 * a bucket policy and default encryption, and every request carries an {@code Origin} header: the
 * cost of configuration checks on the object path (issue 11: within 5% of the plain run).
 */
public class S3Bench {
    static final int SMALL = 4 * 1024;
    static final int LARGE = 1024 * 1024;
    static final int SMALL_KEYS_PER_THREAD = 500;  // S3Mock slows down with every key a bucket holds
    static final int LARGE_KEYS_PER_THREAD = 64;
    static final int LIST_KEYS = 10_000;
    static final int WARM_SECONDS = Integer.getInteger("bench.warmSeconds", 20);
    static final int PHASE_SECONDS = Integer.getInteger("bench.seconds", 10);
    /** Which workloads to run (for profiling one of them): any of small, put, get, list. */
    static final List<String> WORKLOADS = List.of(System.getProperty("bench.workloads", "small,put,get,list").split(","));

    record Result(double opsPerSec, double mbPerSec, double p50Ms, double p99Ms) {
        String show() {
            return String.format("%10.0f ops/s %9.1f MB/s  p50 %7.2f ms  p99 %7.2f ms", opsPerSec, mbPerSec, p50Ms, p99Ms);
        }
    }

    /** One thread's connection to a server. */
    interface Client extends AutoCloseable {
        void createBucket(String bucket) throws IOException;

        void put(String bucket, String key, byte[] data) throws IOException;

        /** GETs the object and returns its length (the body is read and dropped). */
        int get(String bucket, String key) throws IOException;

        /** One ListObjectsV2 page: key count and the next continuation token or null. */
        Page list(String bucket, String prefix, String token) throws IOException;

        @Override
        void close() throws IOException;
    }

    record Page(int keys, String next) {
    }

    /** Opens one client per worker thread. */
    interface Driver extends AutoCloseable {
        Client open() throws IOException;

        @Override
        void close();
    }

    public static void main(String[] args) throws Exception {
        int a = 0;
        String driverName = "raw";
        if (args[a].startsWith("--driver=")) {
            driverName = args[a++].substring("--driver=".length());
        }
        int threads = Integer.parseInt(args[a++]);
        Map<String, String> targets = new LinkedHashMap<>();
        for (; a < args.length; a++) {
            String[] kv = args[a].split("=", 2);
            targets.put(kv[0], kv[1]);
        }
        Map<String, Map<String, Result>> all = new LinkedHashMap<>();
        for (Map.Entry<String, String> t : targets.entrySet()) {
            System.out.println("== " + t.getKey() + " (" + t.getValue() + "), " + threads + " client threads, driver " + driverName);
            URI endpoint = URI.create(t.getValue());
            boolean configured = "configured".equals(endpoint.getFragment());
            try (Driver driver = driverName.equals("sdk") ? new SdkDriver(endpoint, threads) : new RawDriver(endpoint, configured)) {
                Map<String, Result> r = run(driver, threads);
                r.forEach((k, v) -> System.out.printf("  %-22s %s%n", k, v.show()));
                all.put(t.getKey(), r);
            }
        }
        // Each MiniCloud target against each peer, and the first MiniCloud against its other variants.
        String ref = targets.keySet().iterator().next();
        for (String us : targets.keySet()) {
            if (!us.startsWith("minicloud")) {
                continue;
            }
            System.out.println();
            System.out.println("== ratios (" + us + " / peer; > 1 means " + us + " is faster)");
            for (String peer : targets.keySet()) {
                if (peer.equals(us) || peer.startsWith("minicloud") && !us.equals(ref)) {
                    continue;
                }
                for (String w : all.get(us).keySet()) {
                    Result x = all.get(us).get(w);
                    Result y = all.get(peer).get(w);
                    System.out.printf("  %-22s vs %-20s throughput x%6.2f   p50 x%6.2f   p99 x%6.2f%n", w, peer,
                            x.opsPerSec / y.opsPerSec, y.p50Ms / x.p50Ms, y.p99Ms / x.p99Ms);
                }
            }
        }
    }

    static Map<String, Result> run(Driver driver, int threads) throws Exception {
        Map<String, Result> out = new LinkedHashMap<>();
        String bucket = "bench-" + Long.toHexString(System.nanoTime());
        try (Client c = driver.open()) {
            c.createBucket(bucket);
        }
        byte[] small = bytes(SMALL);
        byte[] large = bytes(LARGE);
        // Warm-up: JIT on both sides, timed rather than counted because servers differ tenfold in
        // speed. The server's C2 compiler needs several seconds of load before the hot paths settle,
        // and the driver JVM is cold when it meets the first server, so this is repeated per server.
        long warmUntil = System.nanoTime() + WARM_SECONDS * 1_000_000_000L;
        for (int round = 0; round < 2 || System.nanoTime() < warmUntil; round++) {
            phase(driver, threads, 500, 0, (c, t, i) -> c.put(bucket, "warm/" + t + "/" + i, small));
            phase(driver, threads, 500, 0, (c, t, i) -> c.get(bucket, "warm/" + t + "/" + i));
            phase(driver, threads, 8, 0, (c, t, i) -> c.put(bucket, "warm/l/" + t + "/" + i, large));
            phase(driver, threads, 8, 0, (c, t, i) -> c.get(bucket, "warm/l/" + t + "/" + i));
            phase(driver, threads, 1, 0, (c, t, i) -> c.list(bucket, "warm/", null));
        }

        // Each measured phase runs for PHASE_SECONDS (or until a thread's cap); keys are reused so
        // that memory stays bounded however fast the server is.
        if (WORKLOADS.contains("small")) {
            // one sample = PUT then GET of the same key; ops/s counts both requests
            out.put("4KiB PUT+GET pairs", result(phase(driver, threads, Integer.MAX_VALUE, PHASE_SECONDS, (c, t, i) -> {
                String key = "s/" + t + "/" + (i % SMALL_KEYS_PER_THREAD);
                c.put(bucket, key, small);
                check(c.get(bucket, key), SMALL);
            }), 2L * SMALL, 2));
        }
        if (WORKLOADS.contains("put") || WORKLOADS.contains("get")) {
            Timing put = phase(driver, threads, Integer.MAX_VALUE, PHASE_SECONDS, (c, t, i) ->
                    c.put(bucket, "l/" + t + "/" + (i % LARGE_KEYS_PER_THREAD), large));
            if (WORKLOADS.contains("put")) {
                out.put("1MiB PUT", result(put, LARGE, 1));
            }
            if (WORKLOADS.contains("get")) {
                int stored = Math.min(LARGE_KEYS_PER_THREAD, Arrays.stream(put.perThread()).min().orElse(0));
                out.put("1MiB GET", result(phase(driver, threads, Integer.MAX_VALUE, PHASE_SECONDS, (c, t, i) ->
                        check(c.get(bucket, "l/" + t + "/" + (i % stored)), LARGE)), LARGE, 1));
            }
        }
        if (WORKLOADS.contains("list")) {
            byte[] one = new byte[1];
            phase(driver, threads, LIST_KEYS / threads, 0, (c, t, i) -> c.put(bucket, String.format("list/%02d/%06d", t, i), one));
            // each sample lists all 10,000 keys (10 pages of 1,000); ops/s = full listings per second
            out.put("ListV2 10k keys", result(phase(driver, threads, Integer.MAX_VALUE, PHASE_SECONDS, (c, t, i) -> {
                int n = 0;
                String token = null;
                do {
                    Page p = c.list(bucket, "list/", token);
                    n += p.keys();
                    token = p.next();
                } while (token != null);
                check(n, (LIST_KEYS / threads) * threads);
            }), 0, 1));
        }
        return out;
    }

    interface Op {
        void run(Client c, int thread, int i) throws Exception;
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

    /** Every latency of a phase (ns), its wall time (ns) and how many ops each thread did. */
    record Timing(long[] latencies, long wallNanos, int[] perThread) {
    }

    /**
     * Runs op on every thread, each on its own client, until the thread has done {@code count} ops
     * or, if {@code seconds > 0}, the time is up (every thread does at least one op).
     */
    static Timing phase(Driver driver, int threads, int count, int seconds, Op op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Client> clients = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                clients.add(driver.open());
            }
            List<Future<long[]>> fs = new ArrayList<>();
            long start = System.nanoTime();
            long deadline = seconds > 0 ? start + seconds * 1_000_000_000L : Long.MAX_VALUE;
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Client c = clients.get(t);
                fs.add(pool.submit(() -> {
                    long[] lat = new long[Math.min(count, 1024)];
                    int i = 0;
                    for (long now = System.nanoTime(); i < count && (i == 0 || now < deadline); i++) {
                        op.run(c, thread, i);
                        long end = System.nanoTime();
                        if (i == lat.length) {
                            lat = Arrays.copyOf(lat, lat.length * 2);
                        }
                        lat[i] = end - now;
                        now = end;
                    }
                    return Arrays.copyOf(lat, i);
                }));
            }
            long[] merged = new long[0];
            int[] perThread = new int[threads];
            for (int t = 0; t < threads; t++) {
                long[] l = fs.get(t).get();
                perThread[t] = l.length;
                long[] m = Arrays.copyOf(merged, merged.length + l.length);
                System.arraycopy(l, 0, m, merged.length, l.length);
                merged = m;
            }
            long wall = System.nanoTime() - start;
            for (Client c : clients) {
                c.close();
            }
            return new Timing(merged, wall, perThread);
        } finally {
            pool.shutdown();
        }
    }

    static Result result(Timing phase, long bytesPerOp, int opsPerSample) {
        long[] lat = phase.latencies();
        Arrays.sort(lat);
        double seconds = phase.wallNanos() / 1e9;
        double ops = (double) lat.length * opsPerSample / seconds;
        double mb = bytesPerOp * (double) lat.length / seconds / (1024 * 1024);
        return new Result(ops, mb, lat[lat.length / 2] / 1e6, lat[(int) Math.min(lat.length - 1, lat.length * 0.99)] / 1e6);
    }

    /** The AWS SDK v2 sync client, shared by all threads as an application would share it. */
    static final class SdkDriver implements Driver {
        private final S3Client s3;

        SdkDriver(URI endpoint, int threads) {
            s3 = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .forcePathStyle(true)
                    // Client-side checksums cost the same for every server: leave them to the server under test.
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .httpClientBuilder(Apache5HttpClient.builder().maxConnections(threads * 2))
                    .build();
        }

        @Override
        public Client open() {
            return new SdkClient(s3);
        }

        @Override
        public void close() {
            s3.close();
        }
    }

    /** A thread's view of the shared SDK client; closing it leaves the shared client open. */
    record SdkClient(S3Client s3) implements Client {
        @Override
        public void createBucket(String bucket) {
            s3.createBucket(b -> b.bucket(bucket));
        }

        @Override
        public void put(String bucket, String key, byte[] data) {
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(data));
        }

        @Override
        public int get(String bucket, String key) {
            return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray().length;
        }

        @Override
        public Page list(String bucket, String prefix, String token) {
            ListObjectsV2Response r = s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).continuationToken(token));
            return new Page(r.keyCount(), r.isTruncated() ? r.nextContinuationToken() : null);
        }

        @Override
        public void close() {
            // the shared client is closed once, by its driver
        }
    }

    /** Plain HTTP/1.1 on one keep-alive socket per thread: the lightest client that is still fair to every server. */
    static final class RawDriver implements Driver {
        private final URI endpoint;
        private final boolean configured;

        RawDriver(URI endpoint, boolean configured) {
            this.endpoint = endpoint;
            this.configured = configured;
        }

        @Override
        public Client open() throws IOException {
            return new RawClient(endpoint.getHost(), endpoint.getPort(), configured);
        }

        @Override
        public void close() {
        }
    }

    static final class RawClient implements Client {
        private static final Pattern KEY_COUNT = Pattern.compile("<KeyCount>(\\d+)</KeyCount>");
        private static final Pattern NEXT = Pattern.compile("<NextContinuationToken>([^<]*)</NextContinuationToken>");

        private final InetSocketAddress address;
        private final String host;
        private Socket socket;
        private OutputStream out;
        private InputStream in;
        private final byte[] buf = new byte[64 * 1024];
        private int pos;
        private int lim;
        private byte[] body = new byte[LARGE + 1024];
        private int bodyLength;

        /** A page origin the configured bucket's CORS rules allow, sent on every request when configured. */
        private static final String ORIGIN = "http://app.example";
        private final boolean configured;

        RawClient(String host, int port, boolean configured) throws IOException {
            this.address = new InetSocketAddress(host, port);
            this.host = host + ":" + port;
            this.configured = configured;
            connect();
        }

        private void connect() throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(address);
            out = socket.getOutputStream();
            in = socket.getInputStream();
            pos = 0;
            lim = 0;
        }

        @Override
        public void createBucket(String bucket) throws IOException {
            expect(exchange("PUT", "/" + bucket, null, ""), 200); // set-up, not a page's request: no Origin
            if (configured) {
                configure(bucket);
            }
        }

        /** CORS rules, a bucket policy and default encryption, as an application's bucket has them. */
        private void configure(String bucket) throws IOException {
            String cors = "<CORSConfiguration><CORSRule><AllowedOrigin>http://other.example</AllowedOrigin>"
                    + "<AllowedMethod>GET</AllowedMethod></CORSRule><CORSRule><AllowedOrigin>" + ORIGIN
                    + "</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod>"
                    + "<AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>600"
                    + "</MaxAgeSeconds></CORSRule></CORSConfiguration>";
            String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DenyOldTls\",\"Effect\":\"Deny\","
                    + "\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::" + bucket + "\","
                    + "\"arn:aws:s3:::" + bucket + "/*\"],\"Condition\":{\"NumericLessThan\":{\"s3:TlsVersion\":\"1.2\"}}},"
                    + "{\"Sid\":\"ReadForPartner\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},"
                    + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}";
            String encryption = "<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault>"
                    + "<SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault><BucketKeyEnabled>true"
                    + "</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>";
            expect(control("PUT", "/" + bucket + "?cors", cors), 200);
            expect(control("PUT", "/" + bucket + "?policy", policy), 204);
            expect(control("PUT", "/" + bucket + "?encryption", encryption), 200);
        }

        private int control(String method, String target, String document) throws IOException {
            byte[] payload = document.getBytes(StandardCharsets.UTF_8);
            try {
                String md5 = java.util.Base64.getEncoder().encodeToString(
                        java.security.MessageDigest.getInstance("MD5").digest(payload));
                return exchange(method, target, payload, "Content-MD5: " + md5 + "\r\n");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void put(String bucket, String key, byte[] data) throws IOException {
            expect(exchange("PUT", "/" + bucket + "/" + key, data), 200);
        }

        @Override
        public int get(String bucket, String key) throws IOException {
            expect(exchange("GET", "/" + bucket + "/" + key, null), 200);
            return bodyLength;
        }

        @Override
        public Page list(String bucket, String prefix, String token) throws IOException {
            String q = "/" + bucket + "?list-type=2&prefix=" + enc(prefix)
                    + (token == null ? "" : "&continuation-token=" + enc(token));
            expect(exchange("GET", q, null), 200);
            String xml = new String(body, 0, bodyLength, StandardCharsets.UTF_8);
            Matcher count = KEY_COUNT.matcher(xml);
            if (!count.find()) {
                throw new IOException("no KeyCount in " + xml.substring(0, Math.min(300, xml.length())));
            }
            Matcher next = NEXT.matcher(xml);
            boolean truncated = xml.contains("<IsTruncated>true</IsTruncated>");
            return new Page(Integer.parseInt(count.group(1)), truncated && next.find() ? unxml(next.group(1)) : null);
        }

        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
        }

        private static String unxml(String s) {
            return s.replace("&quot;", "\"").replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        }

        private void expect(int status, int wanted) throws IOException {
            if (status != wanted) {
                throw new IOException("HTTP " + status + ": " + new String(body, 0, Math.min(bodyLength, 500), StandardCharsets.UTF_8));
            }
        }

        /** Sends one request and reads the whole response into {@link #body}; returns the status. */
        private int exchange(String method, String target, byte[] payload) throws IOException {
            return exchange(method, target, payload, configured ? "Origin: " + ORIGIN + "\r\n" : "");
        }

        private int exchange(String method, String target, byte[] payload, String extraHeaders) throws IOException {
            if (socket == null) {
                connect();  // the server closed the last one (some cap requests per connection)
            }
            StringBuilder head = new StringBuilder(128).append(method).append(' ').append(target)
                    .append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n").append(extraHeaders);
            if (payload != null || method.equals("PUT")) {
                head.append("Content-Length: ").append(payload == null ? 0 : payload.length).append("\r\n");
            }
            head.append("\r\n");
            byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
            if (payload != null && payload.length <= SMALL) {
                // one segment for small requests, as any client with a write buffer would send them
                byte[] all = Arrays.copyOf(h, h.length + payload.length);
                System.arraycopy(payload, 0, all, h.length, payload.length);
                out.write(all);
            } else {
                out.write(h);
                if (payload != null) {
                    out.write(payload);
                }
            }
            out.flush();
            return readResponse(method.equals("HEAD"));
        }

        private int readResponse(boolean head) throws IOException {
            String statusLine = line();
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String l = line(); !l.isEmpty(); l = line()) {
                int colon = l.indexOf(':');
                String name = l.substring(0, colon).trim();
                String value = l.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    chunked = value.equalsIgnoreCase("chunked");
                } else if (name.equalsIgnoreCase("Connection")) {
                    close = value.equalsIgnoreCase("close");
                }
            }
            bodyLength = 0;
            if (head || status == 204 || status == 304) {
                return status;
            }
            if (chunked) {
                for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                        size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                    readBody(size);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (length >= 0) {
                readBody((int) length);
            } else {
                throw new IOException("response without length");
            }
            if (close) {
                socket.close();
                socket = null;
            }
            return status;
        }

        private void readBody(int n) throws IOException {
            if (bodyLength + n > body.length) {
                body = Arrays.copyOf(body, Math.max(body.length * 2, bodyLength + n));
            }
            while (n > 0) {
                if (pos == lim) {
                    // big bodies bypass the line buffer
                    int r = in.read(body, bodyLength, n);
                    if (r < 0) {
                        throw new IOException("connection closed mid-body");
                    }
                    bodyLength += r;
                    n -= r;
                } else {
                    int take = Math.min(n, lim - pos);
                    System.arraycopy(buf, pos, body, bodyLength, take);
                    pos += take;
                    bodyLength += take;
                    n -= take;
                }
            }
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder(64);
            while (true) {
                if (pos == lim) {
                    lim = in.read(buf, 0, buf.length);
                    pos = 0;
                    if (lim <= 0) {
                        lim = 0;
                        throw new IOException("connection closed");
                    }
                }
                byte b = buf[pos++];
                if (b == '\n') {
                    int len = sb.length();
                    if (len > 0 && sb.charAt(len - 1) == '\r') {
                        sb.setLength(len - 1);
                    }
                    return sb.toString();
                }
                sb.append((char) (b & 0xff));
            }
        }

        @Override
        public void close() throws IOException {
            if (socket != null) {
                socket.close();
            }
        }
    }
}
