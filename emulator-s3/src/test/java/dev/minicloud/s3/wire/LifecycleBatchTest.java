package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MutableClock;
import dev.minicloud.junit.MiniCloudExtension;
import dev.minicloud.s3.S3Service;
import dev.minicloud.s3.internal.lifecycle.LifecycleReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;

/**
 * How a lifecycle pass is cut up ({@code s3-lifecycle-batch}): batches of that many keys, each a
 * task on the worker pool (never the caller's thread, never an event loop), and passes that run one
 * after the other. Time only moves by the {@code MutableClock}.
 */
class LifecycleBatchTest {
    private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-02-10T09:00:00Z"));

    @RegisterExtension
    MiniCloudExtension cloud = MiniCloudExtension.builder()
            .services("s3")
            .clock(clock)
            .setting("s3-lifecycle-interval", "0")
            .setting("s3-lifecycle-batch", "10")
            .build();

    private S3Service service() {
        return cloud.getMiniCloud().service(S3Service.class).orElseThrow();
    }

    private void expiringBucket(S3Client s3, String bucket, int objects) {
        s3.createBucket(b -> b.bucket(bucket));
        s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket)
                .lifecycleConfiguration(l -> l.rules(r -> r.id("day")
                        .status(ExpirationStatus.ENABLED)
                        .filter(f -> f.prefix(""))
                        .expiration(e -> e.days(1)))));
        for (int i = 0; i < objects; i++) {
            String key = String.format("k%03d", i);
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key));
        }
    }

    @Test
    void aPassDecidesBatchesOfTheConfiguredSizeOnWorkerThreads() {
        try (S3Client s3 = TestS3.syncClient(cloud.getMiniCloud(), true)) {
            expiringBucket(s3, "batched", 35);
            List<String> threads = new CopyOnWriteArrayList<>();
            service()
                    .lifecycle()
                    .batchObserver(() -> threads.add(Thread.currentThread().getName()));
            clock.advance(Duration.ofDays(2));

            LifecycleReport report = service().runLifecycle();

            assertEquals(35, report.objectsScanned());
            assertEquals(35, report.expired());
            assertEquals(4, threads.size(), "35 keys in batches of 10: " + threads);
            String caller = Thread.currentThread().getName();
            for (String t : threads) {
                assertFalse(t.equals(caller), "a batch ran on the caller: " + threads);
                assertTrue(t.contains("-worker"), "a batch ran off the worker pool: " + threads);
            }
            assertEquals(0, s3.listObjectsV2(b -> b.bucket("batched")).keyCount());
        }
    }

    @Test
    void aPassStartedWhileAnotherRunsWaitsForIt() throws Exception {
        try (S3Client s3 = TestS3.syncClient(cloud.getMiniCloud(), true)) {
            expiringBucket(s3, "ordered", 25);
            clock.advance(Duration.ofDays(2));
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            service().lifecycle().batchObserver(() -> {
                held.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            CompletableFuture<LifecycleReport> first = service().lifecycle().startPass();
            CompletableFuture<LifecycleReport> second;
            try {
                assertTrue(held.await(60, TimeUnit.SECONDS), "the first pass reached its first batch");
                second = service().lifecycle().startPass();
                assertFalse(second.isDone(), "the second pass waits while the first is held");
                assertFalse(first.isDone(), "the first pass is held after its first batch");
            } finally {
                release.countDown();
            }
            assertEquals(25, first.get(60, TimeUnit.SECONDS).expired());
            assertEquals(0, second.get(60, TimeUnit.SECONDS).expired(), "the second pass began after the first ended");
        }
    }
}
