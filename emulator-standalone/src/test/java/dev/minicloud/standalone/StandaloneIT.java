package dev.minicloud.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
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
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Main.run(
                new String[] {"--edge-port", "0", "--kv-port", "0", "--dns-port", "0"},
                out.stream,
                err.stream,
                stop,
                false));
        String banner = awaitReady(out, exit);
        int edge = port(banner, "edge: http://127\\.0\\.0\\.1:(\\d+)");
        int kv = port(banner, "kv: redis://127\\.0\\.0\\.1:(\\d+)");
        int dns = port(banner, "dns: udp\\+tcp://127\\.0\\.0\\.1:(\\d+)");
        assertTrue(banner.contains("aws --endpoint-url http://127.0.0.1:" + edge + " s3 ls"), banner);
        assertTrue(banner.contains("redis-cli -h 127.0.0.1 -p " + kv + " ping"), banner);
        assertTrue(banner.contains("dig @127.0.0.1 -p " + dns + " example.com"), banner);
        assertTrue(banner.endsWith("Ready.\n"), "Ready. is the last line");

        HttpResponse<String> health = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge + "/_minicloud/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        for (String service : List.of("s3", "kv", "dns")) {
            assertTrue(health.body().contains("\"" + service + "\":{\"state\":\"running\""), health.body());
        }
        try (Socket redis = new Socket("127.0.0.1", kv)) {
            redis.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(redis.getInputStream(), StandardCharsets.US_ASCII));
            assertEquals("+PONG", in.readLine());
        }
        stop.countDown();
        assertEquals(0, exit.get(10, TimeUnit.SECONDS));
        assertEquals("", err.text());
    }

    @Test
    void aTakenPortIsReportedWithItsFlagAndExitCode1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Capture out = new Capture();
            Capture err = new Capture();
            int code = Main.run(
                    new String[] {
                        "--edge-port", "0", "--kv-port", String.valueOf(taken.getLocalPort()), "--dns-port", "0"
                    },
                    out.stream,
                    err.stream,
                    new CountDownLatch(1),
                    false);
            assertEquals(1, code);
            assertTrue(
                    err.text().contains("--kv-port") && err.text().contains(String.valueOf(taken.getLocalPort())),
                    err.text());
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
    void helpListsEveryServicesDeclaredSettingsWithTheStandaloneDefaults() {
        Capture out = new Capture();
        assertEquals(
                0, Main.run(new String[] {"--help"}, out.stream, new Capture().stream, new CountDownLatch(1), false));
        String help = out.text();
        for (String flag : List.of(
                "--kv-port <value>",
                "--dns-port <value>",
                "--s3-auth <value>",
                "--kv-maxmemory <value>",
                "--dns-vpc-ports <value>",
                "--s3-memory-limit <value>")) {
            assertTrue(help.contains(flag), flag + " in " + help);
        }
        assertTrue(help.contains("(0 = any free port) (default: 6379)"), help);
        assertTrue(help.contains("(default: 10053)"), help);
        assertTrue(help.contains("(default: 75% of max heap)"), help);
    }

    @Test
    void aBadServiceSettingStopsStartupWithOneMessageAndExitCode1() {
        Capture out = new Capture();
        Capture err = new Capture();
        int code = Main.run(
                new String[] {"--edge-port", "0", "--kv-port", "0", "--dns-port", "0", "--s3-auth", "strcit"},
                out.stream,
                err.stream,
                new CountDownLatch(1),
                false);
        assertEquals(1, code);
        assertEquals(
                "minicloud: Bad value 'strcit' for setting 's3-auth': expected one of lenient, strict\n", err.text());
        assertTrue(!out.text().contains("Ready."), "never claims to be ready");
    }

    @Test
    void anS3StoreFilledToItsDefaultLimitAnswers507AndKeepsServing() throws Exception {
        // The default limit is 75% of the heap: the stored pages must fit the rest with G1's
        // region layout, or the JVM runs out of heap first and its event loops die.
        Process p = new ProcessBuilder(List.of(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-Xmx256m",
                        "-XX:+UseG1GC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "--services",
                        "s3",
                        "--edge-port",
                        "0"))
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder banner = new StringBuilder();
            for (String line = in.readLine(); line != null && !line.equals("Ready."); line = in.readLine()) {
                banner.append(line).append('\n');
            }
            String base =
                    "http://127.0.0.1:" + port(banner.toString(), "edge: http://127\\.0\\.0\\.1:(\\d+)") + "/fill";
            HttpClient http = HttpClient.newHttpClient();
            assertEquals(
                    200,
                    http.send(
                                    HttpRequest.newBuilder(URI.create(base))
                                            .PUT(HttpRequest.BodyPublishers.noBody())
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode());
            byte[] mib = new byte[1024 * 1024];
            new Random(7).nextBytes(mib);
            int stored = 0;
            HttpResponse<String> refused = null;
            while (refused == null && stored < 400) {
                // a dead server would leave the request hanging: fail in seconds, not at the suite's timeout
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/k" + stored))
                                .timeout(Duration.ofSeconds(30))
                                .PUT(HttpRequest.BodyPublishers.ofByteArray(mib))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    stored++;
                } else {
                    refused = r;
                }
            }
            assertTrue(refused != null && refused.statusCode() == 507, "the limit answers 507 (stored " + stored + ")");
            assertTrue(refused.body().contains("<Code>InsufficientStorage</Code>"), refused.body());
            assertTrue(stored >= 180 && stored <= 192, "75% of 256 MiB holds about 192 objects of 1 MiB: " + stored);
            HttpResponse<byte[]> first = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/k0")).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, first.statusCode());
            assertTrue(Arrays.equals(mib, first.body()), "stored data intact");
            assertEquals(
                    204,
                    http.send(
                                    HttpRequest.newBuilder(URI.create(base + "/k0"))
                                            .DELETE()
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode());
            assertEquals(
                    200,
                    http.send(
                                    HttpRequest.newBuilder(URI.create(base + "/again"))
                                            .PUT(HttpRequest.BodyPublishers.ofByteArray(mib))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode(),
                    "room made by a delete is usable again");
            assertTrue(p.isAlive(), "still running");
        } finally {
            p.destroyForcibly();
            p.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void sigtermStopsTheProcessWithExitCode0() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "--edge-port",
                "0",
                "--kv-port",
                "0",
                "--dns-port",
                "0"));
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
