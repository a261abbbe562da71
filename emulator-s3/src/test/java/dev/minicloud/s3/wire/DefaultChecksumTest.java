package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.minicloud.junit.MiniCloudExtension;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectResult;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.GetObjectAttributesResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * S3's default checksum on the wire: what is uploaded without a checksum gets a FULL_OBJECT
 * CRC64NVME (PutObject, Content-MD5-only uploads, CopyObject of a source without one), a multipart
 * upload created without an algorithm answers its CRC64NVME on UploadPart and Complete but keeps none
 * on the object, and a client's own checksum is never joined by a second one. Expected values come
 * from the CRT's native CRC64NVME, not from our implementation.
 */
class DefaultChecksumTest extends S3WireTest {
    @RegisterExtension
    static MiniCloudExtension cloud = s3Cloud();

    private static final int PART = 5 * 1024 * 1024;

    /**
     * {@code WHEN_REQUIRED}: the SDK sends no checksum, as older SDKs and many other clients do
     * ({@link #s3}, at its defaults, sends a CRC32 with every upload).
     */
    private S3Client plain;

    @BeforeEach
    void open() {
        plain = TestS3.syncBuilder(cloud.getMiniCloud(), true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .build();
        s3.createBucket(b -> b.bucket("dflt"));
    }

    @AfterEach
    void closePlain() {
        plain.close();
    }

    @Test
    void expectedValuesComeFromAStandardCrc64Nvme() {
        // CRC-64/NVME's published check value for "123456789" is 0xAE8B14860A799888.
        assertEquals(
                Base64.getEncoder()
                        .encodeToString(ByteBuffer.allocate(8)
                                .putLong(0xAE8B14860A799888L)
                                .array()),
                TestBytes.crc64nvme("123456789".getBytes(StandardCharsets.US_ASCII)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 128 * 1024 + 1})
    void putWithoutChecksumGetsCrc64NvmeOnPutHeadGetAndAttributes(int size) {
        byte[] data = TestBytes.random(size, size);
        String expected = TestBytes.crc64nvme(data);
        PutObjectResponse put = plain.putObject(b -> b.bucket("dflt").key("k"), RequestBody.fromBytes(data));
        assertEquals(expected, put.checksumCRC64NVME());
        assertEquals(ChecksumType.FULL_OBJECT, put.checksumType());

        HeadObjectResponse head =
                plain.headObject(b -> b.bucket("dflt").key("k").checksumMode(ChecksumMode.ENABLED));
        assertEquals(expected, head.checksumCRC64NVME());
        assertEquals(ChecksumType.FULL_OBJECT, head.checksumType());
        assertNull(head.checksumCRC32());

        ResponseBytes<GetObjectResponse> got =
                plain.getObjectAsBytes(b -> b.bucket("dflt").key("k").checksumMode(ChecksumMode.ENABLED));
        assertArrayEquals(data, got.asByteArray());
        assertEquals(expected, got.response().checksumCRC64NVME());

        GetObjectAttributesResponse attributes =
                plain.getObjectAttributes(b -> b.bucket("dflt").key("k").objectAttributes(ObjectAttributes.CHECKSUM));
        assertEquals(expected, attributes.checksum().checksumCRC64NVME());
        assertEquals(ChecksumType.FULL_OBJECT, attributes.checksum().checksumType());
    }

    @Test
    void clientChecksumIsStoredAloneWithoutTheDefault() {
        byte[] data = TestBytes.random(10_000, 7);
        PutObjectResponse put = s3.putObject(b -> b.bucket("dflt").key("crc32"), RequestBody.fromBytes(data));
        assertEquals(TestBytes.crc32(data), put.checksumCRC32());
        assertNull(put.checksumCRC64NVME());
        HeadObjectResponse head =
                s3.headObject(b -> b.bucket("dflt").key("crc32").checksumMode(ChecksumMode.ENABLED));
        assertEquals(TestBytes.crc32(data), head.checksumCRC32());
        assertNull(head.checksumCRC64NVME());
    }

    @Test
    void contentMd5OnlyUploadGetsCrc64Nvme() throws Exception {
        byte[] body = "only an md5".getBytes(StandardCharsets.UTF_8);
        String md5 = Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("MD5").digest(body));
        HttpResponse<String> put = raw.put("/dflt/md5", body, "Content-MD5", md5);
        assertEquals(200, put.statusCode(), put.body());
        assertEquals(
                TestBytes.crc64nvme(body),
                put.headers().firstValue("x-amz-checksum-crc64nvme").orElse(null));
        assertEquals(
                "FULL_OBJECT", put.headers().firstValue("x-amz-checksum-type").orElse(null));
        HttpResponse<String> head = raw.send("HEAD", "/dflt/md5", null, "x-amz-checksum-mode", "ENABLED");
        assertEquals(
                TestBytes.crc64nvme(body),
                head.headers().firstValue("x-amz-checksum-crc64nvme").orElse(null));
        HttpResponse<String> headWithoutMode = raw.send("HEAD", "/dflt/md5", null);
        assertEquals(200, headWithoutMode.statusCode());
        assertNull(
                headWithoutMode.headers().firstValue("x-amz-checksum-crc64nvme").orElse(null),
                "checksums are returned only on x-amz-checksum-mode: ENABLED");
    }

    /** Uploads part 1 from {@code client}, part 2 by UploadPartCopy of {@code tail}, and completes. */
    private CompleteMultipartUploadResponse uploadWithoutAlgorithm(
            S3Client client, String key, byte[] head, byte[] tail) {
        client.putObject(b -> b.bucket("dflt").key(key + ".tail"), RequestBody.fromBytes(tail));
        CreateMultipartUploadResponse created =
                client.createMultipartUpload(b -> b.bucket("dflt").key(key));
        assertNull(created.checksumAlgorithm());
        assertNull(created.checksumType());
        String id = created.uploadId();
        UploadPartResponse p1 = client.uploadPart(
                b -> b.bucket("dflt").key(key).uploadId(id).partNumber(1), RequestBody.fromBytes(head));
        String p2 = client.uploadPartCopy(b -> b.sourceBucket("dflt")
                        .sourceKey(key + ".tail")
                        .destinationBucket("dflt")
                        .destinationKey(key)
                        .uploadId(id)
                        .partNumber(2))
                .copyPartResult()
                .eTag();
        if (client == plain) {
            assertEquals(
                    TestBytes.crc64nvme(head), p1.checksumCRC64NVME(), "S3 reports the part's CRC64NVME it computed");
        } else {
            assertEquals(TestBytes.crc32(head), p1.checksumCRC32(), "the client's own checksum");
        }
        ListPartsResponse listed =
                client.listParts(b -> b.bucket("dflt").key(key).uploadId(id));
        assertNull(listed.checksumAlgorithm());
        for (Part p : listed.parts()) {
            assertNull(p.checksumCRC64NVME(), "the default part checksum is never listed");
        }
        List<CompletedPart> parts = new ArrayList<>();
        // No part checksums: S3 refuses them (InvalidPart) in an upload created without an algorithm.
        parts.add(CompletedPart.builder().partNumber(1).eTag(p1.eTag()).build());
        parts.add(CompletedPart.builder().partNumber(2).eTag(p2).build());
        return client.completeMultipartUpload(
                b -> b.bucket("dflt").key(key).uploadId(id).multipartUpload(m -> m.parts(parts)));
    }

    @Test
    void multipartWithoutAlgorithmAnswersCrc64NvmeOnCompleteButTheObjectKeepsNone() {
        byte[] head = TestBytes.random(PART, 1);
        byte[] tail = TestBytes.random(1000, 2);
        CompleteMultipartUploadResponse done = uploadWithoutAlgorithm(plain, "mpu", head, tail);
        assertEquals(TestBytes.crc64nvme(TestBytes.concat(head, tail)), done.checksumCRC64NVME());
        assertEquals(ChecksumType.FULL_OBJECT, done.checksumType());

        HeadObjectResponse obj =
                plain.headObject(b -> b.bucket("dflt").key("mpu").checksumMode(ChecksumMode.ENABLED));
        assertNull(obj.checksumCRC64NVME());
        assertNull(obj.checksumType());
        assertNull(
                plain.getObjectAttributes(b -> b.bucket("dflt").key("mpu").objectAttributes(ObjectAttributes.CHECKSUM))
                        .checksum());
        assertArrayEquals(
                TestBytes.concat(head, tail),
                plain.getObjectAsBytes(b -> b.bucket("dflt").key("mpu").checksumMode(ChecksumMode.ENABLED))
                        .asByteArray());
    }

    @Test
    void multipartWithoutAlgorithmFromTheDefaultClientStillAnswersCrc64Nvme() {
        byte[] head = TestBytes.random(PART, 3);
        byte[] tail = TestBytes.random(77, 4);
        CompleteMultipartUploadResponse done = uploadWithoutAlgorithm(s3, "mpu2", head, tail);
        assertEquals(TestBytes.crc64nvme(TestBytes.concat(head, tail)), done.checksumCRC64NVME());
        assertEquals(ChecksumType.FULL_OBJECT, done.checksumType());
        assertNull(done.checksumCRC32(), "the parts' CRC32s make no object checksum");
    }

    @Test
    void copyOfASourceWithoutChecksumGetsCrc64Nvme() {
        byte[] head = TestBytes.random(PART, 5);
        byte[] tail = TestBytes.random(10, 6);
        uploadWithoutAlgorithm(plain, "src", head, tail);
        String expected = TestBytes.crc64nvme(TestBytes.concat(head, tail));
        CopyObjectResult copied = plain.copyObject(b -> b.sourceBucket("dflt")
                        .sourceKey("src")
                        .destinationBucket("dflt")
                        .destinationKey("dst"))
                .copyObjectResult();
        assertEquals(expected, copied.checksumCRC64NVME());
        assertEquals(ChecksumType.FULL_OBJECT, copied.checksumType());
        assertEquals(
                expected,
                plain.headObject(b -> b.bucket("dflt").key("dst").checksumMode(ChecksumMode.ENABLED))
                        .checksumCRC64NVME());
    }

    @Test
    void copyKeepsAFullObjectChecksumOrRecomputesTheRequestedAlgorithm() throws Exception {
        byte[] data = TestBytes.random(3000, 8);
        s3.putObject(b -> b.bucket("dflt").key("c32"), RequestBody.fromBytes(data));
        CopyObjectResult kept = s3.copyObject(b -> b.sourceBucket("dflt")
                        .sourceKey("c32")
                        .destinationBucket("dflt")
                        .destinationKey("kept"))
                .copyObjectResult();
        assertEquals(TestBytes.crc32(data), kept.checksumCRC32());
        assertNull(kept.checksumCRC64NVME());

        CopyObjectResult sha = s3.copyObject(b -> b.sourceBucket("dflt")
                        .sourceKey("c32")
                        .destinationBucket("dflt")
                        .destinationKey("sha")
                        .checksumAlgorithm(ChecksumAlgorithm.SHA256))
                .copyObjectResult();
        String sha256 = Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(data));
        assertEquals(sha256, sha.checksumSHA256());
        assertNull(sha.checksumCRC32());
        HeadObjectResponse head = s3.headObject(b -> b.bucket("dflt").key("sha").checksumMode(ChecksumMode.ENABLED));
        assertEquals(sha256, head.checksumSHA256());
        assertNull(head.checksumCRC32());

        CopyObjectResult inPlace = s3.copyObject(b -> b.sourceBucket("dflt")
                        .sourceKey("c32")
                        .destinationBucket("dflt")
                        .destinationKey("c32")
                        .checksumAlgorithm(ChecksumAlgorithm.CRC64_NVME))
                .copyObjectResult();
        assertEquals(TestBytes.crc64nvme(data), inPlace.checksumCRC64NVME(), "copying in place changes the algorithm");
    }
}
