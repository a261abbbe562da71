package dev.minicloud.s3.wire;

import dev.minicloud.MiniCloud;
import dev.minicloud.junit.MiniCloudExtension;
import dev.minicloud.s3.S3Service;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/**
 * What the single-client S3 wire tests share. A subclass registers its own server, one per test
 * class and reset before each test:
 * <pre>{@code
 * @RegisterExtension
 * static MiniCloudExtension cloud = s3Cloud();
 * }</pre>
 * and every test gets {@link #s3} and {@link #raw} on it. Subclass {@code @BeforeEach} methods run
 * after these are open (JUnit runs a superclass's first), so they can create their buckets.
 */
abstract class S3WireTest {
    /** The SDK sync client at its defaults, path style; closed after each test. */
    S3Client s3;
    /** Plain HTTP on the same edge port, for what the SDK hides. */
    RawHttp raw;

    private MiniCloud server;

    /** An S3-only MiniCloud for one test class, reset before every test. */
    static MiniCloudExtension s3Cloud() {
        return MiniCloudExtension.builder().services("s3").resetBeforeEach(true).build();
    }

    /** @param cloud the subclass's instance, resolved by its extension after the reset */
    @BeforeEach
    final void openS3Clients(MiniCloud cloud) {
        server = cloud;
        s3 = TestS3.syncClient(cloud, true);
        raw = new RawHttp(cloud.edgePort());
    }

    @AfterEach
    final void closeS3Clients() {
        s3.close();
    }

    /** Creates a bucket with versioning enabled, in {@code region} ({@code null}: the default region). */
    void createVersionedBucket(String name, BucketLocationConstraint region) {
        s3.createBucket(b -> {
            b.bucket(name);
            if (region != null) {
                b.createBucketConfiguration(c -> c.locationConstraint(region));
            }
        });
        s3.putBucketVersioning(
                b -> b.bucket(name).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    }

    /** Bytes of object data the S3 store holds now. */
    /** Bytes of object data held (the quota also charges version records, which these tests do not count). */
    long usedBytes() {
        return server.service(S3Service.class).orElseThrow().store().quota().dataBytes();
    }
}
