package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minicloud.junit.MiniCloudExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.s3.model.GetBucketWebsiteResponse;
import software.amazon.awssdk.services.s3.model.Protocol;
import software.amazon.awssdk.services.s3.model.RoutingRule;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Put/Get/DeleteBucketWebsite through the SDK: stored and returned as put, with S3's validation. */
class WebsiteConfigurationTest extends S3WireTest {
    @RegisterExtension
    static MiniCloudExtension cloud = s3Cloud();

    private static final RoutingRule DOCS = RoutingRule.builder()
            .condition(c -> c.keyPrefixEquals("docs/"))
            .redirect(r -> r.replaceKeyPrefixWith("documents/").httpRedirectCode("301"))
            .build();
    private static final RoutingRule MISSING = RoutingRule.builder()
            .condition(c -> c.httpErrorCodeReturnedEquals("404"))
            .redirect(
                    r -> r.hostName("fallback.example").protocol(Protocol.HTTPS).replaceKeyWith("index.html"))
            .build();

    private static void assertInvalid(String message, Executable call) {
        S3Exception e = assertThrows(S3Exception.class, call);
        assertEquals(400, e.statusCode());
        assertEquals("InvalidArgument", e.awsErrorDetails().errorCode());
        assertEquals(message, e.awsErrorDetails().errorMessage());
    }

    @Test
    void aWebsiteConfigurationIsStoredReturnedAndDeleted() {
        s3.createBucket(b -> b.bucket("site"));
        S3Exception none = assertThrows(S3Exception.class, () -> s3.getBucketWebsite(b -> b.bucket("site")));
        assertEquals(404, none.statusCode());
        assertEquals("NoSuchWebsiteConfiguration", none.awsErrorDetails().errorCode());
        assertEquals(
                "The specified bucket does not have a website configuration",
                none.awsErrorDetails().errorMessage());

        s3.putBucketWebsite(b -> b.bucket("site")
                .websiteConfiguration(w -> w.indexDocument(i -> i.suffix("index.html"))
                        .errorDocument(e -> e.key("error.html"))
                        .routingRules(DOCS, MISSING)));
        GetBucketWebsiteResponse got = s3.getBucketWebsite(b -> b.bucket("site"));
        assertEquals("index.html", got.indexDocument().suffix());
        assertEquals("error.html", got.errorDocument().key());
        assertEquals(List.of(DOCS, MISSING), got.routingRules());

        s3.putBucketWebsite(b -> b.bucket("site")
                .websiteConfiguration(w ->
                        w.redirectAllRequestsTo(r -> r.hostName("www.example").protocol(Protocol.HTTPS))));
        assertEquals(
                "www.example",
                s3.getBucketWebsite(b -> b.bucket("site"))
                        .redirectAllRequestsTo()
                        .hostName());

        s3.deleteBucketWebsite(b -> b.bucket("site"));
        s3.deleteBucketWebsite(b -> b.bucket("site"));
        assertThrows(S3Exception.class, () -> s3.getBucketWebsite(b -> b.bucket("site")));
    }

    @Test
    void invalidWebsiteConfigurationsGetS3sErrorsAndChangeNothing() {
        s3.createBucket(b -> b.bucket("bad-site"));
        s3.putBucketWebsite(
                b -> b.bucket("bad-site").websiteConfiguration(w -> w.indexDocument(i -> i.suffix("index.html"))));
        assertInvalid(
                "A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo is empty",
                () -> s3.putBucketWebsite(b ->
                        b.bucket("bad-site").websiteConfiguration(w -> w.errorDocument(e -> e.key("error.html")))));
        assertInvalid(
                "The IndexDocument Suffix is not well formed",
                () -> s3.putBucketWebsite(b -> b.bucket("bad-site")
                        .websiteConfiguration(w -> w.indexDocument(i -> i.suffix("a/index.html")))));
        assertInvalid(
                "RedirectAllRequestsTo cannot be provided in conjunction with other Routing Rules.",
                () -> s3.putBucketWebsite(b -> b.bucket("bad-site")
                        .websiteConfiguration(w -> w.indexDocument(i -> i.suffix("index.html"))
                                .redirectAllRequestsTo(r -> r.hostName("x.example")))));
        assertInvalid(
                "You can only define ReplaceKeyPrefix or ReplaceKey but not both.",
                () -> s3.putBucketWebsite(b -> b.bucket("bad-site")
                        .websiteConfiguration(w -> w.indexDocument(i -> i.suffix("index.html"))
                                .routingRules(rr ->
                                        rr.redirect(r -> r.replaceKeyWith("a").replaceKeyPrefixWith("b"))))));
        assertInvalid(
                "The provided HTTP error code (200) is not valid. Valid codes are 4XX or 5XX.",
                () -> s3.putBucketWebsite(b -> b.bucket("bad-site")
                        .websiteConfiguration(w -> w.indexDocument(i -> i.suffix("index.html"))
                                .routingRules(rr -> rr.condition(c -> c.httpErrorCodeReturnedEquals("200"))
                                        .redirect(r -> r.hostName("x"))))));
        assertEquals(
                "index.html",
                s3.getBucketWebsite(b -> b.bucket("bad-site")).indexDocument().suffix());
    }
}
