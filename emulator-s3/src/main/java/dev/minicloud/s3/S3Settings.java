package dev.minicloud.s3;

import dev.minicloud.MiniCloudConfig;
import dev.minicloud.spi.OptionSpec;
import java.util.List;
import java.util.Locale;

/**
 * The S3 service's settings (flag names without dashes): {@code s3-memory-limit} bounds the bytes of
 * object data held (e.g. {@code 512m}, {@code 2g}; default three quarters of the JVM's max heap),
 * {@code s3-auth} selects {@code lenient} (default) or {@code strict} signature checking.
 */
public final class S3Settings {
    public static final String MEMORY_LIMIT = "s3-memory-limit";
    public static final String AUTH = "s3-auth";

    private S3Settings() {
    }

    static List<OptionSpec> options() {
        return List.of(
                new OptionSpec(MEMORY_LIMIT, "75% of max heap", "most bytes of S3 object data held in memory (e.g. 512m, 2g)"),
                new OptionSpec(AUTH, "lenient", "S3 signature checking: lenient (accept any credentials) or strict"));
    }

    /** The configured memory limit in bytes. */
    static long memoryLimit(MiniCloudConfig config) {
        String v = config.setting(MEMORY_LIMIT, null);
        if (v == null || v.isBlank()) {
            return Runtime.getRuntime().maxMemory() / 4 * 3;
        }
        return parseSize(v);
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
