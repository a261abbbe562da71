package dev.minicloud.s3.internal.store;

/**
 * Thrown when storing more object data would exceed the store's configured memory limit. The API
 * layer answers it as S3-shaped {@code 507 InsufficientStorage}.
 */
public final class StorageFullException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageFullException(long limit, long used, long wanted) {
        super(
                "MiniCloud S3 memory limit reached: " + used + " of " + limit + " bytes used, " + wanted
                        + " more requested (raise --s3-memory-limit)",
                null,
                false,
                false);
    }
}
