package dev.minicloud.kv.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.minicloud.MiniCloud;
import dev.minicloud.testing.CostRatio;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The known worst cases of the KV protocol answer in time bounded relative to a trivial request on
 * the same instance (issue 16, standing defence "algorithmic limits"): nested glob patterns through
 * KEYS, SCAN MATCH and PSUBSCRIBE/PUBLISH (CVE-2022-36021, exponential without Redis' early cut),
 * and the instance answers normally afterwards.
 */
class KvAlgorithmicLimitsIT {
    /** Redis' own regression pattern: 36 stars, then a byte no key contains. */
    private static final String NESTED = "*a".repeat(36) + "*b";

    private static final String LONG_KEY = "a".repeat(200);
    private static MiniCloud cloud;

    @BeforeAll
    static void start() {
        cloud = MiniCloud.builder().services("kv").start();
        try (RawResp c = new RawResp(kv())) {
            for (int i = 0; i < 50; i++) {
                c.call("SET", LONG_KEY + i, "v");
            }
        }
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    private static InetSocketAddress kv() {
        return cloud.address("kv").orElseThrow();
    }

    @Test
    void nestedGlobsInKeysAndScanCostAboutWhatAPlainPatternDoes() throws Exception {
        try (RawResp c = new RawResp(kv())) {
            CostRatio.assertAtMost(100, "KEYS " + NESTED, () -> c.call("KEYS", "a*"), () -> c.call("KEYS", NESTED));
            CostRatio.assertAtMost(
                    100,
                    "SCAN MATCH " + NESTED,
                    () -> c.call("SCAN", "0", "COUNT", "1000", "MATCH", "a*"),
                    () -> c.call("SCAN", "0", "COUNT", "1000", "MATCH", NESTED));
            assertEquals("*[]", c.call("KEYS", NESTED));
            assertEquals("+PONG", c.call("PING"));
        }
    }

    @Test
    void aNestedPatternSubscriptionKeepsPublishCheap() throws Exception {
        try (RawResp sub = new RawResp(kv());
                RawResp pub = new RawResp(kv())) {
            sub.call("PSUBSCRIBE", NESTED);
            CostRatio.assertAtMost(
                    100,
                    "PUBLISH past PSUBSCRIBE " + NESTED,
                    () -> pub.call("PUBLISH", "x", "m"),
                    () -> pub.call("PUBLISH", LONG_KEY, "m"));
            assertEquals(":0", pub.call("PUBLISH", LONG_KEY, "m"));
            assertEquals("+PONG", pub.call("PING"));
        }
    }
}
