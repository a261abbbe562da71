package dev.minicloud.internal.aws.chunked;

import dev.minicloud.internal.aws.AwsException;

/** The errors S3 answers for bad {@code aws-chunked} bodies and payload headers. */
public final class ChunkedErrors {

    private ChunkedErrors() {}

    /** Broken framing or a body shorter/longer than announced. */
    public static AwsException incompleteBody() {
        return new AwsException(400, "IncompleteBody", "The request body terminated unexpectedly");
    }

    /** A signed chunk below 8 KiB that is not the last one carrying data (S3's minimum). */
    public static AwsException invalidChunkSize(long chunkNumber, long badSize) {
        return new AwsException(
                        400,
                        "InvalidChunkSizeError",
                        "Only the last chunk is allowed to have a size less than 8192 bytes")
                .with("Chunk", Long.toString(chunkNumber))
                .with("BadChunkSize", Long.toString(badSize));
    }

    /** Trailer section missing, unexpected or not {@code name:value}. */
    public static AwsException malformedTrailer() {
        return new AwsException(
                400,
                "MalformedTrailerError",
                "The request contained trailing data that was not well-formed or did not conform to our published schema.");
    }

    /** A streaming body without a usable {@code x-amz-decoded-content-length}. */
    public static AwsException missingDecodedContentLength() {
        return new AwsException(411, "MissingContentLength", "You must provide the Content-Length HTTP header.");
    }

    /** An {@code x-amz-content-sha256} value that is no known mode and no hex SHA-256. */
    public static AwsException invalidContentSha256(String value) {
        return new AwsException(
                        400,
                        "InvalidArgument",
                        "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, "
                                + "STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, "
                                + "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER "
                                + "or a valid sha256 value.")
                .with("ArgumentName", "x-amz-content-sha256")
                .with("ArgumentValue", value);
    }

    /** The body does not hash to the hex {@code x-amz-content-sha256} that was signed. */
    public static AwsException contentSha256Mismatch(String clientHex, String computedHex) {
        return new AwsException(
                        400,
                        "XAmzContentSHA256Mismatch",
                        "The provided 'x-amz-content-sha256' header does not match what was computed.")
                .with("ClientComputedContentSHA256", clientHex)
                .with("S3ComputedContentSHA256", computedHex);
    }
}
