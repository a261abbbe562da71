package dev.minicloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.core.testservice.EchoServiceProvider;
import dev.minicloud.testing.RawHttpConnection;
import dev.minicloud.testing.RawHttpConnection.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The edge port against hostile input through the wire: undecodable URIs, web pages on other
 * origins, DNS-rebound host names, strict-mode admin credentials, worker failures.
 */
class EdgeHardeningIT {
    private MiniCloud cloud;

    @BeforeEach
    void start() {
        cloud = MiniCloud.builder().addProvider(new EchoServiceProvider()).start();
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    private String host() {
        return "127.0.0.1:" + cloud.edgePort();
    }

    private static String request(String method, String target, String host, String... headers) {
        StringBuilder b = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\n");
        for (String h : headers) {
            b.append(h).append("\r\n");
        }
        return b.append("Content-Length: 0\r\n\r\n").toString();
    }

    @Test
    void badPercentEscapesInPathOrQueryAre400InvalidUriAndTheConnectionKeepsServing() throws Exception {
        try (RawHttpConnection c = new RawHttpConnection(cloud.edgePort())) {
            Response path = c.exchange(request("GET", "/echo/%zz", host()));
            assertEquals(400, path.status(), path.body());
            assertTrue(
                    path.body().contains("<Code>InvalidURI</Code><Message>Couldn't parse the specified URI.</Message>"),
                    path.body());
            Response query = c.exchange(request("GET", "/echo/ok?prefix=%4", host()));
            assertEquals(400, query.status(), query.body());
            assertTrue(query.body().contains("<Code>InvalidURI</Code>"), query.body());
            Response fine = c.exchange(request("GET", "/echo/fine?prefix=a%20b", host()));
            assertEquals(200, fine.status(), "the same connection still serves: " + fine.body());
        }
    }

    @Test
    void theQueryIsSplitOnAmpersandsOnly() throws Exception {
        try (RawHttpConnection c = new RawHttpConnection(cloud.edgePort())) {
            // Netty's decoder would split "a;b" into two parameters; SigV4 (and AWS) do not.
            Response r = c.exchange(
                    request("GET", "/_minicloud/reset?service=echo;x=1", host()).replace("GET", "POST"));
            assertEquals(400, r.status(), "one parameter 'service' with the value 'echo;x=1': " + r.body());
            assertTrue(r.body().contains("echo;x=1"), r.body());
        }
    }

    @Test
    void aWorkerFailureIsLoggedAndAnswered500WithoutItsText() throws Exception {
        try (RawHttpConnection c = new RawHttpConnection(cloud.edgePort())) {
            Response r = c.exchange(request("GET", "/echo/worker-crash", host()));
            assertEquals(500, r.status());
            assertTrue(
                    r.body()
                            .contains("<Code>InternalError</Code><Message>We encountered an internal error. "
                                    + "Please try again.</Message>"),
                    r.body());
            assertFalse(r.body().contains("secret-internal-detail"), r.body());
        }
    }

    @Test
    void adminRefusesRequestsFromWebPagesOnOtherOrigins() throws Exception {
        try (RawHttpConnection c = new RawHttpConnection(cloud.edgePort())) {
            Response evil = c.exchange(request(
                    "POST", "/_minicloud/reset", host(), "Origin: http://evil.example", "Content-Type: text/plain"));
            assertEquals(403, evil.status(), evil.body());
            assertTrue(evil.body().contains("other origins"), evil.body());
            Response fetchSite = c.exchange(request("POST", "/_minicloud/reset", host(), "Sec-Fetch-Site: cross-site"));
            assertEquals(403, fetchSite.status(), fetchSite.body());
            Response sameSite = c.exchange(request("POST", "/_minicloud/reset", host(), "Sec-Fetch-Site: same-site"));
            assertEquals(403, sameSite.status(), "another port of localhost is another origin: " + sameSite.body());

            Response sameOrigin = c.exchange(request(
                    "POST", "/_minicloud/reset", host(), "Origin: http://" + host(), "Sec-Fetch-Site: same-origin"));
            assertEquals(200, sameOrigin.status(), sameOrigin.body());
            Response typed = c.exchange(request("GET", "/_minicloud/health", host(), "Sec-Fetch-Site: none"));
            assertEquals(200, typed.status(), "a URL typed into the address bar: " + typed.body());
            Response cli = c.exchange(request("POST", "/_minicloud/reset", "localhost:" + cloud.edgePort()));
            assertEquals(200, cli.status(), "curl and SDKs send no Origin: " + cli.body());
        }
    }

    @Test
    void adminRefusesHostNamesItIsNotBoundUnder() throws Exception {
        try (RawHttpConnection c = new RawHttpConnection(cloud.edgePort())) {
            Response rebound = c.exchange(request("POST", "/_minicloud/reset", "attacker.example:" + cloud.edgePort()));
            assertEquals(403, rebound.status(), "a DNS-rebound name: " + rebound.body());
            Response otherPort = c.exchange(request("POST", "/_minicloud/reset", "127.0.0.1:1"));
            assertEquals(403, otherPort.status(), otherPort.body());
            Response noPort = c.exchange(request("GET", "/_minicloud/health", "localhost"));
            assertEquals(403, noPort.status(), noPort.body());
            for (String name : new String[] {"127.0.0.1", "localhost", "LOCALHOST", "[::1]"}) {
                Response ok = c.exchange(request("GET", "/_minicloud/health", name + ":" + cloud.edgePort()));
                assertEquals(200, ok.status(), name + ": " + ok.body());
            }
        }
    }

    @Test
    void inStrictModeAdminCallsNeedTheConfiguredCredentials() throws Exception {
        try (MiniCloud strict = MiniCloud.builder()
                        .addProvider(new EchoServiceProvider())
                        .credentials("AKIDADMIN", "admin-secret")
                        .setting("echo-auth", "strict")
                        .start();
                RawHttpConnection c = new RawHttpConnection(strict.edgePort())) {
            String h = "127.0.0.1:" + strict.edgePort();
            Response none = c.exchange(request("POST", "/_minicloud/reset", h));
            assertEquals(403, none.status(), none.body());
            assertTrue(none.body().contains("x-minicloud-credentials"), none.body());
            Response wrong =
                    c.exchange(request("POST", "/_minicloud/reset", h, "x-minicloud-credentials: AKIDADMIN:nope"));
            assertEquals(403, wrong.status(), wrong.body());
            Response right = c.exchange(
                    request("POST", "/_minicloud/reset", h, "x-minicloud-credentials: AKIDADMIN:admin-secret"));
            assertEquals(200, right.status(), right.body());
        }
    }

    @Test
    void unsignedCrossSiteSimpleWritesToServicesAreAccessDenied() throws Exception {
        try (RawHttpConnection c = new RawHttpConnection(cloud.edgePort())) {
            Response form = c.exchange(request(
                    "POST",
                    "/echo/bucket?delete",
                    host(),
                    "Origin: http://evil.example",
                    "Content-Type: text/plain;charset=UTF-8"));
            assertEquals(403, form.status(), form.body());
            assertTrue(form.body().contains("<Code>AccessDenied</Code><Message>Access Denied</Message>"), form.body());
            Response fetchSite = c.exchange(request(
                    "PUT",
                    "/echo/bucket/key",
                    host(),
                    "Sec-Fetch-Site: cross-site",
                    "Content-Type: application/x-www-form-urlencoded"));
            assertEquals(403, fetchSite.status(), fetchSite.body());

            Response sdk = c.exchange(request("POST", "/echo/bucket?delete", host(), "Content-Type: text/plain"));
            assertEquals(200, sdk.status(), "no Origin: an SDK, a CLI or a test: " + sdk.body());
            Response signed = c.exchange(request(
                    "POST",
                    "/echo/bucket?delete",
                    host(),
                    "Origin: http://evil.example",
                    "Authorization: AWS4-HMAC-SHA256 Credential=AKID/20261123/us-east-1/echo/aws4_request, "
                            + "SignedHeaders=host, Signature=00"));
            assertEquals(
                    200, signed.status(), "a page cannot send Authorization without a preflight: " + signed.body());
            Response preflighted = c.exchange(request(
                    "PUT", "/echo/bucket/key", host(), "Origin: http://evil.example", "Content-Type: image/png"));
            assertEquals(200, preflighted.status(), "a non-simple request is CORS's business: " + preflighted.body());
            Response read = c.exchange(request("GET", "/echo/bucket/key", host(), "Origin: http://evil.example"));
            assertEquals(200, read.status(), read.body());
        }
    }
}
