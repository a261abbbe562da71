package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.minicloud.junit.MiniCloudExtension;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * A real HTML form, served from the bucket itself, submitted by headless Chromium (Debian's
 * {@code /usr/bin/chromium}; skipped where it is not installed): the page fills its file input
 * with a {@code File} and submits the form, the browser encodes {@code multipart/form-data} as
 * browsers do, and follows {@code success_action_redirect} to a page whose text the test reads
 * from Chromium's final DOM.
 */
class PostObjectBrowserTest extends S3WireTest {
    private static final File CHROMIUM = new File("/usr/bin/chromium");

    @RegisterExtension
    static MiniCloudExtension cloud = s3Cloud();

    @TempDir
    Path profile;

    @Test
    void chromiumSubmitsAFormUploadAndFollowsTheRedirect() throws Exception {
        assumeTrue(CHROMIUM.canExecute(), "headless Chromium is not installed");
        String base = "http://localhost:" + cloud.getMiniCloud().edgePort();
        s3.createBucket(b -> b.bucket("site"));
        PostForm form = new PostForm()
                .field("key", "uploads/${filename}")
                .field("success_action_redirect", base + "/site/done.html")
                .field("x-amz-meta-from", "chromium")
                .condition("{\"bucket\": \"site\"}")
                .condition("[\"starts-with\", \"$key\", \"uploads/\"]")
                .condition("[\"starts-with\", \"$success_action_redirect\", \"" + base + "/\"]")
                .condition("{\"x-amz-meta-from\": \"chromium\"}")
                .condition("[\"content-length-range\", 1, 1024]")
                .sign("test", "test", "us-east-1", Instant.now(), Instant.now().plus(Duration.ofHours(1)));
        StringBuilder html = new StringBuilder("<!doctype html><html><body>"
                + "<form id=\"f\" action=\"/site\" method=\"post\" enctype=\"multipart/form-data\">");
        for (Map.Entry<String, String> f : form.fields().entrySet()) {
            html.append("<input type=\"hidden\" name=\"")
                    .append(f.getKey())
                    .append("\" value=\"")
                    .append(f.getValue().replace("&", "&amp;").replace("\"", "&quot;"))
                    .append("\">");
        }
        html.append("<input type=\"file\" name=\"file\" id=\"file\"></form><script>"
                + "const dt = new DataTransfer();"
                + "dt.items.add(new File(['uploaded by a browser'], 'from-browser.txt', {type: 'text/plain'}));"
                + "document.getElementById('file').files = dt.files;"
                + "document.getElementById('f').submit();"
                + "</script></body></html>");
        s3.putObject(
                b -> b.bucket("site").key("form.html").contentType("text/html"),
                RequestBody.fromString(html.toString()));
        s3.putObject(
                b -> b.bucket("site").key("done.html").contentType("text/html"),
                RequestBody.fromString("<!doctype html><p id=\"result\">upload finished</p>"));

        Process chromium = new ProcessBuilder(List.of(
                        CHROMIUM.getPath(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--user-data-dir=" + profile,
                        "--virtual-time-budget=10000",
                        "--dump-dom",
                        base + "/site/form.html"))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String dom = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(chromium.waitFor(60, TimeUnit.SECONDS), "chromium did not exit");
        assertTrue(dom.contains("upload finished"), dom);

        var got = s3.getObjectAsBytes(b -> b.bucket("site").key("uploads/from-browser.txt"));
        assertEquals("uploaded by a browser", got.asUtf8String());
        assertEquals(Map.of("from", "chromium"), got.response().metadata());
        assertTrue(Files.isDirectory(profile));
    }
}
