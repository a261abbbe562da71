package dev.minicloud.s3.internal.lock;

import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.s3.internal.store.ObjectVersion;
import java.time.Instant;

/**
 * S3 Object Lock's rules over versions, in one place: which lock a new version gets, whether a
 * version may be removed now, and which retention changes are allowed. Time is always passed in
 * (the service's injected clock), so a retention ends exactly when a test's clock passes it.
 *
 * <p>Removal: a version under a legal hold, or under a COMPLIANCE retention, is never removed; under
 * a GOVERNANCE retention only with {@code x-amz-bypass-governance-retention: true}. Retention changes:
 * while a retention holds, COMPLIANCE may only be extended (same mode, same or later date);
 * GOVERNANCE likewise unless the request bypasses governance, which may then shorten, remove or
 * change the mode. Once a retention has ended anything goes. Delete markers are never locked.
 */
public final class ObjectLocks {
    private ObjectLocks() {}

    /**
     * Whether {@code v} is protected by Object Lock at {@code now}: a legal hold, or a retention
     * that has not ended. Anything that removes versions on its own (lifecycle expiration of
     * noncurrent versions) must skip a version for which this is {@code true}.
     */
    public static boolean isProtected(ObjectVersion v, Instant now) {
        VersionLock lock = v.lock();
        return lock != null && !v.deleteMarker() && (lock.legalHoldOn() || lock.retainedAt(now));
    }

    /**
     * The lock a version written at {@code created} gets: the request's retention if it named one,
     * else the bucket's default retention; the request's legal hold either way. {@code null} when
     * the bucket has no Object Lock (a request naming lock parameters there is refused earlier).
     */
    public static VersionLock forNewVersion(ObjectLockConfiguration bucket, VersionLock requested, Instant created) {
        if (bucket == null) {
            return null;
        }
        VersionLock r = requested == null ? VersionLock.NONE : requested;
        if (!r.hasRetention() && bucket.defaultRetention() != null) {
            DefaultRetention d = bucket.defaultRetention();
            r = r.withRetention(d.mode(), d.retainUntil(created));
        }
        return r.hasRetention() || r.legalHold() != null ? r : null;
    }

    /** Refuses (403 {@code AccessDenied}) to remove a protected version; {@code bypass} lifts GOVERNANCE only. */
    public static void checkRemoval(ObjectVersion v, boolean bypass, Instant now) {
        if (v == null || v.deleteMarker() || v.lock() == null) {
            return;
        }
        VersionLock lock = v.lock();
        if (lock.legalHoldOn()) {
            throw accessDenied();
        }
        if (lock.retainedAt(now) && (lock.mode() == RetentionMode.COMPLIANCE || !bypass)) {
            throw accessDenied();
        }
    }

    /**
     * Refuses (403 {@code AccessDenied}) a retention change that the current retention forbids;
     * {@code mode}/{@code until} {@code null} asks to remove the retention.
     */
    public static void checkRetentionChange(
            VersionLock current, RetentionMode mode, Instant until, boolean bypass, Instant now) {
        if (current == null || !current.retainedAt(now)) {
            return;
        }
        boolean extendsSameMode = mode == current.mode() && until != null && !until.isBefore(current.retainUntil());
        if (extendsSameMode) {
            return;
        }
        if (current.mode() == RetentionMode.COMPLIANCE || !bypass) {
            throw accessDenied();
        }
    }

    /** S3's answer to a request Object Lock refuses (a delete, a retention change). */
    public static AwsException accessDenied() {
        return new AwsException(403, "AccessDenied", "Access Denied because object protected by object lock.");
    }
}
