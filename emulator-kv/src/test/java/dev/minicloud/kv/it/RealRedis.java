package dev.minicloud.kv.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server (Debian's, at /usr/bin; a test using it is skipped where there is none) for
 * tests that run one body against it and against us. redis-server cannot report a port it chose
 * itself, so a random one is tried and another taken if that one was busy (the process exits).
 */
final class RealRedis implements AutoCloseable {
    private static final Path SERVER = Path.of("/usr/bin/redis-server");
    private final Process process;
    private final int port;
    private final Path dir;

    private RealRedis(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /**
     * Compares one script's replies from redis-server ({@code expected}) and from us, reply by reply
     * first, so a failure names the first reply that differs rather than only the counts.
     */
    static void assertSameReplies(List<String> expected, List<String> actual) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i), actual.get(i), "reply " + i);
        }
        assertEquals(expected.size(), actual.size());
    }

    /** Starts a redis-server; {@code options} are added to its command line ({@code "--enable-debug-command", "yes"}). */
    static RealRedis start(String... options) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(SERVER), "redis-server is not installed");
        // its own working directory: a test that turns `save` on must not leave a dump.rdb in the tree
        Path dir = Files.createTempDirectory("real-redis");
        for (int attempt = 0; attempt < 10; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20000, 60000);
            List<String> command = new ArrayList<>(List.of(
                    SERVER.toString(),
                    "--port",
                    String.valueOf(port),
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--bind",
                    "127.0.0.1",
                    "--dir",
                    dir.toString()));
            command.addAll(List.of(options));
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (listening(p, port)) {
                return new RealRedis(p, port, dir);
            }
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        throw new AssertionError("redis-server did not start");
    }

    /** Waits (bounded) until the server accepts connections; false when it exited (its port was busy). */
    private static boolean listening(Process p, int port) throws InterruptedException {
        for (int i = 0; i < 500 && p.isAlive(); i++) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                Thread.sleep(20); // waiting for another process to start, not for time to pass
            }
        }
        return false;
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    @Override
    public void close() throws InterruptedException, IOException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
        try (var files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
