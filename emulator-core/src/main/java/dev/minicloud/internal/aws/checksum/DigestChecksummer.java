package dev.minicloud.internal.aws.checksum;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A {@link Checksummer} over a JCA {@link MessageDigest} (SHA-1, SHA-256, MD5). Every upload starts an
 * MD5, and {@link MessageDigest#getInstance} searches the providers each time, so MD5 digests are
 * cloned from one that is never updated (cloning only reads it, so sharing it is safe).
 */
final class DigestChecksummer extends Checksummer {
    private static final MessageDigest MD5_PROTOTYPE = newDigest("MD5");
    private final MessageDigest digest;

    DigestChecksummer(String jcaName) {
        this.digest = jcaName.equals("MD5") ? cloneMd5() : newDigest(jcaName);
    }

    private static MessageDigest cloneMd5() {
        try {
            return (MessageDigest) MD5_PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return newDigest("MD5"); // a provider whose MD5 cannot be cloned
        }
    }

    private static MessageDigest newDigest(String jcaName) {
        try {
            return MessageDigest.getInstance(jcaName);
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
