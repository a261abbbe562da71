package dev.minicloud.internal.aws.chunked;

import java.util.Locale;

/**
 * How a request body is sent, as announced by {@code x-amz-content-sha256}: plain bytes
 * ({@link #UNSIGNED}, {@link #SIGNED_HASH}) or {@code aws-chunked} framing with or without chunk
 * signatures and trailers.
 */
public enum PayloadMode {
    /** {@code UNSIGNED-PAYLOAD}, or no header at all (anonymous, SigV2, presigned). */
    UNSIGNED(false, false, false),
    /** A hex SHA-256 of the body, which must match. */
    SIGNED_HASH(false, false, false),
    /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}. */
    STREAMING_SIGNED(true, true, false),
    /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER}. */
    STREAMING_SIGNED_TRAILER(true, true, true),
    /** {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}. */
    STREAMING_UNSIGNED_TRAILER(true, false, true),
    /** {@code STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD} (SigV4a): decoded, signatures not checked. */
    STREAMING_ECDSA(true, false, false),
    /** {@code STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER} (SigV4a): decoded, signatures not checked. */
    STREAMING_ECDSA_TRAILER(true, false, true);

    private final boolean chunked;
    private final boolean signedChunks;
    private final boolean trailer;

    PayloadMode(boolean chunked, boolean signedChunks, boolean trailer) {
        this.chunked = chunked;
        this.signedChunks = signedChunks;
        this.trailer = trailer;
    }

    /** The body uses {@code aws-chunked} framing. */
    public boolean isChunked() {
        return chunked;
    }

    /** Each chunk carries an HMAC {@code chunk-signature} chained from the request signature. */
    public boolean hasSignedChunks() {
        return signedChunks;
    }

    /** The body ends with trailers (a checksum, and for signed bodies a trailer signature). */
    public boolean hasTrailer() {
        return trailer;
    }

    /**
     * The mode for an {@code x-amz-content-sha256} value; {@code null} for a value that is neither a
     * known mode nor 64 hex digits (S3 answers {@link ChunkedErrors#invalidContentSha256}).
     */
    public static PayloadMode of(String contentSha256) {
        if (contentSha256 == null || contentSha256.equals("UNSIGNED-PAYLOAD")) {
            return UNSIGNED;
        }
        return switch (contentSha256) {
            case "STREAMING-AWS4-HMAC-SHA256-PAYLOAD" -> STREAMING_SIGNED;
            case "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER" -> STREAMING_SIGNED_TRAILER;
            case "STREAMING-UNSIGNED-PAYLOAD-TRAILER" -> STREAMING_UNSIGNED_TRAILER;
            case "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD" -> STREAMING_ECDSA;
            case "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER" -> STREAMING_ECDSA_TRAILER;
            default -> isHexSha256(contentSha256) ? SIGNED_HASH : null;
        };
    }

    static boolean isHexSha256(String s) {
        if (s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    static String normalizeHex(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
