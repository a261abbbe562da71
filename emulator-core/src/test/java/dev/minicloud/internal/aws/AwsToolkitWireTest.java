package dev.minicloud.internal.aws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minicloud.MutableClock;
import dev.minicloud.internal.aws.auth.SigV4Verifier;
import dev.minicloud.internal.aws.checksum.ChecksumAlgorithm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The toolkit behind a real socket, driven by the real AWS SDK S3 client at its defaults (2.30+
 * integrity checksums, aws-chunked uploads): what the S3 service will see.
 */
class AwsToolkitWireTest {
    static final String AK = "AKIDWIRE";
    static final String SK = "wire/secret+key";

    // The SDK signs with the real time; the server's clock starts there and tests move it.
    final MutableClock clock = MutableClock.startingAt(Instant.now());
    ToolkitProbeServer server;
    S3Client client;

    void start(boolean strict, String clientSecret) throws InterruptedException {
        server = new ToolkitProbeServer(SigV4Verifier.forS3(Map.of(AK, SK), clock), strict);
        client = S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(AK, clientSecret)))
                .build();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static byte[] data(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void defaultPutObjectVerifiesAndDecodesInStrictMode() throws Exception {
        start(true, SK);
        byte[] payload = data(300_000);
        PutObjectResponse r =
                client.putObject(b -> b.bucket("bucket").key("dir/a key+ü.bin"), RequestBody.fromBytes(payload));
        ToolkitProbeServer.Outcome o = server.next();
        assertNull(o.error());
        assertArrayEquals(payload, o.body());
        assertEquals(o.result().etag(), r.eTag());
        // The SDK's default: a CRC32 trailer, which it validated against our response header too.
        assertEquals(ChecksumAlgorithm.CRC32, o.result().requestAlgorithm());
        assertEquals(ChecksumAlgorithm.CRC32.base64Of(payload), r.checksumCRC32());
    }

    @ParameterizedTest
    @EnumSource(
            value = software.amazon.awssdk.services.s3.model.ChecksumAlgorithm.class,
            names = {"CRC32", "CRC32_C", "CRC64_NVME", "SHA1", "SHA256"})
    void everyChecksumAlgorithmRoundTrips(software.amazon.awssdk.services.s3.model.ChecksumAlgorithm sdkAlg)
            throws Exception {
        start(true, SK);
        byte[] payload = data(70_001);
        client.putObject(b -> b.bucket("bucket").key("k").checksumAlgorithm(sdkAlg), RequestBody.fromBytes(payload));
        ToolkitProbeServer.Outcome o = server.next();
        assertNull(o.error());
        ChecksumAlgorithm ours = ChecksumAlgorithm.fromName(sdkAlg.toString());
        assertEquals(ours, o.result().requestAlgorithm());
        assertEquals(ours.base64Of(payload), o.result().checksum(ours));
        assertArrayEquals(payload, o.body());
    }

    @Test
    void asyncNettyClientPutVerifiesInStrictMode() throws Exception {
        start(true, SK);
        byte[] payload = data(1_000_000);
        try (S3AsyncClient async = S3AsyncClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(AK, SK)))
                .build()) {
            PutObjectResponse r = async.putObject(
                            b -> b.bucket("bucket").key("async key"), AsyncRequestBody.fromBytes(payload))
                    .join();
            ToolkitProbeServer.Outcome o = server.next();
            assertNull(o.error());
            assertArrayEquals(payload, o.body());
            assertEquals(o.result().etag(), r.eTag());
        }
    }

    @Test
    void crtClientPutVerifiesInStrictMode() throws Exception {
        start(true, SK);
        byte[] payload = data(200_000); // below the CRT's part size: one PutObject
        try (S3AsyncClient crt = S3AsyncClient.crtBuilder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(AK, SK)))
                .build()) {
            PutObjectResponse r = crt.putObject(
                            b -> b.bucket("bucket").key("crt/key"), AsyncRequestBody.fromBytes(payload))
                    .join();
            ToolkitProbeServer.Outcome o = server.next();
            assertNull(o.error());
            assertArrayEquals(payload, o.body());
            assertEquals(o.result().etag(), r.eTag());
        }
    }

    @Test
    void emptyObjectRoundTrips() throws Exception {
        start(true, SK);
        client.putObject(b -> b.bucket("bucket").key("empty"), RequestBody.empty());
        ToolkitProbeServer.Outcome o = server.next();
        assertNull(o.error());
        assertEquals(0, o.result().length());
    }

    @Test
    void wrongSecretReachesTheClientAsSignatureDoesNotMatch() throws Exception {
        start(true, "not-the-secret");
        S3Exception e = assertThrows(
                S3Exception.class,
                () -> client.putObject(b -> b.bucket("bucket").key("k"), RequestBody.fromBytes(new byte[10])));
        assertEquals(403, e.statusCode());
        assertEquals("SignatureDoesNotMatch", e.awsErrorDetails().errorCode());
    }

    @Test
    void contentMd5MismatchReachesTheClientAsBadDigest() throws Exception {
        start(false, SK);
        S3Exception e = assertThrows(
                S3Exception.class,
                () -> client.putObject(
                        b -> b.bucket("bucket").key("k").contentMD5("XrY7u+Ae7tCTyyK7j1rNww=="),
                        RequestBody.fromBytes(new byte[10])));
        assertEquals("BadDigest", e.awsErrorDetails().errorCode());
    }

    @Test
    void presignedGetWorksUntilItExpires() throws Exception {
        start(true, SK);
        try (S3Presigner presigner = S3Presigner.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .region(Region.US_EAST_1)
                .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(AK, SK)))
                .build()) {
            URI url = presigner
                    .presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(10))
                            .getObjectRequest(g -> g.bucket("bucket").key("reports/2026 Q4 (final).pdf")))
                    .url()
                    .toURI();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> ok =
                    http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode(), ok.body());
            assertNotNull(server.next().result());

            clock.advance(Duration.ofMinutes(11));
            HttpResponse<String> expired =
                    http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, expired.statusCode());
            assertEquals("AccessDenied", server.next().error().code());
            org.junit.jupiter.api.Assertions.assertTrue(
                    expired.body().contains("<Message>Request has expired</Message>"), expired.body());
        }
    }
}
