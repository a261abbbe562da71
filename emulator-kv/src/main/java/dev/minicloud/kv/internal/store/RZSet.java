package dev.minicloud.kv.internal.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A sorted-set value: members with double scores, ordered by (score, member bytes). A member
 * dictionary answers ZSCORE in O(1); a sorted array answers ranks and index ranges in O(log n)
 * (inserts shift the array, which is fast for the sizes an emulator sees and keeps ranks trivial).
 */
public final class RZSet {
    /** One member and its score. */
    public static final class ZEntry extends Dict.Entry {
        double score;

        ZEntry(byte[] member, double score) {
            super(member);
            this.score = score;
        }

        public byte[] member() {
            return key;
        }

        public double score() {
            return score;
        }
    }

    static final Comparator<ZEntry> ORDER = (a, b) -> {
        int c = Double.compare(a.score, b.score);
        if (a.score == b.score) {
            c = 0; // -0.0 == 0.0 for ordering
        }
        return c != 0 ? c : Arrays.compareUnsigned(a.key, b.key);
    };

    private final Dict<ZEntry> members = new Dict<>();
    private final EncodingLimits limits;
    /** {@link Encoding#LISTPACK} while within the {@code zset-max-listpack-*} limits, else {@link Encoding#SKIPLIST}. */
    private Encoding encoding = Encoding.LISTPACK;

    private ZEntry[] sorted = new ZEntry[8];
    private int size;
    private long bytes;

    /** An empty listpack zset (createZsetListpackObject). */
    public RZSet(EncodingLimits limits) {
        this.limits = limits;
    }

    /**
     * zsetTypeCreate: the zset ZADD makes for a new key, given how many members it brings and the
     * length of the first one.
     */
    public static RZSet create(EncodingLimits limits, long sizeHint, int firstLength) {
        RZSet z = new RZSet(limits);
        if (sizeHint > limits.zsetMaxListpackEntries || firstLength > limits.zsetMaxListpackValue) {
            z.encoding = Encoding.SKIPLIST;
        }
        return z;
    }

    /** zsetTypeMaybeConvert: ZADD of {@code sizeHint} members to an existing zset. */
    public void prepareAdd(long sizeHint) {
        if (encoding == Encoding.LISTPACK && sizeHint > limits.zsetMaxListpackEntries) {
            encoding = Encoding.SKIPLIST;
        }
    }

    /**
     * zsetConvertToListpackIfNeeded: a zset a store command built (ZUNIONSTORE, ZRANGESTORE,
     * GEOSEARCHSTORE...) is a listpack when it fits the limits, whatever it went through.
     */
    public void settle() {
        if (encoding != Encoding.SKIPLIST || size > limits.zsetMaxListpackEntries) {
            return;
        }
        for (int i = 0; i < size; i++) {
            if (sorted[i].key.length > limits.zsetMaxListpackValue) {
                return;
            }
        }
        encoding = Encoding.LISTPACK;
    }

    public int size() {
        return size;
    }

    public Dict<ZEntry> dict() {
        return members;
    }

    public Double score(byte[] member) {
        ZEntry e = members.get(member);
        return e == null ? null : e.score;
    }

    /** Adds or re-scores a member; true when it is new. */
    public boolean put(byte[] member, double score) {
        ZEntry e = members.get(member);
        if (e != null) {
            if (e.score == score) {
                return false;
            }
            removeSorted(e);
            e.score = score;
            insertSorted(e);
            return false;
        }
        if (encoding == Encoding.LISTPACK
                && (size + 1 > limits.zsetMaxListpackEntries || member.length > limits.zsetMaxListpackValue)) {
            encoding = Encoding.SKIPLIST;
        }
        e = new ZEntry(member, score);
        members.add(e);
        insertSorted(e);
        bytes += member.length + 64;
        return true;
    }

    public boolean remove(byte[] member) {
        ZEntry e = members.remove(member);
        if (e == null) {
            return false;
        }
        removeSorted(e);
        bytes -= member.length + 64;
        return true;
    }

    /** The entry at rank {@code i} (0 = lowest score). */
    public ZEntry at(int i) {
        return sorted[i];
    }

    /** The rank of a member, or -1. */
    public int rank(byte[] member) {
        ZEntry e = members.get(member);
        return e == null ? -1 : indexOf(e);
    }

    /** The first rank whose score is >= (or > when exclusive) {@code min}. */
    public int firstAtLeast(double min, boolean exclusive) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            double s = sorted[mid].score;
            if (exclusive ? s <= min : s < min) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The last rank whose score is <= (or < when exclusive) {@code max}, or -1. */
    public int lastAtMost(double max, boolean exclusive) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            double s = sorted[mid].score;
            if (exclusive ? s < max : s <= max) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }

    public List<ZEntry> range(int from, int to) {
        List<ZEntry> out = new ArrayList<>(Math.max(0, to - from + 1));
        for (int i = from; i <= to; i++) {
            out.add(sorted[i]);
        }
        return out;
    }

    private int indexOf(ZEntry e) {
        int i = Arrays.binarySearch(sorted, 0, size, e, ORDER);
        return i;
    }

    private void insertSorted(ZEntry e) {
        int i = Arrays.binarySearch(sorted, 0, size, e, ORDER);
        int at = i < 0 ? -i - 1 : i;
        if (size == sorted.length) {
            sorted = Arrays.copyOf(sorted, size * 2);
        }
        System.arraycopy(sorted, at, sorted, at + 1, size - at);
        sorted[at] = e;
        size++;
    }

    private void removeSorted(ZEntry e) {
        int at = indexOf(e);
        System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
        sorted[--size] = null;
    }

    public long memory() {
        return 64 + bytes + sorted.length * 4L;
    }

    public Encoding encoding() {
        return encoding;
    }

    /** A copy with the same members and encoding (COPY duplicates the object as it is). */
    public RZSet copy() {
        RZSet z = new RZSet(limits);
        z.encoding = encoding;
        for (int i = 0; i < size; i++) {
            ZEntry e = new ZEntry(sorted[i].key, sorted[i].score);
            z.members.add(e);
            z.insertSorted(e);
            z.bytes += e.key.length + 64;
        }
        return z;
    }
}
