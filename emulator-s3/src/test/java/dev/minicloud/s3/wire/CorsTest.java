package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.junit.MiniCloudExtension;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Bucket CORS: Put/Get/DeleteBucketCors through the SDK with S3's validation, the browser's
 * preflight answered from the rules, and CORS headers on actual responses to requests with an
 * {@code Origin} (sent raw: only browsers send these).
 */
class CorsTest extends S3WireTest {
    @RegisterExtension
    static MiniCloudExtension cloud = s3Cloud();

    private static final CORSRule UPLOADS = CORSRule.builder()
            .id("uploads")
            .allowedOrigins("https://app.example")
            .allowedMethods("PUT", "GET")
            .allowedHeaders("content-type", "x-amz-*")
            .exposeHeaders("ETag", "x-amz-version-id")
            .maxAgeSeconds(600)
            .build();
    private static final CORSRule READS =
            CORSRule.builder().allowedOrigins("*").allowedMethods("GET", "HEAD").build();

    private void corsBucket(String name) {
        s3.createBucket(b -> b.bucket(name));
        s3.putBucketCors(b -> b.bucket(name).corsConfiguration(c -> c.corsRules(UPLOADS, READS)));
    }

    @Test
    void rulesArePutReadBackInOrderAndDeleted() {
        corsBucket("cors");
        assertEquals(
                List.of(UPLOADS, READS), s3.getBucketCors(b -> b.bucket("cors")).corsRules());
        s3.deleteBucketCors(b -> b.bucket("cors"));
        s3.deleteBucketCors(b -> b.bucket("cors"));
        S3Exception none = assertThrows(S3Exception.class, () -> s3.getBucketCors(b -> b.bucket("cors")));
        assertEquals(404, none.statusCode());
        assertEquals("NoSuchCORSConfiguration", none.awsErrorDetails().errorCode());
        assertEquals(
                "The CORS configuration does not exist", none.awsErrorDetails().errorMessage());
    }

    @Test
    void asyncNettyClientPutsAndReadsRules() {
        s3.createBucket(b -> b.bucket("async-cors"));
        try (S3AsyncClient async = TestS3.nettyClient(cloud.getMiniCloud(), true)) {
            TestS3.join(async.putBucketCors(b -> b.bucket("async-cors").corsConfiguration(c -> c.corsRules(READS))));
            assertEquals(
                    List.of(READS),
                    TestS3.join(async.getBucketCors(b -> b.bucket("async-cors")))
                            .corsRules());
        }
    }

    @Test
    void invalidConfigurationsGetS3sErrorsAndChangeNothing() throws Exception {
        corsBucket("strict");
        S3Exception method = assertThrows(
                S3Exception.class,
                () -> s3.putBucketCors(b -> b.bucket("strict")
                        .corsConfiguration(
                                c -> c.corsRules(r -> r.allowedOrigins("*").allowedMethods("PATCH")))));
        assertEquals("InvalidRequest", method.awsErrorDetails().errorCode());
        assertEquals(
                "Found unsupported HTTP method in CORS config. Unsupported method is PATCH",
                method.awsErrorDetails().errorMessage());
        S3Exception wildcards = assertThrows(
                S3Exception.class,
                () -> s3.putBucketCors(b -> b.bucket("strict")
                        .corsConfiguration(c -> c.corsRules(
                                r -> r.allowedOrigins("https://*.*.example").allowedMethods("GET")))));
        assertEquals(
                "AllowedOrigin \"https://*.*.example\" can not have more than one wildcard.",
                wildcards.awsErrorDetails().errorMessage());
        List<CORSRule> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add(READS);
        }
        S3Exception many = assertThrows(
                S3Exception.class,
                () -> s3.putBucketCors(b -> b.bucket("strict").corsConfiguration(c -> c.corsRules(tooMany))));
        assertEquals("MalformedXML", many.awsErrorDetails().errorCode());
        HttpResponse<String> noMethod = raw.put(
                "/strict?cors",
                ("<CORSConfiguration><CORSRule><AllowedOrigin>*" + "</AllowedOrigin></CORSRule></CORSConfiguration>")
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(400, noMethod.statusCode());
        assertTrue(noMethod.body().contains("<Code>MalformedXML</Code>"), noMethod.body());
        assertEquals(
                List.of(UPLOADS, READS),
                s3.getBucketCors(b -> b.bucket("strict")).corsRules());
    }

    @Test
    void preflightIsAnsweredFromTheFirstMatchingRule() throws Exception {
        corsBucket("pre");
        HttpResponse<String> ok = raw.send(
                "OPTIONS",
                "/pre/photo.jpg",
                null,
                "Origin",
                "https://app.example",
                "Access-Control-Request-Method",
                "PUT",
                "Access-Control-Request-Headers",
                "Content-Type, x-amz-date");
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals(
                "https://app.example",
                ok.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertEquals(
                "PUT, GET",
                ok.headers().firstValue("Access-Control-Allow-Methods").orElseThrow());
        assertEquals(
                "Content-Type, x-amz-date",
                ok.headers().firstValue("Access-Control-Allow-Headers").orElseThrow());
        assertEquals("600", ok.headers().firstValue("Access-Control-Max-Age").orElseThrow());
        assertEquals(
                "ETag, x-amz-version-id",
                ok.headers().firstValue("Access-Control-Expose-Headers").orElseThrow());
        assertEquals(
                "true",
                ok.headers().firstValue("Access-Control-Allow-Credentials").orElseThrow());
        assertEquals(
                "Origin, Access-Control-Request-Headers, Access-Control-Request-Method",
                ok.headers().firstValue("Vary").orElseThrow());

        HttpResponse<String> anyone = raw.send(
                "OPTIONS", "/pre", null, "Origin", "https://elsewhere.example", "Access-Control-Request-Method", "GET");
        assertEquals(200, anyone.statusCode(), anyone.body());
        assertEquals(
                "*", anyone.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertFalse(
                anyone.headers().firstValue("Access-Control-Allow-Credentials").isPresent());
    }

    @Test
    void preflightsNoRuleAllowsAre403CorsResponse() throws Exception {
        corsBucket("deny");
        HttpResponse<String> method = raw.send(
                "OPTIONS",
                "/deny/k",
                null,
                "Origin",
                "https://elsewhere.example",
                "Access-Control-Request-Method",
                "PUT");
        assertEquals(403, method.statusCode());
        assertTrue(
                method.body()
                        .contains(
                                "<Code>AccessForbidden</Code><Message>CORSResponse: This CORS request is not "
                                        + "allowed. This is usually because the evalution of Origin, request method / "
                                        + "Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the "
                                        + "resource's CORS spec.</Message><Method>PUT</Method><ResourceType>OBJECT</ResourceType>"),
                method.body());
        HttpResponse<String> header = raw.send(
                "OPTIONS",
                "/deny/k",
                null,
                "Origin",
                "https://app.example",
                "Access-Control-Request-Method",
                "PUT",
                "Access-Control-Request-Headers",
                "x-custom");
        assertEquals(403, header.statusCode());

        s3.createBucket(b -> b.bucket("plain"));
        HttpResponse<String> disabled = raw.send(
                "OPTIONS", "/plain/k", null, "Origin", "https://app.example", "Access-Control-Request-Method", "GET");
        assertEquals(403, disabled.statusCode());
        assertTrue(
                disabled.body().contains("<Message>CORSResponse: CORS is not enabled for this bucket.</Message>"),
                disabled.body());
        HttpResponse<String> noOrigin = raw.send("OPTIONS", "/deny/k", null, "Access-Control-Request-Method", "GET");
        assertEquals(400, noOrigin.statusCode());
        assertTrue(
                noOrigin.body().contains("Insufficient information. Origin request header needed."), noOrigin.body());
    }

    @Test
    void actualResponsesToAnAllowedOriginCarryCorsHeaders() throws Exception {
        corsBucket("actual");
        s3.putObject(b -> b.bucket("actual").key("k"), RequestBody.fromString("hello"));
        HttpResponse<String> get = raw.get("/actual/k", "Origin", "https://app.example");
        assertEquals(200, get.statusCode());
        assertEquals("hello", get.body());
        assertEquals(
                "https://app.example",
                get.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertEquals(
                "ETag, x-amz-version-id",
                get.headers().firstValue("Access-Control-Expose-Headers").orElseThrow());
        assertEquals(
                "true",
                get.headers().firstValue("Access-Control-Allow-Credentials").orElseThrow());

        HttpResponse<String> missing = raw.get("/actual/nothing", "Origin", "https://app.example");
        assertEquals(404, missing.statusCode());
        assertEquals(
                "https://app.example",
                missing.headers().firstValue("Access-Control-Allow-Origin").orElseThrow(),
                "errors carry the CORS headers too, so a page can read them");

        HttpResponse<String> deleteFromElsewhere =
                raw.send("DELETE", "/actual/k", null, "Origin", "https://elsewhere.example");
        assertEquals(204, deleteFromElsewhere.statusCode());
        assertFalse(
                deleteFromElsewhere
                        .headers()
                        .firstValue("Access-Control-Allow-Origin")
                        .isPresent(),
                "no rule allows DELETE from there");
        HttpResponse<String> sdkLike = raw.get("/actual");
        assertFalse(sdkLike.headers().firstValue("Access-Control-Allow-Origin").isPresent());
    }
}
