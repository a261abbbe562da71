package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MutableClock;
import dev.minicloud.junit.MiniCloudExtension;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * POST Object (browser form uploads) with presigned-POST fields computed as boto3 does, sent over
 * plain HTTP and a raw socket: keys with {@code ${filename}}, policy conditions and expiry (by the
 * injected clock), the answers ({@code success_action_status}, {@code success_action_redirect}),
 * metadata, tagging, checksums, and crafted bodies that get S3's errors, store nothing and leave
 * the connection serving.
 */
class PostObjectTest extends S3WireTest {
    static final MutableClock clock = MutableClock.fromSystemTime();

    @RegisterExtension
    static MiniCloudExtension cloud = MiniCloudExtension.builder()
            .services("s3")
            .clock(clock)
            .resetBeforeEach(true)
            .build();

    private final HttpClient http = HttpClient.newHttpClient();
    private Instant now;

    @BeforeEach
    void bucket() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        now = clock.instant();
        s3.createBucket(b -> b.bucket("forms"));
    }

    private PostForm uploadForm(String key) {
        return new PostForm()
                .field("key", key)
                .condition("{\"bucket\": \"forms\"}")
                .condition("[\"starts-with\", \"$key\", \"uploads/\"]");
    }

    private HttpResponse<String> post(String path, byte[] body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(
                                "http://localhost:" + cloud.getMiniCloud().edgePort() + path))
                        .header("Content-Type", PostForm.contentType())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket("forms").key(key));
            return true;
        } catch (S3Exception e) {
            assertEquals(404, e.statusCode());
            return false;
        }
    }

    private static void assertError(HttpResponse<String> r, int status, String code, String message) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.body().contains("<Code>" + code + "</Code>"), r.body());
        if (message != null) {
            assertTrue(r.body().contains("<Message>" + message + "</Message>"), r.body());
        }
    }

    @Test
    void signedFormStoresTheFileWithMetadataTagsAndAnswers201() throws Exception {
        PostForm form = uploadForm("uploads/${filename}")
                .field("Content-Type", "text/plain")
                .condition("[\"eq\", \"$Content-Type\", \"text/plain\"]")
                .field("x-amz-meta-origin", "form")
                .condition("{\"x-amz-meta-origin\": \"form\"}")
                .field("tagging", "<Tagging><TagSet><Tag><Key>via</Key><Value>post</Value></Tag></TagSet></Tagging>")
                .condition("[\"starts-with\", \"$tagging\", \"\"]")
                .field("success_action_status", "201")
                .condition("{\"success_action_status\": \"201\"}")
                .condition("[\"content-length-range\", 1, 1048576]")
                .sign("test", "test", "us-east-1", now, now.plus(Duration.ofHours(1)));
        byte[] content = "hello from a form\n".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = post("/forms", form.body("hello.txt", "application/octet-stream", content));
        assertEquals(201, r.statusCode(), r.body());
        String etag =
                "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content)) + "\"";
        assertTrue(
                r.body()
                        .contains("<PostResponse><Location>http://localhost:"
                                + cloud.getMiniCloud().edgePort()
                                + "/forms/uploads%2Fhello.txt</Location><Bucket>forms</Bucket><Key>uploads/hello.txt</Key><ETag>"
                                + etag + "</ETag></PostResponse>"),
                r.body());
        assertEquals(etag, r.headers().firstValue("ETag").orElseThrow());

        ResponseBytes<GetObjectResponse> got =
                s3.getObjectAsBytes(b -> b.bucket("forms").key("uploads/hello.txt"));
        assertArrayEquals(content, got.asByteArray());
        assertEquals("text/plain", got.response().contentType());
        assertEquals(Map.of("origin", "form"), got.response().metadata());
        assertEquals(etag, got.response().eTag());
        assertEquals(
                List.of(Tag.builder().key("via").value("post").build()),
                s3.getObjectTagging(b -> b.bucket("forms").key("uploads/hello.txt"))
                        .tagSet());
    }

    @Test
    void redirectAnswers303WithBucketKeyAndEtag() throws Exception {
        PostForm form = uploadForm("uploads/r.bin")
                .field("success_action_redirect", "http://app.example/done?x=1")
                .condition("[\"starts-with\", \"$success_action_redirect\", \"http://app.example/\"]");
        HttpResponse<String> r = post("/forms", form.body("r.bin", "application/octet-stream", new byte[] {1, 2, 3}));
        assertEquals(303, r.statusCode(), r.body());
        String location = r.headers().firstValue("Location").orElseThrow();
        assertTrue(
                location.startsWith("http://app.example/done?x=1&bucket=forms&key=uploads%2Fr.bin&etag=%22"), location);
        assertTrue(exists("uploads/r.bin"));
        // Without an answer field: 204, as S3 defaults.
        HttpResponse<String> plain =
                post("/forms", uploadForm("uploads/p.bin").body("p", "text/plain", new byte[] {4}));
        assertEquals(204, plain.statusCode());
        assertTrue(plain.headers().firstValue("Location").orElseThrow().endsWith("/forms/uploads%2Fp.bin"));
        // Any other POST on the bucket URL is S3's 412.
        HttpResponse<String> notForm = http.send(
                HttpRequest.newBuilder(URI.create(
                                "http://localhost:" + cloud.getMiniCloud().edgePort() + "/forms"))
                        .header("Content-Type", "text/plain")
                        .header(
                                "Authorization",
                                "AWS4-HMAC-SHA256 Credential=test/20261203/us-east-1/s3/aws4_request, "
                                        + "SignedHeaders=host, Signature=" + "0".repeat(64))
                        .POST(HttpRequest.BodyPublishers.ofString("x"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertError(notForm, 412, "PreconditionFailed", null);
        assertTrue(
                notForm.body()
                        .contains("<Condition>Bucket POST must be of the enclosure-type multipart/form-data"
                                + "</Condition>"),
                notForm.body());
    }

    @Test
    void virtualHostedFormUploadOverTheSameConnectionTwice() throws Exception {
        int port = cloud.getMiniCloud().edgePort();
        try (RawSocket socket = new RawSocket(port)) {
            for (String key : new String[] {"uploads/v1", "uploads/v2"}) {
                byte[] body = uploadForm(key).body("f", "text/plain", key.getBytes(StandardCharsets.UTF_8));
                RawSocket.Response r = socket.send("POST", "/", "forms.localhost:" + port, PostForm.contentType(), body)
                        .read();
                assertEquals(204, r.status(), r.body());
            }
        }
        assertEquals(
                "uploads/v2",
                s3.getObjectAsBytes(b -> b.bucket("forms").key("uploads/v2")).asUtf8String());
    }

    @Test
    void aLargeFileStreamsInPiecesByteExact() throws Exception {
        byte[] content = TestBytes.random(3 * 1024 * 1024 + 17, 7);
        // Bytes that look like the start of a delimiter must come through as data.
        byte[] tricky =
                ("\r\n--" + PostForm.BOUNDARY.substring(0, 20) + "\r\n--").getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(tricky, 0, content, 65_530, tricky.length);
        byte[] body = uploadForm("uploads/big").body("big", "application/octet-stream", content);
        int port = cloud.getMiniCloud().edgePort();
        try (RawSocket socket = new RawSocket(port)) {
            socket.head("POST", "/forms", "localhost:" + port, PostForm.contentType(), body.length);
            for (int i = 0; i < body.length; i += 7_777) {
                socket.write(Arrays.copyOfRange(body, i, Math.min(body.length, i + 7_777)));
            }
            assertEquals(204, socket.read().status());
        }
        assertArrayEquals(
                content,
                s3.getObjectAsBytes(b -> b.bucket("forms").key("uploads/big")).asByteArray());
    }

    @Test
    void policyViolationsAreAccessDeniedAndStoreNothing() throws Exception {
        Instant expires = now.plus(Duration.ofMinutes(5));
        HttpResponse<String> prefix = post(
                "/forms",
                uploadForm("elsewhere/x")
                        .sign("test", "test", "us-east-1", now, expires)
                        .body("x", "text/plain", new byte[] {1}));
        assertError(
                prefix,
                403,
                "AccessDenied",
                "Invalid according to Policy: Policy Condition failed: [\"starts-with\", \"$key\", \"uploads/\"]");
        HttpResponse<String> extra = post(
                "/forms",
                uploadForm("uploads/x")
                        .field("x-amz-meta-sneaky", "1")
                        .sign("test", "test", "us-east-1", now, expires)
                        .body("x", "text/plain", new byte[] {1}));
        assertError(extra, 403, "AccessDenied", "Invalid according to Policy: Extra input fields: x-amz-meta-sneaky");
        HttpResponse<String> otherBucket = post(
                "/forms",
                new PostForm()
                        .field("key", "uploads/x")
                        .condition("{\"bucket\": \"not-forms\"}")
                        .condition("[\"starts-with\", \"$key\", \"\"]")
                        .sign("test", "test", "us-east-1", now, expires)
                        .body("x", "text/plain", new byte[] {1}));
        assertError(otherBucket, 403, "AccessDenied", null);

        PostForm sized = uploadForm("uploads/sized")
                .condition("[\"content-length-range\", 2, 4]")
                .sign("test", "test", "us-east-1", now, expires);
        assertError(post("/forms", sized.body("s", "text/plain", new byte[5])), 400, "EntityTooLarge", null);
        assertError(post("/forms", sized.body("s", "text/plain", new byte[1])), 400, "EntityTooSmall", null);
        assertEquals(
                204, post("/forms", sized.body("s", "text/plain", new byte[3])).statusCode());

        clock.advance(Duration.ofMinutes(5));
        PostForm late = uploadForm("uploads/late").sign("test", "test", "us-east-1", now, expires);
        assertError(
                post("/forms", late.body("l", "text/plain", new byte[1])),
                403,
                "AccessDenied",
                "Invalid according to Policy: Policy expired.");
        for (String key : new String[] {"elsewhere/x", "uploads/x", "uploads/late"}) {
            assertTrue(!exists(key), key);
        }
        assertEquals(
                3L, s3.headObject(b -> b.bucket("forms").key("uploads/sized")).contentLength());
    }

    @Test
    void badPoliciesAndFieldsGetS3sErrors() throws Exception {
        PostForm garbage = new PostForm().field("key", "uploads/g").field("policy", "not base64 json!");
        assertError(post("/forms", garbage.body("g", "text/plain", new byte[1])), 400, "InvalidPolicyDocument", null);
        PostForm noExpiry = new PostForm()
                .field("key", "uploads/g")
                .field(
                        "policy",
                        Base64.getEncoder().encodeToString("{\"conditions\": []}".getBytes(StandardCharsets.UTF_8)));
        assertError(
                post("/forms", noExpiry.body("g", "text/plain", new byte[1])),
                400,
                "InvalidPolicyDocument",
                "Invalid Policy: Policy missing expiration.");
        String[][] policies = {
            {
                "{\"expiration\": \"2099-01-01T00:00:00+02:00\", \"conditions\": []}",
                "Invalid Policy: Invalid 'expiration' value: '2099-01-01T00:00:00+02:00'"
            },
            {
                "{\"expiration\": \"2099-01-01T00:00:00Z\", \"conditions\": [{\"Content-Length\": 6199034}]}",
                "Invalid Policy: Invalid Simple-Condition: value must be a string."
            },
            {
                "{\"expiration\": \"2099-01-01T00:00:00Z\", \"conditions\": [[\"content-length-range\", 0, 512.0]]}",
                "Invalid Policy: Invalid JSON."
            },
            {
                "{\"expiration\": \"2099-01-01T00:00:00Z\", \"conditions\": [[\"matches\", \"$key\", \"x\"]]}",
                "Invalid Policy: Invalid Condition: unknown operation 'matches'."
            },
        };
        for (String[] p : policies) {
            PostForm f = new PostForm()
                    .field("key", "uploads/g")
                    .field("policy", Base64.getEncoder().encodeToString(p[0].getBytes(StandardCharsets.UTF_8)));
            assertError(post("/forms", f.body("g", "text/plain", new byte[1])), 400, "InvalidPolicyDocument", p[1]);
        }
        PostForm noKey = new PostForm().field("Content-Type", "text/plain");
        assertError(post("/forms", noKey.body("g", "text/plain", new byte[1])), 400, "InvalidArgument", null);
        PostForm badSum = uploadForm("uploads/sum").field("x-amz-checksum-crc32", "AAAAAA==");
        assertError(post("/forms", badSum.body("g", "text/plain", new byte[] {1})), 400, "BadDigest", null);
        PostForm goodSum = uploadForm("uploads/sum").field("x-amz-checksum-crc32", TestBytes.crc32(new byte[] {1}));
        assertEquals(
                204,
                post("/forms", goodSum.body("g", "text/plain", new byte[] {1})).statusCode());
        assertError(
                post("/nobucket", uploadForm("uploads/x").body("x", "text/plain", new byte[1])),
                404,
                "NoSuchBucket",
                null);
        assertTrue(!exists("uploads/g"));
    }

    @Test
    void craftedBodiesGet400AndTheConnectionSurvives() throws Exception {
        int port = cloud.getMiniCloud().edgePort();
        String form = PostForm.contentType();
        byte[] good = uploadForm("uploads/after").body("a", "text/plain", new byte[] {9});
        ByteArrayOutputStream manyFields = new ByteArrayOutputStream();
        for (int i = 0; i < 5_000; i++) {
            manyFields.writeBytes(("--" + PostForm.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"x-ignore-" + i
                            + "\"\r\n\r\nv\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        byte[] hugeHeader = ("--" + PostForm.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"key\"\r\nX-Pad: "
                        + "p".repeat(20_000) + "\r\n\r\nv\r\n--" + PostForm.BOUNDARY + "--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] good2 = uploadForm("uploads/cut").body("c", "text/plain", new byte[] {1, 2, 3});
        byte[] cut = Arrays.copyOf(good2, good2.length - (PostForm.BOUNDARY.length() + 8));
        Object[][] cases = {
            {"multipart/form-data", good, "MalformedPOSTRequest"}, // no boundary
            {form, "no parts at all".getBytes(StandardCharsets.UTF_8), "MalformedPOSTRequest"},
            {form, ("--" + PostForm.BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8), "InvalidArgument"
            }, // no file
            {form, manyFields.toByteArray(), "MaxPostPreDataLengthExceeded"},
            {form, hugeHeader, "MalformedPOSTRequest"},
            {form, cut, "MalformedPOSTRequest"}, // the file never ends
        };
        try (RawSocket socket = new RawSocket(port)) {
            for (Object[] c : cases) {
                RawSocket.Response r = socket.send("POST", "/forms", "localhost:" + port, (String) c[0], (byte[]) c[1])
                        .read();
                assertEquals(400, r.status(), r.body());
                assertTrue(r.body().contains("<Code>" + c[2] + "</Code>"), r.body());
            }
            assertEquals(
                    204,
                    socket.send("POST", "/forms", "localhost:" + port, form, good)
                            .read()
                            .status());
        }
        assertTrue(!exists("uploads/cut"));
        assertTrue(exists("uploads/after"));
        assertEquals(1, s3.listObjectsV2(b -> b.bucket("forms")).keyCount());
    }

    @Test
    void aBodyThatEndsEarlyStoresNothing() throws Exception {
        int port = cloud.getMiniCloud().edgePort();
        byte[] body = uploadForm("uploads/early").body("e", "text/plain", TestBytes.random(200_000, 3));
        try (RawSocket socket = new RawSocket(port)) {
            socket.head("POST", "/forms", "localhost:" + port, PostForm.contentType(), body.length);
            socket.write(Arrays.copyOf(body, 100_000));
        }
        // A later request on a new connection proves the server serves on, and nothing was kept.
        assertThrows(
                S3Exception.class, () -> s3.headObject(b -> b.bucket("forms").key("uploads/early")));
        assertEquals(0, s3.listObjectsV2(b -> b.bucket("forms")).keyCount());
    }
}
