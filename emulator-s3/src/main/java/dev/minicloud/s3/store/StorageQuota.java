package dev.minicloud.s3.store;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory budget of one S3 store: every page of object data is reserved here before it is
 * filled and released when the last object referring to it goes away. A reservation beyond the
 * limit fails with {@link StorageFullException}, so an upload fails cleanly instead of the JVM
 * running out of heap.
 */
public final class StorageQuota {
    private final long limit;
    private final AtomicLong used = new AtomicLong();

    /** @param limit the most bytes of object data held at once; {@code <= 0} means no limit */
    public StorageQuota(long limit) {
        this.limit = limit;
    }

    /** Reserves {@code bytes} or throws {@link StorageFullException} leaving the budget unchanged. */
    public void reserve(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes: " + bytes + " (expected: >= 0)");
        }
        while (true) {
            long current = used.get();
            long next = current + bytes;
            if (limit > 0 && next > limit) {
                throw new StorageFullException(limit, current, bytes);
            }
            if (used.compareAndSet(current, next)) {
                return;
            }
        }
    }

    public void release(long bytes) {
        used.addAndGet(-bytes);
    }

    public long used() {
        return used.get();
    }

    public long limit() {
        return limit;
    }
}
