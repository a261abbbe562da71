package dev.minicloud.kv.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.junit.MiniCloudExtension;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

/** MEMORY USAGE, STATS and the rest of the MEMORY container, through raw RESP and Jedis. */
class MemoryIT {
    @RegisterExtension
    static final MiniCloudExtension CLOUD =
            MiniCloudExtension.builder().services("kv").build();

    @RegisterExtension
    final FreshKv kv = new FreshKv(CLOUD);

    private static long integer(String reply) {
        assertTrue(reply.startsWith(":"), reply);
        return Long.parseLong(reply.substring(1));
    }

    @Test
    void usageGrowsWithTheValueAndIsNilForAMissingKey() {
        kv.call("SET", "small", "x");
        kv.call("SET", "large", "x".repeat(10_000));
        long small = integer(kv.call("MEMORY", "USAGE", "small"));
        long large = integer(kv.call("MEMORY", "USAGE", "large", "SAMPLES", "0"));
        assertTrue(small > 0 && large > small + 9_000, small + " / " + large);
        kv.call("RPUSH", "list", "a", "b", "c");
        assertTrue(integer(kv.call("MEMORY", "USAGE", "list")) > 0);
        assertEquals("$-1", kv.call("MEMORY", "USAGE", "missing"));
        assertEquals("-ERR syntax error", kv.call("MEMORY", "USAGE", "small", "SAMPLES"));
        assertEquals("-ERR syntax error", kv.call("MEMORY", "USAGE", "small", "FROB", "1"));
        assertEquals("-ERR unknown subcommand 'FROB'. Try MEMORY HELP.", kv.call("MEMORY", "FROB"));
    }

    @Test
    void statsDoctorAndTheAllocatorCalls() {
        kv.call("SET", "a", "1");
        kv.call("SET", "b", "2", "EX", "100");
        String stats = kv.call("MEMORY", "STATS");
        assertTrue(stats.contains("$keys.count, :2"), stats);
        assertTrue(stats.contains("$db.0, *[$overhead.hashtable.main, :80, $overhead.hashtable.expires, :40]"), stats);
        assertTrue(stats.startsWith("*[$peak.allocated, :"), stats);
        assertTrue(kv.call("MEMORY", "DOCTOR")
                .startsWith("$Hi Sam, this instance is empty or is using very little memory"));
        assertEquals("+OK", kv.call("MEMORY", "PURGE"));
        assertEquals("$Stats not supported for the current allocator", kv.call("MEMORY", "MALLOC-STATS"));
        assertTrue(kv.call("MEMORY", "HELP").startsWith("*[+MEMORY <subcommand>"));
    }

    @Test
    void jedisMemoryUsage() {
        InetSocketAddress a = kv.address();
        try (RedisClient jedis = RedisClient.builder()
                .hostAndPort(a.getHostString(), a.getPort())
                .build()) {
            jedis.hset("h", "f", "v");
            assertTrue(jedis.memoryUsage("h") > 0);
            assertEquals(null, jedis.memoryUsage("nothing"));
        }
    }
}
