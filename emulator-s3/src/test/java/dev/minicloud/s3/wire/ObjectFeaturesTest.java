package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.junit.MiniCloudExtension;
import dev.minicloud.s3.internal.service.CanonicalUser;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.GetObjectAttributesResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.TaggingDirective;

/**
 * Object features through the SDK sync client: metadata and standard headers, {@code response-*}
 * overrides, tagging, conditional reads and writes, copy directives, GetObjectAttributes, storage
 * class, DeleteObjects and the listing parameters.
 */
class ObjectFeaturesTest extends S3WireTest {
    @RegisterExtension
    static MiniCloudExtension cloud = s3Cloud();

    @BeforeEach
    void createBucket() {
        s3.createBucket(b -> b.bucket("objects"));
    }

    private String put(String key, String body) {
        return s3.putObject(
                        b -> b.bucket("objects").key(key), RequestBody.fromBytes(body.getBytes(StandardCharsets.UTF_8)))
                .eTag();
    }

    @Test
    void metadataAndStandardHeadersRoundTrip() {
        Instant expires = Instant.parse("2030-01-01T00:00:00Z");
        s3.putObject(
                b -> b.bucket("objects")
                        .key("doc.txt")
                        .contentType("text/plain; charset=utf-8")
                        .contentDisposition("attachment; filename=\"doc.txt\"")
                        .contentEncoding("gzip")
                        .contentLanguage("de")
                        .cacheControl("max-age=60")
                        .expires(expires)
                        .metadata(Map.of("Owner", "Ada", "purpose", "tests")),
                RequestBody.fromString("hello"));
        HeadObjectResponse h = s3.headObject(b -> b.bucket("objects").key("doc.txt"));
        assertEquals("text/plain; charset=utf-8", h.contentType());
        assertEquals("attachment; filename=\"doc.txt\"", h.contentDisposition());
        assertEquals("gzip", h.contentEncoding(), "aws-chunked is stripped, the user's coding kept");
        assertEquals("de", h.contentLanguage());
        assertEquals("max-age=60", h.cacheControl());
        assertEquals(expires, h.expires());
        assertEquals(Map.of("owner", "Ada", "purpose", "tests"), h.metadata());
        assertEquals(5L, h.contentLength());
        assertNull(h.storageClass(), "STANDARD is not announced, as on S3");
    }

    @Test
    void partOneOfASinglePartObjectIsARangeOverAllOfIt() throws Exception {
        assertEquals(
                200,
                raw.put("/objects/single", "0123456789".getBytes(StandardCharsets.UTF_8))
                        .statusCode());
        HttpResponse<String> part = raw.get("/objects/single?partNumber=1");
        assertEquals(206, part.statusCode());
        assertEquals("bytes 0-9/10", part.headers().firstValue("Content-Range").orElseThrow());
        assertEquals("0123456789", part.body());
        assertTrue(part.headers().firstValue("x-amz-mp-parts-count").isEmpty(), "not a multipart object");
        assertEquals(416, raw.get("/objects/single?partNumber=2").statusCode());
    }

    @Test
    void plainObjectsGetBinaryOctetStreamAndNoStoredChunkedEncoding() throws Exception {
        // raw: the SDK always sends a Content-Type, S3's default applies only when none is sent
        assertEquals(
                200,
                raw.put("/objects/plain", "data".getBytes(StandardCharsets.UTF_8))
                        .statusCode());
        HeadObjectResponse h = s3.headObject(b -> b.bucket("objects").key("plain"));
        assertEquals("binary/octet-stream", h.contentType());
        assertNull(h.contentEncoding());
    }

    @Test
    void responseOverridesReplaceHeadersOnGet() {
        put("override", "x");
        ResponseBytes<GetObjectResponse> r = s3.getObjectAsBytes(b -> b.bucket("objects")
                .key("override")
                .responseContentType("application/json")
                .responseContentDisposition("inline")
                .responseCacheControl("no-cache")
                .responseContentLanguage("fr")
                .responseContentEncoding("identity"));
        assertEquals("application/json", r.response().contentType());
        assertEquals("inline", r.response().contentDisposition());
        assertEquals("no-cache", r.response().cacheControl());
        assertEquals("fr", r.response().contentLanguage());
        assertEquals("identity", r.response().contentEncoding());
    }

    @Test
    void objectTaggingByHeaderAndApi() {
        s3.putObject(b -> b.bucket("objects").key("tagged").tagging("a=1&b=two%20words"), RequestBody.fromString("x"));
        assertEquals(Map.of("a", "1", "b", "two words"), tags("tagged"));
        assertEquals(
                2,
                s3.getObject(b -> b.bucket("objects").key("tagged")).response().tagCount());
        s3.putObjectTagging(b -> b.bucket("objects")
                .key("tagged")
                .tagging(t -> t.tagSet(Tag.builder().key("c").value("3").build())));
        assertEquals(Map.of("c", "3"), tags("tagged"));
        s3.deleteObjectTagging(b -> b.bucket("objects").key("tagged"));
        assertEquals(Map.of(), tags("tagged"));
        S3Exception tooMany = assertThrows(
                S3Exception.class,
                () -> s3.putObject(
                        b -> b.bucket("objects").key("t2").tagging("1=1&2=2&3=3&4=4&5=5&6=6&7=7&8=8&9=9&10=10&11=11"),
                        RequestBody.fromString("x")));
        assertEquals("InvalidTag", tooMany.awsErrorDetails().errorCode());
    }

    private Map<String, String> tags(String key) {
        return s3.getObjectTagging(b -> b.bucket("objects").key(key)).tagSet().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
    }

    @Test
    void conditionalReadsAnswer304And412() throws Exception {
        String etag = put("cond", "v1");
        HttpResponse<String> notModified = raw.get("/objects/cond", "If-None-Match", etag);
        assertEquals(304, notModified.statusCode());
        assertEquals(etag, notModified.headers().firstValue("ETag").orElseThrow());
        S3Exception failed = assertThrows(
                S3Exception.class,
                () -> s3.getObject(b -> b.bucket("objects").key("cond").ifMatch("\"0000\"")));
        assertEquals(412, failed.statusCode());
        assertEquals("PreconditionFailed", failed.awsErrorDetails().errorCode());
        assertEquals(200, raw.get("/objects/cond", "If-Match", etag).statusCode());
        assertEquals(
                304,
                raw.get("/objects/cond", "If-Modified-Since", "Fri, 01 Jan 2100 00:00:00 GMT")
                        .statusCode());
        assertEquals(
                412,
                raw.get("/objects/cond", "If-Unmodified-Since", "Sat, 01 Jan 2000 00:00:00 GMT")
                        .statusCode());
        assertEquals(
                200,
                raw.get("/objects/cond", "If-Match", etag, "If-Unmodified-Since", "Sat, 01 Jan 2000 00:00:00 GMT")
                        .statusCode(),
                "a true If-Match wins");
    }

    @Test
    void conditionalWritesRefuseToOverwrite() {
        String etag = put("once", "first");
        S3Exception exists = assertThrows(
                S3Exception.class,
                () -> s3.putObject(
                        b -> b.bucket("objects").key("once").ifNoneMatch("*"), RequestBody.fromString("second")));
        assertEquals(412, exists.statusCode());
        s3.putObject(b -> b.bucket("objects").key("once").ifMatch(etag), RequestBody.fromString("second"));
        S3Exception stale = assertThrows(
                S3Exception.class,
                () -> s3.putObject(
                        b -> b.bucket("objects").key("once").ifMatch(etag), RequestBody.fromString("third")));
        assertEquals(412, stale.statusCode());
        assertEquals(
                "second",
                s3.getObjectAsBytes(b -> b.bucket("objects").key("once")).asUtf8String());
        s3.putObject(b -> b.bucket("objects").key("fresh").ifNoneMatch("*"), RequestBody.fromString("new"));
    }

    @Test
    void copyHonoursMetadataAndTaggingDirectives() {
        s3.putObject(
                b -> b.bucket("objects")
                        .key("src")
                        .contentType("text/a")
                        .metadata(Map.of("k", "v"))
                        .tagging("t=1"),
                RequestBody.fromString("payload"));
        s3.copyObject(b -> b.sourceBucket("objects")
                .sourceKey("src")
                .destinationBucket("objects")
                .destinationKey("copy-default"));
        HeadObjectResponse d = s3.headObject(b -> b.bucket("objects").key("copy-default"));
        assertEquals("text/a", d.contentType());
        assertEquals(Map.of("k", "v"), d.metadata());
        assertEquals(Map.of("t", "1"), tags("copy-default"));

        s3.copyObject(b -> b.sourceBucket("objects")
                .sourceKey("src")
                .destinationBucket("objects")
                .destinationKey("copy-replaced")
                .metadataDirective(MetadataDirective.REPLACE)
                .contentType("text/b")
                .metadata(Map.of("n", "w"))
                .taggingDirective(TaggingDirective.REPLACE)
                .tagging("u=2")
                .storageClass(StorageClass.STANDARD_IA));
        HeadObjectResponse r = s3.headObject(b -> b.bucket("objects").key("copy-replaced"));
        assertEquals("text/b", r.contentType());
        assertEquals(Map.of("n", "w"), r.metadata());
        assertEquals(Map.of("u", "2"), tags("copy-replaced"));
        assertEquals(StorageClass.STANDARD_IA, r.storageClass());

        S3Exception self = assertThrows(
                S3Exception.class,
                () -> s3.copyObject(b -> b.sourceBucket("objects")
                        .sourceKey("src")
                        .destinationBucket("objects")
                        .destinationKey("src")));
        assertEquals("InvalidRequest", self.awsErrorDetails().errorCode());
        S3Exception cond = assertThrows(
                S3Exception.class,
                () -> s3.copyObject(b -> b.sourceBucket("objects")
                        .sourceKey("src")
                        .destinationBucket("objects")
                        .destinationKey("x")
                        .copySourceIfMatch("\"nope\"")));
        assertEquals(412, cond.statusCode());
        S3Exception missing = assertThrows(
                S3Exception.class,
                () -> s3.copyObject(b -> b.sourceBucket("objects")
                        .sourceKey("nothing")
                        .destinationBucket("objects")
                        .destinationKey("x")));
        assertEquals("NoSuchKey", missing.awsErrorDetails().errorCode());
    }

    @Test
    void getObjectAttributesReportsEtagSizeStorageClassAndChecksum() {
        String etag = put("attrs", "0123456789");
        GetObjectAttributesResponse a = s3.getObjectAttributes(b -> b.bucket("objects")
                .key("attrs")
                .objectAttributes(
                        ObjectAttributes.E_TAG,
                        ObjectAttributes.OBJECT_SIZE,
                        ObjectAttributes.STORAGE_CLASS,
                        ObjectAttributes.CHECKSUM));
        assertEquals(etag.replace("\"", ""), a.eTag());
        assertEquals(10L, a.objectSize());
        assertEquals(StorageClass.STANDARD, a.storageClass());
        assertTrue(a.checksum() != null && a.checksum().checksumCRC32() != null, "the SDK's default CRC32 is stored");
    }

    @Test
    void deleteObjectsReportsEachKeyUnlessQuiet() {
        put("d1", "1");
        put("d2", "2");
        DeleteObjectsResponse r = s3.deleteObjects(b -> b.bucket("objects")
                .delete(d -> d.objects(
                        ObjectIdentifier.builder().key("d1").build(),
                        ObjectIdentifier.builder().key("d2").build(),
                        ObjectIdentifier.builder().key("never-existed").build())));
        assertEquals(
                List.of("d1", "d2", "never-existed"),
                r.deleted().stream().map(x -> x.key()).toList());
        assertTrue(r.errors().isEmpty());
        put("d3", "3");
        DeleteObjectsResponse quiet = s3.deleteObjects(b -> b.bucket("objects")
                .delete(d -> d.quiet(true)
                        .objects(ObjectIdentifier.builder().key("d3").build())));
        assertTrue(quiet.deleted().isEmpty());
        assertTrue(s3.listObjectsV2(b -> b.bucket("objects")).contents().isEmpty());
    }

    @Test
    void listingGroupsCommonPrefixesOncePerPrefixAcrossPages() {
        for (String k : List.of("a/1", "a/2", "a/3", "b/1", "c", "d/x/1", "d/y/2", "e")) {
            put(k, k);
        }
        List<String> entries = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            ListObjectsV2Response page = s3.listObjectsV2(
                    b -> b.bucket("objects").delimiter("/").maxKeys(2).continuationToken(t));
            page.contents().forEach(o -> entries.add(o.key()));
            page.commonPrefixes().forEach(p -> entries.add(p.prefix()));
            assertTrue(page.keyCount() <= 2);
            token = page.nextContinuationToken();
        } while (token != null);
        entries.sort(null);
        assertEquals(List.of("a/", "b/", "c", "d/", "e"), entries);

        ListObjectsV2Response nested =
                s3.listObjectsV2(b -> b.bucket("objects").prefix("d/").delimiter("/"));
        assertEquals(
                List.of("d/x/", "d/y/"),
                nested.commonPrefixes().stream().map(CommonPrefix::prefix).toList());
        ListObjectsV2Response after = s3.listObjectsV2(b -> b.bucket("objects").startAfter("c"));
        assertEquals("d/x/1", after.contents().get(0).key());
        ListObjectsV2Response owner =
                s3.listObjectsV2(b -> b.bucket("objects").fetchOwner(true).maxKeys(1));
        assertEquals(
                CanonicalUser.canonicalId("000000000000"),
                owner.contents().get(0).owner().id());
    }

    @Test
    void listObjectsV1PagesWithMarkers() {
        for (int i = 0; i < 7; i++) {
            put(String.format("k%02d", i), "x");
        }
        List<String> keys = new ArrayList<>();
        String marker = null;
        boolean truncated;
        do {
            String m = marker;
            ListObjectsResponse page =
                    s3.listObjects(b -> b.bucket("objects").maxKeys(3).marker(m));
            page.contents().forEach(o -> keys.add(o.key()));
            truncated = page.isTruncated();
            marker = page.nextMarker();
        } while (truncated);
        assertEquals(List.of("k00", "k01", "k02", "k03", "k04", "k05", "k06"), keys);
    }

    @Test
    void urlEncodingTypeRoundTripsKeysXmlCannotCarry() throws Exception {
        String key = "ctl\u0001char and space+plus";
        put(key, "x");
        ListObjectsV2Response r = s3.listObjectsV2(b -> b.bucket("objects").encodingType(EncodingType.URL));
        assertEquals(List.of(key), r.contents().stream().map(S3Object::key).toList());
        HttpResponse<String> rawList = raw.get("/objects?list-type=2&encoding-type=url");
        assertTrue(rawList.body().contains("<Key>ctl%01char%20and%20space%2Bplus</Key>"), rawList.body());
        assertFalse(rawList.body().contains("<Owner>"), "v2 lists owners only with fetch-owner");
    }

    @Test
    void storageClassIsStoredAndListed() {
        s3.putObject(
                b -> b.bucket("objects").key("ia").storageClass(StorageClass.ONEZONE_IA), RequestBody.fromString("x"));
        assertEquals(
                StorageClass.ONEZONE_IA,
                s3.headObject(b -> b.bucket("objects").key("ia")).storageClass());
        assertEquals(
                "ONEZONE_IA",
                s3.listObjectsV2(b -> b.bucket("objects")).contents().get(0).storageClassAsString());
    }
}
