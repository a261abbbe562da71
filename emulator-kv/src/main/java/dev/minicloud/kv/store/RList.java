package dev.minicloud.kv.store;

import java.util.Arrays;

/**
 * A list value: a growable ring buffer of {@code byte[]} elements with O(1) push/pop at both ends
 * and O(1) index access (LINDEX, LRANGE), with a running byte count for memory accounting.
 */
public final class RList {
    private byte[][] items = new byte[8][];
    private int head;
    private int size;
    private long bytes;

    public int size() {
        return size;
    }

    public byte[] get(int i) {
        return items[(head + i) & (items.length - 1)];
    }

    public void set(int i, byte[] v) {
        int at = (head + i) & (items.length - 1);
        bytes += v.length - items[at].length;
        items[at] = v;
    }

    public void addFirst(byte[] v) {
        grow();
        head = (head - 1) & (items.length - 1);
        items[head] = v;
        size++;
        bytes += v.length + 16;
    }

    public void addLast(byte[] v) {
        grow();
        items[(head + size) & (items.length - 1)] = v;
        size++;
        bytes += v.length + 16;
    }

    public byte[] removeFirst() {
        byte[] v = items[head];
        items[head] = null;
        head = (head + 1) & (items.length - 1);
        size--;
        bytes -= v.length + 16;
        return v;
    }

    public byte[] removeLast() {
        int at = (head + size - 1) & (items.length - 1);
        byte[] v = items[at];
        items[at] = null;
        size--;
        bytes -= v.length + 16;
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
    }

    /** Keeps elements [start, end] inclusive (already clamped by the caller). */
    public void trim(int start, int end) {
        byte[][] all = toArray();
        clear();
        for (int i = start; i <= end && i < all.length; i++) {
            addLast(all[i]);
        }
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

    public String encoding() {
        return size <= 128 && bytes <= 8192 ? "listpack" : "quicklist";
    }

    public RList copy() {
        RList l = new RList();
        for (int i = 0; i < size; i++) {
            l.addLast(get(i));
        }
        return l;
    }
}
