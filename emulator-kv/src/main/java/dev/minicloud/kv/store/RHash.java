package dev.minicloud.kv.store;

/** A hash value: field to value, binary-safe, with a running byte count for memory accounting. */
public final class RHash {
    private static final int LISTPACK_ENTRIES = 128;
    private static final int LISTPACK_VALUE = 64;
    private final Dict<FieldEntry> fields = new Dict<>();
    private long bytes;

    public RHash() {
        fields.keepInsertionOrder(LISTPACK_ENTRIES);
    }

    public Dict<FieldEntry> dict() {
        return fields;
    }

    public int size() {
        return fields.size();
    }

    public byte[] get(byte[] field) {
        FieldEntry e = fields.get(field);
        return e == null ? null : e.value;
    }

    /** Sets a field; true when it is new. */
    public boolean put(byte[] field, byte[] value) {
        FieldEntry e = fields.get(field);
        if (field.length > LISTPACK_VALUE || value.length > LISTPACK_VALUE) {
            fields.dropOrder();
        }
        if (e != null) {
            bytes += value.length - e.value.length;
            e.value = value;
            return false;
        }
        fields.add(new FieldEntry(field, value));
        bytes += field.length + value.length + 48;
        return true;
    }

    public boolean remove(byte[] field) {
        FieldEntry e = fields.remove(field);
        if (e == null) {
            return false;
        }
        bytes -= e.key.length + e.value.length + 48;
        return true;
    }

    public long memory() {
        return 64 + bytes;
    }

    /** Redis' encoding name: a listpack (insertion ordered) while small, then a hashtable (never back). */
    public String encoding() {
        return fields.isOrdered() ? "listpack" : "hashtable";
    }

    public RHash copy() {
        RHash h = new RHash();
        fields.forEach(e -> h.put(e.key, e.value));
        return h;
    }
}
