package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.s3.S3Service;
import dev.minicloud.s3.internal.store.StorageQuota;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The store's guarantees seen through the wire: the memory limit answers an S3-shaped 507 and
 * keeps nothing of the failed upload, concurrent writers to one key leave exactly one writer's
 * whole object, and readers never see a mix.
 */
class StorageBehaviourTest {

    /** Bytes of data pages held (version records are charged too, and counted apart: see below). */
    private static long used(MiniCloud c) {
        return quota(c).dataBytes();
    }

    private static StorageQuota quota(MiniCloud c) {
        return c.service(S3Service.class).orElseThrow().store().quota();
    }

    @Test
    void deleteMarkersAndEmptyVersionsCountAgainstTheMemoryLimit() {
        try (MiniCloud c = MiniCloud.builder()
                        .services("s3")
                        .setting("s3-memory-limit", "1m")
                        .start();
                S3Client s3 = TestS3.syncClient(c, true)) {
            s3.createBucket(b -> b.bucket("markers"));
            s3.putBucketVersioning(
                    b -> b.bucket("markers").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
            String key = "k".repeat(1000); // each record then costs over 2 KB: the limit is reached in < 500 writes
            int accepted = 0;
            S3Exception full = null;
            for (int i = 0; i < 2_000 && full == null; i++) {
                try {
                    if (i % 2 == 0) {
                        s3.deleteObject(b -> b.bucket("markers").key(key));
                    } else {
                        s3.putObject(b -> b.bucket("markers").key(key), RequestBody.empty());
                    }
                    accepted++;
                } catch (S3Exception e) {
                    full = e;
                }
            }
            assertTrue(full != null, "an unbounded number of empty versions and delete markers was kept");
            assertEquals(507, full.statusCode());
            assertEquals("InsufficientStorage", full.awsErrorDetails().errorCode());
            assertEquals(0L, quota(c).dataBytes());
            assertTrue(quota(c).recordBytes() > 1024 * 1024 - 4096, "the records filled the budget");
            int versions =
                    s3.listObjectVersions(b -> b.bucket("markers")).versions().size()
                            + s3.listObjectVersions(b -> b.bucket("markers"))
                                    .deleteMarkers()
                                    .size();
            assertEquals(Math.min(accepted, 1000), versions, "every accepted write is there, the refused one is not");

            c.reset();
            assertEquals(0L, quota(c).used(), "dropping the versions gives their records back");
        }
    }

    @Test
    void memoryLimitAnswersInsufficientStorageAndKeepsNothing() {
        try (MiniCloud c = MiniCloud.builder()
                        .services("s3")
                        .setting("s3-memory-limit", "1m")
                        .start();
                S3Client s3 = TestS3.syncClient(c, true)) {
            s3.createBucket(b -> b.bucket("bounded"));
            s3.putObject(b -> b.bucket("bounded").key("fits"), RequestBody.fromBytes(new byte[600_000]));
            assertEquals(600_000L, used(c));
            S3Exception full = assertThrows(
                    S3Exception.class,
                    () -> s3.putObject(
                            b -> b.bucket("bounded").key("too-big"), RequestBody.fromBytes(new byte[600_000])));
            assertEquals(507, full.statusCode());
            assertEquals("InsufficientStorage", full.awsErrorDetails().errorCode());
            assertEquals(600_000L, used(c), "the failed upload's pages were returned");
            assertThrows(
                    S3Exception.class,
                    () -> s3.headObject(b -> b.bucket("bounded").key("too-big")));
            s3.deleteObject(b -> b.bucket("bounded").key("fits"));
            assertEquals(0L, used(c));
            s3.putObject(b -> b.bucket("bounded").key("now-fits"), RequestBody.fromBytes(new byte[900_000]));
        }
    }

    @Test
    void copiesAndOverwritesShareAndReturnMemory() {
        try (MiniCloud c = MiniCloud.builder().services("s3").start();
                S3Client s3 = TestS3.syncClient(c, true)) {
            s3.createBucket(b -> b.bucket("shared"));
            s3.putObject(b -> b.bucket("shared").key("a"), RequestBody.fromBytes(new byte[100_000]));
            s3.copyObject(b -> b.sourceBucket("shared")
                    .sourceKey("a")
                    .destinationBucket("shared")
                    .destinationKey("b"));
            assertEquals(100_000L, used(c), "a copy shares the source's pages");
            s3.deleteObject(b -> b.bucket("shared").key("a"));
            assertEquals(100_000L, used(c), "the copy keeps the pages alive");
            s3.putObject(b -> b.bucket("shared").key("b"), RequestBody.fromBytes(new byte[10]));
            assertEquals(10L, used(c), "overwriting releases the old object");
            c.reset();
            assertEquals(0L, used(c));
        }
    }

    @Test
    void concurrentWritersLeaveOneWholeObjectAndReadersSeeWholeObjects() throws Exception {
        int writers = 6;
        int size = 256 * 1024;
        try (MiniCloud c = MiniCloud.builder().services("s3").start();
                S3Client s3 = TestS3.syncClient(c, true)) {
            s3.createBucket(b -> b.bucket("race"));
            List<byte[]> versions = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                byte[] v = new byte[size];
                Arrays.fill(v, (byte) i);
                versions.add(v);
            }
            s3.putObject(b -> b.bucket("race").key("k"), RequestBody.fromBytes(versions.get(0)));
            ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
            try {
                List<CompletableFuture<Void>> all = new ArrayList<>();
                for (int round = 0; round < 3; round++) {
                    for (int i = 0; i < writers; i++) {
                        byte[] v = versions.get(i);
                        all.add(CompletableFuture.runAsync(
                                () -> s3.putObject(b -> b.bucket("race").key("k"), RequestBody.fromBytes(v)), pool));
                    }
                    for (int r = 0; r < 2; r++) {
                        all.add(CompletableFuture.runAsync(
                                () -> {
                                    byte[] got = s3.getObjectAsBytes(
                                                    b -> b.bucket("race").key("k"))
                                            .asByteArray();
                                    assertEquals(size, got.length);
                                    for (byte x : got) {
                                        assertEquals(got[0], x, "a reader saw a mix of two writes");
                                    }
                                },
                                pool));
                    }
                }
                CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            } finally {
                pool.shutdownNow();
            }
            byte[] last = s3.getObjectAsBytes(b -> b.bucket("race").key("k")).asByteArray();
            assertTrue(versions.stream().anyMatch(v -> Arrays.equals(v, last)));
            assertArrayEquals(
                    last, s3.getObjectAsBytes(b -> b.bucket("race").key("k")).asByteArray());
            assertEquals((long) size, used(c), "only the winner's pages remain");
        }
    }
}
