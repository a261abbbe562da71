import dev.minicloud.MiniCloud;
import dev.minicloud.kv.elasticache.ElastiCacheService;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * ElastiCache benchmark (issue 17, "Speed"), MiniCloud in-process on port 0, the control plane called
 * over loopback HTTP as a client would (query protocol, lenient auth: the signature is not checked),
 * the nodes reached over RESP on their own ports. Modes (one per JVM, run.sh runs all three):
 *  create [runs]            CreateCacheCluster until its node answers PING, and CreateReplicationGroup
 *                           with two replicas until all three answer PING: p50/p90 over the runs
 *                           (10 warm-up runs first; each cluster/group is deleted before the next).
 *                           Goals: p50 < 50 ms and < 150 ms.
 *  lag [writes/s] [seconds] a primary and one replica; SETs paced at the rate in 1 ms batches, each batch
 *                           ending with a marker SET of its sequence number; a reader polls the marker
 *                           on the replica and records send-to-visible time. p50/p99/max lag.
 *  nodes [count]            idle RSS of this JVM before and after creating that many cache clusters (one
 *                           node each), after GC: RSS added per idle node, heap and threads too.
 * Usage: java -cp <standalone jar> ElastiCacheBenchmark.java create|lag|nodes [args]
 */
public class ElastiCacheBenchmark {
    static final String AUTH = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261201/us-east-1/elasticache/aws4_request, "
            + "SignedHeaders=host, Signature=0000000000000000000000000000000000000000000000000000000000000000";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static URI endpoint;

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "create";
        try (MiniCloud cloud = MiniCloud.builder().services("elasticache").start()) {
            endpoint = URI.create(cloud.endpoint() + "/");
            ElastiCacheService service = cloud.service(ElastiCacheService.class).orElseThrow();
            switch (mode) {
                case "create" -> create(service, args.length > 1 ? Integer.parseInt(args[1]) : 50);
                case "lag" -> lag(service, args.length > 1 ? Integer.parseInt(args[1]) : 50_000,
                        args.length > 2 ? Integer.parseInt(args[2]) : 10);
                case "nodes" -> nodes(service, args.length > 1 ? Integer.parseInt(args[1]) : 100);
                default -> throw new IllegalArgumentException("mode: " + mode + " (expected: create, lag or nodes)");
            }
        }
    }

    // ---- create -------------------------------------------------------------------------------

    static void create(ElastiCacheService service, int runs) throws Exception {
        long[] cluster = new long[runs];
        long[] group = new long[runs];
        for (int i = -10; i < runs; i++) { // 10 warm-up runs
            String id = "bench-" + (i + 10);
            long t0 = System.nanoTime();
            call("CreateCacheCluster", "CacheClusterId=" + id + "&Engine=redis&CacheNodeType=cache.t3.micro&NumCacheNodes=1");
            ping(service.address(id).orElseThrow());
            long t = System.nanoTime() - t0;
            call("DeleteCacheCluster", "CacheClusterId=" + id);
            if (i >= 0) cluster[i] = t;

            String gid = "grp-" + (i + 10);
            t0 = System.nanoTime();
            call("CreateReplicationGroup", "ReplicationGroupId=" + gid + "&ReplicationGroupDescription=bench&Engine=redis"
                    + "&CacheNodeType=cache.t3.micro&NumCacheClusters=3");
            List<InetSocketAddress> members = members(service, gid);
            if (members.size() != 3) throw new IllegalStateException("group " + gid + " has " + members.size() + " nodes");
            for (InetSocketAddress m : members) ping(m);
            t = System.nanoTime() - t0;
            call("DeleteReplicationGroup", "ReplicationGroupId=" + gid);
            if (i >= 0) group[i] = t;
        }
        report("CreateCacheCluster -> node answers PING", cluster, "goal p50 < 50 ms");
        report("CreateReplicationGroup (primary + 2 replicas) -> all three answer PING", group, "goal p50 < 150 ms");
    }

    static List<InetSocketAddress> members(ElastiCacheService service, String groupId) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (ElastiCacheService.NodeInfo n : service.nodes()) {
            if (groupId.equals(n.replicationGroupId())) out.add(n.address());
        }
        return out;
    }

    static void report(String what, long[] nanos, String goal) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        System.out.printf("%s, %d runs: p50 %.1f ms, p90 %.1f ms, min %.1f ms, max %.1f ms (%s)%n", what, s.length,
                s[s.length / 2] / 1e6, s[s.length * 9 / 10] / 1e6, s[0] / 1e6, s[s.length - 1] / 1e6, goal);
    }

    // ---- lag ----------------------------------------------------------------------------------

    static void lag(ElastiCacheService service, int rate, int seconds) throws Exception {
        call("CreateReplicationGroup", "ReplicationGroupId=lag&ReplicationGroupDescription=bench&Engine=redis"
                + "&CacheNodeType=cache.r6g.large&NumCacheClusters=2");
        InetSocketAddress primary = null;
        InetSocketAddress replica = null;
        for (ElastiCacheService.NodeInfo n : service.nodes()) {
            if ("primary".equals(n.role())) primary = n.address();
            if ("replica".equals(n.role())) replica = n.address();
        }
        if (primary == null || replica == null) throw new IllegalStateException("no primary/replica pair: " + service.nodes());
        int batches = seconds * 1000;
        int perBatch = Math.max(1, rate / 1000); // the marker is one of them
        AtomicLongArray sent = new AtomicLongArray(batches + 1); // read by the replica's reader
        long[] lags = new long[batches];
        AtomicLong samples = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong lastSeen = new AtomicLong();
        byte[] value = "v".repeat(16).getBytes(StandardCharsets.US_ASCII);

        try (Socket w = new Socket(primary.getAddress(), primary.getPort()); Socket r = new Socket(replica.getAddress(), replica.getPort())) {
            w.setTcpNoDelay(true);
            r.setTcpNoDelay(true);
            InputStream replies = new BufferedInputStream(w.getInputStream(), 1 << 16);
            AtomicLong okBytes = new AtomicLong();
            Thread drain = new Thread(() -> {
                byte[] buf = new byte[1 << 16];
                try {
                    for (int n; (n = replies.read(buf)) > 0; ) okBytes.addAndGet(n);
                } catch (IOException e) {
                    if (!done.get()) throw new IllegalStateException(e);
                }
            }, "drain");
            drain.setDaemon(true);
            drain.start();
            Thread reader = new Thread(() -> {
                try {
                    OutputStream out = r.getOutputStream();
                    InputStream in = new BufferedInputStream(r.getInputStream());
                    byte[] get = "*2\r\n$3\r\nGET\r\n$7\r\nlagmark\r\n".getBytes(StandardCharsets.US_ASCII);
                    while (!done.get() || lastSeen.get() < batches) {
                        out.write(get);
                        out.flush();
                        long seq = bulkLong(in);
                        long now = System.nanoTime();
                        if (seq > lastSeen.get()) {
                            lastSeen.set(seq);
                            lags[(int) samples.getAndIncrement()] = now - sent.get((int) seq);
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, "replica-reader");
            reader.start();

            OutputStream out = w.getOutputStream();
            ByteArrayOutputStream batch = new ByteArrayOutputStream(perBatch * 64);
            long start = System.nanoTime();
            for (int b = 1; b <= batches; b++) {
                long due = start + b * 1_000_000L;
                for (long now; (now = System.nanoTime()) < due; ) LockSupport.parkNanos(Math.min(due - now, 200_000));
                batch.reset();
                for (int k = 0; k < perBatch - 1; k++) command(batch, "SET", "key:" + ((b * perBatch + k) % 100_000), value);
                command(batch, "SET", "lagmark", Long.toString(b).getBytes(StandardCharsets.US_ASCII));
                sent.set(b, System.nanoTime());
                batch.writeTo(out);
                out.flush();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            done.set(true);
            reader.join(30_000);
            if (reader.isAlive()) throw new IllegalStateException("the replica never saw the last marker (saw " + lastSeen.get() + ")");
            long n = samples.get();
            long[] s = Arrays.copyOf(lags, (int) n);
            Arrays.sort(s);
            System.out.printf("replication lag primary -> replica at %d writes/s offered (%.0f sent/s over %.1f s): %d samples, "
                            + "p50 %.3f ms, p99 %.3f ms, max %.3f ms%n", rate, (double) batches * perBatch / elapsed, elapsed, n,
                    s[(int) (n / 2)] / 1e6, s[(int) (n * 99 / 100)] / 1e6, s[(int) n - 1] / 1e6);
        }
    }

    static void command(ByteArrayOutputStream out, String name, String key, byte[] value) {
        byte[] k = key.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(("*3\r\n$" + name.length() + "\r\n" + name + "\r\n$" + k.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(k);
        out.writeBytes(("\r\n$" + value.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(value);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads a bulk reply holding a number ({@code $-1} is 0). */
    static long bulkLong(InputStream in) throws IOException {
        String header = line(in);
        if (header.equals("$-1")) return 0;
        if (!header.startsWith("$")) throw new IOException("unexpected reply " + header);
        return Long.parseLong(line(in));
    }

    static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c; (c = in.read()) != '\r'; ) {
            if (c < 0) throw new IOException("connection closed");
            sb.append((char) c);
        }
        in.read(); // \n
        return sb.toString();
    }

    // ---- nodes --------------------------------------------------------------------------------

    static void nodes(ElastiCacheService service, int count) throws Exception {
        // one node first, so classes and pools are loaded before the baseline
        call("CreateCacheCluster", "CacheClusterId=warm&Engine=redis&CacheNodeType=cache.t3.micro&NumCacheNodes=1");
        ping(service.address("warm").orElseThrow());
        call("DeleteCacheCluster", "CacheClusterId=warm");
        long[] before = settle();
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String id = "idle-" + i;
            call("CreateCacheCluster", "CacheClusterId=" + id + "&Engine=redis&CacheNodeType=cache.t3.micro&NumCacheNodes=1");
            ping(service.address(id).orElseThrow());
        }
        double createSeconds = (System.nanoTime() - t0) / 1e9;
        long[] after = settle();
        System.out.printf("%d idle cache nodes in one instance (created and PINGed in %.1f s): RSS %d -> %d MiB, "
                        + "+%d KiB per node; heap used +%d KiB per node; threads %d -> %d%n", count, createSeconds,
                before[0] / 1024, after[0] / 1024, (after[0] - before[0]) / count, (after[1] - before[1]) / 1024 / count,
                before[2], after[2]);
    }

    /** After GC and a quiet second: {RSS kB, heap used bytes, live threads}. */
    static long[] settle() throws Exception {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(300);
        }
        Thread.sleep(1000);
        long rss = 0;
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("VmRSS:")) rss = Long.parseLong(l.replaceAll("[^0-9]", ""));
        }
        Runtime rt = Runtime.getRuntime();
        return new long[] {rss, rt.totalMemory() - rt.freeMemory(), ManagementFactory.getThreadMXBean().getThreadCount()};
    }

    // ---- shared -------------------------------------------------------------------------------

    static String call(String action, String params) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(endpoint).header("Authorization", AUTH)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("Action=" + action + "&Version=2015-02-02&" + params)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException(action + " answered " + r.statusCode() + ": " + r.body());
        return r.body();
    }

    static void ping(InetSocketAddress node) throws IOException {
        try (Socket s = new Socket(node.getAddress(), node.getPort())) {
            s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            String reply = line(s.getInputStream());
            if (!reply.equals("+PONG")) throw new IllegalStateException(node + " answered " + reply);
        }
    }
}
