package dev.minicloud.s3.internal.service;

import dev.minicloud.internal.aws.checksum.ChecksumAlgorithm;
import dev.minicloud.internal.aws.checksum.ChecksumErrors;
import dev.minicloud.internal.aws.checksum.ChecksumType;
import dev.minicloud.internal.aws.checksum.MultipartChecksum;
import dev.minicloud.s3.internal.store.MultipartUpload;
import dev.minicloud.s3.internal.store.StoredChecksum;
import java.util.ArrayList;
import java.util.List;

/**
 * S3's checksum rules for a CompleteMultipartUpload request, checked before anything is committed:
 * <ul>
 *   <li>{@code x-amz-checksum-type}, if sent, must be the upload's type; a whole-object
 *       {@code x-amz-checksum-*} header must be of the upload's algorithm;</li>
 *   <li>an upload created without an algorithm takes no part checksums in the body
 *       ({@code InvalidPart}); a COMPOSITE upload needs one of its algorithm for every part (a
 *       FULL_OBJECT upload does not: S3 has them all);</li>
 *   <li>the whole-object value ({@code b64} or {@code b64-N} for COMPOSITE) must match what S3
 *       computes: for COMPOSITE from the part checksums in the request, for FULL_OBJECT from the
 *       stored parts ({@code BadDigest}).</li>
 * </ul>
 * A header for another algorithm on an upload created without one is ignored, as S3 ignores it.
 *
 * @param type the request's {@code x-amz-checksum-type}, or {@code null}
 * @param algorithm the algorithm of the request's whole-object {@code x-amz-checksum-*} header, or {@code null}
 * @param value that header's value
 */
public record CompletionChecksums(ChecksumType type, ChecksumAlgorithm algorithm, String value) {
    public static final CompletionChecksums NONE = new CompletionChecksums(null, null, null);

    /** Checks the request against the upload before its parts are looked at. */
    void checkRequest(MultipartUpload upload, List<MultipartService.RequestedPart> requested) {
        ChecksumAlgorithm uploadAlgorithm = ChecksumAlgorithm.fromName(upload.checksumAlgorithm());
        ChecksumType uploadType = ChecksumType.fromName(upload.checksumType());
        if (type != null && type != uploadType) {
            throw ChecksumErrors.completeTypeMismatch(uploadType);
        }
        if (uploadAlgorithm == null) {
            for (MultipartService.RequestedPart rp : requested) {
                if (!rp.checksums().isEmpty()) {
                    throw S3Errors.invalidPart(upload.uploadId(), rp.partNumber(), MultipartService.unquote(rp.etag()));
                }
            }
            return;
        }
        if (algorithm != null && algorithm != uploadAlgorithm) {
            throw ChecksumErrors.partAlgorithmMismatch(uploadAlgorithm, algorithm);
        }
        String[] claimed = algorithm == null ? null : parseValue(uploadAlgorithm, uploadType);
        if (uploadType != ChecksumType.COMPOSITE) {
            return;
        }
        List<byte[]> partChecksums = new ArrayList<>();
        for (MultipartService.RequestedPart rp : requested) {
            String v = rp.checksums().get(uploadAlgorithm.algorithmName());
            if (v == null && !rp.checksums().isEmpty()) {
                String other = rp.checksums().keySet().iterator().next();
                throw ChecksumErrors.completePartChecksumOtherAlgorithm(
                        ChecksumAlgorithm.fromName(other), rp.partNumber());
            }
            if (v == null) {
                throw ChecksumErrors.completePartChecksumMissing(uploadAlgorithm, rp.partNumber());
            }
            byte[] raw = uploadAlgorithm.decodeValue(v);
            if (raw == null) {
                throw S3Errors.invalidArgument(
                        "Invalid Base64 or multiple checksums present in request",
                        "Checksum",
                        uploadAlgorithm.algorithmName() + ":" + v + ";");
            }
            partChecksums.add(raw);
        }
        if (claimed != null) {
            String computed = MultipartChecksum.composite(uploadAlgorithm, partChecksums);
            String expected = claimed[0] + "-" + (claimed[1] != null ? claimed[1] : requested.size());
            if (!computed.equals(expected)) {
                throw ChecksumErrors.completeChecksumMismatch(uploadAlgorithm);
            }
        }
    }

    /** Checks a FULL_OBJECT upload's claimed value against the one computed from its parts. */
    void checkFullObject(StoredChecksum computed) {
        if (algorithm == null
                || computed == null
                || !ChecksumType.FULL_OBJECT.name().equals(computed.type())
                || !computed.algorithm().equals(algorithm.algorithmName())) {
            return;
        }
        if (!computed.value().equals(value.trim())) {
            throw ChecksumErrors.completeChecksumMismatch(algorithm);
        }
    }

    /** {@code {base64, partCount or null}}; S3's {@code InvalidRequest} for a malformed value. */
    private String[] parseValue(ChecksumAlgorithm uploadAlgorithm, ChecksumType uploadType) {
        String v = value.trim();
        int dash = v.indexOf('-');
        String base = dash < 0 ? v : v.substring(0, dash);
        String count = dash < 0 ? null : v.substring(dash + 1);
        boolean countOk = count == null
                || uploadType == ChecksumType.COMPOSITE
                        && !count.isEmpty()
                        && count.length() <= 5
                        && count.chars().allMatch(Character::isDigit);
        if (uploadAlgorithm.decodeValue(base) == null || !countOk) {
            throw ChecksumErrors.invalidHeaderValue(uploadAlgorithm.headerName());
        }
        return new String[] {base, count == null ? null : Integer.toString(Integer.parseInt(count))};
    }
}
