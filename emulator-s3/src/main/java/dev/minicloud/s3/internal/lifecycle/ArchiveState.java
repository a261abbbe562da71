package dev.minicloud.s3.internal.lifecycle;

import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.xml.XmlWriter;
import dev.minicloud.s3.internal.service.HttpDates;
import dev.minicloud.s3.internal.store.ArchiveRestore;
import dev.minicloud.s3.internal.store.Bucket;
import dev.minicloud.s3.internal.store.ObjectVersion;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What S3's archive storage classes mean for reads: a {@code GLACIER} or {@code DEEP_ARCHIVE}
 * version is read only while a restored copy of it exists ({@code 403 InvalidObjectState}
 * otherwise); {@code GLACIER_IR} reads directly. Also renders {@code x-amz-restore}.
 */
public final class ArchiveState {
    private static final Set<String> ARCHIVED = Set.of("GLACIER", "DEEP_ARCHIVE");

    private ArchiveState() {}

    /** Whether a version of this storage class must be restored before it is read. */
    public static boolean archived(String storageClass) {
        return ARCHIVED.contains(storageClass);
    }

    /** The version's restore if one was requested and its copy has not expired, else {@code null}. */
    public static ArchiveRestore restoreOf(Bucket b, ObjectVersion v, Instant now) {
        ArchiveRestore r = b.restores().get(ArchiveRestore.slot(v.key(), v.versionId()));
        return r == null || !r.of(v) || r.expired(now) ? null : r;
    }

    /** GetObject of an archived version without a finished restore: S3's {@code 403 InvalidObjectState}. */
    public static void checkReadable(Bucket b, ObjectVersion v, Instant now) {
        if (!archived(v.storageClass())) {
            return;
        }
        ArchiveRestore r = restoreOf(b, v, now);
        if (r == null || r.ongoing(now)) {
            throw new AwsException(
                            403, "InvalidObjectState", "The operation is not valid for the object's storage class")
                    .with("StorageClass", v.storageClass());
        }
    }

    /**
     * Whether a listing asked for {@code RestoreStatus} ({@code x-amz-optional-object-attributes},
     * one comma-separated header or several).
     */
    public static boolean restoreStatusWanted(List<String> optionalAttributeHeaders) {
        for (String h : optionalAttributeHeaders) {
            for (String a : h.split(",")) {
                if (a.trim().equals("RestoreStatus")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A listing entry's {@code <RestoreStatus>} for an archived version being or having been
     * restored ({@code IsRestoreInProgress}, and {@code RestoreExpiryDate} once done); nothing otherwise.
     */
    public static void restoreStatus(XmlWriter x, Bucket b, ObjectVersion v, Instant now) {
        if (!archived(v.storageClass())) {
            return;
        }
        ArchiveRestore r = restoreOf(b, v, now);
        if (r == null) {
            return;
        }
        x.start("RestoreStatus").element("IsRestoreInProgress", r.ongoing(now));
        if (!r.ongoing(now)) {
            x.element("RestoreExpiryDate", r.expires());
        }
        x.end();
    }

    /** {@code x-amz-restore} for the version, or {@code null} when no restore applies. */
    public static String restoreHeader(Bucket b, ObjectVersion v, Instant now) {
        if (!archived(v.storageClass())) {
            return null;
        }
        ArchiveRestore r = restoreOf(b, v, now);
        if (r == null) {
            return null;
        }
        if (r.ongoing(now)) {
            return "ongoing-request=\"true\"";
        }
        return "ongoing-request=\"false\", expiry-date=\"" + HttpDates.format(r.expires()) + "\"";
    }
}
