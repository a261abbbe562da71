package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.junit.MiniCloudExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.CompletedFileDownload;
import software.amazon.awssdk.transfer.s3.model.CompletedUpload;

/**
 * {@code S3TransferManager} over both multipart-capable async clients (the Java-based one with
 * {@code multipartEnabled} and the CRT one) uploads and downloads a 100 MiB object in parts,
 * byte-exact, and small objects through the same path.
 */
class TransferManagerTest {
    private static final int MIB = 1024 * 1024;

    @RegisterExtension
    MiniCloudExtension cloud = MiniCloudExtension.builder().services("s3").build();

    private static S3AsyncClient client(MiniCloud c, boolean crt) {
        if (crt) {
            return TestS3.crtClient(c, true);
        }
        return S3AsyncClient.builder()
                .endpointOverride(TestS3.endpoint(c))
                .region(Region.US_EAST_1)
                .credentialsProvider(TestS3.credentials())
                .forcePathStyle(true)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .multipartEnabled(true)
                .multipartConfiguration(m -> m.minimumPartSizeInBytes(8L * MIB).thresholdInBytes(8L * MIB))
                .build();
    }

    @ParameterizedTest(name = "crt={0}")
    @ValueSource(booleans = {false, true})
    void uploadsAndDownloadsHundredMebibytesInParts(boolean crt, @TempDir Path dir) throws Exception {
        byte[] data = new byte[100 * MIB];
        new Random(42).nextBytes(data);
        try (S3AsyncClient s3 = client(cloud.getMiniCloud(), crt);
                S3TransferManager tm = S3TransferManager.builder().s3Client(s3).build()) {
            s3.createBucket(b -> b.bucket("big")).join();
            CompletedUpload up = tm.upload(
                            u -> u.putObjectRequest(p -> p.bucket("big").key("blob"))
                                    .requestBody(AsyncRequestBody.fromBytes(data)))
                    .completionFuture()
                    .join();
            assertTrue(
                    up.response().eTag().matches("\"[0-9a-f]{32}-\\d+\""),
                    "multipart ETag: " + up.response().eTag());
            HeadObjectResponse head =
                    s3.headObject(b -> b.bucket("big").key("blob")).join();
            assertEquals(100L * MIB, head.contentLength());

            Path target = dir.resolve("blob");
            CompletedFileDownload down = tm.downloadFile(d ->
                            d.getObjectRequest(g -> g.bucket("big").key("blob")).destination(target))
                    .completionFuture()
                    .join();
            assertEquals(up.response().eTag(), down.response().eTag());
            assertArrayEquals(md5(data), md5(Files.readAllBytes(target)));
        }
    }

    /*
     * Downloads go to a file, as in the test above, not through AsyncResponseTransformer.toBytes(): with
     * the Java-based multipart client, toBytes() on an empty object hangs now and then in the SDK itself
     * (ByteArraySplittingTransformer, 2.57.8; see EmptyObjectDownloadTest). Real S3 answers the same
     * 200 with Content-Length: 0, so it would hang there too.
     */
    @ParameterizedTest(name = "crt={0}")
    @ValueSource(booleans = {false, true})
    void smallObjectsGoThroughTheSamePath(boolean crt, @TempDir Path dir) throws Exception {
        try (S3AsyncClient s3 = client(cloud.getMiniCloud(), crt);
                S3TransferManager tm = S3TransferManager.builder().s3Client(s3).build()) {
            s3.createBucket(b -> b.bucket("small")).join();
            for (int size : new int[] {0, 1, 128 * 1024 + 1}) {
                byte[] data = new byte[size];
                new Random(size).nextBytes(data);
                tm.upload(u -> u.putObjectRequest(p -> p.bucket("small").key("k" + size))
                                .requestBody(AsyncRequestBody.fromBytes(data)))
                        .completionFuture()
                        .join();
                Path target = dir.resolve("k" + size);
                tm.downloadFile(d -> d.getObjectRequest(g -> g.bucket("small").key("k" + size))
                                .destination(target))
                        .completionFuture()
                        .join();
                assertArrayEquals(data, Files.readAllBytes(target), size + " bytes");
            }
        }
    }

    private static byte[] md5(byte[] b) throws Exception {
        return MessageDigest.getInstance("MD5").digest(b);
    }
}
