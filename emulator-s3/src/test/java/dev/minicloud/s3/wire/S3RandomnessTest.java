package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.minicloud.MiniCloud;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/** S3's made-up ids come from the instance's seed: the same seed and calls give the same ids. */
class S3RandomnessTest {

    /** Version id, upload id and generated replication rule id of one fixed sequence of calls. */
    private static List<String> ids(long seed) {
        try (MiniCloud cloud = MiniCloud.builder().services("s3").random(seed).start();
                S3Client s3 = TestS3.syncClient(cloud, true)) {
            for (String b : List.of("src", "dst")) {
                s3.createBucket(r -> r.bucket(b));
                s3.putBucketVersioning(
                        r -> r.bucket(b).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
            }
            String version = s3.putObject(r -> r.bucket("src").key("k"), RequestBody.fromString("v"))
                    .versionId();
            String upload =
                    s3.createMultipartUpload(r -> r.bucket("src").key("m")).uploadId();
            s3.putBucketReplication(r -> r.bucket("src")
                    .replicationConfiguration(c -> c.role("arn:aws:iam::000000000000:role/r")
                            .rules(x ->
                                    x.status("Enabled").prefix("").destination(d -> d.bucket("arn:aws:s3:::dst")))));
            String rule = s3.getBucketReplication(r -> r.bucket("src"))
                    .replicationConfiguration()
                    .rules()
                    .get(0)
                    .id();
            return List.of(version, upload, rule);
        }
    }

    @Test
    void aFixedSeedRepeatsVersionUploadAndRuleIds() {
        List<String> first = ids(42);
        assertEquals(first, ids(42));
        List<String> other = ids(43);
        for (int i = 0; i < first.size(); i++) {
            assertNotEquals(first.get(i), other.get(i));
        }
        assertEquals(32, first.get(0).length());
        assertEquals(64, first.get(1).length());
        assertEquals(48, first.get(2).length());
    }
}
