package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.junit.MiniCloudExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.RoutingRule;

/**
 * The S3 website endpoint on the edge port, by its Host ({@code <bucket>.s3-website-<region>.localhost}):
 * index and error documents, folder redirects, routing rules, object redirects, HTML errors, through
 * plain HTTP (redirects not followed) and a real browser (strict mode: {@link WebsiteStrictTest}).
 */
class WebsiteEndpointTest extends S3WireTest {
    @RegisterExtension
    static MiniCloudExtension cloud = s3Cloud();

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    static HttpResponse<String> site(HttpClient http, MiniCloud c, String host, String method, String path)
            throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://" + host + ":" + c.edgePort() + path))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> site(MiniCloud c, String host, String method, String path) throws Exception {
        return site(http, c, host, method, path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return site(cloud.getMiniCloud(), "site.s3-website-us-east-1.localhost", "GET", path);
    }

    private static void html(S3Client s3, String bucket, String key, String body) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("text/html"), RequestBody.fromString(body));
    }

    private void website() {
        s3.createBucket(b -> b.bucket("site"));
        s3.putBucketWebsite(b -> b.bucket("site")
                .websiteConfiguration(w -> w.indexDocument(i -> i.suffix("index.html"))
                        .errorDocument(e -> e.key("error.html"))
                        .routingRules(
                                RoutingRule.builder()
                                        .condition(c -> c.keyPrefixEquals("old/"))
                                        .redirect(r -> r.replaceKeyPrefixWith("new/"))
                                        .build(),
                                RoutingRule.builder()
                                        .condition(
                                                c -> c.keyPrefixEquals("gone/").httpErrorCodeReturnedEquals("404"))
                                        .redirect(r -> r.hostName("archive.example")
                                                .protocol("https")
                                                .replaceKeyWith("lost.html")
                                                .httpRedirectCode("302"))
                                        .build())));
        html(s3, "site", "index.html", "<html><body>home</body></html>");
        html(s3, "site", "docs/index.html", "docs home");
        html(s3, "site", "error.html", "custom error page");
        s3.putObject(
                b -> b.bucket("site").key("moved.html").websiteRedirectLocation("/docs/"), RequestBody.fromString(""));
    }

    @Test
    void indexAndErrorDocumentsFolderAndObjectRedirectsAndRoutingRules() throws Exception {
        website();
        HttpResponse<String> home = get("/");
        assertEquals(200, home.statusCode());
        assertEquals("<html><body>home</body></html>", home.body());
        assertEquals("text/html", home.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("docs home", get("/docs/").body());
        HttpResponse<String> folder = get("/docs");
        assertEquals(302, folder.statusCode());
        assertEquals("/docs/", folder.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> missing = get("/nothing.html");
        assertEquals(404, missing.statusCode());
        assertEquals("custom error page", missing.body());
        HttpResponse<String> rule = get("/old/page.html");
        assertEquals(301, rule.statusCode());
        assertEquals("/new/page.html", rule.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> onError = get("/gone/x.html");
        assertEquals(302, onError.statusCode());
        assertEquals(
                "https://archive.example/lost.html",
                onError.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> object = get("/moved.html");
        assertEquals(301, object.statusCode());
        assertEquals("/docs/", object.headers().firstValue("Location").orElseThrow());
        assertEquals(
                "/docs/", s3.headObject(b -> b.bucket("site").key("moved.html")).websiteRedirectLocation());
        HttpResponse<String> head = site(cloud.getMiniCloud(), "site.s3-website.us-east-1.localhost", "HEAD", "/");
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
    }

    @Test
    void errorsAreHtmlPagesAndOnlyGetAndHeadAreServed() throws Exception {
        website();
        HttpResponse<String> put =
                site(cloud.getMiniCloud(), "site.s3-website-us-east-1.localhost", "PUT", "/index.html");
        assertEquals(405, put.statusCode());
        assertTrue(put.body().contains("<li>Code: MethodNotAllowed</li>"), put.body());
        assertEquals(
                "<html><body>home</body></html>",
                s3.getObjectAsBytes(b -> b.bucket("site").key("index.html")).asUtf8String());
        s3.createBucket(b -> b.bucket("plain"));
        HttpResponse<String> noConfig = site(cloud.getMiniCloud(), "plain.s3-website-us-east-1.localhost", "GET", "/");
        assertEquals(404, noConfig.statusCode());
        assertTrue(noConfig.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(noConfig.body().contains("<li>Code: NoSuchWebsiteConfiguration</li>"), noConfig.body());
        HttpResponse<String> noBucket =
                site(cloud.getMiniCloud(), "nobucket.s3-website-us-east-1.localhost", "GET", "/");
        assertTrue(
                noBucket.body().contains("<li>Code: NoSuchBucket</li>") && noBucket.statusCode() == 404,
                noBucket.body());
        s3.deleteObject(b -> b.bucket("site").key("error.html"));
        HttpResponse<String> plain404 = get("/nothing.html");
        assertEquals(404, plain404.statusCode());
        assertTrue(
                plain404.body().contains("<li>Code: NoSuchKey</li>")
                        && plain404.body().contains("<li>Key: nothing.html</li>"),
                plain404.body());
    }

    @Test
    void redirectAllRequestsToSendsEveryPathElsewhere() throws Exception {
        s3.createBucket(b -> b.bucket("moved"));
        s3.putBucketWebsite(b -> b.bucket("moved")
                .websiteConfiguration(w -> w.redirectAllRequestsTo(
                        r -> r.hostName("www.example.com").protocol("https"))));
        HttpResponse<String> r = site(cloud.getMiniCloud(), "moved.s3-website-us-east-1.localhost", "GET", "/a/b.html");
        assertEquals(301, r.statusCode());
        assertEquals(
                "https://www.example.com/a/b.html",
                r.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void aBrowserBrowsesTheSite() {
        assumeTrue(HeadlessChromium.available(), "/usr/bin/chromium is not installed (apt-get install chromium)");
        website();
        html(
                s3,
                "site",
                "index.html",
                "<html><body><pre id=\"out\"></pre><script>(async () => {"
                        + " const docs = await fetch('/docs'); const missing = await fetch('/nothing');"
                        + " document.getElementById('out').textContent = 'RESULT:' + docs.url.endsWith('/docs/') + ':'"
                        + " + (await docs.text()) + ':' + missing.status + ':' + (await missing.text());"
                        + " })();</script></body></html>");
        try (HeadlessChromium browser = new HeadlessChromium(Map.of())) {
            assertEquals(
                    "true:docs home:404:custom error page",
                    browser.runUrl("http://site.s3-website-us-east-1.localhost:"
                            + cloud.getMiniCloud().edgePort() + "/"));
        }
    }
}
