package dev.minicloud.kv.internal.store;

/**
 * The size limits that decide a collection's encoding, Redis' {@code hash-max-listpack-*},
 * {@code list-max-listpack-size}, {@code set-max-intset-entries}, {@code set-max-listpack-*},
 * {@code zset-max-listpack-*} and {@code stream-node-max-*}, with Redis 7's defaults (those of a
 * server started without a config file). One instance per server, changed by {@code CONFIG SET}
 * and read by every value of that server on its writes, so a change applies to the next write as
 * in Redis. Only the keyspace thread touches it.
 */
public final class EncodingLimits {
    /** quicklist.c's {@code optimization_level}: the node byte limits of fill -1 .. -5. */
    private static final long[] LIST_BYTE_LIMITS = {4096, 8192, 16384, 32768, 65536};
    /** quicklist.c's {@code SIZE_SAFETY_LIMIT}: a count-limited node still stays under 8 KB. */
    private static final long SIZE_SAFETY_LIMIT = 8192;

    private static final long UINT_MAX = 0xffffffffL;
    /** t_stream.c's {@code STREAM_LISTPACK_MAX_SIZE}, the node size when the limit is 0. */
    private static final long STREAM_LISTPACK_MAX_SIZE = 1L << 30;

    long hashMaxListpackEntries = 512;
    long hashMaxListpackValue = 64;
    int listMaxListpackSize = -2;
    long setMaxIntsetEntries = 512;
    long setMaxListpackEntries = 128;
    long setMaxListpackValue = 64;
    long zsetMaxListpackEntries = 128;
    long zsetMaxListpackValue = 64;
    long streamNodeMaxBytes = 4096;
    long streamNodeMaxEntries = 100;

    public void hashMaxListpackEntries(long v) {
        hashMaxListpackEntries = v;
    }

    public void hashMaxListpackValue(long v) {
        hashMaxListpackValue = v;
    }

    public void listMaxListpackSize(int v) {
        listMaxListpackSize = v;
    }

    public void setMaxIntsetEntries(long v) {
        setMaxIntsetEntries = v;
    }

    public void setMaxListpackEntries(long v) {
        setMaxListpackEntries = v;
    }

    public void setMaxListpackValue(long v) {
        setMaxListpackValue = v;
    }

    public void zsetMaxListpackEntries(long v) {
        zsetMaxListpackEntries = v;
    }

    public void zsetMaxListpackValue(long v) {
        zsetMaxListpackValue = v;
    }

    public void streamNodeMaxBytes(long v) {
        streamNodeMaxBytes = v;
    }

    public void streamNodeMaxEntries(long v) {
        streamNodeMaxEntries = v;
    }

    public long hashMaxListpackEntries() {
        return hashMaxListpackEntries;
    }

    public long hashMaxListpackValue() {
        return hashMaxListpackValue;
    }

    public int listMaxListpackSize() {
        return listMaxListpackSize;
    }

    public long setMaxIntsetEntries() {
        return setMaxIntsetEntries;
    }

    public long setMaxListpackEntries() {
        return setMaxListpackEntries;
    }

    public long setMaxListpackValue() {
        return setMaxListpackValue;
    }

    public long zsetMaxListpackEntries() {
        return zsetMaxListpackEntries;
    }

    public long zsetMaxListpackValue() {
        return zsetMaxListpackValue;
    }

    public long streamNodeMaxBytes() {
        return streamNodeMaxBytes;
    }

    public long streamNodeMaxEntries() {
        return streamNodeMaxEntries;
    }

    /** quicklistNodeLimit: a list node's byte limit ({@code Long.MAX_VALUE} when it counts entries). */
    long listByteLimit() {
        if (listMaxListpackSize >= 0) {
            return Long.MAX_VALUE;
        }
        long offset = Math.min(-(long) listMaxListpackSize - 1, LIST_BYTE_LIMITS.length - 1);
        return LIST_BYTE_LIMITS[(int) offset];
    }

    /** quicklistNodeLimit: a list node's entry limit (UINT_MAX when it counts bytes; at least 1). */
    long listCountLimit() {
        if (listMaxListpackSize < 0) {
            return UINT_MAX;
        }
        return listMaxListpackSize == 0 ? 1 : listMaxListpackSize;
    }

    /** quicklistNodeExceedsLimit: whether a listpack of these bytes and entries is too big for one node. */
    boolean listExceeds(long bytes, long count) {
        long byteLimit = listByteLimit();
        if (byteLimit != Long.MAX_VALUE) {
            return bytes > byteLimit;
        }
        return bytes > SIZE_SAFETY_LIMIT || count > listCountLimit();
    }

    /** The byte size at which a stream starts a new node (0 means listpack's own maximum). */
    long streamNodeBytes() {
        return streamNodeMaxBytes == 0 || streamNodeMaxBytes > STREAM_LISTPACK_MAX_SIZE
                ? STREAM_LISTPACK_MAX_SIZE
                : streamNodeMaxBytes;
    }

    /** The entries at which a stream starts a new node ({@code Long.MAX_VALUE}: no limit, as 0 means). */
    long streamNodeEntries() {
        return streamNodeMaxEntries == 0 ? Long.MAX_VALUE : streamNodeMaxEntries;
    }
}
