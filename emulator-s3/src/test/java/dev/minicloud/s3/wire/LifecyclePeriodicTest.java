package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MutableClock;
import dev.minicloud.junit.MiniCloudExtension;
import dev.minicloud.s3.S3Service;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The periodic lifecycle pass: scheduled on the injected clock ({@code s3-lifecycle-interval}), it
 * runs on the worker pool when a {@code MutableClock} is advanced past it; nobody calls it.
 */
class LifecyclePeriodicTest {
    private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-01T08:00:00Z"));

    @RegisterExtension
    MiniCloudExtension cloud = MiniCloudExtension.builder()
            .services("s3")
            .clock(clock)
            .setting("s3-lifecycle-interval", "1h")
            .build();

    @Test
    void advancingTheClockPastTheIntervalRunsAPassOffTheCaller() throws Exception {
        S3Service service = cloud.getMiniCloud().service(S3Service.class).orElseThrow();
        try (S3Client s3 = TestS3.syncClient(cloud.getMiniCloud(), true)) {
            s3.createBucket(b -> b.bucket("periodic"));
            s3.putBucketLifecycleConfiguration(b -> b.bucket("periodic")
                    .lifecycleConfiguration(l -> l.rules(r -> r.id("day")
                            .status(ExpirationStatus.ENABLED)
                            .filter(f -> f.prefix(""))
                            .expiration(e -> e.days(1)))));
            s3.putObject(b -> b.bucket("periodic").key("k"), RequestBody.fromString("k"));
            Thread caller = Thread.currentThread();
            CountDownLatch ran = new CountDownLatch(1);
            boolean[] onCaller = new boolean[1];
            service.lifecycle().batchObserver(() -> {
                onCaller[0] |= Thread.currentThread() == caller;
                ran.countDown();
            });
            clock.advance(Duration.ofDays(2));
            assertTrue(ran.await(30, TimeUnit.SECONDS), "a periodic pass ran");
            assertTrue(!onCaller[0], "the pass ran on a worker, not on the thread that advanced the clock");
            assertThrows(
                    NoSuchKeyException.class,
                    () -> s3.headObject(b -> b.bucket("periodic").key("k")));
        }
    }
}
