package dev.minicloud.kv.internal.store;

/**
 * A hash field and its value, for {@link RHash}, with the field's own expiry (Redis 7.4 hash field
 * expiration): unix milliseconds, or -1 for a persistent field.
 */
public final class FieldEntry extends Dict.Entry {
    byte[] value;
    long expireAt = -1;
    /** Orders fields that expire in the same millisecond (the expiry index needs a total order). */
    long seq;

    public FieldEntry(byte[] field, byte[] value) {
        super(field);
        this.value = value;
    }

    public byte[] value() {
        return value;
    }

    /** Unix milliseconds when the field expires, or -1. */
    public long expireAt() {
        return expireAt;
    }
}
