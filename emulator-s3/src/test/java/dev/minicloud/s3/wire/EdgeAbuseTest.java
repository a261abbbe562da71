package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.s3.S3Service;
import dev.minicloud.testing.RawHttpConnection;
import dev.minicloud.testing.RawHttpConnection.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * S3 on the edge port against clients that misbehave on the wire: uploads that stall, bodies whose
 * chunked framing breaks half-way, undecodable keys, and web pages posting cross-site. Nothing is
 * committed, no memory stays reserved, and the server keeps serving.
 */
class EdgeAbuseTest {
    /** Short, so the idle-timeout tests wait well under a second for it; the default is S3's 20 s. */
    private static final String SHORT_IDLE_TIMEOUT_MILLIS = "300";

    private MiniCloud cloud;

    @BeforeEach
    void start() throws IOException {
        start(MiniCloud.builder().services("s3"));
    }

    /** Replaces the instance with one whose edge closes idle connections quickly. */
    private void startWithShortIdleTimeout() throws IOException {
        cloud.close();
        start(MiniCloud.builder().services("s3").setting("edge-idle-timeout", SHORT_IDLE_TIMEOUT_MILLIS));
    }

    private void start(MiniCloud.Builder builder) throws IOException {
        cloud = builder.start();
        try (RawHttpConnection c = connect()) {
            assertEquals(200, c.exchange(request("PUT", "/bucket", 0) + "\r\n").status());
        }
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    private RawHttpConnection connect() throws IOException {
        return new RawHttpConnection(cloud.edgePort());
    }

    private String request(String method, String target, long contentLength, String... headers) {
        StringBuilder b =
                new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + cloud.edgePort() + "\r\n");
        for (String h : headers) {
            b.append(h).append("\r\n");
        }
        if (contentLength >= 0) {
            b.append("Content-Length: ").append(contentLength).append("\r\n");
        }
        return b.toString();
    }

    private long usedBytes() {
        return cloud.service(S3Service.class).orElseThrow().store().quota().used();
    }

    private int headStatus(String key) throws IOException {
        try (RawHttpConnection c = connect()) {
            return c.exchange(request("HEAD", "/bucket/" + key, -1) + "\r\n").status();
        }
    }

    @Test
    void aStalledUploadIsClosedAfterTheIdleTimeoutAndGivesItsMemoryBack() throws IOException {
        startWithShortIdleTimeout();
        byte[] part = new byte[256 * 1024];
        Arrays.fill(part, (byte) 'x');
        try (RawHttpConnection c = connect()) {
            c.send(request("PUT", "/bucket/stalled", 4L * 1024 * 1024) + "\r\n");
            c.send(part); // a quarter of the promised bytes, then nothing
            Response r = c.readResponse();
            assertEquals(400, r.status(), r.body());
            assertTrue(
                    r.body()
                            .contains(
                                    "<Code>RequestTimeout</Code><Message>Your socket connection to the server was not "
                                            + "read from or written to within the timeout period. Idle connections will be closed.</Message>"),
                    r.body());
            c.awaitClosedByServer();
        }
        assertEquals(0L, usedBytes(), "the pages reserved for the partial body are released");
        assertEquals(404, headStatus("stalled"), "nothing was committed");
    }

    @Test
    void anIdleKeepAliveConnectionIsClosed() throws IOException {
        startWithShortIdleTimeout();
        try (RawHttpConnection c = connect()) {
            assertEquals(200, c.exchange(request("GET", "/bucket", 0) + "\r\n").status());
            c.awaitClosedByServer();
        }
    }

    @Test
    void aBodyWhoseChunkedFramingBreaksIsAnAbortedUpload() throws IOException {
        byte[] chunk = new byte[16 * 1024];
        Arrays.fill(chunk, (byte) 'y');
        try (RawHttpConnection c = connect()) {
            c.send(request("PUT", "/bucket/truncated", -1, "Transfer-Encoding: chunked") + "\r\n");
            c.send(Integer.toHexString(chunk.length) + "\r\n");
            c.send(chunk);
            c.send("\r\nnot-a-chunk-size\r\n");
            c.awaitClosedByServer();
        }
        assertEquals(404, headStatus("truncated"), "a truncated body is never stored");
        assertEquals(0L, usedBytes());
    }

    @Test
    void anUndecodableKeyIsInvalidUri() throws IOException {
        try (RawHttpConnection c = connect()) {
            Response r = c.exchange(request("GET", "/bucket/bad%e", 0) + "\r\n");
            assertEquals(400, r.status(), r.body());
            assertTrue(
                    r.body()
                            .contains(
                                    "<Error><Code>InvalidURI</Code><Message>Couldn't parse the specified URI.</Message>"),
                    r.body());
            assertEquals(
                    404, c.exchange(request("GET", "/bucket/fine", 0) + "\r\n").status(), "still serving");
        }
    }

    @Test
    void aCrossSiteFormPostCannotDeleteObjects() throws IOException {
        try (RawHttpConnection c = connect()) {
            byte[] keep = "kept".getBytes(StandardCharsets.UTF_8);
            c.send(request("PUT", "/bucket/keep", keep.length) + "\r\n");
            assertEquals(200, c.send(keep).readResponse().status());
            String body = "<Delete><Object><Key>keep</Key></Object></Delete>";
            Response r = c.exchange(request(
                            "POST",
                            "/bucket?delete",
                            body.length(),
                            "Origin: https://evil.example",
                            "Content-Type: text/plain")
                    + "\r\n" + body);
            assertEquals(403, r.status(), r.body());
            assertTrue(r.body().contains("<Code>AccessDenied</Code>"), r.body());
        }
        assertEquals(200, headStatus("keep"));
    }
}
