package dev.minicloud.s3.internal.store;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory budget of one S3 store: every page of object data is reserved here before it is
 * filled and released when the last object referring to it goes away; so is the record of every
 * version (key, metadata, tags: see {@link VersionChain#recordCost}), so that delete markers and
 * empty objects, which hold no pages, cannot grow the heap without bound either. A reservation
 * beyond the limit fails with {@link StorageFullException}, so a write fails cleanly instead of the
 * JVM running out of heap.
 */
public final class StorageQuota {
    private final long limit;
    private final AtomicLong used = new AtomicLong();
    /** The part of {@link #used} that is version records, not data pages. */
    private final AtomicLong records = new AtomicLong();

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

    /** Reserves the bytes of a version record (counted in {@link #used}, reported by {@link #recordBytes}). */
    void reserveRecord(long bytes) {
        reserve(bytes);
        records.addAndGet(bytes);
    }

    void releaseRecord(long bytes) {
        records.addAndGet(-bytes);
        release(bytes);
    }

    /** Everything held: data pages and version records. */
    public long used() {
        return used.get();
    }

    /** The bytes of data pages alone. */
    public long dataBytes() {
        return used.get() - records.get();
    }

    /** The bytes charged for version records (delete markers included). */
    public long recordBytes() {
        return records.get();
    }

    public long limit() {
        return limit;
    }
}
