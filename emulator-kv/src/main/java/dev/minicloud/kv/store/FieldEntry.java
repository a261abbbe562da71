package dev.minicloud.kv.store;

/** A hash field and its value, for {@link RHash}. */
public final class FieldEntry extends Dict.Entry {
    byte[] value;

    public FieldEntry(byte[] field, byte[] value) {
        super(field);
        this.value = value;
    }

    public byte[] value() {
        return value;
    }
}
