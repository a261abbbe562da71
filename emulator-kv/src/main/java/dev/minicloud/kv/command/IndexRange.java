package dev.minicloud.kv.command;

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
        if (start < 0) {
            start += len;
        }
        if (end < 0) {
            end += len;
        }
        if (start < 0) {
            start = 0;
        }
        if (start > end || start >= len) {
            return null;
        }
        return new IndexRange(start, Math.min(end, len - 1));
    }

    /**
     * Bytes or bits of a string (GETRANGE, BITCOUNT, BITPOS). Unlike ranks, an end still negative
     * after counting from the end becomes 0, so {@code GETRANGE k 0 -100} is the first byte.
     */
    static IndexRange ofBytes(long start, long end, long len) {
        if (start < 0) {
            start += len;
        }
        if (end < 0) {
            end += len;
        }
        if (start < 0) {
            start = 0;
        }
        if (end < 0) {
            end = 0;
        }
        if (end >= len) {
            end = len - 1;
        }
        if (start > end) {
            return null;
        }
        return new IndexRange(start, end);
    }
}
