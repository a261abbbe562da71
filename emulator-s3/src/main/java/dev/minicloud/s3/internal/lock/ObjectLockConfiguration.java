package dev.minicloud.s3.internal.lock;

/**
 * A bucket's Object Lock configuration: present (never removed again) once the bucket has Object
 * Lock enabled, with an optional default retention rule ({@code null}: none).
 */
public record ObjectLockConfiguration(DefaultRetention defaultRetention) {

    /** Enabled, without a default retention rule (what CreateBucket with the lock header makes). */
    public static final ObjectLockConfiguration ENABLED = new ObjectLockConfiguration(null);
}
