package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.junit.MiniCloudExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * POST Object in strict mode: the form's SigV4 policy signature is verified against the configured
 * credentials (AWS's {@code SignatureDoesNotMatch}, {@code InvalidAccessKeyId}; an unsigned form is
 * {@code AccessDenied}), and the object lands in the signing key's account.
 */
class PostObjectStrictTest {
    @RegisterExtension
    MiniCloudExtension strict = MiniCloudExtension.builder()
            .services("s3")
            .credentials("AKIDFORMS", "forms-secret")
            .setting("s3-auth", "strict")
            .build();

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(MiniCloud c, byte[] body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + c.edgePort() + "/signed"))
                        .header("Content-Type", PostForm.contentType())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postFromPage(MiniCloud c, byte[] body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + c.edgePort() + "/signed"))
                        .header("Content-Type", PostForm.contentType())
                        .header("Origin", "https://some-page.example")
                        .header("Sec-Fetch-Site", "cross-site")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static S3Client signedClient(MiniCloud c) {
        return S3Client.builder()
                .endpointOverride(TestS3.endpoint(c))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(() -> AwsBasicCredentials.create("AKIDFORMS", "forms-secret"))
                .build();
    }

    private static PostForm form(String key) {
        return new PostForm()
                .field("key", key)
                .condition("{\"bucket\": \"signed\"}")
                .condition("[\"starts-with\", \"$key\", \"\"]");
    }

    @Test
    void onlyCorrectlySignedFormsUpload() throws Exception {
        MiniCloud c = strict.getMiniCloud();
        Instant now = Instant.now();
        try (S3Client s3 = signedClient(c)) {
            s3.createBucket(b -> b.bucket("signed"));
            byte[] data = "signed upload".getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> ok = post(
                    c,
                    form("good")
                            .sign("AKIDFORMS", "forms-secret", "us-east-1", now, now.plus(Duration.ofMinutes(10)))
                            .body("g", "text/plain", data));
            assertEquals(204, ok.statusCode(), ok.body());
            assertEquals(
                    "signed upload",
                    s3.getObjectAsBytes(b -> b.bucket("signed").key("good")).asUtf8String());

            HttpResponse<String> wrong = post(
                    c,
                    form("bad")
                            .sign("AKIDFORMS", "not-the-secret", "us-east-1", now, now.plus(Duration.ofMinutes(10)))
                            .body("b", "text/plain", data));
            assertEquals(403, wrong.statusCode());
            assertTrue(wrong.body().contains("<Code>SignatureDoesNotMatch</Code>"), wrong.body());
            HttpResponse<String> unknown = post(
                    c,
                    form("bad")
                            .sign("AKIDNOBODY", "x", "us-east-1", now, now.plus(Duration.ofMinutes(10)))
                            .body("b", "text/plain", data));
            assertEquals(403, unknown.statusCode());
            assertTrue(unknown.body().contains("<Code>InvalidAccessKeyId</Code>"), unknown.body());
            HttpResponse<String> anonymous = post(c, form("bad").body("b", "text/plain", data));
            assertEquals(403, anonymous.statusCode());
            assertTrue(anonymous.body().contains("<Code>AccessDenied</Code>"), anonymous.body());
            // A signature over another policy than the one sent does not match either.
            PostForm tampered =
                    form("bad").sign("AKIDFORMS", "forms-secret", "us-east-1", now, now.plus(Duration.ofMinutes(10)));
            tampered.field(
                    "policy",
                    new PostForm()
                            .condition("[\"starts-with\", \"$key\", \"\"]")
                            .policy(now.plus(Duration.ofDays(365))));
            assertEquals(403, post(c, tampered.body("b", "text/plain", data)).statusCode());
            assertEquals(1, s3.listObjectsV2(b -> b.bucket("signed")).keyCount());
        }
    }

    @Test
    void aSignedFormFromAPageOnAnyOriginPassesTheEdgeAndAnUnsignedOneDoesNot() throws Exception {
        MiniCloud c = strict.getMiniCloud();
        Instant now = Instant.now();
        try (S3Client s3 = signedClient(c)) {
            s3.createBucket(b -> b.bucket("signed"));
            byte[] data = "from a page".getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> ok = postFromPage(
                    c,
                    form("page")
                            .sign("AKIDFORMS", "forms-secret", "us-east-1", now, now.plus(Duration.ofMinutes(10)))
                            .body("p", "text/plain", data));
            assertEquals(204, ok.statusCode(), "the signed policy decides, not the page's origin: " + ok.body());
            HttpResponse<String> unsigned = postFromPage(c, form("nope").body("n", "text/plain", data));
            assertEquals(403, unsigned.statusCode());
            assertEquals(1, s3.listObjectsV2(b -> b.bucket("signed")).keyCount());
        }
    }
}
