package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.MutableClock;
import dev.minicloud.s3.S3Service;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.DeleteMarkerReplicationStatus;
import software.amazon.awssdk.services.s3.model.ReplicationRuleStatus;
import software.amazon.awssdk.services.s3.model.ReplicationStatus;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The replication engine's lifecycle: the {@code s3-replication-delay} setting holds copies back
 * (observable as {@code PENDING}), a deleted bucket takes its configuration with it, and closing with work queued stops
 * the engine promptly. Two instances run side by side without sharing anything.
 */
class ReplicationLifecycleTest {

    private static void configure(S3Client s3) {
        for (String b : new String[] {"source", "target"}) {
            s3.createBucket(r -> r.bucket(b));
            s3.putBucketVersioning(
                    r -> r.bucket(b).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        }
        s3.putBucketReplication(r -> r.bucket("source")
                .replicationConfiguration(c -> c.role("arn:aws:iam::000000000000:role/r")
                        .rules(x -> x.id("all")
                                .priority(1)
                                .status(ReplicationRuleStatus.ENABLED)
                                .filter(f -> f.prefix(""))
                                .deleteMarkerReplication(d -> d.status(DeleteMarkerReplicationStatus.DISABLED))
                                .destination(d -> d.bucket("arn:aws:s3:::target")))));
    }

    @Test
    void delaySettingKeepsReplicationPendingAndCloseStopsTheEngine() throws Exception {
        MiniCloud delayed = MiniCloud.builder()
                .services("s3")
                .setting("s3-replication-delay", "3600s")
                .start();
        MiniCloud prompt = MiniCloud.builder().services("s3").start();
        try (S3Client slow = TestS3.syncClient(delayed, true);
                S3Client fast = TestS3.syncClient(prompt, true)) {
            configure(slow);
            configure(fast);
            slow.putObject(r -> r.bucket("source").key("k"), RequestBody.fromString("v"));
            fast.putObject(r -> r.bucket("source").key("k"), RequestBody.fromString("v"));

            S3Service delayedS3 = delayed.service(S3Service.class).orElseThrow();
            S3Service promptS3 = prompt.service(S3Service.class).orElseThrow();
            assertTrue(promptS3.awaitReplication(Duration.ofSeconds(30)));
            assertEquals(
                    ReplicationStatus.COMPLETED,
                    fast.headObject(r -> r.bucket("source").key("k")).replicationStatus());
            assertFalse(delayedS3.awaitReplication(Duration.ZERO));
            assertEquals(1, delayedS3.replication().stats().outstanding());
            assertEquals(
                    ReplicationStatus.PENDING,
                    slow.headObject(r -> r.bucket("source").key("k")).replicationStatus());
        } finally {
            delayed.close();
            prompt.close();
        }
        S3Service closed = delayed.service(S3Service.class).orElseThrow();
        assertTrue(closed.awaitReplication(Duration.ofSeconds(5)), "close() must drop queued work");
        assertEquals(0, closed.replication().stats().outstanding());
    }

    @Test
    void theDelayRunsOnTheInstanceClock() throws Exception {
        MutableClock clock = MutableClock.fromSystemTime();
        try (MiniCloud cloud = MiniCloud.builder()
                        .services("s3")
                        .clock(clock)
                        .setting("s3-replication-delay", "10m")
                        .start();
                S3Client s3 = TestS3.syncClient(cloud, true)) {
            configure(s3);
            s3.putObject(r -> r.bucket("source").key("k"), RequestBody.fromString("v"));
            S3Service service = cloud.service(S3Service.class).orElseThrow();

            clock.advance(Duration.ofMinutes(9));
            assertFalse(service.awaitReplication(Duration.ZERO), "not due before ten minutes of the clock");
            assertEquals(
                    ReplicationStatus.PENDING,
                    s3.headObject(r -> r.bucket("source").key("k")).replicationStatus());

            clock.advance(Duration.ofMinutes(1));
            assertTrue(service.awaitReplication(Duration.ofSeconds(30)));
            assertEquals(
                    ReplicationStatus.COMPLETED,
                    s3.headObject(r -> r.bucket("source").key("k")).replicationStatus());
            assertEquals(
                    "v", s3.getObjectAsBytes(r -> r.bucket("target").key("k")).asUtf8String());
        }
    }

    @Test
    void aBucketCreatedAgainStartsWithoutTheOldConfiguration() {
        try (MiniCloud cloud = MiniCloud.builder().services("s3").start();
                S3Client s3 = TestS3.syncClient(cloud, true)) {
            configure(s3);
            s3.deleteBucket(r -> r.bucket("source"));
            s3.createBucket(r -> r.bucket("source"));
            S3Exception e = assertThrows(S3Exception.class, () -> s3.getBucketReplication(r -> r.bucket("source")));
            assertEquals(
                    "ReplicationConfigurationNotFoundError", e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void workQueuedBeforeAResetNeverLandsInBucketsCreatedAfterIt() throws Exception {
        MutableClock clock = MutableClock.fromSystemTime();
        try (MiniCloud cloud = MiniCloud.builder()
                        .services("s3")
                        .clock(clock)
                        .setting("s3-replication-delay", "1s")
                        .start();
                S3Client s3 = TestS3.syncClient(cloud, true)) {
            configure(s3);
            s3.putObject(r -> r.bucket("source").key("old"), RequestBody.fromString("before reset"));
            cloud.reset("s3");
            configure(s3);
            clock.advance(Duration.ofSeconds(1));
            S3Service service = cloud.service(S3Service.class).orElseThrow();
            assertTrue(service.awaitReplication(Duration.ofSeconds(30)));
            S3Exception e = assertThrows(
                    S3Exception.class,
                    () -> s3.headObject(r -> r.bucket("target").key("old")));
            assertEquals(404, e.statusCode());
        }
    }
}
