package dev.minicloud.kv.internal.store;

/**
 * One key of a database: its value (a {@code byte[]} string or one of the collection types), its
 * absolute expiry in epoch milliseconds ({@code -1} = none) and the access clock used by LRU/LFU
 * eviction and {@code OBJECT IDLETIME|FREQ}.
 */
public final class KeyEntry extends Dict.Entry {
    Object value;
    long expireAt = -1;
    int access;
    /**
     * A string's encoding where its bytes do not tell it (robj.encoding): {@code raw} after an
     * in-place change (APPEND, SETRANGE, SETBIT, BITOP, BITFIELD), {@code embstr} for INCRBYFLOAT's
     * result; null for a string stored whole, whose encoding {@link Encoding#ofString} derives.
     * Any new value resets it.
     */
    Encoding stringEncoding;

    KeyEntry(byte[] key, Object value) {
        super(key);
        this.value = value;
    }

    public Object value() {
        return value;
    }

    public long expireAt() {
        return expireAt;
    }

    /** The value's OBJECT ENCODING. */
    public Encoding encoding() {
        if (value instanceof byte[] b) {
            return stringEncoding != null ? stringEncoding : Encoding.ofString(b);
        } else if (value instanceof RHash h) {
            return h.encoding();
        } else if (value instanceof RList l) {
            return l.encoding();
        } else if (value instanceof RSet s) {
            return s.encoding();
        } else if (value instanceof RZSet z) {
            return z.encoding();
        }
        return Encoding.STREAM;
    }

    /** Marks the string just stored as {@code raw} or {@code embstr} whatever its bytes (see the field). */
    public void stringEncoding(Encoding encoding) {
        this.stringEncoding = encoding;
    }

    /** The string encoding mark to carry when the value moves to another key (RENAME, MOVE, COPY). */
    public Encoding stringEncodingMark() {
        return stringEncoding;
    }
}
