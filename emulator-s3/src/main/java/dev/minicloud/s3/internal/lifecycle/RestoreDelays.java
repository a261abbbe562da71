package dev.minicloud.s3.internal.lifecycle;

import java.time.Duration;

/**
 * How long a RestoreObject takes on the instance's clock, per archive class and retrieval tier. The
 * defaults are the upper ends of S3's documented typical times: GLACIER Expedited 1-5 minutes,
 * Standard 3-5 hours, Bulk 5-12 hours; DEEP_ARCHIVE Standard within 12 hours, Bulk within 48 hours
 * (DEEP_ARCHIVE has no Expedited tier).
 */
public record RestoreDelays(
        Duration glacierExpedited,
        Duration glacierStandard,
        Duration glacierBulk,
        Duration deepArchiveStandard,
        Duration deepArchiveBulk) {

    public static final RestoreDelays S3_DEFAULTS = new RestoreDelays(
            Duration.ofMinutes(5),
            Duration.ofHours(5),
            Duration.ofHours(12),
            Duration.ofHours(12),
            Duration.ofHours(48));

    /** The delay of {@code tier} for {@code storageClass}; {@code null} for a tier the class does not offer. */
    public Duration of(String storageClass, String tier) {
        boolean deep = storageClass.equals("DEEP_ARCHIVE");
        return switch (tier) {
            case "Expedited" -> deep ? null : glacierExpedited;
            case "Standard" -> deep ? deepArchiveStandard : glacierStandard;
            case "Bulk" -> deep ? deepArchiveBulk : glacierBulk;
            default -> null;
        };
    }
}
