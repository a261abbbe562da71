package dev.minicloud.s3.internal.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The immutable bytes of one object (or part), held as a list of slices of {@code byte[]} pages,
 * never as one giant array. Slicing and concatenation share pages instead of copying, so a copy,
 * a multipart object built from its parts, a ranged read or a replica costs no extra memory.
 *
 * <p>Ownership: an {@code ObjectData} holds one reference on each {@link Allocation} behind its
 * pages. Whoever stores it (a version, a part) owns that reference and calls {@link #release()}
 * when dropping it; {@link #share()} makes another owning handle over the same pages.
 */
public final class ObjectData {
    /** The empty object. Holds no allocation, so sharing and releasing it is free. */
    public static final ObjectData EMPTY = new ObjectData(List.of(), List.of(), 0);

    private final List<Slice> slices;
    private final List<Allocation> allocations;
    private final long length;

    ObjectData(List<Slice> slices, List<Allocation> allocations, long length) {
        this.slices = slices;
        this.allocations = allocations;
        this.length = length;
    }

    /** A contiguous run of bytes inside one page. */
    public record Slice(byte[] page, int offset, int length) {}

    public long length() {
        return length;
    }

    /** The slices in order; the arrays must not be modified. */
    public List<Slice> slices() {
        return Collections.unmodifiableList(slices);
    }

    /** Another owning handle on the same bytes (the pages stay alive until both are released). */
    public ObjectData share() {
        allocations.forEach(Allocation::retain);
        return new ObjectData(slices, allocations, length);
    }

    /**
     * Like {@link #share()}, for a reader that found this data in the store without holding its
     * lock: {@code null} when a concurrent overwrite or delete has already released it (the reader
     * then looks the object up again and finds its successor).
     */
    public ObjectData tryShare() {
        return tryRetainAll() ? new ObjectData(slices, allocations, length) : null;
    }

    /** Like {@link #slice}, but {@code null} when the data has already been released (see {@link #tryShare()}). */
    public ObjectData trySlice(long from, long count) {
        if (!tryRetainAll()) {
            return null;
        }
        try {
            return slice(from, count);
        } finally {
            release();
        }
    }

    private boolean tryRetainAll() {
        for (int i = 0; i < allocations.size(); i++) {
            if (!allocations.get(i).tryRetain()) {
                for (int j = 0; j < i; j++) {
                    allocations.get(j).release();
                }
                return false;
            }
        }
        return true;
    }

    /** An owning handle on bytes {@code [from, from + count)} of this object, sharing its pages. */
    public ObjectData slice(long from, long count) {
        if (from < 0 || count < 0 || from + count > length) {
            throw new IndexOutOfBoundsException("slice " + from + "+" + count + " of " + length);
        }
        List<Slice> out = new ArrayList<>();
        long pos = 0;
        long end = from + count;
        for (Slice s : slices) {
            long sStart = pos;
            long sEnd = pos + s.length();
            pos = sEnd;
            if (sEnd <= from || sStart >= end) {
                continue;
            }
            int a = (int) (Math.max(from, sStart) - sStart);
            int b = (int) (Math.min(end, sEnd) - sStart);
            out.add(new Slice(s.page(), s.offset() + a, b - a));
        }
        allocations.forEach(Allocation::retain);
        return new ObjectData(out, allocations, count);
    }

    /**
     * An owning handle on the concatenation of {@code parts} (each is shared, not consumed), or
     * {@code null} when one of them has already been released (a part replaced or aborted while an
     * upload was being completed): then no reference is left behind.
     */
    public static ObjectData tryConcat(List<ObjectData> parts) {
        List<Slice> slices = new ArrayList<>();
        List<Allocation> allocations = new ArrayList<>();
        long length = 0;
        for (ObjectData p : parts) {
            slices.addAll(p.slices);
            for (Allocation a : p.allocations) {
                if (!a.tryRetain()) {
                    allocations.forEach(Allocation::release);
                    return null;
                }
                allocations.add(a);
            }
            length += p.length;
        }
        return new ObjectData(slices, allocations, length);
    }

    /** Drops this handle's references; the pages' quota is returned when no handle is left. */
    public void release() {
        allocations.forEach(Allocation::release);
    }

    /** Copies the bytes out; for tests and small objects only. */
    public byte[] toByteArray() {
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("object too large for one array: " + length);
        }
        byte[] out = new byte[(int) length];
        int pos = 0;
        for (Slice s : slices) {
            System.arraycopy(s.page(), s.offset(), out, pos, s.length());
            pos += s.length();
        }
        return out;
    }
}
