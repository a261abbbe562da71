package dev.minicloud.internal.aws.chunked;

import dev.minicloud.internal.aws.checksum.ChecksumAlgorithm;
import dev.minicloud.internal.aws.checksum.ContentMd5;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a fully decoded and verified body came to: its length, MD5 (for the ETag), the flexible
 * checksums computed (the one the client sent, if any, plus those asked for), and its trailers.
 */
public final class PayloadResult {
    private final long length;
    private final byte[] md5;
    private final ChecksumAlgorithm requestAlgorithm;
    private final Map<ChecksumAlgorithm, byte[]> checksums;
    private final Map<String, String> trailers;

    PayloadResult(
            long length,
            byte[] md5,
            ChecksumAlgorithm requestAlgorithm,
            Map<ChecksumAlgorithm, byte[]> checksums,
            Map<String, String> trailers) {
        this.length = length;
        this.md5 = md5;
        this.requestAlgorithm = requestAlgorithm;
        this.checksums = Collections.unmodifiableMap(new EnumMap<>(checksums));
        this.trailers = Collections.unmodifiableMap(new LinkedHashMap<>(trailers));
    }

    /** Decoded body length in bytes. */
    public long length() {
        return length;
    }

    /** Raw MD5 of the decoded body. */
    public byte[] md5() {
        return md5.clone();
    }

    /** The single-part ETag, quoted: {@code "hex(md5)"}. */
    public String etag() {
        return "\"" + ContentMd5.hex(md5) + "\"";
    }

    /**
     * The algorithm the client used ({@code x-amz-checksum-*} header, trailer or
     * {@code x-amz-sdk-checksum-algorithm}), verified where a value was sent; {@code null} if none.
     */
    public ChecksumAlgorithm requestAlgorithm() {
        return requestAlgorithm;
    }

    /** Base64 checksum of the decoded body for an algorithm that was computed, else {@code null}. */
    public String checksum(ChecksumAlgorithm algorithm) {
        byte[] raw = checksums.get(algorithm);
        return raw == null ? null : Base64.getEncoder().encodeToString(raw);
    }

    /** Raw checksum bytes (for multipart combination), or {@code null}. */
    public byte[] rawChecksum(ChecksumAlgorithm algorithm) {
        byte[] raw = checksums.get(algorithm);
        return raw == null ? null : raw.clone();
    }

    /** Trailers as sent (names lower-case), including {@code x-amz-trailer-signature}. */
    public Map<String, String> trailers() {
        return trailers;
    }
}
