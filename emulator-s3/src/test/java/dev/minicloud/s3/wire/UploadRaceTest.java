package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.s3.S3Service;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Races that used to leak memory for good or lie to a client: CompleteMultipartUpload against
 * AbortMultipartUpload and against a re-upload of a part, and writes against a reset or a
 * DeleteBucket. Every request gets a clean answer (never a 500), an abort that answered 204 is never
 * followed by the object, and once everything is gone the store's quota is back at zero.
 */
class UploadRaceTest {
    private static final int ROUNDS = 150;

    private static long used(MiniCloud c) {
        return c.service(S3Service.class).orElseThrow().store().quota().used();
    }

    private static S3Client client(MiniCloud c) {
        return TestS3.syncBuilder(c, true)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** Runs the calls at once; each result is "ok" or the S3 error code (a 5xx fails the test). */
    private static List<String> together(ExecutorService pool, List<Callable<Object>> calls) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> futures = new ArrayList<>();
        for (Callable<Object> call : calls) {
            futures.add(pool.submit(() -> {
                start.await();
                try {
                    call.call();
                    return "ok";
                } catch (S3Exception e) {
                    assertTrue(e.statusCode() < 500, "a race answered " + e.statusCode() + " " + e.getMessage());
                    return e.awsErrorDetails().errorCode();
                }
            }));
        }
        start.countDown();
        List<String> out = new ArrayList<>();
        for (Future<String> f : futures) {
            out.add(f.get());
        }
        return out;
    }

    @Test
    void completeAbortAndPartReuploadRacesNeverLieNorLeak() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (MiniCloud c = MiniCloud.builder().services("s3").start();
                S3Client s3 = client(c)) {
            s3.createBucket(b -> b.bucket("race"));
            byte[] body = new byte[3000];
            for (int i = 0; i < ROUNDS; i++) {
                String key = "k" + i;
                String id =
                        s3.createMultipartUpload(b -> b.bucket("race").key(key)).uploadId();
                String etag = s3.uploadPart(
                                b -> b.bucket("race").key(key).uploadId(id).partNumber(1), RequestBody.fromBytes(body))
                        .eTag();
                List<String> r = together(
                        pool,
                        List.of(
                                () -> s3.completeMultipartUpload(b -> b.bucket("race")
                                        .key(key)
                                        .uploadId(id)
                                        .multipartUpload(m ->
                                                m.parts(p -> p.partNumber(1).eTag(etag)))),
                                () -> s3.abortMultipartUpload(
                                        b -> b.bucket("race").key(key).uploadId(id)),
                                () -> s3.uploadPart(
                                        b -> b.bucket("race")
                                                .key(key)
                                                .uploadId(id)
                                                .partNumber(1),
                                        RequestBody.fromBytes(body))));
                boolean completed = r.get(0).equals("ok");
                boolean aborted = r.get(1).equals("ok");
                assertFalse(completed && aborted, "round " + i + ": both Complete and Abort succeeded " + r);
                if (aborted) {
                    assertTrue(objectMissing(s3, key), "round " + i + ": the object exists after Abort answered 204");
                }
                if (!completed && !aborted) {
                    s3.abortMultipartUpload(b -> b.bucket("race").key(key).uploadId(id));
                }
            }
            for (int i = 0; i < ROUNDS; i++) {
                String key = "k" + i;
                s3.deleteObject(b -> b.bucket("race").key(key));
            }
            assertEquals(
                    0, s3.listMultipartUploads(b -> b.bucket("race")).uploads().size());
            assertEquals(0L, used(c), "every part and object was given back");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void writesRacingResetAndDeleteBucketLeaveNothingBehind() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (MiniCloud c = MiniCloud.builder().services("s3").start();
                S3Client s3 = client(c)) {
            byte[] body = new byte[20_000];
            for (int i = 0; i < ROUNDS; i++) {
                String bucket = "doomed" + i;
                s3.createBucket(b -> b.bucket(bucket));
                String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("mp"))
                        .uploadId();
                boolean viaReset = i % 2 == 0;
                together(
                        pool,
                        List.of(
                                () -> s3.putObject(b -> b.bucket(bucket).key("o"), RequestBody.fromBytes(body)),
                                () -> s3.uploadPart(
                                        b -> b.bucket(bucket)
                                                .key("mp")
                                                .uploadId(id)
                                                .partNumber(1),
                                        RequestBody.fromBytes(body)),
                                () -> {
                                    if (viaReset) {
                                        c.reset("s3");
                                    } else {
                                        s3.deleteObject(b -> b.bucket(bucket).key("o"));
                                        s3.abortMultipartUpload(
                                                b -> b.bucket(bucket).key("mp").uploadId(id));
                                        s3.deleteBucket(b -> b.bucket(bucket));
                                    }
                                    return null;
                                }));
            }
            c.reset("s3");
            assertEquals(0L, used(c), "no write committed into a bucket that was already gone");
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean objectMissing(S3Client s3, String key) {
        try {
            s3.headObject(b -> b.bucket("race").key(key));
            return false;
        } catch (NoSuchKeyException e) {
            return true;
        } catch (S3Exception e) {
            return e.statusCode() == 404;
        }
    }
}
