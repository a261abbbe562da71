package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.testing.CostRatio;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The known worst cases of the S3 protocol answer in time bounded relative to a trivial request of
 * the same size on the same instance (issue 16, standing defence "algorithmic limits"): XML nested
 * 10,000 deep, 10,000 one-byte aws-chunks, and a 10,000-part CompleteMultipartUpload list; the
 * server answers each properly and keeps serving.
 */
class S3AlgorithmicLimitsTest {
    private static MiniCloud cloud;
    private static RawHttp raw;

    @BeforeAll
    static void start() throws Exception {
        cloud = MiniCloud.builder().services("s3").start();
        raw = new RawHttp(cloud.edgePort());
        assertEquals(200, raw.put("/limits", null).statusCode());
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static int put(String path, byte[] body, String... headers) throws Exception {
        return raw.put(path, body, headers).statusCode();
    }

    @Test
    void deeplyNestedXmlIsRefusedAtTheCostOfAFlatBody() throws Exception {
        byte[] flat = bytes(
                "<Delete><Object><Key>k</Key></Object>" + "<Object><Key>k</Key></Object>".repeat(1000) + "</Delete>");
        byte[] deep = bytes("<Delete>" + "<Object>".repeat(10_000) + "</Object>".repeat(10_000) + "</Delete>");
        CostRatio.assertAtMost(
                20,
                "DeleteObjects nested 10,000 deep",
                () -> raw.send("POST", "/limits?delete", flat, "Content-MD5", RawHttp.md5(flat)),
                () -> raw.send("POST", "/limits?delete", deep, "Content-MD5", RawHttp.md5(deep)));
        HttpResponse<String> refused = raw.send("POST", "/limits?delete", deep, "Content-MD5", RawHttp.md5(deep));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("<Code>MalformedXML</Code>"), refused.body());
    }

    /**
     * Per chunk the cost is constant (here dominated by the paranoid leak detection every test runs
     * with), so ten times the chunks must cost about ten times as much, not a hundred.
     */
    @Test
    void tinyAwsChunksCostLinearlyInTheirNumber() throws Exception {
        CostRatio.assertAtMost(
                30,
                "10,000 one-byte aws-chunks against 1,000",
                () -> putChunked("/limits/few", 1_000),
                () -> putChunked("/limits/many", 10_000));
        assertEquals("a".repeat(10_000), raw.get("/limits/many").body());
    }

    private static int putChunked(String path, int n) throws Exception {
        byte[] chunked = bytes("1\r\na\r\n".repeat(n) + "0\r\n\r\n");
        return put(
                path,
                chunked,
                "x-amz-content-sha256",
                "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                "Content-Encoding",
                "aws-chunked",
                "x-amz-decoded-content-length",
                Integer.toString(n));
    }

    @Test
    void aTenThousandPartCompleteListCostsAboutWhatABodyOfItsSizeDoes() throws Exception {
        HttpResponse<String> created = raw.send("POST", "/limits/mpu?uploads", null);
        Matcher m = Pattern.compile("<UploadId>([^<]+)</UploadId>").matcher(created.body());
        assertTrue(m.find(), created.body());
        String upload = m.group(1);
        HttpResponse<String> part = raw.put("/limits/mpu?partNumber=1&uploadId=" + upload, bytes("hello"));
        String etag = part.headers().firstValue("ETag").orElseThrow();
        StringBuilder list = new StringBuilder("<CompleteMultipartUpload>");
        list.append("<Part><PartNumber>1</PartNumber><ETag>").append(etag).append("</ETag></Part>");
        for (int i = 2; i <= 10_000; i++) {
            list.append("<Part><PartNumber>").append(i).append("</PartNumber><ETag>\"0\"</ETag></Part>");
        }
        byte[] parts = bytes(list.append("</CompleteMultipartUpload>").toString());
        byte[] sameSize = new byte[parts.length];
        // parts 2..10,000 were never uploaded: InvalidPart, and the upload stays open for the next run
        CostRatio.assertAtMost(
                20,
                "CompleteMultipartUpload with 10,000 parts",
                () -> put("/limits/same-size", sameSize),
                () -> raw.send("POST", "/limits/mpu?uploadId=" + upload, parts));
        HttpResponse<String> refused = raw.send("POST", "/limits/mpu?uploadId=" + upload, parts);
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("<Code>InvalidPart</Code>"), refused.body());
        assertEquals(200, put("/limits/after", bytes("still serving")));
    }
}
