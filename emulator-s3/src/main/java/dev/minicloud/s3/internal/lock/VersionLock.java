package dev.minicloud.s3.internal.lock;

import java.time.Instant;

/**
 * The Object Lock state of one object version: a retention (mode and retain-until date, both or
 * neither) and a legal hold. {@code legalHold} is {@code null} while none was ever set (S3 then
 * shows no legal-hold header and GetObjectLegalHold finds no configuration).
 */
public record VersionLock(RetentionMode mode, Instant retainUntil, Boolean legalHold) {

    public VersionLock {
        if ((mode == null) != (retainUntil == null)) {
            throw new IllegalArgumentException("mode and retainUntil go together: " + mode + ", " + retainUntil);
        }
    }

    public boolean hasRetention() {
        return mode != null;
    }

    /** Whether the retention still holds at {@code now} (it ends at its retain-until date). */
    public boolean retainedAt(Instant now) {
        return mode != null && now.isBefore(retainUntil);
    }

    public boolean legalHoldOn() {
        return Boolean.TRUE.equals(legalHold);
    }

    /** The same lock with another retention ({@code null}s remove it). */
    public VersionLock withRetention(RetentionMode newMode, Instant newUntil) {
        return new VersionLock(newMode, newUntil, legalHold);
    }

    public VersionLock withLegalHold(boolean on) {
        return new VersionLock(mode, retainUntil, on);
    }

    /** Nothing set: what a version without any lock state is. */
    public static final VersionLock NONE = new VersionLock(null, null, null);
}
