package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.minicloud.MiniCloud;
import dev.minicloud.testing.EdgeFuzzRequests;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the edge HTTP request path through S3 on a real instance: requests built from S3's
 * vocabulary (buckets, keys, sub-resources, aws-chunked and checksum headers, XML bodies) with
 * fuzzed parts. Every request gets a status line and never a 500, in bounded time, and the server
 * keeps serving. Seeds: {@code S3EdgeFuzzTestInputs}.
 */
class S3EdgeFuzzTest {
    private static final EdgeFuzzRequests S3 = new EdgeFuzzRequests(
            new String[] {"/", "/fuzz", "/fuzz/obj", "/fuzz/{}", "/{}", "/fuzz/obj/{}", "/fuzz/%{}"},
            new String[] {
                "",
                "uploads",
                "uploadId=x&partNumber=1",
                "delete",
                "tagging",
                "versioning",
                "versions",
                "list-type=2&prefix=",
                "acl",
                "policy",
                "replication",
                "location",
                "attributes",
                "partNumber=",
                "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=",
                "continuation-token=",
                "max-keys="
            },
            new String[] {
                "Content-Type",
                "Content-MD5",
                "x-amz-content-sha256",
                "x-amz-decoded-content-length",
                "Content-Encoding",
                "x-amz-trailer",
                "x-amz-checksum-crc32",
                "x-amz-sdk-checksum-algorithm",
                "Range",
                "If-Match",
                "If-None-Match",
                "x-amz-copy-source",
                "x-amz-copy-source-range",
                "x-amz-tagging",
                "x-amz-metadata-directive",
                "Authorization",
                "Origin",
                "Sec-Fetch-Site",
                "x-amz-meta-a",
                "x-amz-object-attributes",
                "Transfer-Encoding",
                "Expect",
                "x-amz-bucket-region"
            },
            new String[] {
                "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
                "UNSIGNED-PAYLOAD",
                "aws-chunked",
                "x-amz-checksum-crc32",
                "CRC32",
                "bytes=0-1",
                "bytes=-5",
                "*",
                "\"etag\"",
                "/fuzz/obj",
                "text/plain",
                "application/xml",
                "https://evil.example",
                "cross-site",
                "chunked",
                "100-continue",
                "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00",
                "ETag,Checksum,ObjectParts,ObjectSize",
                "COPY",
                "a=b&c=d"
            });

    private static MiniCloud cloud;

    @BeforeAll
    static void start() throws Exception {
        cloud = MiniCloud.builder()
                .services("s3")
                .setting("s3-memory-limit", "64m")
                .start();
        RawHttp http = new RawHttp(cloud.edgePort());
        assertEquals(200, http.put("/fuzz", null).statusCode());
        assertEquals(
                200,
                http.put("/fuzz/obj", "hello".getBytes(StandardCharsets.UTF_8)).statusCode());
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @FuzzTest(maxDuration = "8s")
    @Timeout(30) // per input when fuzzing: a hang fails (Jazzer passes it to libFuzzer as -timeout)
    void everyRequestGetsAnAnswerThatIsNotA500(FuzzedDataProvider data) {
        int status = EdgeFuzzRequests.exchange(cloud.edgePort(), S3.build(data));
        assertTrue(status >= 100 && status < 600, "status " + status);
        assertNotEquals(500, status, "an unexpected failure (500) for a fuzzed request");
    }
}
