package dev.minicloud.kv.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.MutableClock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** MONITOR's lines in Redis' exact format, stamped by the engine clock, with secrets redacted. */
class MonitorIT {
    private static final String STAMP = "+1767225600.250000 [";

    @Test
    void monitorShowsCommandsOnceTheyRanWithRedactedSecrets() {
        MutableClock clock = MutableClock.startingAt(Instant.parse("2026-01-01T00:00:00.250Z"));
        try (MiniCloud cloud = MiniCloud.builder().services("kv").clock(clock).start();
                RawResp monitor = new RawResp(cloud.address("kv").orElseThrow());
                RawResp c = new RawResp(cloud.address("kv").orElseThrow())) {
            String peer = addressOf(c);
            assertEquals("+OK", monitor.call("MONITOR"));
            c.call("SET", "k", "a \"b\"\n\u0001");
            assertEquals(STAMP + "0 " + peer + "] \"SET\" \"k\" \"a \\\"b\\\"\\n\\x01\"", monitor.readLine());
            c.call("AUTH", "secret");
            assertEquals(STAMP + "0 " + peer + "] \"AUTH\" \"(redacted)\"", monitor.readLine());
            c.call("HELLO", "2", "AUTH", "default", "pw", "SETNAME", "n");
            assertEquals(
                    STAMP + "0 " + peer + "] \"HELLO\" \"2\" \"AUTH\" \"(redacted)\" \"(redacted)\" \"SETNAME\" \"n\"",
                    monitor.readLine());
            c.call("GET"); // refused before running: not shown
            c.call("CONFIG", "GET", "maxclients"); // admin: not shown
            c.call("MULTI");
            c.call("INCR", "n");
            c.call("EXEC");
            assertEquals(STAMP + "0 " + peer + "] \"MULTI\"", monitor.readLine());
            assertEquals(STAMP + "0 " + peer + "] \"INCR\" \"n\"", monitor.readLine());
            assertEquals(STAMP + "0 " + peer + "] \"EXEC\"", monitor.readLine());
            c.call("SELECT", "3");
            assertEquals(STAMP + "3 " + peer + "] \"SELECT\" \"3\"", monitor.readLine());
            assertEquals("-ERR Replica can't interact with the keyspace", monitor.call("GET", "k"));
            assertTrue(c.call("CLIENT", "LIST").contains(" flags=O "));
        }
    }

    @Test
    void redisCliMonitorPrintsTheLines() throws Exception {
        Path cli = Path.of("/usr/bin/redis-cli");
        assumeTrue(Files.isExecutable(cli), "redis-cli is not installed");
        MutableClock clock = MutableClock.startingAt(Instant.parse("2026-01-01T00:00:00.250Z"));
        try (MiniCloud cloud = MiniCloud.builder().services("kv").clock(clock).start();
                RawResp c = new RawResp(cloud.address("kv").orElseThrow());
                RawResp admin = new RawResp(cloud.address("kv").orElseThrow())) {
            InetSocketAddress a = cloud.address("kv").orElseThrow();
            String peer = addressOf(c);
            Process monitor = new ProcessBuilder(
                            cli.toString(), "-h", a.getHostString(), "-p", String.valueOf(a.getPort()), "monitor")
                    .redirectErrorStream(true)
                    .start();
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(monitor.getInputStream(), StandardCharsets.UTF_8))) {
                assertEquals("OK", out.readLine());
                c.call("SET", "greeting", "hello world");
                assertEquals("1767225600.250000 [0 " + peer + "] \"SET\" \"greeting\" \"hello world\"", out.readLine());
            } finally {
                monitor.destroy();
                monitor.waitFor();
            }
        }
    }

    private static String addressOf(RawResp c) {
        String info = c.call("CLIENT", "INFO");
        int at = info.indexOf(" addr=") + 6;
        return info.substring(at, info.indexOf(' ', at));
    }
}
