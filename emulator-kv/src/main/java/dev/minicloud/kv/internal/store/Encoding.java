package dev.minicloud.kv.internal.store;

import dev.minicloud.kv.internal.wire.Numbers;

/**
 * Redis' object encodings ({@code OBJ_ENCODING_*}), as {@code OBJECT ENCODING} names them. A
 * collection keeps its encoding as state and changes it only where Redis converts (on growth past
 * the {@code *-max-listpack-*} limits, and for lists also back on shrinking); a string's encoding
 * is kept on its key entry only where it cannot be told from the bytes (see {@link KeyEntry}).
 */
public enum Encoding {
    INT("int"),
    EMBSTR("embstr"),
    RAW("raw"),
    LISTPACK("listpack"),
    LISTPACK_EX("listpackex"),
    HASHTABLE("hashtable"),
    INTSET("intset"),
    QUICKLIST("quicklist"),
    SKIPLIST("skiplist"),
    STREAM("stream");

    /** Redis' {@code OBJ_ENCODING_EMBSTR_SIZE_LIMIT}: longer strings are {@code raw}. */
    public static final int EMBSTR_SIZE_LIMIT = 44;

    private static final int INT_MAX_DIGITS = 20;

    private final String redisName;

    Encoding(String redisName) {
        this.redisName = redisName;
    }

    /** The name {@code OBJECT ENCODING} answers. */
    public String redisName() {
        return redisName;
    }

    /**
     * What {@code tryObjectEncoding} makes of a string a command stores whole (SET, MSET, GETSET,
     * RESTORE, INCR...): {@code int} for a canonical 64-bit integer of at most 20 characters,
     * {@code embstr} up to 44 bytes, else {@code raw}.
     */
    public static Encoding ofString(byte[] v) {
        if (v.length <= INT_MAX_DIGITS && v.length > 0 && Numbers.parseLong(v) != null) {
            return INT;
        }
        return plainString(v);
    }

    /** What {@code createStringObject} makes (no integer attempt): INCRBYFLOAT's result. */
    public static Encoding plainString(byte[] v) {
        return v.length <= EMBSTR_SIZE_LIMIT ? EMBSTR : RAW;
    }
}
