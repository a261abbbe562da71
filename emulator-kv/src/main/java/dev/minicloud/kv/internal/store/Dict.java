package dev.minicloud.kv.internal.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * A chained hash table keyed by raw {@code byte[]}, the one structure behind the keyspace, hashes
 * and sets. It exists (instead of {@code HashMap<Key, V>}) for three things Redis semantics need and
 * {@code HashMap} cannot give: a reverse-binary {@link #scan} cursor that returns every element present
 * for a whole iteration even across resizes, O(1) {@link #random} sampling for eviction, RANDOMKEY,
 * SPOP and SRANDMEMBER, and lookups by a {@code byte[]} without allocating a wrapper per command.
 *
 * <p>Entries carry their own extra fields by subclassing {@link Entry}, so a key costs one object.
 * Not thread-safe: only the keyspace thread touches it.
 */
public final class Dict<E extends Dict.Entry> {
    private static final int MIN_CAPACITY = 4;

    /** One element: the key bytes, their hash and the chain link; subclasses add the value. */
    public static class Entry {
        final byte[] key;
        final int hash;
        Entry next;

        public Entry(byte[] key) {
            this.key = key;
            this.hash = hash(key);
        }

        public final byte[] key() {
            return key;
        }
    }

    private Entry[] table = new Entry[MIN_CAPACITY];
    private int size;
    /** While small, entries in insertion order (Redis' listpack encodings iterate that way); else null. */
    private Entry[] order;

    private int orderLimit;

    /** Keeps insertion order until the dict grows beyond {@code limit} entries (one-way, like listpack conversion). */
    public void keepInsertionOrder(int limit) {
        this.orderLimit = limit;
        if (size <= limit && order == null && size == 0) {
            order = new Entry[4];
        }
    }

    /** Stops tracking insertion order for good (the "hashtable" encoding). */
    public void dropOrder() {
        order = null;
    }

    public boolean isOrdered() {
        return order != null;
    }

    /** Re-sorts the insertion-order view (intset-to-listpack conversion keeps the intset's order). */
    @SuppressWarnings("unchecked")
    public void sortOrder(Comparator<E> cmp) {
        if (order != null) {
            Arrays.sort(order, 0, size, (a, b) -> cmp.compare((E) a, (E) b));
        }
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** MurmurHash3's 32-bit body and finalizer, four bytes at a time: every command hashes a key. */
    static int hash(byte[] key) {
        int h = 0x9747b28c;
        int n = key.length;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            int k = (int) INT_LE.get(key, i);
            k *= 0xcc9e2d51;
            k = Integer.rotateLeft(k, 15);
            k *= 0x1b873593;
            h ^= k;
            h = Integer.rotateLeft(h, 13);
            h = h * 5 + 0xe6546b64;
        }
        int rest = n - i;
        if (rest > 0) {
            int k = key[i] & 0xff;
            if (rest > 1) {
                k ^= (key[i + 1] & 0xff) << 8;
            }
            if (rest > 2) {
                k ^= (key[i + 2] & 0xff) << 16;
            }
            k *= 0xcc9e2d51;
            k = Integer.rotateLeft(k, 15);
            k *= 0x1b873593;
            h ^= k;
        }
        h ^= n;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    @SuppressWarnings("unchecked")
    public E get(byte[] key) {
        int h = hash(key);
        for (Entry e = table[h & (table.length - 1)]; e != null; e = e.next) {
            if (e.hash == h && Arrays.equals(e.key, key)) {
                return (E) e;
            }
        }
        return null;
    }

    public boolean contains(byte[] key) {
        return get(key) != null;
    }

    /** Adds an entry whose key is known to be absent. */
    public void add(E entry) {
        if (size >= table.length) {
            resize(table.length * 2);
        }
        int i = entry.hash & (table.length - 1);
        entry.next = table[i];
        table[i] = entry;
        if (order != null) {
            if (size + 1 > orderLimit) {
                order = null;
            } else {
                if (size == order.length) {
                    order = Arrays.copyOf(order, size * 2);
                }
                order[size] = entry;
            }
        }
        size++;
    }

    /** Replaces the entry with the same key (or adds it); returns the one replaced, if any. */
    public E put(E entry) {
        E old = remove(entry.key);
        add(entry);
        return old;
    }

    @SuppressWarnings("unchecked")
    public E remove(byte[] key) {
        int h = hash(key);
        int i = h & (table.length - 1);
        Entry prev = null;
        for (Entry e = table[i]; e != null; prev = e, e = e.next) {
            if (e.hash == h && Arrays.equals(e.key, key)) {
                if (prev == null) {
                    table[i] = e.next;
                } else {
                    prev.next = e.next;
                }
                e.next = null;
                if (order != null) {
                    for (int k = 0; k < size; k++) {
                        if (order[k] == e) {
                            System.arraycopy(order, k + 1, order, k, size - k - 1);
                            order[size - 1] = null;
                            break;
                        }
                    }
                }
                size--;
                if (table.length > MIN_CAPACITY && size < table.length / 8) {
                    resize(table.length / 2);
                }
                return (E) e;
            }
        }
        return null;
    }

    public void clear() {
        table = new Entry[MIN_CAPACITY];
        size = 0;
        if (order != null) {
            order = new Entry[4];
        }
    }

    private void resize(int capacity) {
        Entry[] old = table;
        Entry[] t = new Entry[capacity];
        int mask = capacity - 1;
        for (Entry head : old) {
            for (Entry e = head; e != null; ) {
                Entry next = e.next;
                int i = e.hash & mask;
                e.next = t[i];
                t[i] = e;
                e = next;
            }
        }
        table = t;
    }

    /** A uniformly chosen bucket's random element (drawn from {@code rnd}), or {@code null} when empty. */
    @SuppressWarnings("unchecked")
    public E random(RandomGenerator rnd) {
        if (size == 0) {
            return null;
        }
        Entry head;
        do {
            head = table[rnd.nextInt(table.length)];
        } while (head == null);
        int len = 0;
        for (Entry e = head; e != null; e = e.next) {
            len++;
        }
        int pick = rnd.nextInt(len);
        Entry e = head;
        while (pick-- > 0) {
            e = e.next;
        }
        return (E) e;
    }

    /**
     * Visits one bucket's elements (more if {@code count} asks) from {@code cursor} and returns the
     * next cursor, 0 when done. Redis' reverse-binary iteration: an element present from the first
     * call to the last is returned at least once, whatever resizes happened in between.
     */
    @SuppressWarnings("unchecked")
    public long scan(long cursor, int count, Consumer<E> visitor) {
        if (size == 0) {
            return 0;
        }
        long v = cursor;
        int visited = 0;
        int maxBuckets = Math.max(count, 1) * 10;
        do {
            long mask = table.length - 1L;
            for (Entry e = table[(int) (v & mask)]; e != null; e = e.next) {
                visitor.accept((E) e);
                visited++;
            }
            v |= ~mask;
            v = Long.reverse(v);
            v++;
            v = Long.reverse(v);
        } while (v != 0 && visited < count && --maxBuckets > 0);
        return v;
    }

    /** Every element (insertion order while small, else bucket order); the visitor must not modify this dict. */
    @SuppressWarnings("unchecked")
    public void forEach(Consumer<E> visitor) {
        if (order != null) {
            for (int k = 0; k < size; k++) {
                visitor.accept((E) order[k]);
            }
            return;
        }
        for (Entry head : table) {
            for (Entry e = head; e != null; e = e.next) {
                visitor.accept((E) e);
            }
        }
    }
}
