package dev.minicloud.kv.internal.script;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Lower-case hex SHA1, the name Redis gives scripts ({@code SCRIPT LOAD}, {@code redis.sha1hex}). */
final class Sha1Hex {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Sha1Hex() {}

    static String of(byte[] data) {
        return of(digest(), data);
    }

    /** A SHA-1 digest to reuse on one thread (the provider lookup costs more than hashing a script). */
    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }

    static String of(MessageDigest md, byte[] data) {
        byte[] h = md.digest(data);
        char[] out = new char[40];
        for (int i = 0; i < 20; i++) {
            out[i * 2] = HEX[(h[i] >> 4) & 0xf];
            out[i * 2 + 1] = HEX[h[i] & 0xf];
        }
        return new String(out);
    }
}
