package dev.minicloud.kv.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.minicloud.MiniCloud;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * DUMP/RESTORE both ways between MiniCloud and a real redis-server (Debian's, which {@code .ci/run}
 * installs; the test is skipped where there is none): payloads each side writes restore on the other.
 */
class DumpInteropIT {
    private static final Path REDIS_SERVER = Path.of("/usr/bin/redis-server");

    @Test
    void payloadsCrossBothWays() throws Exception {
        assumeTrue(Files.isExecutable(REDIS_SERVER), "redis-server is not installed");
        int port = freePort();
        Process redis = new ProcessBuilder(REDIS_SERVER.toString(), "--port", String.valueOf(port), "--save", "",
                "--appendonly", "no", "--bind", "127.0.0.1").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (MiniCloud cloud = MiniCloud.builder().services("kv").start()) {
            awaitListening(port);
            InetSocketAddress a = cloud.address("kv").orElseThrow();
            try (RedisClient ours = RedisClient.builder().hostAndPort(a.getHostString(), a.getPort()).build();
                 RedisClient real = RedisClient.builder().hostAndPort("127.0.0.1", port).build()) {
                for (RedisClient from : List.of(ours, real)) {
                    RedisClient to = from == ours ? real : ours;
                    from.flushAll();
                    to.flushAll();
                    from.set("s", "x".repeat(500)); // long enough for Redis to LZF-compress it
                    from.set("n", "42");
                    from.rpush("l", "a", "b", "c");
                    from.sadd("ints", "1", "2", "3");
                    from.sadd("strs", "p", "q");
                    from.hset("h", Map.of("f", "v", "g", "w"));
                    from.zadd("z", Map.of("m", 1.5, "n", -2.0));
                    for (String k : List.of("s", "n", "l", "ints", "strs", "h", "z")) {
                        assertEquals("OK", to.restore(k, 0, from.dump(k)), k + " from " + (from == ours ? "us" : "redis"));
                    }
                    assertEquals("x".repeat(500), to.get("s"));
                    assertEquals("42", to.get("n"));
                    assertEquals(List.of("a", "b", "c"), to.lrange("l", 0, -1));
                    assertEquals(Set.of("1", "2", "3"), to.smembers("ints"));
                    assertEquals(Set.of("p", "q"), to.smembers("strs"));
                    assertEquals(Map.of("f", "v", "g", "w"), to.hgetAll("h"));
                    assertEquals(List.of("n", "m"), to.zrange("z", 0, -1));
                }
            }
        } finally {
            redis.destroy();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Waits for redis-server to accept connections (bounded; it starts in milliseconds). */
    private static void awaitListening(int port) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(20); // waiting for another process to start, not for time to pass
            }
        }
        throw new AssertionError("redis-server did not start on port " + port);
    }
}
