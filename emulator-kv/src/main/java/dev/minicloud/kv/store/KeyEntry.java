package dev.minicloud.kv.store;

/**
 * One key of a database: its value (a {@code byte[]} string or one of the collection types), its
 * absolute expiry in epoch milliseconds ({@code -1} = none) and the access clock used by LRU/LFU
 * eviction and {@code OBJECT IDLETIME|FREQ}.
 */
public final class KeyEntry extends Dict.Entry {
    Object value;
    long expireAt = -1;
    int access;

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
}
