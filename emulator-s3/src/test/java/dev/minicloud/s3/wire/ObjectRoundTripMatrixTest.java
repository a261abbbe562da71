package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minicloud.junit.MiniCloudExtension;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Object round trips through every client of the matrix (sync, async Netty, CRT; path-style and
 * virtual-hosted): byte-exact bodies of the sizes where framing goes wrong, ETags, ranges,
 * multipart, copies across buckets, listing of awkward keys, deletes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObjectRoundTripMatrixTest {
    private static final String BUCKET = "matrix-bucket";
    private static final String OTHER = "matrix-other";

    @RegisterExtension
    static MiniCloudExtension cloud =
            MiniCloudExtension.builder().services("s3").resetBeforeEach(true).build();

    private final Map<ClientKind, TestS3> clients = new EnumMap<>(ClientKind.class);

    private TestS3 client(ClientKind kind) {
        return clients.computeIfAbsent(kind, k -> TestS3.open(cloud.getMiniCloud(), k));
    }

    @AfterAll
    void closeClients() {
        clients.values().forEach(TestS3::close);
    }

    @BeforeEach
    void buckets() {
        // reset() ran before this; the buckets are created with a path-style client so every kind starts equal
        try (TestS3 c = TestS3.open(cloud.getMiniCloud(), ClientKind.SYNC_PATH)) {
            c.createBucket(BUCKET);
            c.createBucket(OTHER);
        }
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String md5Hex(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void putThenGetIsByteExactForBoundarySizes(ClientKind kind) throws Exception {
        TestS3 s3 = client(kind);
        int[] sizes = {0, 1, 128 * 1024 - 1, 128 * 1024, 128 * 1024 + 1, 5 * 1024 * 1024};
        for (int size : sizes) {
            byte[] data = bytes(size, size);
            String key = "size/" + size;
            PutObjectResponse put = s3.put(BUCKET, key, data);
            assertEquals('"' + md5Hex(data) + '"', put.eTag(), "ETag of " + size + " bytes");
            ResponseBytes<GetObjectResponse> got = s3.get(BUCKET, key);
            assertArrayEquals(data, got.asByteArray(), "body of " + size + " bytes");
            assertEquals(put.eTag(), got.response().eTag());
            assertEquals(size, s3.head(BUCKET, key).contentLength());
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void rangeGetReturnsExactlyTheRequestedBytes(ClientKind kind) {
        TestS3 s3 = client(kind);
        byte[] data = bytes(300_000, 7);
        s3.put(BUCKET, "ranged", data);
        ResponseBytes<GetObjectResponse> mid = s3.getRange(BUCKET, "ranged", "bytes=1000-199999");
        assertArrayEquals(Arrays.copyOfRange(data, 1000, 200_000), mid.asByteArray());
        assertEquals("bytes 1000-199999/300000", mid.response().contentRange());
        ResponseBytes<GetObjectResponse> tail = s3.getRange(BUCKET, "ranged", "bytes=-10");
        assertArrayEquals(Arrays.copyOfRange(data, 299_990, 300_000), tail.asByteArray());
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void multipartUploadAssemblesPartsAndUsesTheMultipartEtag(ClientKind kind) throws Exception {
        TestS3 s3 = client(kind);
        int part = 5 * 1024 * 1024;
        byte[] data = bytes(2 * part + 12345, 11);
        CompleteMultipartUploadResponse done = s3.multipart(BUCKET, "mp/object", data, part);
        MessageDigest md = MessageDigest.getInstance("MD5");
        for (int off = 0; off < data.length; off += part) {
            md.update(MessageDigest.getInstance("MD5")
                    .digest(Arrays.copyOfRange(data, off, Math.min(data.length, off + part))));
        }
        String expected = '"' + HexFormat.of().formatHex(md.digest()) + "-3\"";
        assertEquals(expected, done.eTag());
        ResponseBytes<GetObjectResponse> got = s3.get(BUCKET, "mp/object");
        assertArrayEquals(data, got.asByteArray());
        assertEquals(expected, got.response().eTag());
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void copyAcrossBucketsKeepsBytesAndEtag(ClientKind kind) {
        TestS3 s3 = client(kind);
        byte[] data = bytes(70_000, 3);
        PutObjectResponse put = s3.put(BUCKET, "source key+with=odd chars", data);
        assertEquals(
                put.eTag(),
                s3.copy(BUCKET, "source key+with=odd chars", OTHER, "copied/é")
                        .copyObjectResult()
                        .eTag());
        assertArrayEquals(data, s3.get(OTHER, "copied/é").asByteArray());
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void listingReturnsEveryAwkwardKeyExactlyOnceAcrossPages(ClientKind kind) {
        TestS3 s3 = client(kind);
        List<String> keys = new ArrayList<>(List.of(
                "list/a b",
                "list/a+b",
                "list/a=b",
                "list/new\nline",
                "list/ünïcödé",
                "list/日本",
                "list/x/y/z",
                "list/%41",
                "list/tab\tkey",
                "list/&<>\"'"));
        for (String k : keys) {
            s3.put(BUCKET, k, k.getBytes(StandardCharsets.UTF_8));
        }
        s3.put(BUCKET, "other/outside", new byte[] {1});
        List<String> listed = s3.listAll(BUCKET, "list/", 3);
        List<String> expected = new ArrayList<>(keys);
        expected.sort(null);
        assertEquals(expected, listed);
        for (String k : keys) {
            assertArrayEquals(
                    k.getBytes(StandardCharsets.UTF_8), s3.get(BUCKET, k).asByteArray(), k);
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void deleteIsIdempotentAndTheKeyIsGone(ClientKind kind) {
        TestS3 s3 = client(kind);
        s3.put(BUCKET, "doomed", new byte[] {1, 2, 3});
        s3.delete(BUCKET, "doomed");
        s3.delete(BUCKET, "doomed");
        // CRT discovers the size with a HEAD first, whose 404 has no body on S3 either: only the status is certain.
        S3Exception e = assertThrows(S3Exception.class, () -> s3.get(BUCKET, "doomed"));
        assertEquals(404, e.statusCode());
        if (kind.transport != ClientKind.Transport.CRT) {
            assertEquals("NoSuchKey", e.awsErrorDetails().errorCode());
        }
    }
}
