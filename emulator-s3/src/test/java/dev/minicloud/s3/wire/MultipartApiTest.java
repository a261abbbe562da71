package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.junit.MiniCloudExtension;
import dev.minicloud.s3.S3Service;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Multipart uploads through the SDK: S3's completion rules and errors, repeated completion,
 * part listings, UploadPartCopy with a range, {@code ?partNumber=} reads, and COMPOSITE vs
 * FULL_OBJECT checksums.
 */
class MultipartApiTest extends S3WireTest {
    private static final int PART = 5 * 1024 * 1024;

    @RegisterExtension
    static MiniCloudExtension cloud = s3Cloud();

    @BeforeEach
    void createBucket() {
        s3.createBucket(b -> b.bucket("mpu"));
    }

    private String start(String key) {
        return s3.createMultipartUpload(b -> b.bucket("mpu").key(key)).uploadId();
    }

    private CompletedPart part(String key, String uploadId, int n, byte[] data) {
        UploadPartResponse r = s3.uploadPart(
                b -> b.bucket("mpu").key(key).uploadId(uploadId).partNumber(n), RequestBody.fromBytes(data));
        return CompletedPart.builder().partNumber(n).eTag(r.eTag()).build();
    }

    private CompleteMultipartUploadResponse complete(String key, String uploadId, CompletedPart... parts) {
        return s3.completeMultipartUpload(
                b -> b.bucket("mpu").key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
    }

    @Test
    void completionRulesAnswerS3sErrors() {
        String id = start("rules");
        CompletedPart small = part("rules", id, 1, TestBytes.random(100, 1));
        CompletedPart last = part("rules", id, 2, TestBytes.random(100, 2));
        S3Exception tooSmall = assertThrows(S3Exception.class, () -> complete("rules", id, small, last));
        assertEquals("EntityTooSmall", tooSmall.awsErrorDetails().errorCode());
        S3Exception order = assertThrows(S3Exception.class, () -> complete("rules", id, last, small));
        assertEquals("InvalidPartOrder", order.awsErrorDetails().errorCode());
        CompletedPart wrongEtag = CompletedPart.builder()
                .partNumber(2)
                .eTag("\"00000000000000000000000000000000\"")
                .build();
        S3Exception invalid = assertThrows(S3Exception.class, () -> complete("rules", id, wrongEtag));
        assertEquals("InvalidPart", invalid.awsErrorDetails().errorCode());
        S3Exception noUpload = assertThrows(S3Exception.class, () -> complete("rules", "nope", last));
        assertEquals("NoSuchUpload", noUpload.awsErrorDetails().errorCode());
        assertEquals(404, noUpload.statusCode());
        // a single small part is a valid object
        CompleteMultipartUploadResponse one = complete("rules", id, small);
        assertTrue(one.eTag().endsWith("-1\""), one.eTag());
    }

    @Test
    void repeatingAnIdenticalCompleteSucceeds() {
        String id = start("again");
        CompletedPart p1 = part("again", id, 1, TestBytes.random(PART, 3));
        CompletedPart p2 = part("again", id, 2, TestBytes.random(10, 4));
        CompleteMultipartUploadResponse first = complete("again", id, p1, p2);
        CompleteMultipartUploadResponse second = complete("again", id, p1, p2);
        assertEquals(first.eTag(), second.eTag());
        assertThrows(S3Exception.class, () -> complete("again", id, p1));
        assertEquals(
                PART + 10L, s3.headObject(b -> b.bucket("mpu").key("again")).contentLength());
    }

    @Test
    void abortForgetsTheUploadAndItsParts() {
        String id = start("aborted");
        part("aborted", id, 1, TestBytes.random(1000, 5));
        assertEquals(1, s3.listMultipartUploads(b -> b.bucket("mpu")).uploads().size());
        s3.abortMultipartUpload(b -> b.bucket("mpu").key("aborted").uploadId(id));
        assertTrue(s3.listMultipartUploads(b -> b.bucket("mpu")).uploads().isEmpty());
        S3Exception gone = assertThrows(
                S3Exception.class,
                () -> s3.listParts(b -> b.bucket("mpu").key("aborted").uploadId(id)));
        assertEquals("NoSuchUpload", gone.awsErrorDetails().errorCode());
        assertEquals(
                0L,
                cloud.getMiniCloud()
                        .service(S3Service.class)
                        .orElseThrow()
                        .store()
                        .quota()
                        .used(),
                "aborted parts give their memory back");
    }

    @Test
    void listPartsPagesWithPartNumberMarker() {
        String id = start("listed");
        for (int n = 1; n <= 5; n++) {
            part("listed", id, n, TestBytes.random(10 * n, n));
        }
        List<Integer> seen = new ArrayList<>();
        Integer marker = null;
        boolean truncated;
        do {
            Integer m = marker;
            ListPartsResponse page = s3.listParts(
                    b -> b.bucket("mpu").key("listed").uploadId(id).maxParts(2).partNumberMarker(m));
            page.parts().forEach(p -> seen.add(p.partNumber()));
            truncated = page.isTruncated();
            marker = page.nextPartNumberMarker();
        } while (truncated);
        assertEquals(List.of(1, 2, 3, 4, 5), seen);
        assertEquals(
                30L,
                s3.listParts(b -> b.bucket("mpu").key("listed").uploadId(id))
                        .parts()
                        .get(2)
                        .size());
    }

    @Test
    void uploadPartCopyTakesARangeOfAnotherObject() {
        byte[] source = TestBytes.random(PART + 1000, 6);
        s3.putObject(b -> b.bucket("mpu").key("source"), RequestBody.fromBytes(source));
        String id = start("assembled");
        String etag1 = s3.uploadPartCopy(b -> b.sourceBucket("mpu")
                        .sourceKey("source")
                        .destinationBucket("mpu")
                        .destinationKey("assembled")
                        .uploadId(id)
                        .partNumber(1)
                        .copySourceRange("bytes=0-" + (PART - 1)))
                .copyPartResult()
                .eTag();
        String etag2 = s3.uploadPartCopy(b -> b.sourceBucket("mpu")
                        .sourceKey("source")
                        .destinationBucket("mpu")
                        .destinationKey("assembled")
                        .uploadId(id)
                        .partNumber(2)
                        .copySourceRange("bytes=" + PART + "-" + (PART + 999)))
                .copyPartResult()
                .eTag();
        complete(
                "assembled",
                id,
                CompletedPart.builder().partNumber(1).eTag(etag1).build(),
                CompletedPart.builder().partNumber(2).eTag(etag2).build());
        assertArrayEquals(
                source,
                s3.getObjectAsBytes(b -> b.bucket("mpu").key("assembled")).asByteArray());
        S3Exception badRange = assertThrows(
                S3Exception.class,
                () -> s3.uploadPartCopy(b -> b.sourceBucket("mpu")
                        .sourceKey("source")
                        .destinationBucket("mpu")
                        .destinationKey("assembled2")
                        .uploadId(start("assembled2"))
                        .partNumber(1)
                        .copySourceRange("bytes=0-" + (PART + 1000))));
        assertEquals("InvalidArgument", badRange.awsErrorDetails().errorCode());
    }

    @Test
    void partNumberReadsReturnOnePartAndThePartsCount() {
        String id = start("parts");
        byte[] a = TestBytes.random(PART, 7);
        byte[] b2 = TestBytes.random(1234, 8);
        complete("parts", id, part("parts", id, 1, a), part("parts", id, 2, b2));
        var second = s3.getObjectAsBytes(b -> b.bucket("mpu").key("parts").partNumber(2));
        assertArrayEquals(b2, second.asByteArray());
        assertEquals(2, second.response().partsCount());
        assertEquals(
                "bytes " + PART + "-" + (PART + 1233) + "/" + (PART + 1234),
                second.response().contentRange());
        assertEquals(
                PART,
                s3.headObject(b -> b.bucket("mpu").key("parts").partNumber(1)).contentLength());
    }

    /** Uploads {@code datas} as parts 1..n with the SDK's CRC32, checking each part's answer. */
    private CompletedPart[] crc32Parts(String key, String uploadId, byte[]... datas) {
        CompletedPart[] parts = new CompletedPart[datas.length];
        for (int i = 0; i < datas.length; i++) {
            int pn = i + 1;
            byte[] data = datas[i];
            UploadPartResponse r = s3.uploadPart(
                    b -> b.bucket("mpu")
                            .key(key)
                            .uploadId(uploadId)
                            .partNumber(pn)
                            .checksumAlgorithm(ChecksumAlgorithm.CRC32),
                    RequestBody.fromBytes(data));
            assertEquals(TestBytes.crc32(data), r.checksumCRC32());
            parts[i] = CompletedPart.builder()
                    .partNumber(pn)
                    .eTag(r.eTag())
                    .checksumCRC32(r.checksumCRC32())
                    .build();
        }
        return parts;
    }

    @Test
    void compositeCrc32IsTheCrcOfThePartCrcsWithPartCount() {
        byte[] p1 = TestBytes.random(PART, 9);
        byte[] p2 = TestBytes.random(777, 10);
        String id = s3.createMultipartUpload(
                        b -> b.bucket("mpu").key("composite").checksumAlgorithm(ChecksumAlgorithm.CRC32))
                .uploadId();
        CompleteMultipartUploadResponse done = complete("composite", id, crc32Parts("composite", id, p1, p2));
        byte[] both = ByteBuffer.allocate(8)
                .put(Base64.getDecoder().decode(TestBytes.crc32(p1)))
                .put(Base64.getDecoder().decode(TestBytes.crc32(p2)))
                .array();
        assertEquals(TestBytes.crc32(both) + "-2", done.checksumCRC32());
        assertEquals(ChecksumType.COMPOSITE, done.checksumType());
        GetObjectResponse got = s3.getObject(
                        b -> b.bucket("mpu").key("composite").checksumMode(ChecksumMode.ENABLED))
                .response();
        assertEquals(TestBytes.crc32(both) + "-2", got.checksumCRC32());
    }

    @Test
    void fullObjectCrc32IsTheCrcOfTheWholeObject() {
        byte[] p1 = TestBytes.random(PART, 11);
        byte[] p2 = TestBytes.random(4321, 12);
        String id = s3.createMultipartUpload(b -> b.bucket("mpu")
                        .key("full")
                        .checksumAlgorithm(ChecksumAlgorithm.CRC32)
                        .checksumType(ChecksumType.FULL_OBJECT))
                .uploadId();
        CompleteMultipartUploadResponse done = complete("full", id, crc32Parts("full", id, p1, p2));
        byte[] whole = TestBytes.concat(p1, p2);
        assertEquals(TestBytes.crc32(whole), done.checksumCRC32());
        assertEquals(ChecksumType.FULL_OBJECT, done.checksumType());
        // the SDK validates a full-object checksum on GET: a wrong one would fail this read
        assertArrayEquals(
                whole,
                s3.getObjectAsBytes(b -> b.bucket("mpu").key("full").checksumMode(ChecksumMode.ENABLED))
                        .asByteArray());
    }
}
