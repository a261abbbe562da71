package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.junit.MiniCloudExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.transfer.s3.S3TransferManager;

/**
 * The empty-object download the SDK's multipart downloader makes ({@code GET ?partNumber=1} of a
 * 0-byte object) is complete on the wire and leaves the connection reusable, and the Transfer
 * Manager's file download of it completes even when every SDK future completes synchronously.
 *
 * <p>Why this exists: {@code TransferManagerTest} once hung now and then downloading an empty object
 * with the Java-based multipart client and {@code AsyncResponseTransformer.toBytes()}. The server had
 * sent a complete {@code 200}, {@code Content-Length: 0} (what real S3 sends) and the SDK had finished
 * the request; the hang is an SDK race (2.57.8) in {@code ByteArraySplittingTransformer}: the empty
 * body completes inside {@code IndividualTransformer.onStream}, the multipart subscriber then cancels
 * its subscription, and if that cancel runs before {@code onStream} sets {@code onStreamCalled}, the
 * result future is never completed. With a direct future-completion executor it hangs every time;
 * with the default executor it depends on thread scheduling (a loaded machine). Tests download to a
 * file instead, which this class pins down deterministically.
 */
class EmptyObjectDownloadTest {

    @RegisterExtension
    MiniCloudExtension cloud = MiniCloudExtension.builder().services("s3").build();

    @Test
    void partOneOfAnEmptyObjectIsACompleteResponseOnAKeptAliveConnection() throws Exception {
        RawHttp raw = new RawHttp(cloud.getMiniCloud().edgePort());
        assertEquals(200, raw.put("/bucket", null).statusCode());
        assertEquals(200, raw.put("/bucket/empty", new byte[0]).statusCode());

        try (Socket socket = new Socket("localhost", cloud.getMiniCloud().edgePort())) {
            socket.setSoTimeout(30_000); // a guard against a hang, not a timing assertion
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 3; i++) {
                out.write(("GET /bucket/empty?partNumber=1 HTTP/1.1\r\nHost: localhost\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String head = readHead(in).toLowerCase(Locale.ROOT);
                assertTrue(head.startsWith("http/1.1 200 ok\r\n"), head);
                assertTrue(head.contains("\r\ncontent-length: 0\r\n"), head);
                assertTrue(!head.contains("content-range") && !head.contains("transfer-encoding"), head);
            }
            // Nothing may follow the last response: stray bytes would corrupt the next exchange.
            socket.shutdownOutput();
            assertEquals(-1, in.read());
        }
    }

    @Test
    void fileDownloadOfAnEmptyObjectCompletesWhenSdkFuturesCompleteOnTheEventLoop(@TempDir Path dir) throws Exception {
        try (S3AsyncClient s3 = S3AsyncClient.builder()
                        .endpointOverride(TestS3.endpoint(cloud.getMiniCloud()))
                        .region(Region.US_EAST_1)
                        .credentialsProvider(TestS3.credentials())
                        .forcePathStyle(true)
                        .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                        // Completing futures on the calling thread removes the scheduling luck from the race
                        // described above: the toBytes() path would hang here every time.
                        .asyncConfiguration(a -> a.advancedOption(
                                SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR, Runnable::run))
                        .multipartEnabled(true)
                        .build();
                S3TransferManager tm = S3TransferManager.builder().s3Client(s3).build()) {
            s3.createBucket(b -> b.bucket("bucket")).join();
            s3.putObject(p -> p.bucket("bucket").key("empty"), AsyncRequestBody.fromBytes(new byte[0]))
                    .join();
            for (int i = 0; i < 3; i++) {
                Path target = dir.resolve("empty" + i);
                tm.downloadFile(d -> d.getObjectRequest(g -> g.bucket("bucket").key("empty"))
                                .destination(target))
                        .completionFuture()
                        .join();
                assertEquals(0, Files.size(target));
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside a response head: " + head);
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
