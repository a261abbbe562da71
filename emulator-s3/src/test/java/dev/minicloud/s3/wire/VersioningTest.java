package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.junit.MiniCloudExtension;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

/** Bucket versioning through the SDK: version ids, delete markers, the null version, ListObjectVersions. */
class VersioningTest extends S3WireTest {
    @RegisterExtension
    static MiniCloudExtension cloud = s3Cloud();

    private String put(String bucket, String key, String body) {
        return s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(body))
                .versionId();
    }

    private String read(String bucket, String key, String versionId) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).versionId(versionId))
                .asUtf8String();
    }

    @Test
    void versioningGoesFromUnsetToEnabledToSuspended() {
        s3.createBucket(b -> b.bucket("vers"));
        assertNull(s3.getBucketVersioning(b -> b.bucket("vers")).status());
        s3.putBucketVersioning(
                b -> b.bucket("vers").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        assertEquals(
                BucketVersioningStatus.ENABLED,
                s3.getBucketVersioning(b -> b.bucket("vers")).status());
        s3.putBucketVersioning(
                b -> b.bucket("vers").versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));
        assertEquals(
                BucketVersioningStatus.SUSPENDED,
                s3.getBucketVersioning(b -> b.bucket("vers")).status());
    }

    @Test
    void unknownVersioningStatusIsMalformedXml() throws Exception {
        s3.createBucket(b -> b.bucket("vers"));
        HttpResponse<String> resp = new RawHttp(cloud.getMiniCloud().edgePort())
                .put(
                        "/vers?versioning",
                        "<VersioningConfiguration><Status>On</Status></VersioningConfiguration>"
                                .getBytes(StandardCharsets.UTF_8));
        assertEquals(400, resp.statusCode());
        assertTrue(resp.body().contains("<Code>MalformedXML</Code>"), resp.body());
        assertNull(s3.getBucketVersioning(b -> b.bucket("vers")).status());
    }

    @Test
    void everyPutGetsItsOwnVersionAndOldVersionsStayReadable() {
        createVersionedBucket("vers", null);
        String first = put("vers", "k", "one");
        String second = put("vers", "k", "two");
        assertNotEquals(first, second);
        assertEquals(32, first.length());
        assertEquals("two", read("vers", "k", null));
        assertEquals("one", read("vers", "k", first));
        assertEquals("two", read("vers", "k", second));
        assertEquals(
                first,
                s3.headObject(b -> b.bucket("vers").key("k").versionId(first)).versionId());
        assertEquals(
                3L,
                s3.headObject(b -> b.bucket("vers").key("k").versionId(first)).contentLength());
    }

    @Test
    void deleteWithoutVersionAddsDeleteMarkerThatHidesTheKey() {
        createVersionedBucket("vers", null);
        String data = put("vers", "k", "data");
        DeleteObjectResponse del = s3.deleteObject(b -> b.bucket("vers").key("k"));
        assertTrue(del.deleteMarker());
        String marker = del.versionId();
        assertNotEquals(data, marker);

        S3Exception get = assertThrows(S3Exception.class, () -> read("vers", "k", null));
        assertEquals(404, get.statusCode());
        assertEquals("NoSuchKey", get.awsErrorDetails().errorCode());
        assertEquals(
                "true",
                get.awsErrorDetails()
                        .sdkHttpResponse()
                        .firstMatchingHeader("x-amz-delete-marker")
                        .orElse(null));

        S3Exception head = assertThrows(
                S3Exception.class, () -> s3.headObject(b -> b.bucket("vers").key("k")));
        assertEquals(404, head.statusCode());
        assertEquals(
                "true",
                head.awsErrorDetails()
                        .sdkHttpResponse()
                        .firstMatchingHeader("x-amz-delete-marker")
                        .orElse(null));

        S3Exception versioned = assertThrows(S3Exception.class, () -> read("vers", "k", marker));
        assertEquals(405, versioned.statusCode());
        assertEquals("MethodNotAllowed", versioned.awsErrorDetails().errorCode());
        assertEquals(
                marker,
                versioned
                        .awsErrorDetails()
                        .sdkHttpResponse()
                        .firstMatchingHeader("x-amz-version-id")
                        .orElse(null));

        assertEquals("data", read("vers", "k", data));
        DeleteObjectResponse undelete =
                s3.deleteObject(b -> b.bucket("vers").key("k").versionId(marker));
        assertTrue(undelete.deleteMarker());
        assertEquals(marker, undelete.versionId());
        assertEquals("data", read("vers", "k", null));
    }

    @Test
    void unknownVersionIsNoSuchVersion() {
        createVersionedBucket("vers", null);
        put("vers", "k", "data");
        S3Exception e = assertThrows(S3Exception.class, () -> read("vers", "k", "nope"));
        assertEquals(404, e.statusCode());
        assertEquals("NoSuchVersion", e.awsErrorDetails().errorCode());
    }

    @Test
    void suspendedBucketWritesReplaceTheNullVersionAndKeepOthers() {
        s3.createBucket(b -> b.bucket("vers"));
        assertNull(put("vers", "k", "unversioned"));
        s3.putBucketVersioning(
                b -> b.bucket("vers").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        String enabled = put("vers", "k", "enabled");
        assertEquals("unversioned", read("vers", "k", "null"));
        s3.putBucketVersioning(
                b -> b.bucket("vers").versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));
        assertEquals("null", put("vers", "k", "suspended-1"));
        assertEquals("null", put("vers", "k", "suspended-2"));

        List<ObjectVersion> versions =
                s3.listObjectVersions(b -> b.bucket("vers")).versions();
        assertEquals(
                List.of("null", enabled),
                versions.stream().map(ObjectVersion::versionId).toList());
        assertTrue(versions.get(0).isLatest());
        assertFalse(versions.get(1).isLatest());
        assertEquals("suspended-2", read("vers", "k", "null"));
        assertEquals("enabled", read("vers", "k", enabled));

        DeleteObjectResponse del = s3.deleteObject(b -> b.bucket("vers").key("k"));
        assertTrue(del.deleteMarker());
        assertEquals("null", del.versionId());
        ListObjectVersionsResponse after = s3.listObjectVersions(b -> b.bucket("vers"));
        assertEquals(
                List.of(enabled),
                after.versions().stream().map(ObjectVersion::versionId).toList());
        assertEquals(
                List.of("null"),
                after.deleteMarkers().stream().map(DeleteMarkerEntry::versionId).toList());
        assertTrue(after.deleteMarkers().get(0).isLatest());
    }

    @Test
    void listObjectVersionsShowsVersionsAndMarkersWithPrefixAndDelimiter() {
        createVersionedBucket("vers", null);
        String a1 = put("vers", "a", "1");
        String a2 = put("vers", "a", "22");
        String aMarker = s3.deleteObject(b -> b.bucket("vers").key("a")).versionId();
        put("vers", "dir/x", "x");
        put("vers", "dir/y", "y");
        String z = put("vers", "z", "z");

        ListObjectVersionsResponse all =
                s3.listObjectVersions(b -> b.bucket("vers").delimiter("/"));
        assertEquals(
                List.of(a2, a1, z),
                all.versions().stream().map(ObjectVersion::versionId).toList());
        assertEquals(
                List.of(aMarker),
                all.deleteMarkers().stream().map(DeleteMarkerEntry::versionId).toList());
        assertTrue(all.deleteMarkers().get(0).isLatest());
        assertFalse(all.versions().get(0).isLatest());
        assertEquals(2L, all.versions().get(0).size());
        assertEquals("\"" + md5Hex("22") + "\"", all.versions().get(0).eTag());
        assertEquals(
                List.of("dir/"),
                all.commonPrefixes().stream().map(p -> p.prefix()).toList());
        assertFalse(all.isTruncated());

        ListObjectVersionsResponse dir =
                s3.listObjectVersions(b -> b.bucket("vers").prefix("dir/"));
        assertEquals(
                List.of("dir/x", "dir/y"),
                dir.versions().stream().map(ObjectVersion::key).toList());
        assertEquals("dir/", dir.prefix());
    }

    @Test
    void listObjectVersionsPagesWithKeyAndVersionIdMarkersReturningEachVersionOnce() {
        createVersionedBucket("vers", null);
        List<String> expected = new ArrayList<>();
        for (String key : List.of("a", "b", "c")) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(0, key + ":" + put("vers", key, key + i));
            }
            expected.addAll(ids);
        }
        List<String> seen = new ArrayList<>();
        String keyMarker = null;
        String versionMarker = null;
        int pages = 0;
        while (true) {
            String km = keyMarker;
            String vm = versionMarker;
            ListObjectVersionsResponse page = s3.listObjectVersions(
                    b -> b.bucket("vers").maxKeys(2).keyMarker(km).versionIdMarker(vm));
            page.versions().forEach(v -> seen.add(v.key() + ":" + v.versionId()));
            pages++;
            if (!page.isTruncated()) {
                break;
            }
            keyMarker = page.nextKeyMarker();
            versionMarker = page.nextVersionIdMarker();
        }
        assertEquals(expected, seen);
        assertEquals(5, pages);
    }

    @Test
    void versionIdMarkerWithoutKeyMarkerIsInvalidArgument() throws Exception {
        createVersionedBucket("vers", null);
        HttpResponse<String> resp =
                new RawHttp(cloud.getMiniCloud().edgePort()).get("/vers?versions&version-id-marker=x");
        assertEquals(400, resp.statusCode());
        assertTrue(resp.body().contains("<Code>InvalidArgument</Code>"), resp.body());
    }

    @Test
    void copyAndTaggingAddressAnOlderVersion() {
        createVersionedBucket("vers", null);
        String old = put("vers", "k", "old");
        put("vers", "k", "new");
        CopyObjectResponse copy = s3.copyObject(b -> b.sourceBucket("vers")
                .sourceKey("k")
                .sourceVersionId(old)
                .destinationBucket("vers")
                .destinationKey("copy"));
        assertEquals(old, copy.copySourceVersionId());
        assertEquals(32, copy.versionId().length());
        assertEquals("old", read("vers", "copy", null));

        s3.putObjectTagging(b -> b.bucket("vers")
                .key("k")
                .versionId(old)
                .tagging(t -> t.tagSet(Tag.builder().key("age").value("old").build())));
        assertEquals(
                List.of(Tag.builder().key("age").value("old").build()),
                s3.getObjectTagging(b -> b.bucket("vers").key("k").versionId(old))
                        .tagSet());
        assertTrue(s3.getObjectTagging(b -> b.bucket("vers").key("k")).tagSet().isEmpty());
    }

    @Test
    void multipartCompletionReturnsAVersionId() {
        createVersionedBucket("vers", null);
        String uploadId =
                s3.createMultipartUpload(b -> b.bucket("vers").key("mp")).uploadId();
        String etag = s3.uploadPart(
                        b -> b.bucket("vers").key("mp").uploadId(uploadId).partNumber(1),
                        RequestBody.fromString("part"))
                .eTag();
        String versionId = s3.completeMultipartUpload(b -> b.bucket("vers")
                        .key("mp")
                        .uploadId(uploadId)
                        .multipartUpload(m -> m.parts(
                                CompletedPart.builder().partNumber(1).eTag(etag).build())))
                .versionId();
        assertEquals(versionId, s3.headObject(b -> b.bucket("vers").key("mp")).versionId());
    }

    @Test
    void deleteObjectsRemovesNamedVersionsAndBucketDeleteWaitsForTheLastVersion() {
        createVersionedBucket("vers", null);
        String v1 = put("vers", "k", "1");
        String v2 = put("vers", "k", "2");
        String marker = s3.deleteObject(b -> b.bucket("vers").key("k")).versionId();
        assertTrue(s3.listObjectsV2(b -> b.bucket("vers")).contents().isEmpty());
        S3Exception notEmpty = assertThrows(S3Exception.class, () -> s3.deleteBucket(b -> b.bucket("vers")));
        assertEquals("BucketNotEmpty", notEmpty.awsErrorDetails().errorCode());

        DeleteObjectsResponse resp = s3.deleteObjects(b -> b.bucket("vers")
                .delete(d -> d.objects(
                        ObjectIdentifier.builder().key("k").versionId(v1).build(),
                        ObjectIdentifier.builder().key("k").versionId(v2).build(),
                        ObjectIdentifier.builder().key("k").versionId(marker).build())));
        assertEquals(3, resp.deleted().size());
        assertEquals(
                List.of(v1, v2, marker),
                resp.deleted().stream().map(d -> d.versionId()).toList());
        assertTrue(resp.deleted().get(2).deleteMarker());
        assertEquals(marker, resp.deleted().get(2).deleteMarkerVersionId());
        assertTrue(s3.listObjectVersions(b -> b.bucket("vers")).versions().isEmpty());
        s3.deleteBucket(b -> b.bucket("vers"));
    }

    @Test
    void copyFromADeleteMarkerByVersionIdIsInvalidRequest() {
        createVersionedBucket("vers", null);
        put("vers", "k", "data");
        String marker = s3.deleteObject(b -> b.bucket("vers").key("k")).versionId();
        S3Exception e = assertThrows(
                S3Exception.class,
                () -> s3.copyObject(b -> b.sourceBucket("vers")
                        .sourceKey("k")
                        .sourceVersionId(marker)
                        .destinationBucket("vers")
                        .destinationKey("copy")));
        assertEquals(400, e.statusCode());
        assertEquals("InvalidRequest", e.awsErrorDetails().errorCode());
        S3Exception latest = assertThrows(
                S3Exception.class,
                () -> s3.copyObject(b -> b.sourceBucket("vers")
                        .sourceKey("k")
                        .destinationBucket("vers")
                        .destinationKey("copy")));
        assertEquals("NoSuchKey", latest.awsErrorDetails().errorCode());
    }

    private static String md5Hex(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
