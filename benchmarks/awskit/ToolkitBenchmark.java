import dev.minicloud.internal.aws.checksum.ChecksumAlgorithm;
import dev.minicloud.internal.aws.checksum.Checksummer;
import dev.minicloud.internal.aws.chunked.PayloadDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.checksums.SdkChecksum;

/**
 * Throughput of the S3 upload path in emulator-core's AWS toolkit, side by side with the AWS SDK's
 * own checksum implementations (the peer; its CRC64NVME is the CRT's native code):
 * <ol>
 *   <li>each checksum over 1 MiB direct buffers, ours vs the SDK's, with the ratio;</li>
 *   <li>PayloadDecoder over whole bodies as the SDK sends them (aws-chunked, 64 KiB chunks, trailer),
 *       computing MD5 (ETag) + the trailer's CRC32 + S3's default CRC64NVME, against the bare cost of
 *       those three checksums on the same bytes (ratio = framing overhead);</li>
 *   <li>strict-mode SigV4: verifying a signed GET vs the SDK's signer producing it (ratio above 1:
 *       we verify faster than the SDK signs).</li>
 * </ol>
 * Usage: benchmarks/awskit/run.sh [MiB per round, default 256]
 */
public class ToolkitBenchmark {
    static final int MIB = 1 << 20;

    public static void main(String[] args) {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        ByteBuf block = Unpooled.directBuffer(MIB);
        byte[] bytes = new byte[MIB];
        new Random(1).nextBytes(bytes);
        block.writeBytes(bytes);

        System.out.printf("%-34s %12s %12s %8s%n", "checksum (" + mib + " MiB/round)", "ours MB/s", "SDK MB/s", "ratio");
        for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
            double ours = best(() -> {
                Checksummer c = a.newChecksummer();
                for (int i = 0; i < mib; i++) {
                    c.update(block);
                }
                sink(c.digest());
            }, mib);
            double sdk = best(() -> {
                SdkChecksum c = SdkChecksum.forAlgorithm(sdkAlgorithm(a));
                for (int i = 0; i < mib; i++) {
                    ByteBuffer nio = block.nioBuffer();
                    c.update(nio);
                }
                sink(c.getChecksumBytes());
            }, mib);
            System.out.printf("%-34s %12.0f %12.0f %8.2f%n", a, ours, sdk, ours / sdk);
        }
        double md5 = best(() -> {
            Checksummer c = Checksummer.md5();
            for (int i = 0; i < mib; i++) {
                c.update(block);
            }
            sink(c.digest());
        }, mib);
        System.out.printf("%-34s %12.0f %12s %8s%n", "MD5 (ETag, JDK)", md5, "-", "-");

        byte[] body = chunkedBody(bytes, 64 * 1024);
        int copies = mib;
        HttpHeaders headers = new DefaultHttpHeaders()
                .set("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER")
                .set("x-amz-decoded-content-length", Long.toString((long) copies * MIB))
                .set("x-amz-trailer", "x-amz-checksum-crc32");
        ByteBuf wire = Unpooled.directBuffer(body.length).writeBytes(body);
        double decode = best(() -> {
            PayloadDecoder d = PayloadDecoder.builder(headers).alsoCompute(ChecksumAlgorithm.CRC64NVME).build();
            // The same 1 MiB of framed chunks repeated; the final chunk and trailer are fed once at the end.
            for (int i = 0; i < copies; i++) {
                ByteBuf slice = wire.slice(0, wire.readableBytes());
                while (slice.isReadable()) {
                    d.onContent(slice.readSlice(Math.min(16 * 1024, slice.readableBytes()))); // Netty-sized pieces
                }
            }
            try {
                d.finish();
            } catch (RuntimeException expected) {
                // the trailer is not sent in this loop: only the decode cost is measured
            }
        }, mib);
        double bare = best(() -> {
            Checksummer m = Checksummer.md5();
            Checksummer c32 = ChecksumAlgorithm.CRC32.newChecksummer();
            Checksummer c64 = ChecksumAlgorithm.CRC64NVME.newChecksummer();
            for (int i = 0; i < mib; i++) {
                m.update(block);
                c32.update(block);
                c64.update(block);
            }
            sink(m.digest());
            sink(c32.digest());
            sink(c64.digest());
        }, mib);
        System.out.printf("%n%-34s %12s %12s %8s%n", "PayloadDecoder", "decode MB/s", "bare MB/s", "ratio");
        System.out.printf("%-34s %12.0f %12.0f %8.2f%n", "aws-chunked+trailer, MD5+CRC32+CRC64", decode, bare, decode / bare);
        smallBodies(bytes);
        signatures();
        System.out.println("(" + blackhole + ")");
    }

    /** Per-request cost for a 4 KiB upload as the SDK sends it (CRC32 trailer) vs its bare checksums. */
    static void smallBodies(byte[] random) {
        byte[] data = java.util.Arrays.copyOf(random, 4096);
        String crc = ChecksumAlgorithm.CRC32.base64Of(data);
        byte[] framed = (new String(chunkedBody(data, 4096), StandardCharsets.ISO_8859_1)
                + "0\r\nx-amz-checksum-crc32:" + crc + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        HttpHeaders headers = new DefaultHttpHeaders()
                .set("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER")
                .set("x-amz-decoded-content-length", "4096")
                .set("x-amz-trailer", "x-amz-checksum-crc32")
                .set("x-amz-sdk-checksum-algorithm", "CRC32");
        ByteBuf wire = Unpooled.wrappedBuffer(framed);
        int n = 200_000;
        double decode = perOpMicros(() -> {
            PayloadDecoder d = PayloadDecoder.builder(headers).build();
            d.onContent(wire.duplicate());
            sink(d.finish().md5());
        }, n);
        double bare = perOpMicros(() -> {
            Checksummer m = Checksummer.md5().update(data);
            Checksummer c = ChecksumAlgorithm.CRC32.newChecksummer().update(data);
            sink(m.digest());
            sink(c.digest());
        }, n);
        System.out.printf("%n%-34s %12s %12s %8s%n", "4 KiB upload body", "decode us", "bare us", "ratio");
        System.out.printf("%-34s %12.2f %12.2f %8.2f%n", "aws-chunked+CRC32 trailer, MD5", decode, bare, bare / decode);
    }

    /** Strict-mode cost per request: verifying a signed GET vs the SDK signing the same request. */
    static void signatures() {
        java.time.Instant at = java.time.Instant.parse("2026-11-23T12:00:00Z");
        software.amazon.awssdk.http.SdkHttpRequest request = software.amazon.awssdk.http.SdkHttpRequest.builder()
                .protocol("http").host("127.0.0.1").port(4566)
                .method(software.amazon.awssdk.http.SdkHttpMethod.GET).encodedPath("/bucket/some/key.txt")
                .putRawQueryParameter("versionId", "abc").build();
        software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner signer =
                software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.create();
        java.util.function.Supplier<software.amazon.awssdk.http.auth.spi.signer.SignedRequest> sign = () -> signer.sign(
                software.amazon.awssdk.http.auth.spi.signer.SignRequest.builder(
                                software.amazon.awssdk.identity.spi.AwsCredentialsIdentity.create("AK", "SK"))
                        .request(request)
                        .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                        .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.NORMALIZE_PATH, false)
                        .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                        .putProperty(software.amazon.awssdk.http.auth.spi.signer.HttpSigner.SIGNING_CLOCK,
                                java.time.Clock.fixed(at, java.time.ZoneOffset.UTC))
                        .build());
        software.amazon.awssdk.http.SdkHttpRequest signed = sign.get().request();
        io.netty.handler.codec.http.DefaultHttpHeaders h = new io.netty.handler.codec.http.DefaultHttpHeaders();
        signed.headers().forEach((k, vs) -> vs.forEach(v -> h.add(k, v)));
        h.set("Host", "127.0.0.1:4566");
        io.netty.handler.codec.http.HttpRequest head = new io.netty.handler.codec.http.DefaultHttpRequest(
                io.netty.handler.codec.http.HttpVersion.HTTP_1_1, io.netty.handler.codec.http.HttpMethod.GET,
                signed.encodedPath() + "?" + signed.encodedQueryParameters().orElse(""), h);
        dev.minicloud.internal.aws.auth.SigV4Verifier verifier = dev.minicloud.internal.aws.auth.SigV4Verifier.forS3(
                java.util.Map.of("AK", "SK"), java.time.Clock.fixed(at, java.time.ZoneOffset.UTC));
        int n = 100_000;
        double verifyUs = perOpMicros(() -> verifier.verify(head), n);
        double signUs = perOpMicros(sign::get, n);
        System.out.printf("%n%-34s %12s %12s %8s%n", "SigV4 per request", "verify us", "SDK sign us", "ratio");
        System.out.printf("%-34s %12.2f %12.2f %8.2f%n", "GET, header auth", verifyUs, signUs, signUs / verifyUs);
    }

    static double perOpMicros(Runnable op, int n) {
        double best = Double.MAX_VALUE;
        for (int r = 0; r < 5; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                op.run();
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e3 / n);
        }
        return best;
    }

    static long blackhole;

    static void sink(byte[] b) {
        blackhole += b[0];
    }

    /** Best of 5 rounds after 2 warm-ups, in MB/s (10^6 bytes). */
    static double best(Runnable round, int mib) {
        double best = 0;
        for (int r = 0; r < 7; r++) {
            long t0 = System.nanoTime();
            round.run();
            long ns = System.nanoTime() - t0;
            if (r >= 2) {
                best = Math.max(best, (double) mib * MIB / 1e6 / (ns / 1e9));
            }
        }
        return best;
    }

    /** 1 MiB framed in the SDK's unsigned style: {@code hex\r\ndata\r\n} per chunk, no final chunk. */
    static byte[] chunkedBody(byte[] data, int chunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 1024);
        for (int off = 0; off < data.length; off += chunk) {
            int n = Math.min(chunk, data.length - off);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(data, off, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    static software.amazon.awssdk.checksums.spi.ChecksumAlgorithm sdkAlgorithm(ChecksumAlgorithm a) {
        return switch (a) {
            case CRC32 -> DefaultChecksumAlgorithm.CRC32;
            case CRC32C -> DefaultChecksumAlgorithm.CRC32C;
            case CRC64NVME -> DefaultChecksumAlgorithm.CRC64NVME;
            case SHA1 -> DefaultChecksumAlgorithm.SHA1;
            case SHA256 -> DefaultChecksumAlgorithm.SHA256;
        };
    }
}
