package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.junit.MiniCloudExtension;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;

/** The website endpoint in strict mode: anonymous readers get public objects only, as on S3. */
class WebsiteStrictTest {
    @RegisterExtension
    static MiniCloudExtension strict = MiniCloudExtension.builder()
            .services("s3")
            .credentials("AKIDSITE", "site-secret")
            .setting("s3-auth", "strict")
            .build();

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> site(MiniCloud c, String method, String path) throws Exception {
        return WebsiteEndpointTest.site(http, c, "strict-site.s3-website-us-east-1.localhost", method, path);
    }

    @Test
    void strictModeServesPublicObjectsOnly() throws Exception {
        MiniCloud c = strict.getMiniCloud();
        try (S3Client signed = S3Client.builder()
                .endpointOverride(TestS3.endpoint(c))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(() -> AwsBasicCredentials.create("AKIDSITE", "site-secret"))
                .build()) {
            signed.createBucket(b -> b.bucket("strict-site"));
            signed.deletePublicAccessBlock(b -> b.bucket("strict-site"));
            signed.putBucketOwnershipControls(b ->
                    b.bucket("strict-site").ownershipControls(o -> o.rules(r -> r.objectOwnership("ObjectWriter"))));
            signed.putBucketWebsite(b ->
                    b.bucket("strict-site").websiteConfiguration(w -> w.indexDocument(i -> i.suffix("index.html"))));
            signed.putObject(
                    b -> b.bucket("strict-site").key("index.html").acl(ObjectCannedACL.PUBLIC_READ),
                    RequestBody.fromString("public"));
            signed.putObject(b -> b.bucket("strict-site").key("private.html"), RequestBody.fromString("private"));
            assertEquals("public", site(c, "GET", "/").body());
            HttpResponse<String> denied = site(c, "GET", "/private.html");
            assertEquals(403, denied.statusCode());
            assertTrue(denied.body().contains("<li>Code: AccessDenied</li>"), denied.body());
        }
    }

    @Test
    void aBucketPolicysConditionsAreEvaluatedForWebsiteReaders() throws Exception {
        MiniCloud c = strict.getMiniCloud();
        try (S3Client signed = S3Client.builder()
                .endpointOverride(TestS3.endpoint(c))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(() -> AwsBasicCredentials.create("AKIDSITE", "site-secret"))
                .build()) {
            signed.createBucket(b -> b.bucket("cond-site"));
            signed.deletePublicAccessBlock(b -> b.bucket("cond-site"));
            signed.putBucketWebsite(
                    b -> b.bucket("cond-site").websiteConfiguration(w -> w.indexDocument(i -> i.suffix("index.html"))));
            signed.putObject(b -> b.bucket("cond-site").key("index.html"), RequestBody.fromString("loopback only"));
            signed.putObject(b -> b.bucket("cond-site").key("other.html"), RequestBody.fromString("elsewhere"));
            signed.putBucketPolicy(
                    b -> b.bucket("cond-site")
                            .policy(
                                    "{\"Statement\":["
                                            + "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":"
                                            + "\"arn:aws:s3:::cond-site/index.html\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":[\"127.0.0.0/8\",\"::1\"]}}},"
                                            + "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":"
                                            + "\"arn:aws:s3:::cond-site/other.html\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"192.0.2.0/24\"}}}]}"));
            HttpResponse<String> index =
                    WebsiteEndpointTest.site(http, c, "cond-site.s3-website-us-east-1.localhost", "GET", "/");
            assertEquals(200, index.statusCode(), index.body());
            assertEquals("loopback only", index.body());
            assertEquals(
                    403,
                    WebsiteEndpointTest.site(http, c, "cond-site.s3-website-us-east-1.localhost", "GET", "/other.html")
                            .statusCode(),
                    "a condition that does not hold grants nothing");
        }
    }
}
