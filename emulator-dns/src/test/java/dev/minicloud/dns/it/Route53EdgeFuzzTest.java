package dev.minicloud.dns.it;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.minicloud.MiniCloud;
import dev.minicloud.testing.EdgeFuzzRequests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the edge HTTP request path through Route 53 on a real instance: requests built from the
 * Route 53 REST vocabulary (hosted zones, record sets, changes, VPC associations, tags, paging
 * parameters) with fuzzed ids, queries, headers and XML bodies. Every request gets a status line
 * and never a 500, in bounded time. Seeds: {@code Route53EdgeFuzzTestInputs}.
 */
class Route53EdgeFuzzTest {
    private static MiniCloud cloud;
    private static EdgeFuzzRequests route53;

    @BeforeAll
    static void start() {
        cloud = MiniCloud.builder().services("dns").start();
        String zone = Route53Raw.createZone(cloud, "fuzz.example.");
        Route53Raw.change(cloud, zone, Route53Raw.create("www.fuzz.example.", "A", "192.0.2.1"));
        String p = "/2013-04-01/";
        route53 = new EdgeFuzzRequests(
                new String[] {
                    p + "hostedzone",
                    p + "hostedzone/" + zone,
                    p + "hostedzone/{}",
                    p + "hostedzone/" + zone + "/rrset",
                    p + "hostedzone/{}/rrset",
                    p + "hostedzone/" + zone + "/associatevpc",
                    p + "hostedzone/" + zone + "/disassociatevpc",
                    p + "hostedzone/" + zone + "/authorizevpcassociation",
                    p + "change/{}",
                    p + "hostedzonesbyname",
                    p + "hostedzonesbyvpc",
                    p + "hostedzonecount",
                    p + "tags/hostedzone/" + zone,
                    p + "tags/{}",
                    p + "{}"
                },
                new String[] {
                    "",
                    "maxitems=",
                    "marker=",
                    "dnsname=",
                    "hostedzoneid=",
                    "vpcid=vpc-1&vpcregion=us-east-1&nexttoken=",
                    "name=www.fuzz.example.&type=",
                    "identifier=",
                    "hostedzonetype=PrivateHostedZone"
                },
                new String[] {
                    "Content-Type", "Authorization", "X-Amz-Date", "Origin", "Sec-Fetch-Site", "Transfer-Encoding"
                },
                new String[] {
                    "text/xml",
                    "application/xml",
                    "text/plain",
                    "https://evil.example",
                    "cross-site",
                    "chunked",
                    "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/route53/aws4_request, SignedHeaders=host, Signature=00"
                });
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @FuzzTest(maxDuration = "8s")
    @Timeout(30) // per input when fuzzing: a hang fails (Jazzer passes it to libFuzzer as -timeout)
    void everyRequestGetsAnAnswerThatIsNotA500(FuzzedDataProvider data) {
        int status = EdgeFuzzRequests.exchange(cloud.edgePort(), route53.build(data));
        assertTrue(status >= 100 && status < 600, "status " + status);
        assertNotEquals(500, status, "an unexpected failure (500) for a fuzzed request");
    }
}
