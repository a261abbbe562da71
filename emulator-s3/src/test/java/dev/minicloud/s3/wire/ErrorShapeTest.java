package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.junit.MiniCloudExtension;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.SelectObjectContentResponseHandler;

/**
 * S3's error shapes on the wire: exact XML with code, message, context fields, request id and host
 * id; the right status codes; bodiless HEAD errors; 501 for what we do not emulate; and the
 * connection surviving all of it.
 */
class ErrorShapeTest extends S3WireTest {
    @RegisterExtension
    static MiniCloudExtension cloud = s3Cloud();

    @Test
    void noSuchBucketCarriesBucketNameRequestIdAndHostId() throws Exception {
        HttpResponse<String> r = raw.get("/missing-bucket/some-key");
        assertEquals(404, r.statusCode());
        assertEquals("application/xml", r.headers().firstValue("Content-Type").orElseThrow());
        String requestId = r.headers().firstValue("x-amz-request-id").orElseThrow();
        String hostId = r.headers().firstValue("x-amz-id-2").orElseThrow();
        assertEquals(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchBucket</Code>"
                        + "<Message>The specified bucket does not exist</Message><BucketName>missing-bucket</BucketName>"
                        + "<RequestId>" + requestId + "</RequestId><HostId>" + hostId + "</HostId></Error>",
                r.body());
    }

    @Test
    void noSuchKeyNamesTheKey() throws Exception {
        s3.createBucket(b -> b.bucket("errs"));
        HttpResponse<String> r = raw.get("/errs/no/such%20key");
        assertEquals(404, r.statusCode());
        assertTrue(
                r.body()
                        .contains("<Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>"
                                + "<Key>no/such key</Key>"),
                r.body());
    }

    @Test
    void headErrorsHaveStatusButNoBody() throws Exception {
        HttpResponse<String> r = raw.send("HEAD", "/missing-bucket/k", null);
        assertEquals(404, r.statusCode());
        assertEquals("", r.body());
        S3Exception e = assertThrows(S3Exception.class, () -> s3.headBucket(b -> b.bucket("missing-bucket")));
        assertEquals(404, e.statusCode());
    }

    @Test
    void bucketErrorsMapToTheSdkExceptions() {
        s3.createBucket(b -> b.bucket("mine"));
        assertThrows(BucketAlreadyOwnedByYouException.class, () -> s3.createBucket(b -> b.bucket("mine")));
        assertThrows(NoSuchBucketException.class, () -> s3.deleteBucket(b -> b.bucket("not-there")));
        s3.putObject(b -> b.bucket("mine").key("k"), RequestBody.fromString("x"));
        S3Exception notEmpty = assertThrows(S3Exception.class, () -> s3.deleteBucket(b -> b.bucket("mine")));
        assertEquals(409, notEmpty.statusCode());
        assertEquals("BucketNotEmpty", notEmpty.awsErrorDetails().errorCode());
    }

    @Test
    void invalidBucketNamesAreRejected() throws Exception {
        // The SDK checks some names itself, so these go out raw.
        for (String name : new String[] {"Bad_Name", "ab", "a..b", "192.168.1.1", "-dash", "xn--punycode"}) {
            HttpResponse<String> r = raw.put("/" + name, new byte[0]);
            assertEquals(400, r.statusCode(), name);
            assertTrue(
                    r.body()
                            .contains("<Code>InvalidBucketName</Code><Message>The specified bucket is not valid."
                                    + "</Message><BucketName>" + name + "</BucketName>"),
                    r.body());
        }
    }

    @Test
    void unsupportedOperationsAnswerNotImplementedInS3Shape() throws Exception {
        s3.createBucket(b -> b.bucket("nimp"));
        for (String q : new String[] {"?metadataConfiguration", "?metadataTable"}) {
            HttpResponse<String> r = raw.get("/nimp" + q);
            assertEquals(501, r.statusCode(), q);
            assertTrue(r.body().contains("<Code>NotImplemented</Code>"), r.body());
        }
        s3.putObject(b -> b.bucket("nimp").key("k"), RequestBody.fromString("x"));
        S3Exception e = assertThrows(
                S3Exception.class,
                () -> s3.getObjectTorrentAsBytes(b -> b.bucket("nimp").key("k")));
        assertEquals(501, e.statusCode());
        assertEquals("NotImplemented", e.awsErrorDetails().errorCode());
        assertEquals(
                "A header you provided implies functionality that is not implemented",
                e.awsErrorDetails().errorMessage());
    }

    /** S3 Select is closed to new AWS customers: SelectObjectContent (an event stream, async only) is S3's 501. */
    @Test
    void selectObjectContentAnswersNotImplementedToTheAsyncClient(MiniCloud cloud) {
        s3.createBucket(b -> b.bucket("select"));
        s3.putObject(b -> b.bucket("select").key("data.csv"), RequestBody.fromString("a,b\n1,2\n"));
        try (S3AsyncClient async = TestS3.nettyClient(cloud, true)) {
            var handler = SelectObjectContentResponseHandler.builder()
                    .subscriber(event -> {})
                    .build();
            S3Exception e = assertThrows(
                    S3Exception.class,
                    () -> TestS3.join(async.selectObjectContent(
                            b -> b.bucket("select")
                                    .key("data.csv")
                                    .expression("select * from S3Object")
                                    .expressionType("SQL")
                                    .inputSerialization(i -> i.csv(c -> c.fileHeaderInfo("USE")))
                                    .outputSerialization(o -> o.csv(c -> {})),
                            handler)));
            assertEquals(501, e.statusCode());
            assertEquals("NotImplemented", e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void invalidRangeIs416WithTheObjectSize() throws Exception {
        s3.createBucket(b -> b.bucket("ranges"));
        s3.putObject(b -> b.bucket("ranges").key("ten"), RequestBody.fromString("0123456789"));
        HttpResponse<String> r = raw.get("/ranges/ten", "Range", "bytes=10-20");
        assertEquals(416, r.statusCode());
        assertTrue(r.body().contains("<Code>InvalidRange</Code>"), r.body());
        assertTrue(r.body().contains("<ActualObjectSize>10</ActualObjectSize>"), r.body());
        HttpResponse<String> ignored = raw.get("/ranges/ten", "Range", "bytes=5-2");
        assertEquals(200, ignored.statusCode(), "an unreadable range is ignored, as S3 does");
        assertEquals("0123456789", ignored.body());
    }

    @Test
    void deleteObjectsWithoutContentMd5OrAChecksumIsRefusedAndDeletesNothing() throws Exception {
        s3.createBucket(b -> b.bucket("integrity"));
        s3.putObject(b -> b.bucket("integrity").key("keep"), RequestBody.fromString("kept"));
        byte[] body = "<Delete><Object><Key>keep</Key></Object></Delete>".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = raw.send("POST", "/integrity?delete", body);
        assertEquals(400, r.statusCode());
        assertTrue(
                r.body()
                        .contains("<Code>InvalidRequest</Code><Message>Missing required header for this request: "
                                + "Content-MD5</Message>"),
                r.body());
        assertEquals(200, raw.get("/integrity/keep").statusCode(), "nothing was deleted");
        assertEquals(
                200,
                raw.send("POST", "/integrity?delete", body, "Content-MD5", RawHttp.md5(body))
                        .statusCode());
        assertEquals(404, raw.get("/integrity/keep").statusCode());
    }

    @Test
    void malformedXmlIsAnsweredAndTheConnectionSurvives() throws Exception {
        s3.createBucket(b -> b.bucket("xml"));
        byte[] broken = "<Delete><Object>".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = raw.send("POST", "/xml?delete", broken, "Content-MD5", RawHttp.md5(broken));
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("<Code>MalformedXML</Code>"), r.body());
        HttpResponse<String> dtd = raw.put(
                "/xml?tagging",
                ("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM "
                                + "\"file:///etc/passwd\">]><Tagging><TagSet><Tag><Key>&e;</Key><Value>v</Value></Tag></TagSet>"
                                + "</Tagging>")
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(400, dtd.statusCode());
        assertEquals(200, raw.get("/xml").statusCode());
    }

    @Test
    void methodNotAllowedOnTheServiceRoot() throws Exception {
        HttpResponse<String> r = raw.send("DELETE", "/", null);
        assertEquals(405, r.statusCode());
        assertTrue(r.body().contains("<Code>MethodNotAllowed</Code>"), r.body());
    }
}
