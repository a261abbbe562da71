package dev.minicloud.kv.internal.command;

/**
 * An inclusive, non-empty {@code [first, last]} range of positions resolved from a command's
 * {@code start end} arguments, where a negative index counts from the end. Redis resolves such
 * ranges in two slightly different ways, one factory each; both answer null for an empty range.
 */
record IndexRange(long first, long last) {

    /** How many positions the range covers. */
    long count() {
        return last - first + 1;
    }

    /** Ranks in a list or sorted set (LRANGE, LTRIM, ZRANGE, ZREMRANGEBYRANK). */
    static IndexRange ofRanks(long start, long end, long len) {
        long first = Math.max(0, fromEnd(start, len));
        long last = fromEnd(end, len);
        if (first > last || first >= len) {
            return null;
        }
        return new IndexRange(first, Math.min(last, len - 1));
    }

    /**
     * Bytes or bits of a string (GETRANGE, BITCOUNT, BITPOS). Unlike ranks, an end still negative
     * after counting from the end becomes 0, so {@code GETRANGE k 0 -100} is the first byte.
     */
    static IndexRange ofBytes(long start, long end, long len) {
        long first = Math.max(0, fromEnd(start, len));
        long last = Math.min(Math.max(0, fromEnd(end, len)), len - 1);
        return first > last ? null : new IndexRange(first, last);
    }

    /** A negative index counts back from the end: -1 is the last position. */
    private static long fromEnd(long index, long len) {
        return index < 0 ? index + len : index;
    }
}
