package dev.minicloud.dns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.MiniCloudStartException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.CreateHostedZoneResponse;

/**
 * The dns-* settings: lenient/strict read as in S3 (any case), ports and upstreams checked at start;
 * and the instance's seedable random behind zone and change ids.
 */
class DnsSettingsIT {

    /** The message of the start-up failure that setting {@code name} to {@code value} causes. */
    private static String refusal(String name, String value) {
        return assertThrows(
                        MiniCloudStartException.class,
                        () -> MiniCloud.builder()
                                .services("dns")
                                .setting(name, value)
                                .start())
                .getMessage();
    }

    private static HttpResponse<String> zoneCount(MiniCloud cloud) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(cloud.endpoint() + "/2013-04-01/hostedzonecount"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void authModeIsReadInAnyCaseAsInS3() throws Exception {
        try (MiniCloud cloud = MiniCloud.builder()
                .services("dns")
                .setting("dns-auth", "Strict")
                .start()) {
            HttpResponse<String> r = zoneCount(cloud);
            assertEquals(403, r.statusCode());
            assertTrue(r.body().contains("<Code>MissingAuthenticationToken</Code>"), r.body());
        }
        try (MiniCloud cloud = MiniCloud.builder()
                .services("dns")
                .setting("dns-auth", "LENIENT")
                .start()) {
            assertEquals(200, zoneCount(cloud).statusCode());
        }
    }

    @Test
    void badValuesStopStartupNamingTheSettingAndWhatItExpects() {
        String auth = refusal("dns-auth", "sign");
        assertEquals("Bad value 'sign' for setting 'dns-auth': expected one of lenient, strict", auth);
        String upstream = refusal("dns-upstream", "127.0.0.1:99999");
        assertTrue(
                upstream.startsWith("Bad value '127.0.0.1:99999' for setting 'dns-upstream': expected host[:port]"),
                upstream);
        String ports = refusal("dns-vpc-ports", "vpc-1=x");
        assertTrue(
                ports.startsWith("Bad value 'vpc-1=x' for setting 'dns-vpc-ports': expected name=value pairs"), ports);
    }

    private static List<String> createdIds(long seed) {
        try (MiniCloud cloud = MiniCloud.builder().services("dns").random(seed).start();
                Route53Client r53 = Route53Client.builder()
                        .endpointOverride(cloud.endpoint())
                        .region(Region.AWS_GLOBAL)
                        .credentialsProvider(
                                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                        .build()) {
            CreateHostedZoneResponse r =
                    r53.createHostedZone(b -> b.name("seeded.example").callerReference("c1"));
            return List.of(
                    r.hostedZone().id(),
                    r.changeInfo().id(),
                    String.join(",", r.delegationSet().nameServers()));
        }
    }

    @Test
    void aFixedInstanceSeedGivesTheSameZoneAndChangeIds() {
        assertEquals(createdIds(7), createdIds(7));
        assertNotEquals(createdIds(7), createdIds(8));
    }

    @Test
    void thePublicPortIsTheServicesOwnSetting() {
        try (MiniCloud cloud = MiniCloud.builder().services("dns").dnsPort(0).start()) {
            assertEquals("0", cloud.config().settings().get("dns-port"), "dnsPort(n) is the dns-port setting");
            assertTrue(cloud.address("dns").orElseThrow().getPort() > 0);
        }
    }
}
