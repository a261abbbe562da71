package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minicloud.MiniCloud;
import dev.minicloud.junit.MiniCloudExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Lenient mode (the default) is unchanged by access enforcement: policies and ACLs are stored but
 * let every caller in, and each account sees only its own bucket namespace, so parallel tests in
 * different accounts never collide.
 */
class AccessLenientTest {
    @RegisterExtension
    static MiniCloudExtension lenient =
            MiniCloudExtension.builder().services("s3").build();

    private static S3Client client(MiniCloud c, String account) {
        return S3Client.builder()
                .endpointOverride(TestS3.endpoint(c))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(() -> AwsBasicCredentials.create(account, "any"))
                .build();
    }

    @Test
    void aDenyAllPolicyStopsNobodyAndOtherAccountsStillSeeOnlyTheirOwnNamespace() throws Exception {
        MiniCloud c = lenient.getMiniCloud();
        try (S3Client a = client(c, "333333333333");
                S3Client b = client(c, "444444444444")) {
            a.createBucket(r -> r.bucket("lenient-denied"));
            a.putObject(r -> r.bucket("lenient-denied").key("k"), RequestBody.fromString("v"));
            a.deletePublicAccessBlock(r -> r.bucket("lenient-denied"));
            a.putBucketPolicy(
                    r -> r.bucket("lenient-denied")
                            .policy(
                                    "{\"Statement\":{\"Effect\":\"Deny\",\"Principal\":\"*\","
                                            + "\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::lenient-denied\",\"arn:aws:s3:::lenient-denied/*\"]}}"));
            assertEquals(
                    "v",
                    a.getObjectAsBytes(r -> r.bucket("lenient-denied").key("k")).asUtf8String());
            assertThrows(
                    NoSuchBucketException.class,
                    () -> b.getObjectAsBytes(r -> r.bucket("lenient-denied").key("k")),
                    "another account's namespace is not searched in lenient mode");
            HttpResponse<String> unsigned = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(TestS3.endpoint(c) + "/lenient-denied/k"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(
                    404, unsigned.statusCode(), "an unsigned request acts in the default account: " + unsigned.body());
            S3Exception wrongOwner = assertThrows(
                    S3Exception.class,
                    () -> a.getObjectAsBytes(
                            r -> r.bucket("lenient-denied").key("k").expectedBucketOwner("444444444444")));
            assertEquals(
                    403, wrongOwner.statusCode(), "x-amz-expected-bucket-owner is checked in both modes, as on S3");
        }
    }
}
