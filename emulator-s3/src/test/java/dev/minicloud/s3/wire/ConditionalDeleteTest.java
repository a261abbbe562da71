package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.junit.MiniCloudExtension;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Conditional deletes and writes as S3 added them in 2024-2025, through the SDK (sync and async
 * Netty): DeleteObject with {@code If-Match}, {@code x-amz-if-match-last-modified-time} and
 * {@code x-amz-if-match-size}, the same conditions per DeleteObjects entry, and {@code If-Match} /
 * {@code If-None-Match} on CopyObject destinations and CompleteMultipartUpload. A condition that
 * fails changes nothing.
 */
class ConditionalDeleteTest extends S3WireTest {
    @RegisterExtension
    static MiniCloudExtension cloud = s3Cloud();

    private HeadObjectResponse putAndHead(String bucket, String key, String body) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(body));
        return s3.headObject(b -> b.bucket(bucket).key(key));
    }

    private static void assertPreconditionFailed(Runnable call) {
        S3Exception e = assertThrows(S3Exception.class, call::run);
        assertEquals(412, e.statusCode());
        assertEquals("PreconditionFailed", e.awsErrorDetails().errorCode());
    }

    private boolean exists(String bucket, String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (S3Exception e) {
            assertEquals(404, e.statusCode());
            return false;
        }
    }

    @Test
    void deleteObjectHoldsEveryConditionGiven() {
        s3.createBucket(b -> b.bucket("cond"));
        HeadObjectResponse head = putAndHead("cond", "k", "hello");
        Instant modified = head.lastModified();

        assertPreconditionFailed(
                () -> s3.deleteObject(b -> b.bucket("cond").key("k").ifMatch("\"0123\"")));
        assertPreconditionFailed(
                () -> s3.deleteObject(b -> b.bucket("cond").key("k").ifMatchSize(4L)));
        assertPreconditionFailed(() ->
                s3.deleteObject(b -> b.bucket("cond").key("k").ifMatchLastModifiedTime(modified.minusSeconds(1))));
        assertPreconditionFailed(() -> s3.deleteObject(
                b -> b.bucket("cond").key("k").ifMatch(head.eTag()).ifMatchSize(6L)));
        assertTrue(exists("cond", "k"));

        s3.deleteObject(b ->
                b.bucket("cond").key("k").ifMatch(head.eTag()).ifMatchSize(5L).ifMatchLastModifiedTime(modified));
        assertTrue(!exists("cond", "k"));

        // No object: If-Match is NoSuchKey; the size and time conditions let the delete of nothing succeed.
        S3Exception gone = assertThrows(
                S3Exception.class,
                () -> s3.deleteObject(b -> b.bucket("cond").key("k").ifMatch("*")));
        assertEquals(404, gone.statusCode());
        assertEquals("NoSuchKey", gone.awsErrorDetails().errorCode());
        s3.deleteObject(b -> b.bucket("cond").key("k").ifMatchSize(5L));

        putAndHead("cond", "star", "x");
        s3.deleteObject(b -> b.bucket("cond").key("star").ifMatch("*"));
        assertTrue(!exists("cond", "star"));
    }

    @Test
    void versionedConditionalDeleteAddsTheMarkerOnlyWhenTheConditionHolds() {
        createVersionedBucket("vcond", null);
        HeadObjectResponse head = putAndHead("vcond", "k", "data");
        assertPreconditionFailed(
                () -> s3.deleteObject(b -> b.bucket("vcond").key("k").ifMatch("\"nope\"")));
        assertEquals(1, s3.listObjectVersions(b -> b.bucket("vcond")).versions().size());
        assertTrue(s3.listObjectVersions(b -> b.bucket("vcond")).deleteMarkers().isEmpty());
        assertTrue(s3.deleteObject(b -> b.bucket("vcond").key("k").ifMatch(head.eTag()))
                .deleteMarker());
        // With a version id the condition is the named version's.
        s3.deleteObject(
                b -> b.bucket("vcond").key("k").versionId(head.versionId()).ifMatchSize(4L));
        assertTrue(s3.listObjectVersions(b -> b.bucket("vcond")).versions().isEmpty());
    }

    @Test
    void badConditionValuesAreInvalidArgument() throws Exception {
        s3.createBucket(b -> b.bucket("cond"));
        putAndHead("cond", "k", "x");
        HttpResponse<String> size = raw.send("DELETE", "/cond/k", null, "x-amz-if-match-size", "big");
        assertEquals(400, size.statusCode());
        assertTrue(size.body().contains("<Code>InvalidArgument</Code>"), size.body());
        HttpResponse<String> time =
                raw.send("DELETE", "/cond/k", null, "x-amz-if-match-last-modified-time", "yesterday");
        assertEquals(400, time.statusCode());
        assertTrue(exists("cond", "k"));
    }

    @Test
    void deleteObjectsChecksEachEntrysConditions() {
        s3.createBucket(b -> b.bucket("cond"));
        HeadObjectResponse a = putAndHead("cond", "a", "aaa");
        HeadObjectResponse b2 = putAndHead("cond", "b", "bbbb");
        putAndHead("cond", "c", "c");
        DeleteObjectsResponse r = s3.deleteObjects(b -> b.bucket("cond")
                .delete(d -> d.objects(
                        ObjectIdentifier.builder()
                                .key("a")
                                .eTag(a.eTag())
                                .size(3L)
                                .lastModifiedTime(a.lastModified())
                                .build(),
                        ObjectIdentifier.builder().key("b").eTag("\"wrong\"").build(),
                        ObjectIdentifier.builder().key("c").size(2L).build(),
                        ObjectIdentifier.builder()
                                .key("missing")
                                .eTag(b2.eTag())
                                .build())));
        assertEquals(1, r.deleted().size());
        assertEquals("a", r.deleted().get(0).key());
        assertEquals(3, r.errors().size());
        assertEquals(
                "PreconditionFailed",
                r.errors().stream()
                        .filter(e -> e.key().equals("b"))
                        .findFirst()
                        .orElseThrow()
                        .code());
        assertEquals(
                "PreconditionFailed",
                r.errors().stream()
                        .filter(e -> e.key().equals("c"))
                        .findFirst()
                        .orElseThrow()
                        .code());
        assertEquals(
                "NoSuchKey",
                r.errors().stream()
                        .filter(e -> e.key().equals("missing"))
                        .findFirst()
                        .orElseThrow()
                        .code());
        assertTrue(!exists("cond", "a"));
        assertTrue(exists("cond", "b"));
        assertTrue(exists("cond", "c"));
    }

    @Test
    void copyObjectDestinationConditions() {
        s3.createBucket(b -> b.bucket("cond"));
        putAndHead("cond", "src", "source");
        HeadObjectResponse dst = putAndHead("cond", "dst", "old");

        assertPreconditionFailed(() -> s3.copyObject(b -> b.sourceBucket("cond")
                .sourceKey("src")
                .destinationBucket("cond")
                .destinationKey("dst")
                .ifNoneMatch("*")));
        assertPreconditionFailed(() -> s3.copyObject(b -> b.sourceBucket("cond")
                .sourceKey("src")
                .destinationBucket("cond")
                .destinationKey("dst")
                .ifMatch("\"other\"")));
        assertEquals(
                "old", s3.getObjectAsBytes(b -> b.bucket("cond").key("dst")).asUtf8String());

        s3.copyObject(b -> b.sourceBucket("cond")
                .sourceKey("src")
                .destinationBucket("cond")
                .destinationKey("dst")
                .ifMatch(dst.eTag()));
        assertEquals(
                "source", s3.getObjectAsBytes(b -> b.bucket("cond").key("dst")).asUtf8String());
        s3.copyObject(b -> b.sourceBucket("cond")
                .sourceKey("src")
                .destinationBucket("cond")
                .destinationKey("new")
                .ifNoneMatch("*"));
        assertEquals(
                "source", s3.getObjectAsBytes(b -> b.bucket("cond").key("new")).asUtf8String());
        S3Exception absent = assertThrows(
                S3Exception.class,
                () -> s3.copyObject(b -> b.sourceBucket("cond")
                        .sourceKey("src")
                        .destinationBucket("cond")
                        .destinationKey("absent")
                        .ifMatch("*")));
        assertEquals(404, absent.statusCode());
    }

    @Test
    void completeMultipartUploadConditionsAndAsyncClient() {
        s3.createBucket(b -> b.bucket("cond"));
        HeadObjectResponse existing = putAndHead("cond", "mp", "first");
        try (S3AsyncClient async = TestS3.nettyClient(cloud.getMiniCloud(), true)) {
            String upload = async.createMultipartUpload(b -> b.bucket("cond").key("mp"))
                    .join()
                    .uploadId();
            String etag = async.uploadPart(
                            b -> b.bucket("cond").key("mp").uploadId(upload).partNumber(1),
                            AsyncRequestBody.fromString("second"))
                    .join()
                    .eTag();
            CompletedPart part =
                    CompletedPart.builder().partNumber(1).eTag(etag).build();
            CompletionException e = assertThrows(
                    CompletionException.class,
                    () -> async.completeMultipartUpload(b -> b.bucket("cond")
                                    .key("mp")
                                    .uploadId(upload)
                                    .ifNoneMatch("*")
                                    .multipartUpload(m -> m.parts(part)))
                            .join());
            assertEquals(412, ((S3Exception) e.getCause()).statusCode());
            assertEquals(
                    "first",
                    s3.getObjectAsBytes(b -> b.bucket("cond").key("mp")).asUtf8String());
            // The upload survives a failed condition and completes once it holds.
            async.completeMultipartUpload(b -> b.bucket("cond")
                            .key("mp")
                            .uploadId(upload)
                            .ifMatch(existing.eTag())
                            .multipartUpload(m -> m.parts(part)))
                    .join();
            assertEquals(
                    "second",
                    s3.getObjectAsBytes(b -> b.bucket("cond").key("mp")).asUtf8String());

            CompletionException del = assertThrows(
                    CompletionException.class,
                    () -> async.deleteObject(b -> b.bucket("cond").key("mp").ifMatch(existing.eTag()))
                            .join());
            assertEquals(412, ((S3Exception) del.getCause()).statusCode());
            async.deleteObject(b -> b.bucket("cond").key("mp").ifMatchSize(6L)).join();
        }
        assertTrue(!exists("cond", "mp"));
    }

    @Test
    void rawDeleteAnswersS3sErrorShape() throws Exception {
        s3.createBucket(b -> b.bucket("cond"));
        putAndHead("cond", "k", "x");
        HttpResponse<String> r = raw.send("DELETE", "/cond/k", null, "If-Match", "\"abc\"");
        assertEquals(412, r.statusCode());
        assertTrue(
                r.body()
                        .contains("<Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you "
                                + "specified did not hold</Message><Condition>If-Match</Condition>"),
                r.body());
        assertEquals(200, raw.send("HEAD", "/cond/k", null).statusCode());
        assertEquals(
                "x",
                new String(s3.getObjectAsBytes(b -> b.bucket("cond").key("k")).asByteArray(), StandardCharsets.UTF_8));
    }
}
