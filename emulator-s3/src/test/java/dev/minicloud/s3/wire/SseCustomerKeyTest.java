package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.junit.MiniCloudExtension;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * SSE-C through the SDK, with {@code --s3-sse-c-over-http} (S3 takes customer keys over TLS only;
 * the edge port is plain HTTP): the key is checked, its MD5 kept and echoed, and reads, parts and
 * copy sources without the key or with another key answer as S3 does.
 */
class SseCustomerKeyTest extends S3WireTest {
    @RegisterExtension
    static MiniCloudExtension cloud = MiniCloudExtension.builder()
            .services("s3")
            .setting("s3-sse-c-over-http", "true")
            .resetBeforeEach(true)
            .build();

    private static final byte[] KEY = key((byte) 1);
    private static final byte[] OTHER = key((byte) 2);

    private static byte[] key(byte fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, fill);
        return k;
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    private static String md5(byte[] b) {
        try {
            return b64(MessageDigest.getInstance("MD5").digest(b));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anObjectWrittenWithACustomerKeyIsReadOnlyWithThatKey() {
        s3.createBucket(b -> b.bucket("ssec"));
        PutObjectResponse put = s3.putObject(
                b -> b.bucket("ssec")
                        .key("k")
                        .sseCustomerAlgorithm("AES256")
                        .sseCustomerKey(b64(KEY))
                        .sseCustomerKeyMD5(md5(KEY)),
                RequestBody.fromString("secret"));
        assertEquals("AES256", put.sseCustomerAlgorithm());
        assertEquals(md5(KEY), put.sseCustomerKeyMD5());
        assertNull(put.serverSideEncryption(), "SSE-C objects do not report x-amz-server-side-encryption");

        HeadObjectResponse head = s3.headObject(b -> b.bucket("ssec")
                .key("k")
                .sseCustomerAlgorithm("AES256")
                .sseCustomerKey(b64(KEY))
                .sseCustomerKeyMD5(md5(KEY)));
        assertEquals(md5(KEY), head.sseCustomerKeyMD5());
        assertEquals(
                "secret",
                s3.getObjectAsBytes(b -> b.bucket("ssec")
                                .key("k")
                                .sseCustomerAlgorithm("AES256")
                                .sseCustomerKey(b64(KEY))
                                .sseCustomerKeyMD5(md5(KEY)))
                        .asUtf8String());

        S3Exception noKey = assertThrows(
                S3Exception.class,
                () -> s3.getObjectAsBytes(b -> b.bucket("ssec").key("k")));
        assertEquals(400, noKey.statusCode());
        assertEquals("InvalidRequest", noKey.awsErrorDetails().errorCode());
        assertEquals(
                "The object was stored using a form of Server Side Encryption. The correct parameters must be "
                        + "provided to retrieve the object.",
                noKey.awsErrorDetails().errorMessage());
        S3Exception otherKey = assertThrows(
                S3Exception.class,
                () -> s3.getObjectAsBytes(b -> b.bucket("ssec")
                        .key("k")
                        .sseCustomerAlgorithm("AES256")
                        .sseCustomerKey(b64(OTHER))
                        .sseCustomerKeyMD5(md5(OTHER))));
        assertEquals(403, otherKey.statusCode());
        assertEquals("AccessDenied", otherKey.awsErrorDetails().errorCode());
    }

    @Test
    void copySourcesNeedTheirKeyAndPartsTheUploads() {
        s3.createBucket(b -> b.bucket("copies"));
        s3.putObject(
                b -> b.bucket("copies")
                        .key("src")
                        .sseCustomerAlgorithm("AES256")
                        .sseCustomerKey(b64(KEY))
                        .sseCustomerKeyMD5(md5(KEY)),
                RequestBody.fromString("secret"));
        S3Exception noSourceKey = assertThrows(
                S3Exception.class,
                () -> s3.copyObject(b -> b.sourceBucket("copies")
                        .sourceKey("src")
                        .destinationBucket("copies")
                        .destinationKey("dst")));
        assertEquals("InvalidRequest", noSourceKey.awsErrorDetails().errorCode());
        s3.copyObject(b -> b.sourceBucket("copies")
                .sourceKey("src")
                .destinationBucket("copies")
                .destinationKey("dst")
                .copySourceSSECustomerAlgorithm("AES256")
                .copySourceSSECustomerKey(b64(KEY))
                .copySourceSSECustomerKeyMD5(md5(KEY)));
        assertEquals(
                "secret",
                s3.getObjectAsBytes(b -> b.bucket("copies").key("dst")).asUtf8String(),
                "the copy is SSE-S3: the request named no key for it");

        String uploadId = s3.createMultipartUpload(b -> b.bucket("copies")
                        .key("mp")
                        .sseCustomerAlgorithm("AES256")
                        .sseCustomerKey(b64(KEY))
                        .sseCustomerKeyMD5(md5(KEY)))
                .uploadId();
        S3Exception partWithoutKey = assertThrows(
                S3Exception.class,
                () -> s3.uploadPart(
                        b -> b.bucket("copies").key("mp").uploadId(uploadId).partNumber(1),
                        RequestBody.fromString("part")));
        assertEquals("InvalidRequest", partWithoutKey.awsErrorDetails().errorCode());
        S3Exception partOtherKey = assertThrows(
                S3Exception.class,
                () -> s3.uploadPart(
                        b -> b.bucket("copies")
                                .key("mp")
                                .uploadId(uploadId)
                                .partNumber(1)
                                .sseCustomerAlgorithm("AES256")
                                .sseCustomerKey(b64(OTHER))
                                .sseCustomerKeyMD5(md5(OTHER)),
                        RequestBody.fromString("part")));
        assertEquals("InvalidArgument", partOtherKey.awsErrorDetails().errorCode());
        String etag = s3.uploadPart(
                        b -> b.bucket("copies")
                                .key("mp")
                                .uploadId(uploadId)
                                .partNumber(1)
                                .sseCustomerAlgorithm("AES256")
                                .sseCustomerKey(b64(KEY))
                                .sseCustomerKeyMD5(md5(KEY)),
                        RequestBody.fromString("part"))
                .eTag();
        s3.completeMultipartUpload(b -> b.bucket("copies")
                .key("mp")
                .uploadId(uploadId)
                .multipartUpload(m ->
                        m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
        assertEquals(
                md5(KEY),
                s3.headObject(b -> b.bucket("copies")
                                .key("mp")
                                .sseCustomerAlgorithm("AES256")
                                .sseCustomerKey(b64(KEY))
                                .sseCustomerKeyMD5(md5(KEY)))
                        .sseCustomerKeyMD5());
    }

    @Test
    void badKeyHeadersGetS3sErrors() throws Exception {
        s3.createBucket(b -> b.bucket("keys"));
        HttpResponse<String> algorithm = raw.put(
                "/keys/k",
                new byte[] {1},
                "x-amz-server-side-encryption-customer-algorithm",
                "DES",
                "x-amz-server-side-encryption-customer-key",
                b64(KEY),
                "x-amz-server-side-encryption-customer-key-MD5",
                md5(KEY));
        assertEquals(400, algorithm.statusCode());
        assertTrue(algorithm.body().contains("<Code>InvalidEncryptionAlgorithmError</Code>"), algorithm.body());
        HttpResponse<String> shortKey = raw.put(
                "/keys/k",
                new byte[] {1},
                "x-amz-server-side-encryption-customer-algorithm",
                "AES256",
                "x-amz-server-side-encryption-customer-key",
                b64(new byte[16]),
                "x-amz-server-side-encryption-customer-key-MD5",
                md5(new byte[16]));
        assertEquals(400, shortKey.statusCode());
        assertTrue(
                shortKey.body().contains("The secret key was invalid for the specified algorithm."), shortKey.body());
        HttpResponse<String> wrongMd5 = raw.put(
                "/keys/k",
                new byte[] {1},
                "x-amz-server-side-encryption-customer-algorithm",
                "AES256",
                "x-amz-server-side-encryption-customer-key",
                b64(KEY),
                "x-amz-server-side-encryption-customer-key-MD5",
                md5(OTHER));
        assertEquals(400, wrongMd5.statusCode());
        assertTrue(
                wrongMd5.body()
                        .contains("The calculated MD5 hash of the key did not match the hash that was " + "provided."),
                wrongMd5.body());
        assertEquals(404, raw.get("/keys/k").statusCode(), "nothing was stored");
    }
}
