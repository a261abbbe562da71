package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.MutableClock;
import dev.minicloud.internal.aws.auth.CanonicalRequest;
import dev.minicloud.internal.aws.auth.SigV4;
import dev.minicloud.junit.MiniCloudExtension;
import dev.minicloud.testing.RawHttpConnection;
import dev.minicloud.testing.RawHttpConnection.Response;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Strict SigV4 cannot be made to act as another account or to authorize a body it did not sign:
 * the account is the verified key's, duplicate credentials are refused, the query is parsed one
 * way, {@code host} must be signed, and control bodies must match their signed hash and MD5.
 * Account A is {@code 111111111111}, account B (the victim) {@code 222222222222}.
 */
class StrictSigningTest {
    private static final String A = "111111111111";
    private static final String B = "222222222222";
    private static final String SECRET_A = "secret-of-a";
    private static final String SECRET_B = "secret-of-b";

    private final MutableClock clock = MutableClock.startingAt(Instant.now());

    @RegisterExtension
    MiniCloudExtension strict = MiniCloudExtension.builder()
            .services("s3")
            .clock(clock)
            .credentials(A, SECRET_A)
            .credentials(B, SECRET_B)
            .setting("s3-auth", "strict")
            .build();

    private MiniCloud cloud;

    @BeforeEach
    void victimStoresASecret() {
        cloud = strict.getMiniCloud();
        // The SDK signs with the real time; the server's clock must agree within 15 minutes.
        clock.set(Instant.now());
        try (S3Client b = client(B, SECRET_B)) {
            b.createBucket(r -> r.bucket("victim"));
            b.putObject(r -> r.bucket("victim").key("secret"), RequestBody.fromString("b's secret"));
            b.putObject(r -> r.bucket("victim").key("keep"), RequestBody.fromString("b's other object"));
        }
    }

    private S3Client client(String key, String secret) {
        return S3Client.builder()
                .endpointOverride(TestS3.endpoint(cloud))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(() -> AwsBasicCredentials.create(key, secret))
                .build();
    }

    private S3Presigner presigner(String key, String secret) {
        return S3Presigner.builder()
                .endpointOverride(TestS3.endpoint(cloud))
                .region(Region.US_EAST_1)
                .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(() -> AwsBasicCredentials.create(key, secret))
                .build();
    }

    private String host() {
        return "localhost:" + cloud.edgePort();
    }

    /** Signs with the SDK's own SigV4 signer (payload hash signed) and renders the request as sent. */
    private String signed(
            SdkHttpMethod method,
            String path,
            String query,
            byte[] body,
            String key,
            String secret,
            Map<String, String> extraHeaders) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .protocol("http")
                .host("localhost")
                .port(cloud.edgePort())
                .method(method)
                .encodedPath(path);
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                request.appendRawQueryParameter(
                        eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? null : pair.substring(eq + 1));
            }
        }
        extraHeaders.forEach(request::putHeader);
        SignedRequest s = AwsV4HttpSigner.create()
                .sign(r -> r.identity(AwsCredentialsIdentity.create(key, secret))
                        .request(request.build())
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(clock.instant(), ZoneOffset.UTC)));
        SdkHttpRequest r = s.request();
        StringBuilder b = new StringBuilder(method.name())
                .append(' ')
                .append(path)
                .append(r.encodedQueryParameters().map(q -> "?" + q).orElse(""))
                .append(" HTTP/1.1\r\n");
        b.append("Host: ").append(host()).append("\r\n");
        r.headers()
                .forEach((name, values) -> values.forEach(v -> {
                    if (!name.equalsIgnoreCase("Host")) {
                        b.append(name).append(": ").append(v).append("\r\n");
                    }
                }));
        return b.toString();
    }

    private static String finish(String head, byte[] body) {
        return head + "Content-Length: " + body.length + "\r\n\r\n" + new String(body, StandardCharsets.ISO_8859_1);
    }

    @Test
    void aSecondCredentialInTheAuthorizationHeaderIsRefusedAndNeverActsAsItsAccount() throws IOException {
        String head = signed(SdkHttpMethod.GET, "/victim/secret", null, new byte[0], A, SECRET_A, Map.of());
        // A's valid signature, with B's credential slipped in front of A's: routing used to take the
        // first Credential (B's account), the verifier the last (A's key, which checks out).
        String forged = head.replace(
                "Credential=" + A + "/",
                "Credential=" + B + "/20200101/us-east-1/s3/aws4_request, Credential=" + A + "/");
        assertTrue(forged.contains("Credential=" + B), forged);
        try (RawHttpConnection c = new RawHttpConnection(cloud.edgePort())) {
            Response r = c.exchange(finish(forged, new byte[0]));
            assertEquals(400, r.status(), r.body());
            assertTrue(r.body().contains("<Code>AuthorizationHeaderMalformed</Code>"), r.body());
            assertFalse(r.body().contains("b's secret"), r.body());
            Response honest = c.exchange(finish(head, new byte[0]));
            // A acts as A: B's bucket is found (S3's names are global) but A has no grant on it.
            assertEquals(403, honest.status(), "A's own request is A's, not B's: " + honest.body());
            assertTrue(honest.body().contains("<Code>AccessDenied</Code>"), honest.body());
            assertFalse(honest.body().contains("b's secret"), honest.body());
        }
    }

    @Test
    void aCredentialHiddenBehindASemicolonInAPresignedQueryIsNotAnotherAccount() throws Exception {
        // A presigns a URL with an extra parameter whose value reads, to a parser that also splits
        // on ';', as a second X-Amz-Credential (B's) placed before A's own.
        String smuggled = "1;X-Amz-Credential=" + B + "/20200101/us-east-1/s3/aws4_request";
        try (S3Presigner presigner = presigner(A, SECRET_A)) {
            URI url = presigner
                    .presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                            .getObjectRequest(o -> o.bucket("victim")
                                    .key("secret")
                                    .overrideConfiguration(c -> c.putRawQueryParameter("a", smuggled))))
                    .url()
                    .toURI();
            String raw =
                    url.getRawPath() + "?" + url.getRawQuery().replace("%3BX-Amz-Credential%3D", ";X-Amz-Credential=");
            assertTrue(raw.contains(";X-Amz-Credential=" + B), raw);
            try (RawHttpConnection c = new RawHttpConnection(cloud.edgePort())) {
                Response r = c.exchange("GET " + raw + " HTTP/1.1\r\nHost: " + host() + "\r\n\r\n");
                assertEquals(403, r.status(), "verified as A, acting as A (no grant on B's bucket): " + r.body());
                assertTrue(r.body().contains("<Code>AccessDenied</Code>"), r.body());
                assertFalse(r.body().contains("b's secret"), r.body());
            }
        }
    }

    @Test
    void aPresignedParameterGivenTwiceIsRefused() throws Exception {
        try (S3Presigner presigner = presigner(A, SECRET_A)) {
            URI url = presigner
                    .presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                            .getObjectRequest(o -> o.bucket("victim").key("secret")))
                    .url()
                    .toURI();
            String raw = url.getRawPath() + "?X-Amz-Credential=" + B + "%2F20200101%2Fus-east-1%2Fs3%2Faws4_request&"
                    + url.getRawQuery();
            try (RawHttpConnection c = new RawHttpConnection(cloud.edgePort())) {
                Response r = c.exchange("GET " + raw + " HTTP/1.1\r\nHost: " + host() + "\r\n\r\n");
                assertEquals(400, r.status(), r.body());
                assertTrue(r.body().contains("<Code>InvalidArgument</Code>"), r.body());
                assertTrue(r.body().contains("<ArgumentName>X-Amz-Credential</ArgumentName>"), r.body());
            }
        }
    }

    @Test
    void hostMustBeASignedHeader() throws IOException {
        String amzDate = SigV4.AMZ_DATE.format(clock.instant());
        String scope = amzDate.substring(0, 8) + "/us-east-1/s3/aws4_request";
        HttpHeaders headers =
                new DefaultHttpHeaders().add("x-amz-date", amzDate).add("x-amz-content-sha256", SigV4.EMPTY_SHA256);
        List<String> signedHeaders = List.of("x-amz-content-sha256", "x-amz-date");
        String canonical = CanonicalRequest.build(
                "GET", "/victim/secret", null, null, headers, signedHeaders, SigV4.EMPTY_SHA256, true);
        String stringToSign = SigV4.ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + SigV4.sha256Hex(canonical);
        String signature = SigV4.hex(
                SigV4.hmac(SigV4.signingKey(SECRET_B, amzDate.substring(0, 8), "us-east-1", "s3"), stringToSign));
        String request = "GET /victim/secret HTTP/1.1\r\nHost: " + host() + "\r\nx-amz-date: " + amzDate
                + "\r\nx-amz-content-sha256: " + SigV4.EMPTY_SHA256 + "\r\nAuthorization: AWS4-HMAC-SHA256 Credential="
                + B
                + "/" + scope + ", SignedHeaders=x-amz-content-sha256;x-amz-date, Signature=" + signature + "\r\n\r\n";
        try (RawHttpConnection c = new RawHttpConnection(cloud.edgePort())) {
            Response r = c.exchange(request);
            assertEquals(403, r.status(), r.body());
            assertTrue(r.body().contains("<Code>AccessDenied</Code>"), r.body());
            assertTrue(r.body().contains("<HeadersNotSigned>host</HeadersNotSigned>"), r.body());
        }
    }

    @Test
    void aControlBodyMustMatchTheSignedContentSha256() throws IOException {
        byte[] signedBody = ("<Delete><Object><Key>nothing</Key></Object></Delete>").getBytes(StandardCharsets.UTF_8);
        byte[] sentBody = ("<Delete><Object><Key>secret</Key></Object></Delete>").getBytes(StandardCharsets.UTF_8);
        String head = signed(
                SdkHttpMethod.POST,
                "/victim",
                "delete",
                signedBody,
                B,
                SECRET_B,
                Map.of("Content-MD5", RawHttp.md5(sentBody)));
        try (RawHttpConnection c = new RawHttpConnection(cloud.edgePort())) {
            Response r = c.exchange(finish(head, sentBody));
            assertEquals(400, r.status(), r.body());
            assertTrue(
                    r.body()
                            .contains("<Code>XAmzContentSHA256Mismatch</Code><Message>The provided "
                                    + "'x-amz-content-sha256' header does not match what was computed.</Message>"),
                    r.body());
        }
        try (S3Client b = client(B, SECRET_B)) {
            assertEquals(
                    "b's secret",
                    b.getObjectAsBytes(r -> r.bucket("victim").key("secret")).asUtf8String(),
                    "the unsigned delete did not happen");
        }
    }

    /** A bucket configuration body sent in place of the one signed, and how to see it was not applied. */
    private record SwappedBody(String subresource, String signedBody, String sentBody, Consumer<S3Client> unchanged) {}

    private static void absent(S3Client b, Consumer<S3Client> read) {
        assertEquals(404, assertThrows(S3Exception.class, () -> read.accept(b)).statusCode());
    }

    @Test
    void everyBucketConfigurationBodyMustMatchTheSignedContentSha256() throws IOException {
        String rule = "<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod><AllowedOrigin>%s"
                + "</AllowedOrigin></CORSRule></CORSConfiguration>";
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"%s\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::victim/*\"}]}";
        String lifecycle = "<LifecycleConfiguration><Rule><ID>r</ID><Filter><Prefix>%s</Prefix></Filter>"
                + "<Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>";
        String replication = "<ReplicationConfiguration><Role>arn:aws:iam::222222222222:role/r</Role><Rule><ID>r</ID>"
                + "<Priority>1</Priority><Status>Enabled</Status><Filter><Prefix>%s</Prefix></Filter>"
                + "<DeleteMarkerReplication><Status>Disabled</Status></DeleteMarkerReplication>"
                + "<Destination><Bucket>arn:aws:s3:::victim</Bucket></Destination></Rule></ReplicationConfiguration>";
        String website =
                "<WebsiteConfiguration><IndexDocument><Suffix>%s</Suffix></IndexDocument></WebsiteConfiguration>";
        String tagging = "<Tagging><TagSet><Tag><Key>k</Key><Value>%s</Value></Tag></TagSet></Tagging>";
        String versioning = "<VersioningConfiguration><Status>%s</Status></VersioningConfiguration>";
        List<SwappedBody> cases = List.of(
                new SwappedBody(
                        "cors",
                        rule.formatted("https://a.example"),
                        rule.formatted("*"),
                        b -> absent(b, c -> c.getBucketCors(r -> r.bucket("victim")))),
                new SwappedBody(
                        "policy",
                        policy.formatted("arn:aws:iam::222222222222:root"),
                        policy.formatted("*"),
                        b -> absent(b, c -> c.getBucketPolicy(r -> r.bucket("victim")))),
                new SwappedBody(
                        "lifecycle",
                        lifecycle.formatted("tmp/"),
                        lifecycle.formatted(""),
                        b -> absent(b, c -> c.getBucketLifecycleConfiguration(r -> r.bucket("victim")))),
                new SwappedBody(
                        "replication",
                        replication.formatted("none/"),
                        replication.formatted(""),
                        b -> absent(b, c -> c.getBucketReplication(r -> r.bucket("victim")))),
                new SwappedBody(
                        "website",
                        website.formatted("index.html"),
                        website.formatted("secret"),
                        b -> absent(b, c -> c.getBucketWebsite(r -> r.bucket("victim")))),
                new SwappedBody(
                        "tagging",
                        tagging.formatted("signed"),
                        tagging.formatted("sent"),
                        b -> absent(b, c -> c.getBucketTagging(r -> r.bucket("victim")))),
                new SwappedBody(
                        "versioning",
                        versioning.formatted("Suspended"),
                        versioning.formatted("Enabled"),
                        b -> assertNull(
                                b.getBucketVersioning(r -> r.bucket("victim")).status())));
        try (RawHttpConnection c = new RawHttpConnection(cloud.edgePort());
                S3Client b = client(B, SECRET_B)) {
            for (SwappedBody swap : cases) {
                byte[] sent = swap.sentBody().getBytes(StandardCharsets.UTF_8);
                String head = signed(
                        SdkHttpMethod.PUT,
                        "/victim",
                        swap.subresource(),
                        swap.signedBody().getBytes(StandardCharsets.UTF_8),
                        B,
                        SECRET_B,
                        Map.of("Content-MD5", RawHttp.md5(sent)));
                Response r = c.exchange(finish(head, sent));
                assertEquals(400, r.status(), swap.subresource() + ": " + r.body());
                assertTrue(
                        r.body().contains("<Code>XAmzContentSHA256Mismatch</Code>"),
                        swap.subresource() + ": " + r.body());
                swap.unchanged().accept(b);
            }
        }
    }

    @Test
    void aCompleteMultipartUploadBodyMustMatchTheSignedContentSha256() throws IOException {
        try (RawHttpConnection c = new RawHttpConnection(cloud.edgePort());
                S3Client b = client(B, SECRET_B)) {
            String upload = b.createMultipartUpload(r -> r.bucket("victim").key("secret"))
                    .uploadId();
            String etag = b.uploadPart(
                            r -> r.bucket("victim")
                                    .key("secret")
                                    .uploadId(upload)
                                    .partNumber(1),
                            RequestBody.fromString("replaced"))
                    .eTag();
            String part = "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>%s</ETag></Part>"
                    + "</CompleteMultipartUpload>";
            byte[] sent = part.formatted(etag).getBytes(StandardCharsets.UTF_8);
            String head = signed(
                    SdkHttpMethod.POST,
                    "/victim/secret",
                    "uploadId=" + upload,
                    part.formatted("\"00000000000000000000000000000000\"").getBytes(StandardCharsets.UTF_8),
                    B,
                    SECRET_B,
                    Map.of("Content-MD5", RawHttp.md5(sent)));
            Response r = c.exchange(finish(head, sent));
            assertEquals(400, r.status(), r.body());
            assertTrue(r.body().contains("<Code>XAmzContentSHA256Mismatch</Code>"), r.body());
            assertEquals(
                    "b's secret",
                    b.getObjectAsBytes(g -> g.bucket("victim").key("secret")).asUtf8String(),
                    "the swapped completion committed nothing");
            b.completeMultipartUpload(m -> m.bucket("victim")
                    .key("secret")
                    .uploadId(upload)
                    .multipartUpload(u -> u.parts(
                            CompletedPart.builder().partNumber(1).eTag(etag).build())));
            assertEquals(
                    "replaced",
                    b.getObjectAsBytes(g -> g.bucket("victim").key("secret")).asUtf8String(),
                    "the upload survived the refused completion and completes when signed honestly");
        }
    }

    @Test
    void aControlBodyMustMatchItsContentMd5() throws IOException {
        byte[] body = "<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></Tagging>"
                .getBytes(StandardCharsets.UTF_8);
        String otherMd5 = Base64.getEncoder().encodeToString(new byte[16]);
        String head =
                signed(SdkHttpMethod.PUT, "/victim", "tagging", body, B, SECRET_B, Map.of("Content-MD5", otherMd5));
        String badSyntax =
                signed(SdkHttpMethod.PUT, "/victim", "tagging", body, B, SECRET_B, Map.of("Content-MD5", "nope"));
        try (RawHttpConnection c = new RawHttpConnection(cloud.edgePort())) {
            Response r = c.exchange(finish(head, body));
            assertEquals(400, r.status(), r.body());
            assertTrue(r.body().contains("<Code>BadDigest</Code>"), r.body());
            Response invalid = c.exchange(finish(badSyntax, body));
            assertEquals(400, invalid.status(), invalid.body());
            assertTrue(invalid.body().contains("<Code>InvalidDigest</Code>"), invalid.body());
        }
    }

    @Test
    void sdkControlCallsStillPassInStrictMode() {
        try (S3Client b = client(B, SECRET_B)) {
            b.putBucketTagging(r ->
                    r.bucket("victim").tagging(t -> t.tagSet(s -> s.key("team").value("b"))));
            assertEquals(
                    "b",
                    b.getBucketTagging(r -> r.bucket("victim")).tagSet().get(0).value());
            b.putBucketVersioning(r -> r.bucket("victim").versioningConfiguration(v -> v.status("Enabled")));
            b.putObjectTagging(r -> r.bucket("victim")
                    .key("keep")
                    .tagging(t -> t.tagSet(s -> s.key("x").value("y"))));
            b.deleteObjects(r -> r.bucket("victim")
                    .delete(d ->
                            d.objects(ObjectIdentifier.builder().key("keep").build())));
            String upload =
                    b.createMultipartUpload(r -> r.bucket("victim").key("mp")).uploadId();
            String etag = b.uploadPart(
                            r -> r.bucket("victim").key("mp").uploadId(upload).partNumber(1),
                            RequestBody.fromString("part"))
                    .eTag();
            b.completeMultipartUpload(r -> r.bucket("victim")
                    .key("mp")
                    .uploadId(upload)
                    .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(etag))));
            assertArrayEquals(
                    "part".getBytes(StandardCharsets.UTF_8),
                    b.getObjectAsBytes(r -> r.bucket("victim").key("mp")).asByteArray());
        }
        try (S3Client a = client(A, SECRET_A)) {
            assertEquals(
                    403,
                    assertThrows(
                                    S3Exception.class,
                                    () -> a.getObject(r -> r.bucket("victim").key("secret")))
                            .statusCode(),
                    "A cannot read B's bucket");
        }
    }
}
