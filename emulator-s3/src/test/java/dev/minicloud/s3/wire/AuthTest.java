package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.MutableClock;
import dev.minicloud.junit.MiniCloudExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Authentication: strict mode ({@code s3-auth=strict}) verifies header, chunk and trailer
 * signatures from every client and answers AWS's errors; presigned URLs are bound to method and
 * key and expire by the injected clock, in both modes.
 */
class AuthTest {
    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

    private final MutableClock clock = MutableClock.startingAt(T0);

    @RegisterExtension
    MiniCloudExtension strict = MiniCloudExtension.builder()
            .services("s3")
            .clock(clock)
            .credentials("AKIDSTRICT", "strict-secret")
            .setting("s3-auth", "strict")
            .build();

    private static S3Client client(MiniCloud c, String key, String secret) {
        return S3Client.builder()
                .endpointOverride(TestS3.endpoint(c))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(() -> AwsBasicCredentials.create(key, secret))
                .build();
    }

    private static S3Presigner presigner(MiniCloud c, String key, String secret) {
        return S3Presigner.builder()
                .endpointOverride(TestS3.endpoint(c))
                .region(Region.US_EAST_1)
                .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(() -> AwsBasicCredentials.create(key, secret))
                .build();
    }

    @ParameterizedTest
    @EnumSource(
            value = ClientKind.class,
            names = {"SYNC_PATH", "NETTY_PATH", "CRT_PATH"})
    void strictModeAcceptsCorrectlySignedRequestsFromEveryClient(ClientKind kind) throws Exception {
        MiniCloud c = strict.getMiniCloud();
        // The clients sign with the real time; the server's clock must agree within 15 minutes.
        clock.set(Instant.now());
        try (TestS3 s3 = switch (kind.transport) {
            case SYNC -> new TestS3Builder(c).sync();
            case NETTY -> new TestS3Builder(c).netty();
            case CRT -> new TestS3Builder(c).crt();
        }) {
            s3.createBucket("strict-bucket");
            byte[] data = new byte[200_000];
            new Random(1).nextBytes(data);
            s3.put("strict-bucket", "signed", data);
            assertArrayEquals(data, s3.get("strict-bucket", "signed").asByteArray());
        }
    }

    @Test
    void strictModeAnswersAwsAuthErrors() throws Exception {
        MiniCloud c = strict.getMiniCloud();
        clock.set(Instant.now());
        try (S3Client good = client(c, "AKIDSTRICT", "strict-secret");
                S3Client wrongSecret = client(c, "AKIDSTRICT", "nope");
                S3Client unknown = client(c, "AKIDUNKNOWN", "x")) {
            good.createBucket(b -> b.bucket("guarded"));
            S3Exception mismatch = assertThrows(
                    S3Exception.class,
                    () -> wrongSecret.putObject(b -> b.bucket("guarded").key("k"), RequestBody.fromString("x")));
            assertEquals(403, mismatch.statusCode());
            assertEquals("SignatureDoesNotMatch", mismatch.awsErrorDetails().errorCode());
            S3Exception invalidKey = assertThrows(S3Exception.class, () -> unknown.listBuckets());
            assertEquals("InvalidAccessKeyId", invalidKey.awsErrorDetails().errorCode());
        }
        HttpResponse<String> anonymous = new RawHttp(c.edgePort()).get("/guarded");
        assertEquals(403, anonymous.statusCode());
        assertTrue(anonymous.body().contains("<Code>AccessDenied</Code>"), anonymous.body());
        clock.advance(Duration.ofHours(1));
        try (S3Client good = client(c, "AKIDSTRICT", "strict-secret")) {
            // The server answers RequestTimeTooSkewed; the SDK then corrects its clock from our Date
            // header and retries, exactly as it does against S3, so the call succeeds.
            assertEquals(1, good.listBuckets().buckets().size());
        }
    }

    @Test
    void presignedUrlsAreBoundToMethodAndKeyAndExpireByTheClock() throws Exception {
        MiniCloud c = strict.getMiniCloud();
        clock.set(Instant.now());
        HttpClient http = HttpClient.newHttpClient();
        try (S3Client s3 = client(c, "AKIDSTRICT", "strict-secret");
                S3Presigner presigner = presigner(c, "AKIDSTRICT", "strict-secret")) {
            s3.createBucket(b -> b.bucket("presigned"));
            URI put = presigner
                    .presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(10))
                            .putObjectRequest(o -> o.bucket("presigned").key("up")))
                    .url()
                    .toURI();
            HttpResponse<String> uploaded = http.send(
                    HttpRequest.newBuilder(put)
                            .PUT(HttpRequest.BodyPublishers.ofString("via url"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, uploaded.statusCode(), uploaded.body());

            URI get = presigner
                    .presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(10))
                            .getObjectRequest(o -> o.bucket("presigned").key("up")))
                    .url()
                    .toURI();
            assertEquals(
                    "via url",
                    http.send(HttpRequest.newBuilder(get).build(), HttpResponse.BodyHandlers.ofString())
                            .body());

            HttpResponse<String> wrongMethod = http.send(
                    HttpRequest.newBuilder(get)
                            .PUT(HttpRequest.BodyPublishers.ofString("x"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, wrongMethod.statusCode());
            assertTrue(wrongMethod.body().contains("<Code>SignatureDoesNotMatch</Code>"), wrongMethod.body());
            URI otherKey = URI.create(get.toString().replace("/presigned/up?", "/presigned/other?"));
            assertEquals(
                    403,
                    http.send(HttpRequest.newBuilder(otherKey).build(), HttpResponse.BodyHandlers.ofString())
                            .statusCode());

            clock.advance(Duration.ofMinutes(11));
            HttpResponse<String> expired =
                    http.send(HttpRequest.newBuilder(get).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, expired.statusCode());
            assertTrue(expired.body().contains("<Message>Request has expired</Message>"), expired.body());
        }
    }

    @Test
    void lenientModeStillRefusesExpiredPresignedUrls() throws Exception {
        MutableClock lenientClock = MutableClock.startingAt(Instant.now());
        try (MiniCloud c =
                        MiniCloud.builder().services("s3").clock(lenientClock).start();
                S3Client s3 = TestS3.syncClient(c, true);
                S3Presigner presigner = presigner(c, "anything", "goes")) {
            s3.createBucket(b -> b.bucket("lenient"));
            s3.putObject(b -> b.bucket("lenient").key("k"), RequestBody.fromString("v"));
            URI get = presigner
                    .presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                            .getObjectRequest(o -> o.bucket("lenient").key("k")))
                    .url()
                    .toURI();
            HttpClient http = HttpClient.newHttpClient();
            assertEquals(
                    "v",
                    http.send(HttpRequest.newBuilder(get).build(), HttpResponse.BodyHandlers.ofString())
                            .body());
            lenientClock.advance(Duration.ofMinutes(6));
            HttpResponse<String> expired = http.send(
                    HttpRequest.newBuilder(get).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertEquals(403, expired.statusCode());
            assertTrue(expired.body().contains("<Code>AccessDenied</Code>"), expired.body());
        }
    }

    /** Builds matrix clients with the strict instance's credentials. */
    private record TestS3Builder(MiniCloud cloud) {
        TestS3 sync() {
            return TestS3.wrap(ClientKind.SYNC_PATH, client(cloud, "AKIDSTRICT", "strict-secret"), null);
        }

        TestS3 netty() {
            return TestS3.wrap(
                    ClientKind.NETTY_PATH,
                    null,
                    S3AsyncClient.builder()
                            .endpointOverride(TestS3.endpoint(cloud))
                            .region(Region.US_EAST_1)
                            .forcePathStyle(true)
                            .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                            .credentialsProvider(() -> AwsBasicCredentials.create("AKIDSTRICT", "strict-secret"))
                            .build());
        }

        TestS3 crt() {
            return TestS3.wrap(
                    ClientKind.CRT_PATH,
                    null,
                    S3AsyncClient.crtBuilder()
                            .endpointOverride(TestS3.endpoint(cloud))
                            .region(Region.US_EAST_1)
                            .forcePathStyle(true)
                            .credentialsProvider(() -> AwsBasicCredentials.create("AKIDSTRICT", "strict-secret"))
                            .build());
        }
    }
}
