package dev.minicloud.kv.store;

import java.util.Comparator;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A hash value: field to value, binary-safe, with a running byte count for memory accounting, and
 * per-field expiry (Redis 7.4): fields with a TTL are also kept in an index by expiry time, made on
 * the first TTL, so a hash that never has one pays nothing and the due fields are found in
 * O(log n) without a scan.
 */
public final class RHash {
    private static final int LISTPACK_ENTRIES = 128;
    private static final int LISTPACK_VALUE = 64;
    private static final Comparator<FieldEntry> BY_EXPIRY =
            Comparator.comparingLong((FieldEntry e) -> e.expireAt).thenComparingLong(e -> e.seq);
    private final Dict<FieldEntry> fields = new Dict<>();
    private TreeSet<FieldEntry> volatileFields;
    private long seq;
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

    public FieldEntry entry(byte[] field) {
        return fields.get(field);
    }

    /** Sets a field (HSET): a field it overwrites loses its TTL, as in Redis. True when it is new. */
    public boolean put(byte[] field, byte[] value) {
        FieldEntry e = fields.get(field);
        if (e != null) {
            persist(e);
        }
        return replace(field, value);
    }

    /**
     * Changes a field's value and keeps its TTL (HINCRBY, HINCRBYFLOAT: the value is altered, not
     * replaced). True when the field is new.
     */
    public boolean replace(byte[] field, byte[] value) {
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
        if (e.expireAt >= 0) {
            volatileFields.remove(e);
        }
        bytes -= e.key.length + e.value.length + 48;
        return true;
    }

    /** Gives a field of this hash an expiry (unix ms), replacing any it had. */
    public void expire(FieldEntry e, long at) {
        if (volatileFields == null) {
            volatileFields = new TreeSet<>(BY_EXPIRY);
        }
        if (e.expireAt >= 0) {
            volatileFields.remove(e);
        }
        e.expireAt = at;
        e.seq = seq++;
        volatileFields.add(e);
    }

    /** Makes a field persistent; false when it had no TTL. */
    public boolean persist(FieldEntry e) {
        if (e.expireAt < 0) {
            return false;
        }
        volatileFields.remove(e);
        e.expireAt = -1;
        return true;
    }

    /** Whether some field has a TTL. */
    public boolean hasVolatileFields() {
        return volatileFields != null && !volatileFields.isEmpty();
    }

    /** The earliest field expiry, or {@code Long.MAX_VALUE} when no field has a TTL. */
    public long nextExpiry() {
        return hasVolatileFields() ? volatileFields.first().expireAt : Long.MAX_VALUE;
    }

    /**
     * Removes the fields due at {@code now}, at most {@code budget} of them (the active cycle's share),
     * telling {@code removed} each field's name; returns how many went.
     */
    public int removeExpired(long now, int budget, Consumer<byte[]> removed) {
        int n = 0;
        while (n < budget && hasVolatileFields() && volatileFields.first().expireAt <= now) {
            FieldEntry e = volatileFields.pollFirst();
            e.expireAt = -1;
            remove(e.key);
            removed.accept(e.key);
            n++;
        }
        return n;
    }

    public long memory() {
        return 64 + bytes + (volatileFields == null ? 0 : 48L * volatileFields.size());
    }

    /**
     * Redis' encoding name: a listpack (insertion ordered) while small, then a hashtable (never back);
     * a small hash with field TTLs is a {@code listpackex}, as Redis 7.4 names it.
     */
    public String encoding() {
        if (!fields.isOrdered()) {
            return "hashtable";
        }
        return hasVolatileFields() ? "listpackex" : "listpack";
    }

    /** A copy with the same fields and TTLs (COPY). */
    public RHash copy() {
        RHash h = new RHash();
        fields.forEach(e -> {
            h.replace(e.key, e.value);
            if (e.expireAt >= 0) {
                h.expire(h.entry(e.key), e.expireAt);
            }
        });
        return h;
    }
}
