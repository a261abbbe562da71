package dev.minicloud.s3;

import dev.minicloud.MiniCloud;
import dev.minicloud.MiniCloudConfig;
import dev.minicloud.s3.internal.lifecycle.RestoreDelays;
import dev.minicloud.spi.AuthMode;
import dev.minicloud.spi.OptionSpec;
import dev.minicloud.spi.ValueParsers;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The S3 service's settings (flag names without dashes): {@code s3-memory-limit} bounds the bytes of
 * object data held (JVM-style sizes, {@code 512m}, {@code 2g}; default three quarters of the JVM's
 * max heap), {@code s3-auth} selects {@code lenient} (default) or {@code strict} signature checking,
 * {@code s3-replication-delay} holds each bucket replication back for a while (e.g. {@code 500ms},
 * {@code 2s}; default 0, as fast as possible), {@code s3-sse-c-over-http} accepts SSE-C keys on the
 * plain-HTTP edge port (default false: refused, as S3 refuses them without TLS),
 * {@code s3-lifecycle-interval} is how often lifecycle rules run on the clock (default 1h),
 * {@code s3-lifecycle-batch} how many keys a pass decides between two turns of an event loop
 * (default 256), and the
 * {@code s3-restore-*-delay} settings how long RestoreObject takes per archive class and tier.
 */
public final class S3Settings {
    public static final OptionSpec<Long> MEMORY_LIMIT = OptionSpec.of(
                    "s3-memory-limit",
                    ValueParsers.jvmSize(),
                    null,
                    "most bytes of S3 object data and version records held in memory (JVM-style, 1024-based: 512m, 2g)")
            .withDefaultText("75% of max heap");
    public static final OptionSpec<AuthMode> AUTH = OptionSpec.of(
            "s3-auth",
            ValueParsers.enumOf(AuthMode.class),
            AuthMode.LENIENT,
            "S3 signature checking: lenient (accept any credentials) or strict");
    public static final OptionSpec<Duration> REPLICATION_DELAY = OptionSpec.of(
            "s3-replication-delay",
            ValueParsers.duration(ChronoUnit.MILLIS),
            Duration.ZERO,
            "delay before each bucket replication copy (e.g. 500ms, 2s, 1m; plain numbers are milliseconds)");

    public static final OptionSpec<Boolean> SSE_C_OVER_HTTP = OptionSpec.of(
            "s3-sse-c-over-http",
            ValueParsers.bool(),
            false,
            "accept SSE-C customer keys over plain HTTP (S3 refuses them without TLS; the edge port is HTTP)");

    public static final OptionSpec<Duration> LIFECYCLE_INTERVAL = OptionSpec.of(
            "s3-lifecycle-interval",
            ValueParsers.duration(ChronoUnit.MILLIS),
            Duration.ofHours(1),
            "how often lifecycle rules are applied, on the instance's clock (e.g. 10m, 1h; 0 = only on demand)");
    public static final OptionSpec<Integer> LIFECYCLE_BATCH = OptionSpec.of(
            "s3-lifecycle-batch",
            ValueParsers.integer(1, 1_000_000),
            256,
            "keys a lifecycle pass decides in one task on the worker pool before it lets an event loop run");
    public static final OptionSpec<Duration> RESTORE_EXPEDITED = restoreDelay(
            "s3-restore-expedited-delay", RestoreDelays.S3_DEFAULTS.glacierExpedited(), "GLACIER Expedited");
    public static final OptionSpec<Duration> RESTORE_STANDARD =
            restoreDelay("s3-restore-standard-delay", RestoreDelays.S3_DEFAULTS.glacierStandard(), "GLACIER Standard");
    public static final OptionSpec<Duration> RESTORE_BULK =
            restoreDelay("s3-restore-bulk-delay", RestoreDelays.S3_DEFAULTS.glacierBulk(), "GLACIER Bulk");
    public static final OptionSpec<Duration> RESTORE_DEEP_STANDARD = restoreDelay(
            "s3-restore-deep-archive-standard-delay",
            RestoreDelays.S3_DEFAULTS.deepArchiveStandard(),
            "DEEP_ARCHIVE Standard");
    public static final OptionSpec<Duration> RESTORE_DEEP_BULK = restoreDelay(
            "s3-restore-deep-archive-bulk-delay", RestoreDelays.S3_DEFAULTS.deepArchiveBulk(), "DEEP_ARCHIVE Bulk");

    private static OptionSpec<Duration> restoreDelay(String name, Duration dflt, String what) {
        return OptionSpec.of(
                name,
                ValueParsers.duration(ChronoUnit.MILLIS),
                dflt,
                "how long a " + what + " RestoreObject takes on the instance's clock (e.g. 5m, 12h)");
    }

    /** The configured RestoreObject delays. */
    static RestoreDelays restoreDelays(MiniCloudConfig config) {
        return new RestoreDelays(
                config.get(RESTORE_EXPEDITED),
                config.get(RESTORE_STANDARD),
                config.get(RESTORE_BULK),
                config.get(RESTORE_DEEP_STANDARD),
                config.get(RESTORE_DEEP_BULK));
    }

    private S3Settings() {}

    static List<OptionSpec<?>> options() {
        // EDGE_IDLE_TIMEOUT is read by core's edge server; declared here because core has no provider,
        // and S3 is what a stalled upload would hold memory for.
        return List.of(
                MEMORY_LIMIT,
                AUTH,
                REPLICATION_DELAY,
                SSE_C_OVER_HTTP,
                LIFECYCLE_INTERVAL,
                LIFECYCLE_BATCH,
                RESTORE_EXPEDITED,
                RESTORE_STANDARD,
                RESTORE_BULK,
                RESTORE_DEEP_STANDARD,
                RESTORE_DEEP_BULK,
                MiniCloud.EDGE_IDLE_TIMEOUT);
    }

    /** The configured memory limit in bytes. */
    static long memoryLimit(MiniCloudConfig config) {
        return config.find(MEMORY_LIMIT).orElseGet(() -> Runtime.getRuntime().maxMemory() / 4 * 3);
    }
}
