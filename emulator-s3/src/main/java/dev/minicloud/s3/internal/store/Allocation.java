package dev.minicloud.s3.internal.store;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One reservation of quota backing one or more pages, reference-counted because object data is
 * shared: a copy, a completed multipart object (made of its parts' pages) and, later, a replica
 * all point at the same immutable pages. The quota is given back when the last holder releases.
 */
final class Allocation {
    private final StorageQuota quota;
    private final long bytes;
    private final AtomicInteger refs = new AtomicInteger(1);

    Allocation(StorageQuota quota, long bytes) {
        this.quota = quota;
        this.bytes = bytes;
    }

    void retain() {
        int r = refs.getAndIncrement();
        if (r <= 0) {
            refs.getAndDecrement();
            throw new IllegalStateException("allocation already released");
        }
    }

    /** Takes a reference unless the last one is already gone (a reader racing the writer that dropped it). */
    boolean tryRetain() {
        for (int r = refs.get(); r > 0; r = refs.get()) {
            if (refs.compareAndSet(r, r + 1)) {
                return true;
            }
        }
        return false;
    }

    void release() {
        if (refs.decrementAndGet() == 0) {
            quota.release(bytes);
        }
    }
}
