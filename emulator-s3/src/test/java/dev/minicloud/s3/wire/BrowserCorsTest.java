package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.minicloud.junit.MiniCloudExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * CORS as a browser meets it: a page on another origin, loaded by Debian's headless Chromium, uploads
 * with {@code fetch} to a presigned PUT URL (a preflighted request), reads the ETag S3 exposes and
 * downloads the object again; a page whose origin the rules do not name is refused by the browser, and
 * its simple (unpreflighted) write never reaches the bucket. {@code .ci/run} installs Chromium; without
 * it these tests are skipped.
 */
class BrowserCorsTest extends S3WireTest {
    @RegisterExtension
    static MiniCloudExtension cloud = s3Cloud();

    @BeforeAll
    static void chromium() {
        assumeTrue(HeadlessChromium.available(), "/usr/bin/chromium is not installed (apt-get install chromium)");
    }

    private S3Presigner presigner() {
        return S3Presigner.builder()
                .endpointOverride(TestS3.endpoint(cloud.getMiniCloud()))
                .region(Region.US_EAST_1)
                .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(() -> AwsBasicCredentials.create("test", "test"))
                .build();
    }

    private static String page(String script) {
        return "<html><body><pre id=\"out\">pending</pre><script>(async () => { const out = document.getElementById('out');"
                + " try { " + script
                + " } catch (e) { out.textContent = 'RESULT:error:' + e.name; } })();</script></body></html>";
    }

    @Test
    void aPageOnAnAllowedOriginUploadsThroughAPresignedUrlAndReadsTheObjectBack() {
        s3.createBucket(b -> b.bucket("browser"));
        try (S3Presigner presigner = presigner()) {
            String put = presigner
                    .presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(10))
                            .putObjectRequest(r ->
                                    r.bucket("browser").key("from-browser.txt").contentType("text/plain")))
                    .url()
                    .toString();
            String get = presigner
                    .presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(10))
                            .getObjectRequest(r -> r.bucket("browser").key("from-browser.txt")))
                    .url()
                    .toString();
            String script =
                    "const put = await fetch('" + put + "', {method: 'PUT', headers: {'Content-Type': 'text/plain',"
                            + " 'x-amz-meta-from': 'chromium'}, body: 'hello from a page'});"
                            + " const etag = put.headers.get('ETag');"
                            + " const got = await fetch('" + get + "'); const text = await got.text();"
                            + " out.textContent = 'RESULT:' + put.status + ':' + (etag ? etag.length : 'none') + ':' + got.status + ':' + text;";
            try (HeadlessChromium page = new HeadlessChromium(Map.of("/upload.html", page(script)))) {
                // The page's origin is known once its server is up: the rules name exactly it.
                s3.putBucketCors(b -> b.bucket("browser")
                        .corsConfiguration(c -> c.corsRules(CORSRule.builder()
                                .allowedOrigins(page.origin())
                                .allowedMethods("PUT", "GET")
                                .allowedHeaders("*")
                                .exposeHeaders("ETag")
                                .maxAgeSeconds(60)
                                .build())));
                assertEquals(
                        "200:34:200:hello from a page", page.run("/upload.html"), "an ETag is 32 hex digits in quotes");
            }
        }
        assertEquals(
                "hello from a page",
                s3.getObjectAsBytes(b -> b.bucket("browser").key("from-browser.txt"))
                        .asUtf8String());
        assertEquals(
                "chromium",
                s3.headObject(b -> b.bucket("browser").key("from-browser.txt"))
                        .metadata()
                        .get("from"));
    }

    @Test
    void aPageOnAnotherOriginIsRefusedAndItsSimpleWriteStoresNothing() {
        s3.createBucket(b -> b.bucket("guarded"));
        s3.putBucketCors(b -> b.bucket("guarded")
                .corsConfiguration(c -> c.corsRules(CORSRule.builder()
                        .allowedOrigins("https://app.example")
                        .allowedMethods("PUT", "GET")
                        .allowedHeaders("*")
                        .build())));
        s3.putObject(b -> b.bucket("guarded").key("existing.txt"), RequestBody.fromString("original"));
        String base = TestS3.endpoint(cloud.getMiniCloud()) + "/guarded/";
        // A text/plain PUT with no custom header is "simple" only for POST; PUT is preflighted, so the
        // browser asks first and stops. A form-style POST is sent without asking: the edge must refuse it.
        String script =
                "let read; try { const r = await fetch('" + base + "existing.txt'); read = 'read:' + r.status; }"
                        + " catch (e) { read = 'read:' + e.name; }"
                        + " let put; try { const r = await fetch('" + base
                        + "existing.txt', {method: 'PUT', body: 'overwritten'});"
                        + " put = 'put:' + r.status; } catch (e) { put = 'put:' + e.name; }"
                        + " await fetch('" + base
                        + "', {method: 'POST', mode: 'no-cors', body: new URLSearchParams({key: 'dropped.txt'})});"
                        + " out.textContent = 'RESULT:' + read + ',' + put;";
        try (HeadlessChromium page = new HeadlessChromium(Map.of("/evil.html", page(script)))) {
            assertEquals("read:TypeError,put:TypeError", page.run("/evil.html"));
        }
        assertEquals(
                "original",
                s3.getObjectAsBytes(b -> b.bucket("guarded").key("existing.txt"))
                        .asUtf8String());
        assertTrue(s3.listObjectsV2(b -> b.bucket("guarded")).contents().stream()
                .noneMatch(o -> o.key().equals("dropped.txt")));
    }
}
