import dev.minicloud.internal.aws.checksum.ChecksumAlgorithm;
import dev.minicloud.internal.aws.chunked.PayloadDecoder;
import dev.minicloud.s3.internal.store.ObjectData;
import dev.minicloud.s3.internal.store.ObjectDataWriter;
import dev.minicloud.s3.internal.store.StorageQuota;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Random;

/**
 * The server-side CPU cost of one PutObject body without a client checksum, before and after S3's
 * default CRC64NVME: the same work UploadBody does (PayloadDecoder: MD5 for the ETag, then the
 * bytes packed into store pages), once without and once with {@code defaultAlgorithm(CRC64NVME)}.
 * Bodies arrive in 16 KiB pieces, as Netty hands them over. Rounds alternate so machine load hits
 * both alike; the best of each is printed. No network, no SDK: this isolates the checksum.
 * Usage: benchmarks/s3/put-checksum-cost.sh
 */
public class PutChecksumCost {
    static long blackhole;

    public static void main(String[] args) {
        StorageQuota quota = new StorageQuota(Long.MAX_VALUE);
        System.out.printf("%-10s %14s %14s %10s%n", "body", "before us/PUT", "after us/PUT", "after/bef");
        for (int size : new int[] {4 * 1024, 1024 * 1024}) {
            byte[] bytes = new byte[size];
            new Random(size).nextBytes(bytes);
            ByteBuf body = Unpooled.directBuffer(size).writeBytes(bytes);
            HttpHeaders headers = new DefaultHttpHeaders().set("x-amz-content-sha256", "UNSIGNED-PAYLOAD")
                    .set("Content-Length", Integer.toString(size));
            int n = size <= 4096 ? 100_000 : 400;
            double before = Double.MAX_VALUE;
            double after = Double.MAX_VALUE;
            for (int round = 0; round < 7; round++) {
                before = Math.min(before, perPutMicros(body, headers, quota, false, n));
                after = Math.min(after, perPutMicros(body, headers, quota, true, n));
            }
            System.out.printf("%-10s %14.2f %14.2f %10.2f   (%.0f -> %.0f MB/s)%n", size / 1024 + " KiB", before, after,
                    after / before, size / before, size / after);
        }
        System.out.println("(" + blackhole + ")");
    }

    static double perPutMicros(ByteBuf body, HttpHeaders headers, StorageQuota quota, boolean withDefault, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            ObjectDataWriter writer = new ObjectDataWriter(quota, body.readableBytes());
            PayloadDecoder.Builder b = PayloadDecoder.builder(headers).sink(data -> writer.write(data.nioBuffer()));
            if (withDefault) {
                b.defaultAlgorithm(ChecksumAlgorithm.CRC64NVME);
            }
            PayloadDecoder d = b.build();
            ByteBuf piece = body.duplicate();
            while (piece.isReadable()) {
                d.onContent(piece.readSlice(Math.min(16 * 1024, piece.readableBytes())));
            }
            blackhole += d.finish().md5()[0];
            String crc = d.finish().checksum(ChecksumAlgorithm.CRC64NVME);
            blackhole += crc == null ? 0 : crc.length();
            ObjectData data = writer.finish();
            blackhole += data.length();
            data.release();
        }
        return (System.nanoTime() - start) / 1000.0 / n;
    }
}
