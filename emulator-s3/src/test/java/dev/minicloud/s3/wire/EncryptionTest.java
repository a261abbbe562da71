package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.junit.MiniCloudExtension;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Server-side encryption as S3 reports it, through the SDK: every bucket defaults to SSE-S3 (as
 * on S3 since 2023), Put/Get/DeleteBucketEncryption, per-request SSE headers, and the encryption
 * headers on every object response.
 */
class EncryptionTest extends S3WireTest {
    @RegisterExtension
    static MiniCloudExtension cloud = s3Cloud();

    @Test
    void everyObjectIsSseS3ByDefault() {
        s3.createBucket(b -> b.bucket("plain"));
        ServerSideEncryptionRule rule = s3.getBucketEncryption(b -> b.bucket("plain"))
                .serverSideEncryptionConfiguration()
                .rules()
                .get(0);
        assertEquals(
                ServerSideEncryption.AES256,
                rule.applyServerSideEncryptionByDefault().sseAlgorithm());
        assertEquals(false, rule.bucketKeyEnabled());
        PutObjectResponse put = s3.putObject(b -> b.bucket("plain").key("k"), RequestBody.fromString("x"));
        assertEquals(ServerSideEncryption.AES256, put.serverSideEncryption());
        assertEquals(
                ServerSideEncryption.AES256,
                s3.headObject(b -> b.bucket("plain").key("k")).serverSideEncryption());
        assertEquals(
                ServerSideEncryption.AES256,
                s3.getObjectAsBytes(b -> b.bucket("plain").key("k")).response().serverSideEncryption());
    }

    @Test
    void aKmsDefaultAppliesToNewObjectsUntilDeleted() {
        s3.createBucket(b -> b.bucket("kms"));
        String key = "arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        s3.putBucketEncryption(b -> b.bucket("kms")
                .serverSideEncryptionConfiguration(c -> c.rules(r -> r.applyServerSideEncryptionByDefault(d ->
                                d.sseAlgorithm(ServerSideEncryption.AWS_KMS).kmsMasterKeyID(key))
                        .bucketKeyEnabled(true))));
        ServerSideEncryptionRule rule = s3.getBucketEncryption(b -> b.bucket("kms"))
                .serverSideEncryptionConfiguration()
                .rules()
                .get(0);
        assertEquals(key, rule.applyServerSideEncryptionByDefault().kmsMasterKeyID());
        assertEquals(true, rule.bucketKeyEnabled());

        PutObjectResponse put = s3.putObject(b -> b.bucket("kms").key("k"), RequestBody.fromString("x"));
        assertEquals(ServerSideEncryption.AWS_KMS, put.serverSideEncryption());
        assertEquals(key, put.ssekmsKeyId());
        assertEquals(true, put.bucketKeyEnabled());
        HeadObjectResponse head = s3.headObject(b -> b.bucket("kms").key("k"));
        assertEquals(key, head.ssekmsKeyId());

        CreateMultipartUploadResponse created =
                s3.createMultipartUpload(b -> b.bucket("kms").key("mp"));
        assertEquals(ServerSideEncryption.AWS_KMS, created.serverSideEncryption());
        UploadPartResponse part = s3.uploadPart(
                b -> b.bucket("kms").key("mp").uploadId(created.uploadId()).partNumber(1),
                RequestBody.fromString("part"));
        assertEquals(key, part.ssekmsKeyId());
        CompleteMultipartUploadResponse done = s3.completeMultipartUpload(b -> b.bucket("kms")
                .key("mp")
                .uploadId(created.uploadId())
                .multipartUpload(m -> m.parts(
                        CompletedPart.builder().partNumber(1).eTag(part.eTag()).build())));
        assertEquals(ServerSideEncryption.AWS_KMS, done.serverSideEncryption());
        assertEquals(key, done.ssekmsKeyId());

        s3.deleteBucketEncryption(b -> b.bucket("kms"));
        assertEquals(
                ServerSideEncryption.AES256,
                s3.getBucketEncryption(b -> b.bucket("kms"))
                        .serverSideEncryptionConfiguration()
                        .rules()
                        .get(0)
                        .applyServerSideEncryptionByDefault()
                        .sseAlgorithm(),
                "a deleted configuration falls back to SSE-S3, as on S3");
        assertEquals(
                ServerSideEncryption.AWS_KMS,
                s3.headObject(b -> b.bucket("kms").key("k")).serverSideEncryption(),
                "existing objects keep theirs");
    }

    @Test
    void requestHeadersOverrideTheDefaultAndCopiesFollowTheTarget() {
        s3.createBucket(b -> b.bucket("mixed"));
        PutObjectResponse kms = s3.putObject(
                b -> b.bucket("mixed").key("kms").serverSideEncryption(ServerSideEncryption.AWS_KMS),
                RequestBody.fromString("x"));
        assertEquals(ServerSideEncryption.AWS_KMS, kms.serverSideEncryption());
        assertEquals("arn:aws:kms:us-east-1:000000000000:alias/aws/s3", kms.ssekmsKeyId(), "the AWS managed key");
        CopyObjectResponse copy = s3.copyObject(b -> b.sourceBucket("mixed")
                .sourceKey("kms")
                .destinationBucket("mixed")
                .destinationKey("copy"));
        assertEquals(ServerSideEncryption.AES256, copy.serverSideEncryption(), "a copy takes the target's default");
        CopyObjectResponse inPlace = s3.copyObject(b -> b.sourceBucket("mixed")
                .sourceKey("copy")
                .destinationBucket("mixed")
                .destinationKey("copy")
                .serverSideEncryption(ServerSideEncryption.AWS_KMS_DSSE));
        assertEquals(
                ServerSideEncryption.AWS_KMS_DSSE,
                inPlace.serverSideEncryption(),
                "changing the encryption is a change, so copying in place is allowed");
    }

    @Test
    void badEncryptionRequestsGetS3sErrors() throws Exception {
        s3.createBucket(b -> b.bucket("bad"));
        HttpResponse<String> method = raw.put("/bad/k", new byte[] {1}, "x-amz-server-side-encryption", "ROT13");
        assertEquals(400, method.statusCode());
        assertTrue(
                method.body()
                        .contains("<Code>InvalidArgument</Code><Message>The encryption method specified is not "
                                + "supported</Message>"),
                method.body());
        HttpResponse<String> sseC =
                raw.put("/bad/k", new byte[] {1}, "x-amz-server-side-encryption-customer-algorithm", "AES256");
        assertEquals(400, sseC.statusCode(), "SSE-C over plain HTTP is refused, as S3 refuses it");
        assertTrue(
                sseC.body()
                        .contains("<Code>InvalidRequest</Code><Message>Requests specifying Server Side Encryption "
                                + "with Customer provided keys must be made over a secure connection.</Message>"),
                sseC.body());
        assertThrows(S3Exception.class, () -> s3.headObject(b -> b.bucket("bad").key("k")), "nothing stored");
        HttpResponse<String> config = raw.put(
                "/bad?encryption",
                ("<ServerSideEncryptionConfiguration><Rule>"
                                + "<ApplyServerSideEncryptionByDefault><SSEAlgorithm>DES</SSEAlgorithm></ApplyServerSideEncryptionByDefault>"
                                + "</Rule></ServerSideEncryptionConfiguration>")
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(400, config.statusCode());
        assertTrue(config.body().contains("<Code>MalformedXML</Code>"), config.body());
        assertNull(s3.getBucketEncryption(b -> b.bucket("bad"))
                .serverSideEncryptionConfiguration()
                .rules()
                .get(0)
                .applyServerSideEncryptionByDefault()
                .kmsMasterKeyID());
    }
}
