package dev.minicloud.s3.internal.store;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Receives an upload's bytes as they arrive and packs them into pages reserved from the
 * {@link StorageQuota}. Pages are sized from the expected length when known (a 4 KiB object takes
 * one 4 KiB page) and are at most {@link #MAX_PAGE} bytes. {@link #finish()} hands over an
 * immutable {@link ObjectData}; {@link #abort()} returns everything, so a failed upload leaves
 * nothing behind. Not thread-safe: one upload is fed from one thread at a time.
 */
public final class ObjectDataWriter {
    /**
     * Large enough to keep per-page bookkeeping small (about 100 bytes a page), small enough to pack
     * G1's heap regions (1 MiB on heaps under 2 GiB): an array of half a region or more is
     * "humongous" and gets whole regions of its own, and a region fits only three arrays of just
     * over a quarter, so 512 KiB and 256 KiB pages left 50% and 25% of the heap's regions empty and a
     * full store ran the JVM out of heap before its memory limit. 64 KiB less the 16-byte array
     * header packs sixteen to a region.
     */
    public static final int MAX_PAGE = 64 * 1024 - 16;

    private static final int MIN_PAGE = 4 * 1024;

    private final StorageQuota quota;
    private final List<ObjectData.Slice> slices = new ArrayList<>();
    private final List<Allocation> allocations = new ArrayList<>();
    private long remainingHint;
    private byte[] page;
    private int pageUsed;
    private long length;
    private boolean closed;

    /** @param expectedLength the announced length, or {@code -1} if unknown */
    public ObjectDataWriter(StorageQuota quota, long expectedLength) {
        this.quota = quota;
        this.remainingHint = expectedLength;
    }

    /** Told where each piece of a {@link #write(ByteBuffer, Written)} landed (to checksum the copy). */
    @FunctionalInterface
    public interface Written {
        void region(byte[] page, int offset, int length);
    }

    public void write(ByteBuffer src) {
        write(src, null);
    }

    /** Copies {@code src}'s remaining bytes into pages, telling {@code written} (if not null) where. */
    public void write(ByteBuffer src, Written written) {
        checkOpen();
        while (src.hasRemaining()) {
            if (page == null || pageUsed == page.length) {
                newPage(src.remaining());
            }
            int n = Math.min(src.remaining(), page.length - pageUsed);
            src.get(page, pageUsed, n);
            if (written != null) {
                written.region(page, pageUsed, n);
            }
            pageUsed += n;
            length += n;
        }
    }

    public void write(byte[] src, int offset, int count) {
        write(ByteBuffer.wrap(src, offset, count));
    }

    public long length() {
        return length;
    }

    private void newPage(int incoming) {
        sealPage();
        int size;
        if (remainingHint > 0) {
            size = (int) Math.min(MAX_PAGE, Math.max(remainingHint, 1));
        } else {
            // unknown length (chunked upload): grow page sizes with what has arrived so far
            size = (int) Math.min(MAX_PAGE, Math.max(MIN_PAGE, Math.max(incoming, length)));
        }
        quota.reserve(size);
        allocations.add(new Allocation(quota, size));
        page = new byte[size];
        pageUsed = 0;
        if (remainingHint > 0) {
            remainingHint -= size;
        }
    }

    private void sealPage() {
        if (page != null && pageUsed > 0) {
            slices.add(new ObjectData.Slice(page, 0, pageUsed));
        }
        page = null;
        pageUsed = 0;
    }

    /** The bytes written so far as an immutable object; the writer is spent afterwards. */
    public ObjectData finish() {
        checkOpen();
        sealPage();
        closed = true;
        if (length == 0) {
            allocations.forEach(Allocation::release);
            return ObjectData.EMPTY;
        }
        return new ObjectData(List.copyOf(slices), List.copyOf(allocations), length);
    }

    /** Gives back every reserved page; safe to call more than once and after {@link #finish()} fails. */
    public void abort() {
        if (closed) {
            return;
        }
        closed = true;
        page = null;
        slices.clear();
        allocations.forEach(Allocation::release);
        allocations.clear();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("writer already finished or aborted");
        }
    }
}
