package dev.minicloud.s3.internal.store;

/**
 * Thrown by a write to a bucket that was deleted (or reset away) while the write was in flight:
 * nothing is committed, so the write's data is released instead of living on in an orphaned
 * bucket. The service layer answers it as S3's {@code NoSuchBucket}.
 */
public final class BucketRemovedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BucketRemovedException(String bucket) {
        super("bucket " + bucket + " was removed", null, false, false);
    }
}
