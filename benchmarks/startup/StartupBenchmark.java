import dev.minicloud.MiniCloud;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Warm-JVM startup: time from MiniCloud.builder().start() until each of the three services has
 * served its first request (HTTP health, RESP PING, a DNS query). Run by run.sh with the shaded jar
 * on the class path: java -cp minicloud-all.jar StartupBenchmark.java [rounds]
 */
public class StartupBenchmark {
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        HttpClient http = HttpClient.newHttpClient();
        long[] nanos = new long[rounds];
        for (int i = -10; i < rounds; i++) { // 10 warm-up rounds
            long t0 = System.nanoTime();
            try (MiniCloud cloud = MiniCloud.builder().start()) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(cloud.endpoint().resolve("/_minicloud/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) throw new IllegalStateException("health " + r.statusCode());
                InetSocketAddress kv = cloud.address("kv").orElseThrow();
                try (Socket s = new Socket(kv.getAddress(), kv.getPort())) {
                    s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                    String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                    if (!"+PONG".equals(line)) throw new IllegalStateException("PING answered " + line);
                }
                InetSocketAddress dns = cloud.address("dns").orElseThrow();
                try (DatagramSocket udp = new DatagramSocket()) {
                    udp.setSoTimeout(2000);
                    byte[] q = query();
                    udp.send(new DatagramPacket(q, q.length, dns));
                    DatagramPacket answer = new DatagramPacket(new byte[512], 512);
                    udp.receive(answer);
                    if (answer.getData()[0] != q[0] || answer.getData()[1] != q[1]) throw new IllegalStateException("DNS id mismatch");
                }
                long t = System.nanoTime() - t0;
                if (i >= 0) nanos[i] = t;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("warm start() to first served request (S3 edge + KV + DNS), %d rounds: p50 %.1f ms, p90 %.1f ms, min %.1f ms%n",
                rounds, nanos[rounds / 2] / 1e6, nanos[rounds * 9 / 10] / 1e6, nanos[0] / 1e6);
    }

    /** A minimal DNS query for example.com. A IN. */
    private static byte[] query() {
        byte[] header = {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0};
        byte[] name = {7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0, 0, 1, 0, 1};
        byte[] q = new byte[header.length + name.length];
        System.arraycopy(header, 0, q, 0, header.length);
        System.arraycopy(name, 0, q, header.length, name.length);
        return q;
    }
}
