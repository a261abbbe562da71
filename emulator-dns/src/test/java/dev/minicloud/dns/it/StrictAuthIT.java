package dev.minicloud.dns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.junit.MiniCloudExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Route53Exception;

/** With {@code dns-auth=strict}, Route 53 calls must carry a valid SigV4 signature of a configured key. */
class StrictAuthIT {
    @RegisterExtension
    static MiniCloudExtension cloud = MiniCloudExtension.builder()
            .services("dns")
            .credentials("AKIDSTRICTDNS", "right-secret")
            .setting("dns-auth", "strict")
            .build();

    private Route53Client client(String accessKey, String secret) {
        return Route53Client.builder()
                .endpointOverride(cloud.getEndpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
                .build();
    }

    @Test
    void correctlySignedCallsWorkIncludingBodies() {
        try (Route53Client r53 = client("AKIDSTRICTDNS", "right-secret")) {
            String id = r53.createHostedZone(b -> b.name("strict.example").callerReference("s1"))
                    .hostedZone()
                    .id();
            assertEquals(
                    2,
                    r53.listResourceRecordSets(b -> b.hostedZoneId(id))
                            .resourceRecordSets()
                            .size());
        }
    }

    @Test
    void wrongSecretIsSignatureDoesNotMatch() {
        try (Route53Client r53 = client("AKIDSTRICTDNS", "wrong-secret")) {
            Route53Exception e = assertThrows(Route53Exception.class, r53::listHostedZones);
            assertEquals(403, e.statusCode());
            assertEquals("SignatureDoesNotMatch", e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void unknownKeyIsInvalidClientTokenId() {
        try (Route53Client r53 = client("AKIDUNKNOWN", "right-secret")) {
            Route53Exception e = assertThrows(Route53Exception.class, r53::getHostedZoneCount);
            assertEquals(403, e.statusCode());
            assertEquals("InvalidClientTokenId", e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void unsignedRequestIsMissingAuthenticationToken() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(cloud.getEndpoint() + "/2013-04-01/hostedzonecount"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("<Code>MissingAuthenticationToken</Code>"), r.body());
    }
}
