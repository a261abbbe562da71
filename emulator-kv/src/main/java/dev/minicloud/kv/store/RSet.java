package dev.minicloud.kv.store;

import dev.minicloud.kv.wire.Numbers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A set value of binary-safe members, with a running byte count for memory accounting. Mirrors
 * Redis' encodings so small sets iterate as Redis' do: an intset (all integers, up to 512, sorted
 * numerically), a listpack (up to 128 short members, insertion order), then a hashtable.
 */
public final class RSet {
    private static final int INTSET_ENTRIES = 512;
    private static final int LISTPACK_ENTRIES = 128;
    private static final int LISTPACK_VALUE = 64;
    private static final Comparator<Dict.Entry> NUMERIC = Comparator.comparingLong(e -> Numbers.parseLong(e.key()));

    private final Dict<Dict.Entry> members = new Dict<>();
    private long bytes;
    private boolean intset = true;

    public RSet() {
        members.keepInsertionOrder(INTSET_ENTRIES);
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
        if (intset && Numbers.parseLong(m) == null) {
            intset = false;
            if (members.size() + 1 > LISTPACK_ENTRIES) {
                members.dropOrder();
            } else {
                members.sortOrder(NUMERIC);
                members.keepInsertionOrder(LISTPACK_ENTRIES);
            }
        }
        if (!intset && m.length > LISTPACK_VALUE) {
            members.dropOrder();
        }
        members.add(new Dict.Entry(m));
        bytes += m.length + 40;
        return true;
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
        if (intset && members.isOrdered()) {
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

    public String encoding() {
        if (!members.isOrdered()) {
            return "hashtable";
        }
        return intset ? "intset" : "listpack";
    }

    public RSet copy() {
        RSet s = new RSet();
        for (byte[] m : members()) {
            s.add(m);
        }
        return s;
    }
}
