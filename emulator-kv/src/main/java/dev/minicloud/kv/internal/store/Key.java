package dev.minicloud.kv.internal.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A binary-safe key for Java collections outside the keyspace itself (watched keys, blocked keys,
 * pub/sub channels): wraps the bytes with content-based {@code equals}/{@code hashCode}.
 */
public final class Key implements Comparable<Key> {
    private final byte[] bytes;
    private final int hash;

    public Key(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    public byte[] bytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Key k && k.hash == hash && Arrays.equals(k.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(Key o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
