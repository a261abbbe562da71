package dev.minicloud.dns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.junit.MiniCloudExtension;
import dev.minicloud.testing.RawHttpConnection;
import dev.minicloud.testing.RawHttpConnection.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What SDKs never send but other clients may: prefixed and URL-encoded ids in paths, malformed or
 * hostile XML, operations MiniCloud does not emulate. Each gets Route 53's error shape, never a hang.
 */
class Route53RawHttpIT {
    private static final String NS = "https://route53.amazonaws.com/doc/2013-04-01/";

    @RegisterExtension
    static MiniCloudExtension cloud =
            MiniCloudExtension.builder().services("dns").build();

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        URI uri = URI.create(cloud.getMiniCloud().endpoint() + path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Content-Type", "text/xml");
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String createZone(String name) throws Exception {
        HttpResponse<String> r = call(
                "POST",
                "/2013-04-01/hostedzone",
                "<CreateHostedZoneRequest xmlns=\"" + NS + "\"><Name>" + name + "</Name><CallerReference>" + name
                        + "</CallerReference></CreateHostedZoneRequest>");
        assertEquals(201, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("x-amzn-RequestId").isPresent());
        assertTrue(r.headers()
                .firstValue("Location")
                .orElseThrow()
                .startsWith("https://route53.amazonaws.com/2013-04-01/hostedzone/Z"));
        Matcher m = Pattern.compile("<Id>/hostedzone/(Z[A-Z0-9]+)</Id>").matcher(r.body());
        assertTrue(m.find(), r.body());
        assertTrue(
                r.body()
                        .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><CreateHostedZoneResponse xmlns=\"" + NS
                                + "\">"),
                r.body());
        return m.group(1);
    }

    @Test
    void bareAndUrlEncodedPrefixedIdsNameTheSameZone() throws Exception {
        String id = createZone("ids.example");
        for (String path : new String[] {id, "%2Fhostedzone%2F" + id, "hostedzone/" + id}) {
            HttpResponse<String> r = call("GET", "/2013-04-01/hostedzone/" + path, null);
            assertEquals(200, r.statusCode(), path + ": " + r.body());
            assertTrue(r.body().contains("<Id>/hostedzone/" + id + "</Id>"), r.body());
        }
    }

    @Test
    void malformedXmlGetsRoute53ErrorShape() throws Exception {
        HttpResponse<String> r = call("POST", "/2013-04-01/hostedzone", "<CreateHostedZoneRequest><Name>x");
        assertEquals(400, r.statusCode());
        assertTrue(
                r.body()
                        .contains("<ErrorResponse xmlns=\"" + NS
                                + "\"><Error><Type>Sender</Type><Code>InvalidInput</Code>"),
                r.body());
        assertTrue(
                r.body()
                        .contains("<RequestId>"
                                + r.headers().firstValue("x-amzn-RequestId").orElseThrow() + "</RequestId>"),
                r.body());
    }

    @Test
    void wrongRootElementIsMalformedInput() throws Exception {
        String id = createZone("root.example");
        HttpResponse<String> r = call(
                "POST",
                "/2013-04-01/hostedzone/" + id + "/rrset",
                "<ChangeBatch xmlns=\"" + NS + "\"><Changes/></ChangeBatch>");
        assertEquals(400, r.statusCode());
        assertTrue(
                r.body()
                        .contains("<Code>MalformedInput</Code><Message>ChangeBatch is not valid, expected "
                                + "ChangeResourceRecordSetsRequest</Message>"),
                r.body());
    }

    @Test
    void entityExpansionIsRefusedNotExpanded() throws Exception {
        String bomb =
                "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                        + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><CreateHostedZoneRequest><Name>&c;</Name>"
                        + "<CallerReference>bomb</CallerReference></CreateHostedZoneRequest>";
        HttpResponse<String> r = call("POST", "/2013-04-01/hostedzone", bomb);
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("<Code>InvalidInput</Code>"), r.body());
        assertEquals(200, call("GET", "/2013-04-01/hostedzonecount", null).statusCode(), "server still serves");
    }

    @Test
    void unemulatedOperationsGetAnErrorNotAHang() throws Exception {
        HttpResponse<String> r = call("GET", "/2013-04-01/nosuchresource", null);
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("<Code>InvalidInput</Code>") && r.body().contains("does not implement"), r.body());
    }

    @Test
    void unknownChangeIsNoSuchChange404() throws Exception {
        HttpResponse<String> r = call("GET", "/2013-04-01/change/%2Fchange%2FCNOPE", null);
        assertEquals(404, r.statusCode());
        assertTrue(r.body().contains("<Code>NoSuchChange</Code>"), r.body());
    }

    @Test
    void anUndecodablePathIsInvalidInputInRoute53Shape() throws Exception {
        try (RawHttpConnection c = new RawHttpConnection(cloud.getMiniCloud().edgePort())) {
            Response r = c.exchange("GET /2013-04-01/hostedzone/%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertEquals(400, r.status(), r.body());
            assertTrue(
                    r.body()
                            .contains("<ErrorResponse xmlns=\"" + NS
                                    + "\"><Error><Type>Sender</Type><Code>InvalidInput</Code>"),
                    r.body());
            Response next = c.exchange("GET /2013-04-01/hostedzonecount HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertEquals(200, next.status(), "the connection keeps serving: " + next.body());
        }
    }

    @Test
    void aNegativeOrOverflowingNextTokenIsInvalidPaginationToken() throws Exception {
        String list = "/2013-04-01/hostedzonesbyvpc?vpcid=vpc-1&vpcregion=us-east-1&maxitems=100&nexttoken=";
        // We issue offsets no larger than the list, so anything past its end is not a token of ours either.
        for (String token : new String[] {"-5", "99999999999", String.valueOf(Integer.MAX_VALUE)}) {
            HttpResponse<String> r = call("GET", list + token, null);
            assertEquals(400, r.statusCode(), token + ": " + r.body());
            assertTrue(r.body().contains("<Code>InvalidPaginationToken</Code>"), r.body());
        }
    }
    /** What an exception's text would leak: class names, packages, stack frames. */
    private static void assertNoInternals(String what, String body) {
        for (String leak : new String[] {"Exception", "java.", "dev.minicloud", "\tat ", "Caused by"}) {
            assertFalse(body.contains(leak), what + " leaks '" + leak + "': " + body);
        }
    }

    @Test
    void errorAnswersCarryNoExceptionText() throws Exception {
        String id = createZone("errors.example");
        String rrset = "/2013-04-01/hostedzone/" + id + "/rrset";
        String change = "<ChangeResourceRecordSetsRequest xmlns=\"" + NS + "\"><ChangeBatch><Changes><Change>"
                + "<Action>CREATE</Action><ResourceRecordSet><Name>a.errors.example</Name><Type>%s</Type>"
                + "<TTL>%s</TTL><ResourceRecords><ResourceRecord><Value>%s</Value></ResourceRecord>"
                + "</ResourceRecords></ResourceRecordSet></Change></Changes></ChangeBatch>"
                + "</ChangeResourceRecordSetsRequest>";
        String[][] requests = {
            {"POST", "/2013-04-01/hostedzone", "<CreateHostedZoneRequest><Name>x"},
            {"POST", "/2013-04-01/hostedzone", "<CreateHostedZoneRequest xmlns=\"" + NS + "\"/>"},
            {"POST", rrset, change.formatted("A", "not-a-number", "192.0.2.1")},
            {"POST", rrset, change.formatted("A", "99999999999999999999", "192.0.2.1")},
            {"POST", rrset, change.formatted("A", "300", "not-an-address")},
            {"POST", rrset, change.formatted("NOPE", "300", "192.0.2.1")},
            {"POST", rrset, change.formatted("MX", "300", "no-preference")},
            {
                "POST",
                rrset,
                "<ChangeResourceRecordSetsRequest xmlns=\"" + NS + "\"><ChangeBatch/>"
                        + "</ChangeResourceRecordSetsRequest>"
            },
            {"GET", "/2013-04-01/hostedzone?maxitems=abc", null},
            {"GET", "/2013-04-01/hostedzone?maxitems=-1", null},
            {"GET", rrset + "?maxitems=99999999999999999999", null},
            {"GET", "/2013-04-01/hostedzone/ZNOSUCHZONE", null},
            {
                "POST",
                "/2013-04-01/healthcheck",
                "<CreateHealthCheckRequest xmlns=\"" + NS + "\"><CallerReference>c"
                        + "</CallerReference><HealthCheckConfig><Type>HTTP</Type><Port>99999</Port>"
                        + "</HealthCheckConfig></CreateHealthCheckRequest>"
            },
            {"POST", "/_minicloud/dns/health-checks/nosuch?status=healthy", null},
            {"POST", "/_minicloud/dns/health-checks/nosuch?status=sideways", null},
            {"POST", "/_minicloud/reset?service=nosuch", null},
        };
        for (String[] r : requests) {
            HttpResponse<String> answer = call(r[0], r[1], r[2]);
            String what = r[0] + " " + r[1];
            assertTrue(
                    answer.statusCode() >= 400 && answer.statusCode() < 500,
                    what + ": " + answer.statusCode() + " " + answer.body());
            assertNoInternals(what, answer.body());
        }
        assertEquals(200, call("GET", "/2013-04-01/hostedzonecount", null).statusCode(), "still serving");
    }
}
