package dev.minicloud.s3;

import dev.minicloud.MiniCloud;
import dev.minicloud.MiniCloudConfig;
import dev.minicloud.spi.OptionSpec;
import java.util.List;
import java.util.Locale;

/**
 * The S3 service's settings (flag names without dashes): {@code s3-memory-limit} bounds the bytes of
 * object data held (e.g. {@code 512m}, {@code 2g}; default three quarters of the JVM's max heap),
 * {@code s3-auth} selects {@code lenient} (default) or {@code strict} signature checking,
 * {@code s3-replication-delay} holds each bucket replication back for a while (e.g. {@code 500ms},
 * {@code 2s}; default 0, as fast as possible).
 */
public final class S3Settings {
    public static final String MEMORY_LIMIT = "s3-memory-limit";
    public static final String AUTH = "s3-auth";
    public static final String REPLICATION_DELAY = "s3-replication-delay";

    private S3Settings() {
    }

    static List<OptionSpec> options() {
        return List.of(
                new OptionSpec(MEMORY_LIMIT, "75% of max heap", "most bytes of S3 object data held in memory (e.g. 512m, 2g)"),
                new OptionSpec(AUTH, "lenient", "S3 signature checking: lenient (accept any credentials) or strict"),
                new OptionSpec(REPLICATION_DELAY, "0", "delay before each bucket replication copy (e.g. 500ms, 2s, 1m)"),
                // Read by core's edge server (MiniCloud.EDGE_IDLE_TIMEOUT); declared here because core
                // has no provider, and S3 is what a stalled upload would hold memory for.
                new OptionSpec(MiniCloud.EDGE_IDLE_TIMEOUT, "20000", "milliseconds an edge HTTP connection may move no byte "
                        + "either way before it is closed (S3: about 20 s); 0 = never"));
    }

    /** The configured memory limit in bytes. */
    static long memoryLimit(MiniCloudConfig config) {
        String v = config.setting(MEMORY_LIMIT, null);
        if (v == null || v.isBlank()) {
            return Runtime.getRuntime().maxMemory() / 4 * 3;
        }
        return parseSize(v);
    }

    /** The configured replication delay: plain milliseconds or a number with {@code ms}, {@code s} or {@code m}. */
    static java.time.Duration replicationDelay(MiniCloudConfig config) {
        String v = config.setting(REPLICATION_DELAY, "0").trim().toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return java.time.Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
            }
            if (v.endsWith("s")) {
                return java.time.Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1).trim()));
            }
            if (v.endsWith("m")) {
                return java.time.Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1).trim()));
            }
            return java.time.Duration.ofMillis(Long.parseLong(v));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(REPLICATION_DELAY + ": " + v + " (expected: milliseconds, or a number with ms, s or m)", e);
        }
    }

    static long parseSize(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        char last = v.isEmpty() ? ' ' : v.charAt(v.length() - 1);
        switch (last) {
            case 'k' -> unit = 1024L;
            case 'm' -> unit = 1024L * 1024;
            case 'g' -> unit = 1024L * 1024 * 1024;
            default -> {
                // plain bytes
            }
        }
        String digits = unit == 1 ? v : v.substring(0, v.length() - 1);
        try {
            return Long.parseLong(digits.trim()) * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MEMORY_LIMIT + ": " + value + " (expected: bytes, or a number with k, m or g)", e);
        }
    }
}
