package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.junit.MiniCloudExtension;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * S3's checksum rules between a multipart upload and its parts, as real S3 answers them: a part's
 * checksum must be of the upload's algorithm; a COMPOSITE upload refuses a part without one, a
 * FULL_OBJECT upload computes it. Refused parts store nothing. CompleteMultipartUpload: a COMPOSITE
 * upload needs every part's checksum, an upload without an algorithm takes none, the checksum type
 * must be the upload's, and a whole-object checksum must match the computed one ({@code BadDigest});
 * a refused Complete leaves the upload as it was.
 */
class MultipartChecksumTest extends S3WireTest {
    @RegisterExtension
    static MiniCloudExtension cloud = s3Cloud();

    /** Sends no checksum unless told to ({@link #s3}, at its defaults, sends a CRC32 with every part). */
    private S3Client plain;

    @BeforeEach
    void open() {
        plain = TestS3.syncBuilder(cloud.getMiniCloud(), true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .build();
        s3.createBucket(b -> b.bucket("mpc"));
    }

    @AfterEach
    void closePlain() {
        plain.close();
    }

    private String create(String key, ChecksumAlgorithm algorithm, ChecksumType type) {
        return s3.createMultipartUpload(b ->
                        b.bucket("mpc").key(key).checksumAlgorithm(algorithm).checksumType(type))
                .uploadId();
    }

    private static void assertInvalidRequest(S3Exception e, String message) {
        assertEquals(400, e.statusCode());
        assertEquals("InvalidRequest", e.awsErrorDetails().errorCode());
        assertEquals(message, e.awsErrorDetails().errorMessage());
    }

    @ParameterizedTest
    @EnumSource(
            value = ChecksumType.class,
            names = {"COMPOSITE", "FULL_OBJECT"})
    void partWithAnotherAlgorithmIsRefusedAndStoresNothing(ChecksumType type) {
        String id = create("k", ChecksumAlgorithm.CRC32, type);
        S3Exception e = assertThrows(
                S3Exception.class,
                () -> s3.uploadPart(
                        b -> b.bucket("mpc")
                                .key("k")
                                .uploadId(id)
                                .partNumber(1)
                                .checksumAlgorithm(ChecksumAlgorithm.CRC32_C),
                        RequestBody.fromBytes(TestBytes.random(1000, 1))));
        assertInvalidRequest(
                e, "Checksum Type mismatch occurred, expected checksum Type: crc32, actual checksum Type: crc32c");
        assertTrue(
                s3.listParts(b -> b.bucket("mpc").key("k").uploadId(id)).parts().isEmpty());
        assertEquals(0L, usedBytes());
    }

    @Test
    void compositePartWithoutChecksumIsRefused() {
        String id = create("k", ChecksumAlgorithm.SHA256, ChecksumType.COMPOSITE);
        S3Exception e = assertThrows(
                S3Exception.class,
                () -> plain.uploadPart(
                        b -> b.bucket("mpc").key("k").uploadId(id).partNumber(1),
                        RequestBody.fromBytes(TestBytes.random(1000, 2))));
        assertInvalidRequest(
                e, "Checksum Type mismatch occurred, expected checksum Type: sha256, actual checksum Type: null");
        assertEquals(0L, usedBytes());
    }

    @Test
    void fullObjectPartWithoutChecksumGetsTheUploadsAlgorithmComputed() {
        byte[] data = TestBytes.random(3000, 3);
        String id = create("k", ChecksumAlgorithm.CRC32, ChecksumType.FULL_OBJECT);
        UploadPartResponse part =
                plain.uploadPart(b -> b.bucket("mpc").key("k").uploadId(id).partNumber(1), RequestBody.fromBytes(data));
        assertEquals(TestBytes.crc32(data), part.checksumCRC32());
        CompleteMultipartUploadResponse done = plain.completeMultipartUpload(b -> b.bucket("mpc")
                .key("k")
                .uploadId(id)
                .multipartUpload(m -> m.parts(
                        CompletedPart.builder().partNumber(1).eTag(part.eTag()).build())));
        assertEquals(TestBytes.crc32(data), done.checksumCRC32());
        assertEquals(ChecksumType.FULL_OBJECT, done.checksumType());
    }

    @Test
    void rawPartWithAnotherAlgorithmsHeaderIsRefusedBeforeItsBody() throws Exception {
        byte[] data = TestBytes.random(100, 4);
        String id = create("k", ChecksumAlgorithm.CRC32, ChecksumType.COMPOSITE);
        HttpResponse<String> r =
                raw.put("/mpc/k?partNumber=1&uploadId=" + id, data, "x-amz-checksum-crc32c", TestBytes.crc32c(data));
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("<Code>InvalidRequest</Code>"), r.body());
        assertTrue(
                r.body()
                        .contains("<Message>Checksum Type mismatch occurred, expected checksum Type: crc32, "
                                + "actual checksum Type: crc32c</Message>"),
                r.body());
        HttpResponse<String> ok =
                raw.put("/mpc/k?partNumber=1&uploadId=" + id, data, "x-amz-checksum-crc32", TestBytes.crc32(data));
        assertEquals(200, ok.statusCode(), "the connection and the upload survive: " + ok.body());
        assertEquals(
                TestBytes.crc32(data),
                ok.headers().firstValue("x-amz-checksum-crc32").orElse(null));
    }

    /** Uploads one part of {@code data} with the upload's algorithm CRC32 and returns it for Complete. */
    private CompletedPart crc32Part(String key, String id, byte[] data) {
        UploadPartResponse r = s3.uploadPart(
                b -> b.bucket("mpc").key(key).uploadId(id).partNumber(1).checksumAlgorithm(ChecksumAlgorithm.CRC32),
                RequestBody.fromBytes(data));
        return CompletedPart.builder()
                .partNumber(1)
                .eTag(r.eTag())
                .checksumCRC32(r.checksumCRC32())
                .build();
    }

    private S3Exception completeFails(String key, String id, CompletedPart part, String wholeCrc32, ChecksumType type) {
        return assertThrows(
                S3Exception.class,
                () -> s3.completeMultipartUpload(b -> b.bucket("mpc")
                        .key(key)
                        .uploadId(id)
                        .checksumCRC32(wholeCrc32)
                        .checksumType(type)
                        .multipartUpload(m -> m.parts(part))));
    }

    @Test
    void compositeCompleteNeedsEveryPartsChecksumAndKeepsTheUpload() {
        byte[] data = TestBytes.random(500, 5);
        String id = create("k", ChecksumAlgorithm.CRC32, ChecksumType.COMPOSITE);
        CompletedPart part = crc32Part("k", id, data);
        S3Exception e =
                completeFails("k", id, part.toBuilder().checksumCRC32(null).build(), null, null);
        assertInvalidRequest(
                e,
                "The upload was created using a crc32 checksum. The complete request must include "
                        + "the checksum for each part. It was missing for part 1 in the request.");
        S3Exception other = completeFails(
                "k",
                id,
                part.toBuilder()
                        .checksumCRC32(null)
                        .checksumCRC32C(TestBytes.crc32c(data))
                        .build(),
                null,
                null);
        assertEquals("BadDigest", other.awsErrorDetails().errorCode());
        assertEquals(
                "The crc32c you specified for part 1 did not match what we received.",
                other.awsErrorDetails().errorMessage());
        CompleteMultipartUploadResponse done = s3.completeMultipartUpload(
                b -> b.bucket("mpc").key("k").uploadId(id).multipartUpload(m -> m.parts(part)));
        assertTrue(done.checksumCRC32().endsWith("-1"), done.checksumCRC32());
    }

    @Test
    void partChecksumsInAnUploadCreatedWithoutAlgorithmAreInvalidPart() {
        String id = s3.createMultipartUpload(b -> b.bucket("mpc").key("k")).uploadId();
        CompletedPart part = crc32Part("k", id, TestBytes.random(500, 6));
        S3Exception e = completeFails("k", id, part, null, null);
        assertEquals(400, e.statusCode());
        assertEquals("InvalidPart", e.awsErrorDetails().errorCode());
    }

    @Test
    void compositeWholeObjectChecksumIsCheckedWithOrWithoutItsPartCount() {
        byte[] data = TestBytes.random(700, 7);
        String id = create("k", ChecksumAlgorithm.CRC32, ChecksumType.COMPOSITE);
        CompletedPart part = crc32Part("k", id, data);
        String composite = TestBytes.crc32(Base64.getDecoder().decode(TestBytes.crc32(data)));
        S3Exception wrong = completeFails("k", id, part, TestBytes.crc32(data), null);
        assertEquals("BadDigest", wrong.awsErrorDetails().errorCode());
        assertEquals(
                "The crc32 you specified did not match the calculated checksum.",
                wrong.awsErrorDetails().errorMessage());
        assertEquals(
                "BadDigest",
                completeFails("k", id, part, composite + "-2", null)
                        .awsErrorDetails()
                        .errorCode(),
                "the part count is part of the value");
        assertInvalidRequest(
                completeFails("k", id, part, composite + "-a", null),
                "Value for x-amz-checksum-crc32 header is invalid.");
        assertEquals(
                "BadDigest",
                completeFails(
                                "k",
                                id,
                                part.toBuilder()
                                        .checksumCRC32(TestBytes.crc32(new byte[1]))
                                        .build(),
                                composite,
                                null)
                        .awsErrorDetails()
                        .errorCode(),
                "computed from the request's part checksums");
        assertInvalidRequest(
                completeFails("k", id, part, null, ChecksumType.FULL_OBJECT),
                "The upload was created using the COMPOSITE checksum mode. The complete request must use the same "
                        + "checksum mode.");
        CompleteMultipartUploadResponse done = s3.completeMultipartUpload(b -> b.bucket("mpc")
                .key("k")
                .uploadId(id)
                .checksumCRC32(composite)
                .checksumType(ChecksumType.COMPOSITE)
                .multipartUpload(m -> m.parts(part)));
        assertEquals(composite + "-1", done.checksumCRC32());
    }

    @Test
    void fullObjectWholeObjectChecksumIsChecked() {
        byte[] data = TestBytes.random(900, 8);
        String id = create("k", ChecksumAlgorithm.CRC32, ChecksumType.FULL_OBJECT);
        CompletedPart part = crc32Part("k", id, data);
        S3Exception wrong = completeFails("k", id, part, TestBytes.crc32(new byte[3]), null);
        assertEquals("BadDigest", wrong.awsErrorDetails().errorCode());
        assertEquals(
                "The crc32 you specified did not match the calculated checksum.",
                wrong.awsErrorDetails().errorMessage());
        assertInvalidRequest(
                completeFails("k", id, part, TestBytes.crc32(data), ChecksumType.COMPOSITE),
                "The upload was created using the FULL_OBJECT checksum mode. The complete request must use the same "
                        + "checksum mode.");
        CompleteMultipartUploadResponse done = s3.completeMultipartUpload(b -> b.bucket("mpc")
                .key("k")
                .uploadId(id)
                .checksumCRC32(TestBytes.crc32(data))
                .multipartUpload(m -> m.parts(part)));
        assertEquals(TestBytes.crc32(data), done.checksumCRC32());
        assertArrayEquals(
                data,
                s3.getObjectAsBytes(b -> b.bucket("mpc").key("k")).asByteArray(),
                "the refused Completes kept the part's data intact");
        assertEquals(data.length, usedBytes());
    }
}
