import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Heap cost of a 1 GiB multipart upload (benchmarks/s3/heap.sh): uploads 128 parts of 8 MiB with
 * the SDK v2 sync client at its default settings (CRC32 trailers, aws-chunked bodies) and, after
 * every 16 parts and after CompleteMultipartUpload, has the server run a full GC and reads its live
 * heap with jcmd. Prints live heap minus the bytes stored so far: what the server holds beyond the
 * data itself. Usage: java -cp <sdk> MultipartHeap.java endpoint server-pid
 */
public class MultipartHeap {
    static final int PART = 8 * 1024 * 1024;
    static final int PARTS = 128;
    static final Pattern USED = Pattern.compile("garbage-first heap\\s+total \\d+K, used (\\d+)K");

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        long pid = Long.parseLong(args[1]);
        byte[] part = new byte[PART];
        new Random(1).nextBytes(part);
        try (S3Client s3 = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .forcePathStyle(true).build()) {
            s3.createBucket(b -> b.bucket("heap"));
            // one small multipart round first, so classes are loaded and pools exist before the baseline
            String warm = s3.createMultipartUpload(b -> b.bucket("heap").key("warm")).uploadId();
            s3.uploadPart(b -> b.bucket("heap").key("warm").uploadId(warm).partNumber(1), RequestBody.fromBytes(new byte[1024]));
            s3.abortMultipartUpload(b -> b.bucket("heap").key("warm").uploadId(warm));

            long base = liveHeap(pid);
            System.out.printf("baseline live heap: %.1f MiB%n", base / 1048576.0);
            System.out.printf("%-28s %12s %12s %14s%n", "after", "stored MiB", "live MiB", "beyond data");
            String id = s3.createMultipartUpload(b -> b.bucket("heap").key("big")).uploadId();
            List<CompletedPart> done = new ArrayList<>();
            long worst = Long.MIN_VALUE;
            for (int n = 1; n <= PARTS; n++) {
                int number = n;
                String etag = s3.uploadPart(b -> b.bucket("heap").key("big").uploadId(id).partNumber(number),
                        RequestBody.fromBytes(part)).eTag();
                done.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
                if (n % 16 == 0) {
                    worst = Math.max(worst, report("part " + n, (long) n * PART, liveHeap(pid) - base));
                }
            }
            s3.completeMultipartUpload(b -> b.bucket("heap").key("big").uploadId(id).multipartUpload(m -> m.parts(done)));
            HeadObjectResponse head = s3.headObject(b -> b.bucket("heap").key("big"));
            if (head.contentLength() != (long) PARTS * PART || !head.eTag().endsWith("-" + PARTS + "\"")) {
                throw new IllegalStateException("unexpected object: " + head);
            }
            worst = Math.max(worst, report("CompleteMultipartUpload", (long) PARTS * PART, liveHeap(pid) - base));
            System.out.printf("most held beyond the data: %.2f MiB (object %d bytes, ETag %s)%n",
                    worst / 1048576.0, head.contentLength(), head.eTag());
        }
    }

    static long report(String what, long stored, long live) {
        long beyond = live - stored;
        System.out.printf("%-28s %12.1f %12.1f %11.2f MiB%n", what, stored / 1048576.0, live / 1048576.0, beyond / 1048576.0);
        return beyond;
    }

    /** Live heap of the server in bytes: a full GC, then G1's used figure. */
    static long liveHeap(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher m = USED.matcher(info);
        if (!m.find()) {
            throw new IllegalStateException("no G1 heap figure in: " + info);
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + out);
        }
        return out;
    }
}
