package dev.minicloud.kv.internal.store;

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
    private static final Comparator<FieldEntry> BY_EXPIRY =
            Comparator.comparingLong((FieldEntry e) -> e.expireAt).thenComparingLong(e -> e.seq);
    private final Dict<FieldEntry> fields = new Dict<>();
    private final EncodingLimits limits;
    /**
     * {@link Encoding#LISTPACK} (fields kept in insertion order) until a limit is passed, then
     * {@link Encoding#HASHTABLE}; a listpack whose field gets a TTL is a {@link Encoding#LISTPACK_EX}
     * from then on (Redis 7.4).
     */
    private Encoding encoding = Encoding.LISTPACK;

    private TreeSet<FieldEntry> volatileFields;
    private long seq;
    private long bytes;

    public RHash(EncodingLimits limits) {
        this.limits = limits;
        fields.keepInsertionOrder(Integer.MAX_VALUE);
    }

    /**
     * hashTypeTryConversion, before a write of {@code pairs} field/value pairs (HSET, HSETEX):
     * more than {@code hash-max-listpack-entries} of them make the hash a hashtable first, even if
     * they repeat fields (Redis 7.2 presizes for them). Arguments over {@code hash-max-listpack-value}
     * convert it as they are written.
     */
    public void prepareWrite(int pairs) {
        if (encoding != Encoding.HASHTABLE && pairs > limits.hashMaxListpackEntries) {
            convertToHashtable();
        }
    }

    private void convertToHashtable() {
        encoding = Encoding.HASHTABLE;
        fields.dropOrder();
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
        if (encoding != Encoding.HASHTABLE
                && (field.length > limits.hashMaxListpackValue || value.length > limits.hashMaxListpackValue)) {
            convertToHashtable();
        }
        if (e != null) {
            bytes += value.length - e.value.length;
            e.value = value;
            return false;
        }
        fields.add(new FieldEntry(field, value));
        bytes += field.length + value.length + 48;
        if (encoding != Encoding.HASHTABLE && fields.size() > limits.hashMaxListpackEntries) {
            convertToHashtable();
        }
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
        supportFieldExpiry();
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

    /**
     * hashTypeSetExInit: the HEXPIRE family makes a listpack a {@code listpackex} before it looks at
     * any field, whether a TTL is then set or not.
     */
    public void supportFieldExpiry() {
        if (encoding == Encoding.LISTPACK) {
            encoding = Encoding.LISTPACK_EX;
        }
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
     * Redis' encoding: a listpack (insertion ordered) while small, then a hashtable (never back,
     * even when it shrinks); a small hash that had field TTLs is a {@code listpackex}, as Redis 7.4 names it.
     */
    public Encoding encoding() {
        return encoding;
    }

    /** A copy with the same fields, TTLs and encoding (COPY duplicates the object as it is). */
    public RHash copy() {
        RHash h = new RHash(limits);
        if (encoding == Encoding.HASHTABLE) {
            h.convertToHashtable();
        } else {
            h.encoding = encoding;
        }
        fields.forEach(e -> {
            h.fields.add(new FieldEntry(e.key, e.value));
            h.bytes += e.key.length + e.value.length + 48;
            if (e.expireAt >= 0) {
                h.expire(h.entry(e.key), e.expireAt);
            }
        });
        return h;
    }
}
