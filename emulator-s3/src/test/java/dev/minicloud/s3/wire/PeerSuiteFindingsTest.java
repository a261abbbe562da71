package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.junit.MiniCloudExtension;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;

/** Fixes found by running a peer emulator's own S3 suite against MiniCloud. */
class PeerSuiteFindingsTest extends S3WireTest {
    @RegisterExtension
    static MiniCloudExtension cloud = s3Cloud();

    @Test
    void zeroMaxUploadsAndMaxPartsAnswerAnEmptyPage() {
        s3.createBucket(b -> b.bucket("zero"));
        String uploadId =
                s3.createMultipartUpload(b -> b.bucket("zero").key("k")).uploadId();
        s3.uploadPart(b -> b.bucket("zero").key("k").uploadId(uploadId).partNumber(1), RequestBody.fromString("p"));
        ListMultipartUploadsResponse uploads =
                s3.listMultipartUploads(b -> b.bucket("zero").maxUploads(0));
        assertTrue(uploads.uploads().isEmpty());
        assertEquals(0, uploads.maxUploads());
        assertFalse(uploads.isTruncated());
        ListPartsResponse parts =
                s3.listParts(b -> b.bucket("zero").key("k").uploadId(uploadId).maxParts(0));
        assertTrue(parts.parts().isEmpty());
        assertEquals(0, parts.maxParts());
        assertFalse(parts.isTruncated());
    }

    @Test
    void completeMultipartLocationFollowsTheRequestsAddressingStyle(MiniCloud cloud) {
        s3.createBucket(b -> b.bucket("matrix-bucket"));
        String key = "dir/a key+ü";
        assertEquals(
                "http://localhost:" + cloud.edgePort() + "/matrix-bucket/dir/a%20key%2B%C3%BC",
                complete(s3, key).location());
        try (S3Client virtual = TestS3.syncClient(cloud, false)) {
            assertEquals(
                    "http://matrix-bucket.localhost:" + cloud.edgePort() + "/dir/a%20key%2B%C3%BC",
                    complete(virtual, key).location());
        }
    }

    private static CompleteMultipartUploadResponse complete(S3Client client, String key) {
        String uploadId = client.createMultipartUpload(
                        b -> b.bucket("matrix-bucket").key(key))
                .uploadId();
        String etag = client.uploadPart(
                        b -> b.bucket("matrix-bucket")
                                .key(key)
                                .uploadId(uploadId)
                                .partNumber(1),
                        RequestBody.fromString("part"))
                .eTag();
        return client.completeMultipartUpload(b -> b.bucket("matrix-bucket")
                .key(key)
                .uploadId(uploadId)
                .multipartUpload(m ->
                        m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
    }

    @Test
    void aBucketWithoutLocationConstraintLivesInTheServersRegion() throws Exception {
        try (MiniCloud frankfurt = MiniCloud.builder()
                        .services("s3")
                        .region("eu-central-1")
                        .start();
                S3Client client = TestS3.syncBuilder(frankfurt, true)
                        .region(Region.US_EAST_1)
                        .build()) {
            client.createBucket(b -> b.bucket("here"));
            assertEquals(
                    "eu-central-1",
                    client.getBucketLocation(b -> b.bucket("here")).locationConstraintAsString());
            assertEquals(
                    "eu-central-1", client.headBucket(b -> b.bucket("here")).bucketRegion());
        }
        s3.createBucket(b -> b.bucket("default"));
        HttpResponse<String> location = raw.get("/default?location");
        assertTrue(
                location.body()
                        .endsWith("<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                                + "</LocationConstraint>"),
                "us-east-1 is the empty constraint: " + location.body());
    }
}
