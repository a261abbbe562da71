package dev.minicloud.kv.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Streams under maxmemory: XADD is refused (noeviction) or evicts (allkeys-*), PEL growth is counted. */
class StreamMemoryIT {
    private static final String OOM = "-OOM command not allowed when used memory > 'maxmemory'.";

    private static long usedMemory(RawResp c) {
        String info = c.call("INFO", "memory");
        Matcher m = Pattern.compile("used_memory:(\\d+)").matcher(info);
        assertTrue(m.find(), info);
        return Long.parseLong(m.group(1));
    }

    @Test
    void xaddGetsOomOnceTheStreamFillsMaxmemory() {
        try (MiniCloud cloud = MiniCloud.builder()
                        .services("kv")
                        .setting("kv-maxmemory", "100kb")
                        .start();
                RawResp c = new RawResp(cloud.address("kv").orElseThrow())) {
            String reply = "";
            int i = 1;
            for (; i < 10_000 && !reply.equals(OOM); i++) {
                reply = c.call("XADD", "s", i + "-0", "payload", "x".repeat(100));
            }
            assertEquals(OOM, reply);
            assertEquals(":" + (i - 2), c.call("XLEN", "s"), "every entry before the refusal is kept");
            assertEquals(":" + (i - 2 - 10), c.call("XTRIM", "s", "MAXLEN", "10"), "XTRIM is not denyoom");
            assertEquals("$" + (i + 1) + "-0", c.call("XADD", "s", (i + 1) + "-0", "f", "v"), "trimming freed room");
        }
    }

    @Test
    void evictionRemovesStreamKeysAndPendingEntriesAreCounted() {
        try (MiniCloud cloud = MiniCloud.builder()
                        .services("kv")
                        .setting("kv-maxmemory", "200kb")
                        .setting("kv-maxmemory-policy", "allkeys-random")
                        .start();
                RawResp c = new RawResp(cloud.address("kv").orElseThrow())) {
            c.call("XGROUP", "CREATE", "jobs", "g", "0", "MKSTREAM");
            for (int i = 1; i <= 200; i++) {
                c.call("XADD", "jobs", i + "-0", "f", "v");
            }
            long before = usedMemory(c);
            c.call("XREADGROUP", "GROUP", "g", "consumer", "STREAMS", "jobs", ">");
            assertTrue(usedMemory(c) > before + 200 * 50, "200 pending entries are accounted");
            for (int k = 0; k < 300; k++) {
                assertTrue(
                        c.call("XADD", "s" + k, "*", "payload", "y".repeat(1000))
                                .startsWith("$"),
                        "evicts instead of refusing");
            }
            String stats = c.call("INFO", "stats");
            assertTrue(stats.matches("(?s).*evicted_keys:[1-9].*"), stats);
        }
    }
}
