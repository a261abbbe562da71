package dev.minicloud.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The launcher as a user meets it: banner, endpoints that answer, help, clean exits. */
class StandaloneIT {

    /** A PrintStream whose content can be polled while the launcher runs in another thread. */
    private static final class Capture {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private static String awaitReady(Capture out, CompletableFuture<Integer> exit) throws Exception {
        for (int i = 0; i < 300 && !out.text().contains("Ready.\n") && !exit.isDone(); i++) {
            Thread.sleep(20); // polling for the banner, not timing anything
        }
        assertTrue(out.text().contains("Ready.\n"), out.text());
        return out.text();
    }

    private static int port(String banner, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(banner);
        assertTrue(m.find(), pattern + " in " + banner);
        return Integer.parseInt(m.group(1));
    }

    @Test
    void startsAllServicesOnFreePortsPrintsTheBannerAndStopsCleanly() throws Exception {
        Capture out = new Capture();
        Capture err = new Capture();
        CountDownLatch stop = new CountDownLatch(1);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() ->
                Main.run(new String[] {"--edge-port", "0", "--kv-port", "0", "--dns-port", "0"}, out.stream, err.stream, stop, false));
        String banner = awaitReady(out, exit);
        int edge = port(banner, "edge: http://127\\.0\\.0\\.1:(\\d+)");
        int kv = port(banner, "kv: redis://127\\.0\\.0\\.1:(\\d+)");
        int dns = port(banner, "dns: udp\\+tcp://127\\.0\\.0\\.1:(\\d+)");
        assertTrue(banner.contains("aws --endpoint-url http://127.0.0.1:" + edge + " s3 ls"), banner);
        assertTrue(banner.contains("redis-cli -h 127.0.0.1 -p " + kv + " ping"), banner);
        assertTrue(banner.contains("dig @127.0.0.1 -p " + dns + " example.com"), banner);
        assertTrue(banner.endsWith("Ready.\n"), "Ready. is the last line");

        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge + "/_minicloud/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        for (String service : List.of("s3", "kv", "dns")) {
            assertTrue(health.body().contains("\"" + service + "\":{\"state\":\"running\""), health.body());
        }
        try (Socket redis = new Socket("127.0.0.1", kv)) {
            redis.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(redis.getInputStream(), StandardCharsets.US_ASCII));
            assertEquals("+PONG", in.readLine());
        }
        stop.countDown();
        assertEquals(0, exit.get(10, TimeUnit.SECONDS));
        assertEquals("", err.text());
    }

    @Test
    void aTakenPortIsReportedWithItsFlagAndExitCode1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Capture out = new Capture();
            Capture err = new Capture();
            int code = Main.run(new String[] {"--edge-port", "0", "--kv-port", String.valueOf(taken.getLocalPort()), "--dns-port", "0"},
                    out.stream, err.stream, new CountDownLatch(1), false);
            assertEquals(1, code);
            assertTrue(err.text().contains("--kv-port") && err.text().contains(String.valueOf(taken.getLocalPort())), err.text());
            assertTrue(!out.text().contains("Ready."), "never claims to be ready");
        }
    }

    @Test
    void helpAndVersionPrintAndExit0AndBadFlagsExit2() {
        Capture out = new Capture();
        Capture err = new Capture();
        assertEquals(0, Main.run(new String[] {"--help"}, out.stream, err.stream, new CountDownLatch(1), false));
        assertTrue(out.text().contains("--edge-port") && out.text().contains("--services"), out.text());
        Capture version = new Capture();
        assertEquals(0, Main.run(new String[] {"--version"}, version.stream, err.stream, new CountDownLatch(1), false));
        assertTrue(version.text().startsWith("MiniCloud "), version.text());
        assertEquals(2, Main.run(new String[] {"--bogus"}, out.stream, err.stream, new CountDownLatch(1), false));
        assertTrue(err.text().contains("--bogus"), err.text());
    }

    @Test
    void sigtermStopsTheProcessWithExitCode0() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--edge-port", "0", "--kv-port", "0", "--dns-port", "0"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            StringBuilder seen = new StringBuilder();
            while ((line = in.readLine()) != null && !line.equals("Ready.")) {
                seen.append(line).append('\n');
            }
            assertEquals("Ready.", line, seen.toString());
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "exited after SIGTERM");
            assertEquals(0, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }
}
