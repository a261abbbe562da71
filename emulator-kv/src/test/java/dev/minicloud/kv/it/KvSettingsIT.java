package dev.minicloud.kv.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minicloud.MiniCloud;
import dev.minicloud.MiniCloudStartException;
import org.junit.jupiter.api.Test;

/** The kv-* settings reach the server typed, with Redis' own units and names, and bad ones stop start-up. */
class KvSettingsIT {

    /** The message of the start-up failure that setting {@code name} to {@code value} causes. */
    private static String refusal(String name, String value) {
        return assertThrows(
                        MiniCloudStartException.class,
                        () -> MiniCloud.builder()
                                .services("kv")
                                .setting(name, value)
                                .start())
                .getMessage();
    }

    private static String config(MiniCloud cloud, String parameter) {
        try (RawResp c = new RawResp(cloud.address("kv").orElseThrow())) {
            return c.call("CONFIG", "GET", parameter);
        }
    }

    @Test
    void sizesUseRedisUnitsWhereKIsAThousandAndKbIs1024() {
        try (MiniCloud cloud = MiniCloud.builder()
                .services("kv")
                .setting("kv-maxmemory", "1k")
                .setting("kv-proto-max-bulk-len", "2KB")
                .start()) {
            assertEquals("*[$maxmemory, $1000]", config(cloud, "maxmemory"));
            assertEquals("*[$proto-max-bulk-len, $2048]", config(cloud, "proto-max-bulk-len"));
        }
    }

    @Test
    void policyAndNotificationClassesAreReadInRedisSpelling() {
        try (MiniCloud cloud = MiniCloud.builder()
                .services("kv")
                .setting("kv-maxmemory-policy", "ALLKEYS-LFU")
                .setting("kv-notify-keyspace-events", "Ex")
                .setting("kv-requirepass", "")
                .start()) {
            assertEquals("*[$maxmemory-policy, $allkeys-lfu]", config(cloud, "maxmemory-policy"));
            assertEquals("*[$notify-keyspace-events, $xE]", config(cloud, "notify-keyspace-events"));
        }
    }

    @Test
    void badValuesStopStartupNamingTheSettingAndWhatItExpects() {
        String size = refusal("kv-maxmemory", "1.5gb");
        assertEquals(
                "Bad value '1.5gb' for setting 'kv-maxmemory': expected a size such as 100, 64mb or 1gb "
                        + "(Redis units: k=1000, kb=1024, m, mb, g, gb)",
                size);
        String policy = refusal("kv-maxmemory-policy", "lru");
        assertEquals(
                "Bad value 'lru' for setting 'kv-maxmemory-policy': expected one of noeviction, allkeys-lru, "
                        + "allkeys-lfu, allkeys-random, volatile-lru, volatile-lfu, volatile-random, volatile-ttl",
                policy);
        String events = refusal("kv-notify-keyspace-events", "Q");
        assertEquals(
                "Bad value 'Q' for setting 'kv-notify-keyspace-events': expected event class letters from "
                        + "'Ag$lshzxeKEtmdn'",
                events);
    }

    @Test
    void thePortIsTheServicesOwnSetting() {
        try (MiniCloud cloud =
                MiniCloud.builder().services("kv").setting("kv-port", "0").start()) {
            int port = cloud.address("kv").orElseThrow().getPort();
            assertEquals("*[$port, $" + port + "]", config(cloud, "port"));
        }
    }
}
