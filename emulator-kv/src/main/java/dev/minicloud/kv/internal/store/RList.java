package dev.minicloud.kv.internal.store;

import dev.minicloud.kv.internal.wire.Numbers;
import java.util.Arrays;

/**
 * A list value: a growable ring buffer of {@code byte[]} elements with O(1) push/pop at both ends
 * and O(1) index access (LINDEX, LRANGE), with a running byte count for memory accounting.
 *
 * <p>Encoding (Redis 7.2's t_list.c): a list is a {@code listpack} until a write would take it
 * past {@code list-max-listpack-size} (entries when positive, node bytes -1..-5 = 4..64 KB when
 * negative), then a {@code quicklist}; a quicklist that shrinks to half the limit becomes a
 * listpack again. To decide as Redis does, the list keeps the exact byte size its elements would
 * have in one listpack (integers in their compact forms); we hold no quicklist nodes, so where
 * Redis also requires the quicklist to be down to a single node we assume it is.
 */
public final class RList {
    /** listpack.c: the 6-byte header and the end byte. */
    private static final int LISTPACK_OVERHEAD = 7;

    private final EncodingLimits limits;
    private Encoding encoding = Encoding.LISTPACK;
    private byte[][] items = new byte[8][];
    private int head;
    private int size;
    private long bytes;
    /** lpBytes of the elements as one listpack. */
    private long packedBytes = LISTPACK_OVERHEAD;

    public RList(EncodingLimits limits) {
        this.limits = limits;
    }

    /**
     * listTypeTryConversionAppend: before {@code count} elements of {@code rawBytes} bytes in all
     * are pushed, a listpack that would pass the limit (its bytes plus the new elements' raw
     * lengths, as Redis adds them) becomes a quicklist.
     */
    public void prepareAdd(long rawBytes, long count) {
        if (encoding == Encoding.LISTPACK && limits.listExceeds(packedBytes + rawBytes, size + count)) {
            encoding = Encoding.QUICKLIST;
        }
    }

    /** {@link #prepareAdd(long, long)} for one element (LMOVE's destination, LSET, LINSERT). */
    public void prepareAdd(byte[] v) {
        if (encoding == Encoding.LISTPACK && limits.listExceeds(packedBytes + v.length, size + 1L)) {
            encoding = Encoding.QUICKLIST;
        }
    }

    /** After a removal (LIST_CONV_SHRINKING): a quicklist down to half the node limit is a listpack again. */
    private void shrunk() {
        if (encoding == Encoding.QUICKLIST
                && packedBytes <= limits.listByteLimit() / 2
                && size <= limits.listCountLimit() / 2) {
            encoding = Encoding.LISTPACK;
        }
    }

    /** LIST_CONV_AUTO, for a list built whole (SORT STORE, RESTORE): the encoding that fits it. */
    public void settle() {
        if (encoding == Encoding.LISTPACK && limits.listExceeds(packedBytes, size)) {
            encoding = Encoding.QUICKLIST;
        } else if (encoding == Encoding.QUICKLIST
                && packedBytes <= limits.listByteLimit()
                && size <= limits.listCountLimit()) {
            encoding = Encoding.LISTPACK;
        }
    }

    /** The bytes one element takes in a listpack: encoding and data (integers compact), then its backlen. */
    static int packedSize(byte[] v) {
        int body;
        // only a digit or '-' can start an integer: most strings skip the parse
        Long n = v.length <= 20 && v.length > 0 && (v[0] == '-' || (v[0] >= '0' && v[0] <= '9'))
                ? Numbers.parseLong(v)
                : null;
        if (n != null) {
            long x = n;
            if (x >= 0 && x <= 127) {
                body = 1;
            } else if (x >= -4096 && x <= 4095) {
                body = 2;
            } else if (x >= Short.MIN_VALUE && x <= Short.MAX_VALUE) {
                body = 3;
            } else if (x >= -(1 << 23) && x <= (1 << 23) - 1) {
                body = 4;
            } else if (x >= Integer.MIN_VALUE && x <= Integer.MAX_VALUE) {
                body = 5;
            } else {
                body = 9;
            }
        } else if (v.length <= 63) {
            body = 1 + v.length;
        } else if (v.length <= 4095) {
            body = 2 + v.length;
        } else {
            body = 5 + v.length;
        }
        int backlen = body <= 127 ? 1 : body < 16383 ? 2 : body < 2097151 ? 3 : body < 268435455 ? 4 : 5;
        return body + backlen;
    }

    public Encoding encoding() {
        return encoding;
    }

    public int size() {
        return size;
    }

    public byte[] get(int i) {
        return items[(head + i) & (items.length - 1)];
    }

    public void set(int i, byte[] v) {
        int at = (head + i) & (items.length - 1);
        bytes += v.length - items[at].length;
        packedBytes += packedSize(v) - packedSize(items[at]);
        items[at] = v;
        shrunk();
    }

    public void addFirst(byte[] v) {
        grow();
        head = (head - 1) & (items.length - 1);
        items[head] = v;
        size++;
        bytes += v.length + 16;
        packedBytes += packedSize(v);
    }

    public void addLast(byte[] v) {
        grow();
        items[(head + size) & (items.length - 1)] = v;
        size++;
        bytes += v.length + 16;
        packedBytes += packedSize(v);
    }

    public byte[] removeFirst() {
        byte[] v = items[head];
        items[head] = null;
        head = (head + 1) & (items.length - 1);
        size--;
        bytes -= v.length + 16;
        packedBytes -= packedSize(v);
        shrunk();
        return v;
    }

    public byte[] removeLast() {
        int at = (head + size - 1) & (items.length - 1);
        byte[] v = items[at];
        items[at] = null;
        size--;
        bytes -= v.length + 16;
        packedBytes -= packedSize(v);
        shrunk();
        return v;
    }

    /** Inserts at index {@code i} (0..size), shifting later elements. */
    public void insert(int i, byte[] v) {
        byte[][] all = toArray();
        byte[][] n = new byte[Math.max(8, Integer.highestOneBit(size + 1) * 2)][];
        System.arraycopy(all, 0, n, 0, i);
        n[i] = v;
        System.arraycopy(all, i, n, i + 1, size - i);
        items = n;
        head = 0;
        size++;
        bytes += v.length + 16;
        packedBytes += packedSize(v);
    }

    /** Keeps only the elements at the indexes for which {@code keep[i]} is true. */
    public void retain(boolean[] keep) {
        byte[][] all = toArray();
        clear();
        for (int i = 0; i < all.length; i++) {
            if (keep[i]) {
                addLast(all[i]);
            }
        }
        shrunk();
    }

    /** Keeps elements [start, end] inclusive (already clamped by the caller). */
    public void trim(int start, int end) {
        byte[][] all = toArray();
        clear();
        for (int i = start; i <= end && i < all.length; i++) {
            addLast(all[i]);
        }
        shrunk();
    }

    public byte[][] toArray() {
        byte[][] out = new byte[size][];
        for (int i = 0; i < size; i++) {
            out[i] = get(i);
        }
        return out;
    }

    private void clear() {
        Arrays.fill(items, null);
        head = 0;
        size = 0;
        bytes = 0;
        packedBytes = LISTPACK_OVERHEAD;
    }

    private void grow() {
        if (size < items.length) {
            return;
        }
        byte[][] n = new byte[items.length * 2][];
        for (int i = 0; i < size; i++) {
            n[i] = get(i);
        }
        items = n;
        head = 0;
    }

    public long memory() {
        return 48 + bytes + items.length * 4L;
    }

    /** A copy with the same elements and encoding (COPY duplicates the object as it is). */
    public RList copy() {
        RList l = new RList(limits);
        l.encoding = encoding;
        for (int i = 0; i < size; i++) {
            l.addLast(get(i));
        }
        return l;
    }
}
