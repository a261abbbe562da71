package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.junit.MiniCloudExtension;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Upload integrity on the wire: every flexible checksum algorithm stored and returned, mismatches
 * answered with {@code BadDigest} (header and aws-chunked trailer), Content-MD5, the signed payload
 * hash, aws-chunked framing never stored, and a failed upload leaving nothing behind.
 */
class IntegrityTest extends S3WireTest {
    @RegisterExtension
    static MiniCloudExtension cloud = s3Cloud();

    @BeforeEach
    void createBucket() {
        s3.createBucket(b -> b.bucket("integrity"));
    }

    @ParameterizedTest
    @EnumSource(
            value = ChecksumAlgorithm.class,
            names = {"CRC32", "CRC32_C", "CRC64_NVME", "SHA1", "SHA256"})
    void everyChecksumAlgorithmIsStoredAndReturned(ChecksumAlgorithm algorithm) {
        byte[] data = "checksummed content".repeat(1000).getBytes(StandardCharsets.UTF_8);
        PutObjectResponse put = s3.putObject(
                b -> b.bucket("integrity").key("c").checksumAlgorithm(algorithm), RequestBody.fromBytes(data));
        ResponseBytes<GetObjectResponse> got =
                s3.getObjectAsBytes(b -> b.bucket("integrity").key("c").checksumMode(ChecksumMode.ENABLED));
        assertArrayEquals(data, got.asByteArray());
        String sent = switch (algorithm) {
            case CRC32 -> put.checksumCRC32();
            case CRC32_C -> put.checksumCRC32C();
            case CRC64_NVME -> put.checksumCRC64NVME();
            case SHA1 -> put.checksumSHA1();
            default -> put.checksumSHA256();
        };
        String returned = switch (algorithm) {
            case CRC32 -> got.response().checksumCRC32();
            case CRC32_C -> got.response().checksumCRC32C();
            case CRC64_NVME -> got.response().checksumCRC64NVME();
            case SHA1 -> got.response().checksumSHA1();
            default -> got.response().checksumSHA256();
        };
        assertTrue(sent != null && sent.equals(returned), algorithm + ": " + sent + " vs " + returned);
    }

    @Test
    void wrongChecksumHeaderIsBadDigestAndStoresNothing() throws Exception {
        HttpResponse<String> r =
                raw.put("/integrity/bad", "hello".getBytes(StandardCharsets.UTF_8), "x-amz-checksum-crc32", "AAAAAA==");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("<Code>BadDigest</Code>"), r.body());
        assertEquals(404, raw.get("/integrity/bad").statusCode());
        assertEquals(0L, usedBytes(), "a failed PUT keeps no pages");
    }

    @Test
    void contentMd5IsVerified() throws Exception {
        byte[] body = "md5 me".getBytes(StandardCharsets.UTF_8);
        String good = Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("MD5").digest(body));
        assertEquals(200, raw.put("/integrity/md5", body, "Content-MD5", good).statusCode());
        HttpResponse<String> wrong = raw.put("/integrity/md5", body, "Content-MD5", "1B2M2Y8AsgTpgAmY7PhCfg==");
        assertEquals(400, wrong.statusCode());
        assertTrue(wrong.body().contains("<Code>BadDigest</Code>"), wrong.body());
        HttpResponse<String> invalid = raw.put("/integrity/md5", body, "Content-MD5", "not-base64!");
        assertEquals(400, invalid.statusCode());
        assertTrue(invalid.body().contains("<Code>InvalidDigest</Code>"), invalid.body());
        assertEquals("md5 me", raw.get("/integrity/md5").body(), "the failed overwrites changed nothing");
    }

    @Test
    void signedPayloadHashMismatchIsRejected() throws Exception {
        HttpResponse<String> r = raw.put(
                "/integrity/signed",
                "payload".getBytes(StandardCharsets.UTF_8),
                "x-amz-content-sha256",
                "0".repeat(64));
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("<Code>XAmzContentSHA256Mismatch</Code>"), r.body());
    }

    private static byte[] chunked(String trailerName, String trailerValue, String... chunks) {
        StringBuilder b = new StringBuilder();
        for (String c : chunks) {
            b.append(Integer.toHexString(c.length()))
                    .append(";chunk-signature=")
                    .append("a".repeat(64))
                    .append("\r\n")
                    .append(c)
                    .append("\r\n");
        }
        b.append("0\r\n");
        if (trailerName != null) {
            b.append(trailerName).append(':').append(trailerValue).append("\r\n");
        }
        b.append("\r\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void awsChunkedBodiesAreDecodedAndTheirTrailersChecked() throws Exception {
        String crc = TestBytes.crc32("hello world".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> ok = raw.put(
                "/integrity/chunked",
                chunked("x-amz-checksum-crc32", crc, "hello ", "world"),
                "x-amz-content-sha256",
                "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                "Content-Encoding",
                "aws-chunked",
                "x-amz-decoded-content-length",
                "11",
                "x-amz-trailer",
                "x-amz-checksum-crc32");
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals(crc, ok.headers().firstValue("x-amz-checksum-crc32").orElseThrow());
        HttpResponse<String> got = raw.get("/integrity/chunked");
        assertEquals("hello world", got.body());
        assertTrue(got.headers().firstValue("Content-Encoding").isEmpty(), "aws-chunked is not stored");

        HttpResponse<String> bad = raw.put(
                "/integrity/chunked2",
                chunked("x-amz-checksum-crc32", "AAAAAA==", "data"),
                "x-amz-content-sha256",
                "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                "x-amz-decoded-content-length",
                "4",
                "x-amz-trailer",
                "x-amz-checksum-crc32");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("<Code>BadDigest</Code>"), bad.body());

        HttpResponse<String> shortBody = raw.put(
                "/integrity/chunked3",
                chunked(null, null, "abc"),
                "x-amz-content-sha256",
                "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
                "x-amz-decoded-content-length",
                "10");
        assertEquals(400, shortBody.statusCode());
        assertTrue(shortBody.body().contains("<Code>IncompleteBody</Code>"), shortBody.body());

        HttpResponse<String> garbage = raw.put(
                "/integrity/chunked4",
                "zz\r\nabc".getBytes(StandardCharsets.UTF_8),
                "x-amz-content-sha256",
                "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                "x-amz-decoded-content-length",
                "3");
        assertEquals(400, garbage.statusCode());
        HttpResponse<String> noLength = raw.put(
                "/integrity/chunked5",
                chunked(null, null, "abc"),
                "x-amz-content-sha256",
                "STREAMING-UNSIGNED-PAYLOAD-TRAILER");
        assertEquals(411, noLength.statusCode(), "S3 requires x-amz-decoded-content-length: MissingContentLength");
        assertEquals(11L, usedBytes(), "only the good object holds memory: its 11 bytes");
        assertEquals(200, raw.get("/integrity/chunked").statusCode(), "the server is still serving");
    }

    @Test
    void singlePutEtagIsTheQuotedHexMd5() throws Exception {
        byte[] body = new byte[12345];
        PutObjectResponse r = s3.putObject(b -> b.bucket("integrity").key("etag"), RequestBody.fromBytes(body));
        assertEquals(
                '"' + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body)) + '"', r.eTag());
        S3Exception e = assertThrows(
                S3Exception.class,
                () -> s3.getObject(b -> b.bucket("integrity").key("etag").ifNoneMatch(r.eTag())));
        assertEquals(304, e.statusCode());
    }
}
