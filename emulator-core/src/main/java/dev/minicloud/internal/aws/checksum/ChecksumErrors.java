package dev.minicloud.internal.aws.checksum;

import dev.minicloud.internal.aws.AwsException;
import java.util.Locale;

/**
 * The errors S3 answers for integrity problems, with its codes and messages, so every caller
 * words them the same way.
 */
public final class ChecksumErrors {

    private ChecksumErrors() {}

    /** {@code Content-MD5} is not base64 of 16 bytes. */
    public static AwsException invalidContentMd5(String headerValue) {
        return new AwsException(400, "InvalidDigest", "The Content-MD5 you specified was invalid.")
                .with("Content-MD5", headerValue);
    }

    /** The body does not hash to the {@code Content-MD5} sent. */
    public static AwsException contentMd5Mismatch(String expectedBase64, String calculatedBase64) {
        return new AwsException(400, "BadDigest", "The Content-MD5 you specified did not match what we received.")
                .with("ExpectedDigest", expectedBase64)
                .with("CalculatedDigest", calculatedBase64);
    }

    /** The body does not match the flexible checksum sent in a header or trailer. */
    public static AwsException checksumMismatch(ChecksumAlgorithm algorithm) {
        return new AwsException(
                400,
                "BadDigest",
                "The " + algorithm.algorithmName() + " you specified did not match the calculated checksum.");
    }

    /** An {@code x-amz-checksum-*} header (or {@code x-amz-sdk-checksum-algorithm}) has a bad value. */
    public static AwsException invalidHeaderValue(String headerName) {
        return new AwsException(400, "InvalidRequest", "Value for " + headerName + " header is invalid.");
    }

    /** A trailing {@code x-amz-checksum-*} has a bad value. */
    public static AwsException invalidTrailerValue(String trailerName) {
        return new AwsException(400, "InvalidRequest", "Value for " + trailerName + " trailing header is invalid.");
    }

    /** More than one {@code x-amz-checksum-*} value header (or header plus a different trailer). */
    public static AwsException multipleChecksums() {
        return new AwsException(
                400,
                "InvalidRequest",
                "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
    }

    /** {@code x-amz-sdk-checksum-algorithm} without any value header or trailer to go with it. */
    public static AwsException sdkAlgorithmWithoutValue() {
        return new AwsException(
                400,
                "InvalidRequest",
                "x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.");
    }

    /** An {@code x-amz-checksum-<name>} header whose name is no known algorithm. */
    public static AwsException unknownChecksumHeader() {
        return new AwsException(
                400, "InvalidRequest", "The algorithm type you specified in x-amz-checksum- header is invalid.");
    }

    /** {@code x-amz-trailer} names something other than one checksum. */
    public static AwsException unsupportedTrailer() {
        return new AwsException(
                400, "InvalidRequest", "The value specified in the x-amz-trailer header is not supported");
    }

    /** An unknown algorithm name in {@code x-amz-checksum-algorithm} / {@code x-amz-sdk-checksum-algorithm}. */
    public static AwsException unsupportedAlgorithm() {
        return new AwsException(
                400,
                "InvalidRequest",
                "Checksum algorithm provided is unsupported. Please try again with any of the valid types: "
                        + "[CRC32, CRC32C, CRC64NVME, SHA1, SHA256]");
    }

    /** An algorithm/type pair S3 does not allow, e.g. FULL_OBJECT with SHA256. */
    public static AwsException typeNotSupported(ChecksumAlgorithm algorithm, ChecksumType type) {
        return new AwsException(
                400,
                "InvalidRequest",
                "The " + type.name() + " checksum type cannot be used with the "
                        + algorithm.algorithmName().toLowerCase(Locale.ROOT) + " checksum algorithm.");
    }

    /** {@code x-amz-checksum-type} without {@code x-amz-checksum-algorithm}. */
    public static AwsException typeWithoutAlgorithm() {
        return new AwsException(
                400,
                "InvalidRequest",
                "The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.");
    }

    /** An unknown {@code x-amz-checksum-type} value. */
    public static AwsException invalidType() {
        return invalidHeaderValue("x-amz-checksum-type");
    }

    /** A part uploaded with a different algorithm than its multipart upload was created with. */
    public static AwsException partAlgorithmMismatch(ChecksumAlgorithm expected, ChecksumAlgorithm actual) {
        return new AwsException(
                400,
                "InvalidRequest",
                "Checksum Type mismatch occurred, expected checksum Type: "
                        + (expected == null ? "null" : expected.algorithmName().toLowerCase(Locale.ROOT))
                        + ", actual checksum Type: "
                        + (actual == null ? "null" : actual.algorithmName().toLowerCase(Locale.ROOT)));
    }

    /**
     * The whole-object checksum sent with CompleteMultipartUpload does not match the one computed
     * from the parts (S3 names the algorithm in lower case here, unlike {@link #checksumMismatch}).
     */
    public static AwsException completeChecksumMismatch(ChecksumAlgorithm algorithm) {
        return new AwsException(
                400,
                "BadDigest",
                "The " + algorithm.algorithmName().toLowerCase(Locale.ROOT)
                        + " you specified did not match the calculated checksum.");
    }

    /** A CompleteMultipartUpload of an upload created with a COMPOSITE checksum names no checksum for a part. */
    public static AwsException completePartChecksumMissing(ChecksumAlgorithm algorithm, int partNumber) {
        return new AwsException(
                400,
                "InvalidRequest",
                "The upload was created using a "
                        + algorithm.algorithmName().toLowerCase(Locale.ROOT)
                        + " checksum. The complete request must include "
                        + "the checksum for each part. It was missing for part " + partNumber + " in the request.");
    }

    /** A CompleteMultipartUpload names a part checksum of another algorithm than a COMPOSITE upload's. */
    public static AwsException completePartChecksumOtherAlgorithm(ChecksumAlgorithm sent, int partNumber) {
        return new AwsException(
                400,
                "BadDigest",
                "The " + sent.algorithmName().toLowerCase(Locale.ROOT) + " you specified for part " + partNumber
                        + " did not match what we received.");
    }

    /** {@code x-amz-checksum-type} of a CompleteMultipartUpload differs from the upload's ({@code null}: none). */
    public static AwsException completeTypeMismatch(ChecksumType uploadType) {
        return new AwsException(
                400,
                "InvalidRequest",
                "The upload was created using the "
                        + (uploadType == null ? "null" : uploadType.name())
                        + " checksum mode. The complete request must use the same checksum mode.");
    }
}
