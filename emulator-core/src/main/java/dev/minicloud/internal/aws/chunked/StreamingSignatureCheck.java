package dev.minicloud.internal.aws.chunked;

/**
 * Verifies the signatures of a signed {@code aws-chunked} body as it is decoded; implemented by
 * {@code dev.minicloud.internal.aws.auth.ChunkSignatureChain} for strict mode. Each method throws an
 * {@link dev.minicloud.internal.aws.AwsException} ({@code SignatureDoesNotMatch}) on a bad signature.
 */
public interface StreamingSignatureCheck {

    /**
     * One chunk, in order (the final zero-length chunk included).
     *
     * @param signature   its {@code chunk-signature} extension, or {@code null} if absent
     * @param chunkSha256 SHA-256 of the chunk's data
     */
    void verifyChunk(String signature, byte[] chunkSha256);

    /**
     * The trailer section of a {@code ...-PAYLOAD-TRAILER} body.
     *
     * @param signature          the {@code x-amz-trailer-signature} value, or {@code null} if absent
     * @param canonicalTrailers  the other trailers as {@code name:value\n} lines, in order
     */
    void verifyTrailer(String signature, String canonicalTrailers);
}
