package dev.minicloud.internal.aws.checksum;

import dev.minicloud.internal.aws.AwsException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * {@code Content-MD5} handling as S3 does it: a malformed header is {@code InvalidDigest} before
 * any body is read, a digest that does not match the received bytes is {@code BadDigest}.
 */
public final class ContentMd5 {

    private ContentMd5() {}

    /**
     * Parses a {@code Content-MD5} header into its 16 raw bytes; {@code null} for an absent header.
     *
     * @throws AwsException {@code InvalidDigest} if it is not base64 of exactly 16 bytes
     */
    public static byte[] parse(String header) {
        if (header == null) {
            return null;
        }
        try {
            byte[] raw = Base64.getDecoder().decode(header.trim());
            if (raw.length == 16) {
                return raw;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the S3 error: the client's value is the problem, not ours
        }
        throw ChecksumErrors.invalidContentMd5(header);
    }

    /**
     * Checks the MD5 of the received body against the parsed header value; does nothing when no
     * header was sent ({@code expected == null}).
     *
     * @throws AwsException {@code BadDigest} on mismatch
     */
    public static void verify(byte[] expected, byte[] actual) {
        if (expected != null && !MessageDigest.isEqual(expected, actual)) {
            throw ChecksumErrors.contentMd5Mismatch(
                    Base64.getEncoder().encodeToString(expected),
                    Base64.getEncoder().encodeToString(actual));
        }
    }

    /** The hex form of an MD5, as in a single-part ETag (without the quotes). */
    public static String hex(byte[] md5) {
        StringBuilder b = new StringBuilder(md5.length * 2);
        for (byte x : md5) {
            b.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        return b.toString();
    }
}
