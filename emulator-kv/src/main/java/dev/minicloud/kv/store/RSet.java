package dev.minicloud.kv.store;

import dev.minicloud.kv.wire.Numbers;

/** A set value of binary-safe members, with a running byte count for memory accounting. */
public final class RSet {
    private final Dict<Dict.Entry> members = new Dict<>();
    private long bytes;
    private boolean allIntegers = true;
    private int maxLength;

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
        members.add(new Dict.Entry(m));
        bytes += m.length + 40;
        maxLength = Math.max(maxLength, m.length);
        if (allIntegers && Numbers.parseLong(m) == null) {
            allIntegers = false;
        }
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

    public long memory() {
        return 64 + bytes;
    }

    public String encoding() {
        if (allIntegers && members.size() <= 512) {
            return "intset";
        }
        return members.size() <= 128 && maxLength <= 64 ? "listpack" : "hashtable";
    }

    public RSet copy() {
        RSet s = new RSet();
        members.forEach(e -> s.add(e.key));
        return s;
    }
}
