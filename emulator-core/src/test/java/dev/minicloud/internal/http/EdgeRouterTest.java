package dev.minicloud.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.minicloud.internal.aws.AwsProtocol;
import dev.minicloud.internal.aws.CredentialScope;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EdgeRouterTest {
    private final EdgeRouter router = new EdgeRouter();
    private final EdgeRoute s3 = route("s3", Set.of("s3"), null, true);
    private final EdgeRoute route53 = route("route53", Set.of("route53"), "/2013-04-01/", false);
    private final EdgeRoute admin = route("admin", Set.of(), "/_minicloud/", false);

    EdgeRouterTest() {
        router.register(s3);
        router.register(route53);
        router.register(admin);
    }

    private static EdgeRoute route(String name, Set<String> signing, String prefix, boolean fallback) {
        return new EdgeRoute(name, signing, prefix, fallback, AwsProtocol.S3_XML, r -> BodyHandler.DISCARD);
    }

    private static CredentialScope scope(String service) {
        return new CredentialScope("AKID", "20261123", "us-east-1", service);
    }

    @Test
    void signingNameWinsOverPath() {
        assertEquals(s3, router.route("/2013-04-01/hostedzone", scope("s3")).route());
        assertEquals(route53, router.route("/bucket/key", scope("route53")).route());
    }

    @Test
    void unsignedRequestsGoByPathPrefixThenFallback() {
        assertEquals(route53, router.route("/2013-04-01/hostedzone", null).route());
        assertEquals(admin, router.route("/_minicloud/health", null).route());
        assertEquals(s3, router.route("/bucket/key", null).route());
        assertEquals(
                s3,
                router.route("/", new CredentialScope("AKID", null, null, null)).route(),
                "SigV2 has no service name");
    }

    @Test
    void aSignedRequestForAnUnknownServiceIsNamed() {
        EdgeRouter.Decision d = router.route("/", scope("sqs"));
        assertNull(d.route());
        assertEquals("sqs", d.unknownService());
        assertEquals(admin, router.route("/_minicloud/health", scope("sqs")).route(), "a known path still routes");
    }
}
