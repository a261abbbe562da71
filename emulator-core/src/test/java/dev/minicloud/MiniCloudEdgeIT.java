package dev.minicloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minicloud.core.testservice.EchoServiceProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The runtime through the wire: lifecycle, routing, admin API and bad input on the edge port. */
class MiniCloudEdgeIT {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private MiniCloud cloud;

    @BeforeEach
    void start() {
        cloud = withEcho().start();
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    /** Core's tests route to a test-only service, added explicitly (it is not a ServiceLoader provider). */
    private static MiniCloud.Builder withEcho() {
        return MiniCloud.builder().addProvider(new EchoServiceProvider());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return cloud.endpoint().resolve(path);
    }

    @Test
    void healthListsRunningServicesWithEndpointsAndVersion() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/_minicloud/health")));
        assertEquals(200, r.statusCode());
        assertEquals(
                cloud.version(), r.headers().firstValue("x-minicloud-version").orElseThrow());
        JsonNode doc = json.readTree(r.body());
        assertEquals("running", doc.get("status").asText());
        assertEquals(cloud.version(), doc.get("version").asText());
        assertEquals("running", doc.at("/services/echo/state").asText());
        assertEquals(
                cloud.endpoint().toString(), doc.at("/services/echo/endpoint").asText());
    }

    @Test
    void responsesCarryAnImfFixdateFromTheInjectedClock() throws Exception {
        MutableClock clock = MutableClock.startingAt(Instant.parse("2026-11-03T04:05:06Z"));
        try (MiniCloud fixed = withEcho().clock(clock).start()) {
            HttpResponse<String> r =
                    send(HttpRequest.newBuilder(fixed.endpoint().resolve("/echo/date")));
            assertEquals(
                    "Tue, 03 Nov 2026 04:05:06 GMT",
                    r.headers().firstValue("Date").orElseThrow());
        }
    }

    @Test
    void headHealthIs200WithoutBody() throws Exception {
        HttpResponse<String> r = send(
                HttpRequest.newBuilder(uri("/_minicloud/health")).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, r.statusCode());
        assertEquals("", r.body());
    }

    @Test
    void resetEmptiesOneOrAllServicesAndRejectsUnknownOnes() throws Exception {
        send(HttpRequest.newBuilder(uri("/echo/a")));
        send(HttpRequest.newBuilder(uri("/echo/b")));
        HttpResponse<String> all =
                send(HttpRequest.newBuilder(uri("/_minicloud/reset")).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, all.statusCode());
        assertEquals("echo", json.readTree(all.body()).at("/reset/0").asText());
        assertTrue(send(HttpRequest.newBuilder(uri("/echo/c"))).body().endsWith("requests=1"), "state was emptied");

        HttpResponse<String> one = send(HttpRequest.newBuilder(uri("/_minicloud/reset?service=echo"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, one.statusCode());
        HttpResponse<String> unknown = send(HttpRequest.newBuilder(uri("/_minicloud/reset?service=nope"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(400, unknown.statusCode());
        assertTrue(json.readTree(unknown.body()).get("error").asText().contains("nope"));
    }

    @Test
    void adminRejectsUnknownPathsAndWrongMethods() throws Exception {
        assertEquals(
                404,
                send(HttpRequest.newBuilder(uri("/_minicloud/nothing-here"))).statusCode());
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(uri("/_minicloud/reset")));
        assertEquals(405, wrong.statusCode());
    }

    @Test
    void requestsAreRoutedBySigningNameThenPathThenFallback() throws Exception {
        HttpResponse<String> bySigningName = send(
                HttpRequest.newBuilder(uri("/anything"))
                        .header(
                                "Authorization",
                                "AWS4-HMAC-SHA256 Credential=123456789012/20261123/eu-west-1/echo/aws4_request, SignedHeaders=host, Signature=00"));
        assertEquals(200, bySigningName.statusCode());
        assertTrue(bySigningName.body().contains("account=123456789012"), bySigningName.body());

        HttpResponse<String> fallback = send(HttpRequest.newBuilder(uri("/some/key%20with%20space")));
        assertTrue(fallback.body().startsWith("path=/some/key with space account=000000000000"), fallback.body());
    }

    @Test
    void signedRequestForAServiceWeDoNotRunGetsAnAwsShapedError() throws Exception {
        HttpResponse<String> r = send(
                HttpRequest.newBuilder(uri("/"))
                        .header(
                                "Authorization",
                                "AWS4-HMAC-SHA256 Credential=test/20261123/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=00"));
        assertEquals(501, r.statusCode());
        assertTrue(r.body().contains("<Code>NotImplemented</Code>"), r.body());
        assertTrue(r.body().contains("'sqs'"), r.body());
        assertTrue(r.headers().firstValue("x-amz-request-id").isPresent());
    }

    @Test
    void serviceErrorsAreRenderedInTheRouteProtocolAndCrashesBecomeInternalError() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/echo/fail")));
        assertEquals(404, r.statusCode());
        String requestId = r.headers().firstValue("x-amz-request-id").orElseThrow();
        assertTrue(
                r.body()
                        .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchThing</Code>"
                                + "<Message>The thing does not exist</Message><Thing>fail</Thing><RequestId>"
                                + requestId + "</RequestId>"),
                r.body());

        HttpResponse<String> crash = send(HttpRequest.newBuilder(uri("/echo/crash")));
        assertEquals(500, crash.statusCode());
        assertTrue(crash.body().contains("<Code>InternalError</Code>"));
        assertTrue(!crash.body().contains("IllegalStateException"), "no stack trace or exception name leaks out");
    }

    @Test
    void bodiesAreStreamedToTheService() throws Exception {
        byte[] body = new byte[3 * 1024 * 1024 + 7];
        HttpResponse<String> r =
                send(HttpRequest.newBuilder(uri("/echo/upload")).PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertTrue(r.body().contains("length=" + body.length), r.body());
    }

    @Test
    void malformedHttpGets400AndTheServerKeepsServing() throws Exception {
        try (Socket s = new Socket("127.0.0.1", cloud.edgePort())) {
            OutputStream out = s.getOutputStream();
            out.write("THIS IS NOT HTTP\r\nfoo\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(response.startsWith("HTTP/1.1 400"), response);
            assertTrue(response.contains("<Code>BadRequest</Code>"), response);
        }
        assertEquals(
                200, send(HttpRequest.newBuilder(uri("/_minicloud/health"))).statusCode());
    }

    @Test
    void closeIsIdempotentAndReleasesThePort() throws Exception {
        URI health = uri("/_minicloud/health");
        cloud.close();
        cloud.close();
        assertTrue(cloud.isClosed());
        assertThrows(ConnectException.class, () -> send(HttpRequest.newBuilder(health)));
    }

    @Test
    void twoInstancesRunSideBySide() throws Exception {
        try (MiniCloud other = withEcho().start()) {
            assertNotEquals(cloud.edgePort(), other.edgePort());
            send(HttpRequest.newBuilder(other.endpoint().resolve("/echo/x")));
            send(HttpRequest.newBuilder(other.endpoint().resolve("/echo/x")));
            assertTrue(send(HttpRequest.newBuilder(uri("/echo/y"))).body().endsWith("requests=1"), "no shared state");
        }
    }

    @Test
    void aTakenPortFailsStartupNamingPortAndFlagAndReleasesEverything() throws Exception {
        String name = "clash-" + UUID.randomUUID();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            MiniCloudStartException e = assertThrows(
                    MiniCloudStartException.class,
                    () -> withEcho().name(name).edgePort(taken.getLocalPort()).start());
            assertTrue(e.getMessage().contains(String.valueOf(taken.getLocalPort())), e.getMessage());
            assertTrue(e.getMessage().contains("--edge-port"), e.getMessage());
        }
        assertNoThreadsNamed(name);
    }

    @Test
    void aServiceFailingToStartRollsBackListenersAndThreads() throws Exception {
        String name = "rollback-" + UUID.randomUUID();
        MiniCloudStartException e = assertThrows(
                MiniCloudStartException.class,
                () -> withEcho().name(name).setting("echo-fail-start", "true").start());
        assertEquals("echo was asked to fail", e.getMessage());
        assertNoThreadsNamed(name);
    }

    @Test
    void unknownServiceNamesAreRejected() {
        MiniCloudStartException e = assertThrows(
                MiniCloudStartException.class, () -> withEcho().services("nope").start());
        assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("echo"), e.getMessage());
    }

    private static void assertNoThreadsNamed(String prefix) throws InterruptedException {
        // The event loop's termination future completes just before its thread exits: join them.
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix)) {
                t.join(5_000);
            }
        }
        assertTrue(
                Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(t -> t.getName().startsWith(prefix) && t.isAlive()),
                "threads of the failed instance are gone");
    }
}
