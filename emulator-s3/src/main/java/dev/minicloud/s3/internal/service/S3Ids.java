package dev.minicloud.s3.internal.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.UUID;

/**
 * The random ids S3 makes up, from the service's own seeded generator (so
 * {@code MiniCloud.builder().random(seed)} repeats them): version ids (32 URL-safe characters),
 * multipart upload ids (64 hex digits) and the ids of replication rules sent without one (48
 * letters and digits). Thread-safe: calls from every event loop share the generator.
 */
public final class S3Ids {
    private static final char[] VERSION_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._".toCharArray();
    private static final char[] RULE_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Random random;

    public S3Ids(Random random) {
        this.random = random;
    }

    public String versionId() {
        return of(VERSION_ALPHABET, 32);
    }

    public String uploadId() {
        return of(HEX, 64);
    }

    public String replicationRuleId() {
        return of(RULE_ALPHABET, 48);
    }

    /**
     * An id for a lifecycle rule sent without one: as S3 makes them, the base64 of a lowercase
     * version-4 UUID (48 characters).
     */
    public String lifecycleRuleId() {
        byte[] b = new byte[16];
        synchronized (this) {
            random.nextBytes(b);
        }
        b[6] = (byte) (b[6] & 0x0f | 0x40);
        b[8] = (byte) (b[8] & 0x3f | 0x80);
        ByteBuffer buf = ByteBuffer.wrap(b);
        String uuid = new UUID(buf.getLong(), buf.getLong()).toString();
        return Base64.getEncoder().encodeToString(uuid.getBytes(StandardCharsets.US_ASCII));
    }

    private synchronized String of(char[] alphabet, int length) {
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            c[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return new String(c);
    }
}
