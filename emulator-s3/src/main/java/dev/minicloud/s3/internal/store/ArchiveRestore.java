package dev.minicloud.s3.internal.store;

import java.time.Instant;

/**
 * A RestoreObject of one archived version: the temporary copy is readable from {@code completes}
 * until {@code expires}, both on the instance's clock. The record names the version's data handle,
 * so a later version that reuses the id (the {@code null} version overwritten) is never taken for
 * restored.
 */
public record ArchiveRestore(ObjectData data, String tier, Instant completes, Instant expires) {

    /** The key of a version's restore in {@link Bucket#restores()}. */
    public static String slot(String key, String versionId) {
        return versionId + '/' + key;
    }

    /** Whether this restore belongs to {@code v} (and not to a version that replaced it). */
    public boolean of(ObjectVersion v) {
        return data == v.data();
    }

    public boolean ongoing(Instant now) {
        return now.isBefore(completes);
    }

    public boolean expired(Instant now) {
        return !now.isBefore(expires);
    }
}
