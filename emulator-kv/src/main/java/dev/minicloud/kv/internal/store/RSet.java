package dev.minicloud.kv.internal.store;

import dev.minicloud.kv.internal.wire.Numbers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A set value of binary-safe members, with a running byte count for memory accounting. Keeps
 * Redis 7.2's encodings as state, so small sets iterate as Redis' do and {@code OBJECT ENCODING}
 * follows the {@code set-max-*} limits: an intset (all integers, sorted numerically), a listpack
 * (insertion order), then a hashtable (never back). t_set.c's rules: a non-integer member turns an
 * intset into a listpack only while the set and every member stay strictly under the listpack
 * limits, else straight into a hashtable; an intset past {@code set-max-intset-entries} becomes a
 * hashtable.
 */
public final class RSet {
    private static final Comparator<Dict.Entry> NUMERIC = Comparator.comparingLong(e -> Numbers.parseLong(e.key()));

    private final Dict<Dict.Entry> members = new Dict<>();
    private final EncodingLimits limits;
    private Encoding encoding = Encoding.INTSET;
    private long bytes;

    /** An empty set as createIntsetObject makes it (the store commands' destination). */
    public RSet(EncodingLimits limits) {
        this.limits = limits;
        members.keepInsertionOrder(Integer.MAX_VALUE);
    }

    /**
     * setTypeCreate: the set SADD or SMOVE makes for a new key, given its first member and how
     * many members the command brings ({@code sizeHint}).
     */
    public static RSet create(EncodingLimits limits, byte[] first, long sizeHint) {
        RSet s = new RSet(limits);
        if (isInteger(first) && sizeHint <= limits.setMaxIntsetEntries) {
            return s;
        }
        if (sizeHint <= limits.setMaxListpackEntries) {
            s.encoding = Encoding.LISTPACK;
        } else {
            s.convertToHashtable();
        }
        return s;
    }

    /** An empty listpack set: what a listpack-encoded RDB payload loads into. */
    public static RSet listpack(EncodingLimits limits) {
        RSet s = new RSet(limits);
        s.encoding = Encoding.LISTPACK;
        return s;
    }

    /** setTypeMaybeConvert: SADD of {@code sizeHint} members to an existing set. */
    public void prepareAdd(long sizeHint) {
        if ((encoding == Encoding.LISTPACK && sizeHint > limits.setMaxListpackEntries)
                || (encoding == Encoding.INTSET && sizeHint > limits.setMaxIntsetEntries)) {
            convertToHashtable();
        }
    }

    private static boolean isInteger(byte[] m) {
        return m.length <= 20 && Numbers.parseLong(m) != null;
    }

    private void convertToHashtable() {
        encoding = Encoding.HASHTABLE;
        members.dropOrder();
    }

    public Dict<Dict.Entry> dict() {
        return members;
    }

    public int size() {
        return members.size();
    }

    public boolean contains(byte[] m) {
        return members.contains(m);
    }

    public boolean add(byte[] m) {
        if (members.contains(m)) {
            return false;
        }
        switch (encoding) {
            case INTSET -> {
                if (isInteger(m)) {
                    insert(m);
                    if (members.size() > limits.setMaxIntsetEntries) {
                        convertToHashtable();
                    }
                    return true;
                }
                if (members.size() < limits.setMaxListpackEntries
                        && m.length < limits.setMaxListpackValue
                        && longestInteger() < limits.setMaxListpackValue) {
                    // the listpack keeps the intset's (numeric) order, then appends
                    members.sortOrder(NUMERIC);
                    encoding = Encoding.LISTPACK;
                } else {
                    convertToHashtable();
                }
            }
            case LISTPACK -> {
                if (members.size() >= limits.setMaxListpackEntries || m.length > limits.setMaxListpackValue) {
                    convertToHashtable();
                }
            }
            default -> {}
        }
        insert(m);
        return true;
    }

    private void insert(byte[] m) {
        members.add(new Dict.Entry(m));
        bytes += m.length + 40;
    }

    /** sdigits10 of the intset's smallest and greatest members, whichever is longer (with its sign). */
    private long longestInteger() {
        long longest = 0;
        List<Dict.Entry> all = new ArrayList<>(members.size());
        members.forEach(all::add);
        for (Dict.Entry e : all) {
            longest = Math.max(longest, e.key().length);
        }
        return longest;
    }

    public boolean remove(byte[] m) {
        Dict.Entry e = members.remove(m);
        if (e == null) {
            return false;
        }
        bytes -= m.length + 40;
        return true;
    }

    /** The entries in Redis' iteration order for the current encoding. */
    public List<Dict.Entry> entries() {
        List<Dict.Entry> all = new ArrayList<>(members.size());
        members.forEach(all::add);
        if (encoding == Encoding.INTSET) {
            all.sort(NUMERIC);
        }
        return all;
    }

    /** The members in Redis' iteration order for the current encoding. */
    public List<byte[]> members() {
        List<Dict.Entry> all = entries();
        List<byte[]> out = new ArrayList<>(all.size());
        for (Dict.Entry e : all) {
            out.add(e.key());
        }
        return out;
    }

    public long memory() {
        return 64 + bytes;
    }

    /** Whether the set is compact (intset or listpack), which SSCAN returns whole with cursor 0. */
    public boolean compact() {
        return encoding != Encoding.HASHTABLE;
    }

    public Encoding encoding() {
        return encoding;
    }

    /** A copy with the same members and encoding (COPY duplicates the object as it is). */
    public RSet copy() {
        RSet s = new RSet(limits);
        if (encoding == Encoding.HASHTABLE) {
            s.convertToHashtable();
        } else {
            s.encoding = encoding;
        }
        for (byte[] m : members()) {
            s.insert(m);
        }
        return s;
    }
}
