package dev.minicloud.internal.aws;

import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes AWS-looking request ids: S3's 16 upper-case hex characters for {@code x-amz-request-id} and a
 * base64 {@code x-amz-id-2}. Random, so they are unique enough for correlating logs.
 */
public final class RequestIds {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private RequestIds() {}

    public static String newRequestId() {
        long v = ThreadLocalRandom.current().nextLong();
        char[] out = new char[16];
        for (int i = 15; i >= 0; i--) {
            out[i] = HEX[(int) (v & 0xF)];
            v >>>= 4;
        }
        return new String(out);
    }

    public static String newHostId() {
        byte[] b = new byte[48];
        ThreadLocalRandom.current().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }
}
