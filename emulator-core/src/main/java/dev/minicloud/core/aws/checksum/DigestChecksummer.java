package dev.minicloud.core.aws.checksum;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** A {@link Checksummer} over a JCA {@link MessageDigest} (SHA-1, SHA-256, MD5). */
final class DigestChecksummer extends Checksummer {
    private final MessageDigest digest;

    DigestChecksummer(String jcaName) {
        try {
            this.digest = MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide MD5, SHA-1 and SHA-256.
            throw new IllegalStateException(jcaName + " is not available", e);
        }
    }

    @Override
    public Checksummer update(byte[] bytes, int offset, int length) {
        digest.update(bytes, offset, length);
        return this;
    }

    @Override
    public Checksummer update(ByteBuffer buffer) {
        digest.update(buffer);
        return this;
    }

    @Override
    public byte[] digest() {
        return digest.digest();
    }
}
