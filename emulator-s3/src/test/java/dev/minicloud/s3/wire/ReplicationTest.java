package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.junit.MiniCloudExtension;
import dev.minicloud.s3.S3Service;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteMarkerReplicationStatus;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ReplicaModificationsStatus;
import software.amazon.awssdk.services.s3.model.ReplicationRule;
import software.amazon.awssdk.services.s3.model.ReplicationRuleStatus;
import software.amazon.awssdk.services.s3.model.ReplicationStatus;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * Bucket replication performed end to end through the SDK: a versioned source in us-east-1, a
 * versioned destination in eu-west-1, a V2 rule on {@code logs/}; what is copied, with what, and
 * the status headers on both sides. Waits with {@link S3Service#awaitReplication}, never a sleep.
 */
class ReplicationTest extends S3WireTest {
    private static final String ROLE = "arn:aws:iam::000000000000:role/replication";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static MiniCloudExtension cloud = s3Cloud();

    private S3Service service;

    @BeforeEach
    void createBuckets() {
        service = cloud.getMiniCloud().service(S3Service.class).orElseThrow();
        createVersionedBucket("source", null);
        createVersionedBucket("ireland", BucketLocationConstraint.EU_WEST_1);
    }

    @AfterEach
    void resumeReplication() {
        service.replication().resume();
    }

    private static ReplicationRule rule(
            String id, int priority, String destination, Consumer<ReplicationRule.Builder> more) {
        ReplicationRule.Builder b = ReplicationRule.builder()
                .id(id)
                .priority(priority)
                .status(ReplicationRuleStatus.ENABLED)
                .filter(f -> f.prefix("logs/"))
                .deleteMarkerReplication(d -> d.status(DeleteMarkerReplicationStatus.ENABLED))
                .destination(d -> d.bucket("arn:aws:s3:::" + destination));
        more.accept(b);
        return b.build();
    }

    private void replicate(String source, ReplicationRule... rules) {
        s3.putBucketReplication(
                b -> b.bucket(source).replicationConfiguration(c -> c.role(ROLE).rules(rules)));
    }

    private void awaitIdle() throws InterruptedException {
        assertTrue(service.awaitReplication(WAIT), "replication did not go idle");
    }

    private String put(String bucket, String key, String body) {
        return s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(body))
                .versionId();
    }

    @Test
    void objectInTheFilterIsCopiedAcrossRegionsWithVersionMetadataTagsAndChecksum() throws Exception {
        replicate("source", rule("logs", 1, "ireland", b -> {}));
        String versionId = s3.putObject(
                        b -> b.bucket("source")
                                .key("logs/app.log")
                                .contentType("text/plain")
                                .metadata(Map.of("origin", "test"))
                                .tagging("team=storage")
                                .checksumAlgorithm(ChecksumAlgorithm.CRC32),
                        RequestBody.fromString("line 1\nline 2\n"))
                .versionId();
        awaitIdle();

        HeadObjectResponse source = s3.headObject(b -> b.bucket("source").key("logs/app.log"));
        assertEquals(ReplicationStatus.COMPLETED, source.replicationStatus());
        HeadObjectResponse replica = s3.headObject(b ->
                b.bucket("ireland").key("logs/app.log").versionId(versionId).checksumMode(ChecksumMode.ENABLED));
        assertEquals(ReplicationStatus.REPLICA, replica.replicationStatus());
        assertEquals(versionId, replica.versionId());
        assertEquals(source.eTag(), replica.eTag());
        assertEquals(source.lastModified(), replica.lastModified());
        assertEquals("text/plain", replica.contentType());
        assertEquals(Map.of("origin", "test"), replica.metadata());
        assertEquals(
                s3.headObject(b -> b.bucket("source").key("logs/app.log").checksumMode(ChecksumMode.ENABLED))
                        .checksumCRC32(),
                replica.checksumCRC32());
        assertEquals(
                List.of(Tag.builder().key("team").value("storage").build()),
                s3.getObjectTagging(b -> b.bucket("ireland").key("logs/app.log"))
                        .tagSet());
        assertEquals(
                "line 1\nline 2\n",
                s3.getObjectAsBytes(b -> b.bucket("ireland").key("logs/app.log"))
                        .asUtf8String());
        assertEquals("eu-west-1", s3.headBucket(b -> b.bucket("ireland")).bucketRegion());
    }

    @Test
    void objectOutsideTheFilterIsNotReplicatedAndHasNoStatus() throws Exception {
        replicate("source", rule("logs", 1, "ireland", b -> {}));
        put("source", "data/other.bin", "x");
        awaitIdle();
        assertNull(s3.headObject(b -> b.bucket("source").key("data/other.bin")).replicationStatus());
        S3Exception e = assertThrows(
                S3Exception.class, () -> s3.headObject(b -> b.bucket("ireland").key("data/other.bin")));
        assertEquals(404, e.statusCode());
    }

    @Test
    void statusIsPendingUntilTheCopyIsMade() throws Exception {
        replicate("source", rule("logs", 1, "ireland", b -> {}));
        service.replication().pause();
        put("source", "logs/a", "a");
        assertEquals(
                ReplicationStatus.PENDING,
                s3.headObject(b -> b.bucket("source").key("logs/a")).replicationStatus());
        assertFalse(service.awaitReplication(Duration.ZERO));
        assertThrows(
                S3Exception.class, () -> s3.headObject(b -> b.bucket("ireland").key("logs/a")));
        service.replication().resume();
        awaitIdle();
        assertEquals(
                ReplicationStatus.COMPLETED,
                s3.headObject(b -> b.bucket("source").key("logs/a")).replicationStatus());
    }

    @Test
    void objectsWrittenBeforeTheRuleAreNotReplicated() throws Exception {
        put("source", "logs/early", "early");
        replicate("source", rule("logs", 1, "ireland", b -> {}));
        awaitIdle();
        assertNull(s3.headObject(b -> b.bucket("source").key("logs/early")).replicationStatus());
        assertThrows(
                S3Exception.class, () -> s3.headObject(b -> b.bucket("ireland").key("logs/early")));
    }

    @Test
    void deleteMarkerIsReplicatedWhenEnabledButAVersionedDeleteNeverIs() throws Exception {
        replicate("source", rule("logs", 1, "ireland", b -> {}));
        String v1 = put("source", "logs/k", "1");
        String v2 = put("source", "logs/k", "2");
        awaitIdle();
        String marker = s3.deleteObject(b -> b.bucket("source").key("logs/k")).versionId();
        s3.deleteObject(b -> b.bucket("source").key("logs/k").versionId(v1));
        awaitIdle();

        S3Exception hidden = assertThrows(
                S3Exception.class, () -> s3.getObject(b -> b.bucket("ireland").key("logs/k")));
        assertEquals(
                "true",
                hidden.awsErrorDetails()
                        .sdkHttpResponse()
                        .firstMatchingHeader("x-amz-delete-marker")
                        .orElse(null));
        var versions = s3.listObjectVersions(b -> b.bucket("ireland").prefix("logs/k"));
        assertEquals(
                List.of(marker),
                versions.deleteMarkers().stream().map(m -> m.versionId()).toList());
        assertEquals(
                List.of(v2, v1),
                versions.versions().stream().map(v -> v.versionId()).toList());
    }

    @Test
    void deleteMarkerIsNotReplicatedWhenTheRuleDisablesIt() throws Exception {
        replicate(
                "source",
                rule(
                        "logs",
                        1,
                        "ireland",
                        b -> b.deleteMarkerReplication(d -> d.status(DeleteMarkerReplicationStatus.DISABLED))));
        put("source", "logs/k", "1");
        awaitIdle();
        s3.deleteObject(b -> b.bucket("source").key("logs/k"));
        awaitIdle();
        assertEquals(
                "1", s3.getObjectAsBytes(b -> b.bucket("ireland").key("logs/k")).asUtf8String());
    }

    @Test
    void multipartObjectIsReplicatedWithItsMultipartEtagAndParts() throws Exception {
        replicate("source", rule("logs", 1, "ireland", b -> {}));
        byte[] part1 = new byte[5 * 1024 * 1024];
        Arrays.fill(part1, (byte) 'x');
        String uploadId = s3.createMultipartUpload(b -> b.bucket("source").key("logs/big"))
                .uploadId();
        String e1 = s3.uploadPart(
                        b -> b.bucket("source")
                                .key("logs/big")
                                .uploadId(uploadId)
                                .partNumber(1),
                        RequestBody.fromBytes(part1))
                .eTag();
        String e2 = s3.uploadPart(
                        b -> b.bucket("source")
                                .key("logs/big")
                                .uploadId(uploadId)
                                .partNumber(2),
                        RequestBody.fromString("tail"))
                .eTag();
        String versionId = s3.completeMultipartUpload(b -> b.bucket("source")
                        .key("logs/big")
                        .uploadId(uploadId)
                        .multipartUpload(m -> m.parts(
                                CompletedPart.builder().partNumber(1).eTag(e1).build(),
                                CompletedPart.builder().partNumber(2).eTag(e2).build())))
                .versionId();
        awaitIdle();
        HeadObjectResponse replica =
                s3.headObject(b -> b.bucket("ireland").key("logs/big").partNumber(1));
        assertEquals(versionId, replica.versionId());
        assertTrue(replica.eTag().endsWith("-2\""), replica.eTag());
        assertEquals(2, replica.partsCount());
        assertEquals(s3.headObject(b -> b.bucket("source").key("logs/big")).eTag(), replica.eTag());
        byte[] copied =
                s3.getObjectAsBytes(b -> b.bucket("ireland").key("logs/big")).asByteArray();
        assertEquals(part1.length + 4, copied.length);
        assertArrayEquals(
                "tail".getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(copied, part1.length, copied.length));
    }

    @Test
    void twoDestinationsWithOneGoneMarksTheSourceFailedAndStillFillsTheOther() throws Exception {
        createVersionedBucket("second", null);
        replicate("source", rule("to-ireland", 1, "ireland", b -> {}), rule("to-second", 2, "second", b -> {}));
        s3.deleteBucket(b -> b.bucket("second"));
        put("source", "logs/x", "x");
        awaitIdle();
        assertEquals(
                ReplicationStatus.FAILED,
                s3.headObject(b -> b.bucket("source").key("logs/x")).replicationStatus());
        assertEquals(
                "x", s3.getObjectAsBytes(b -> b.bucket("ireland").key("logs/x")).asUtf8String());
        assertEquals(1, service.replication().stats().failed());

        put("source", "logs/y", "y"); // the engine keeps working after a failure
        awaitIdle();
        assertEquals(
                "y", s3.getObjectAsBytes(b -> b.bucket("ireland").key("logs/y")).asUtf8String());
    }

    @Test
    void destinationThatLostVersioningMakesReplicationFail() throws Exception {
        replicate("source", rule("logs", 1, "ireland", b -> {}));
        s3.putBucketVersioning(
                b -> b.bucket("ireland").versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));
        put("source", "logs/x", "x");
        awaitIdle();
        assertEquals(
                ReplicationStatus.FAILED,
                s3.headObject(b -> b.bucket("source").key("logs/x")).replicationStatus());
        assertThrows(
                S3Exception.class, () -> s3.headObject(b -> b.bucket("ireland").key("logs/x")));
    }

    @Test
    void replicasAreNotReplicatedAgain() throws Exception {
        createVersionedBucket("third", null);
        replicate("source", rule("a-to-b", 1, "ireland", b -> {}));
        replicate("ireland", rule("b-to-c", 1, "third", b -> {}));
        put("source", "logs/chain", "c");
        awaitIdle();
        assertEquals(
                ReplicationStatus.REPLICA,
                s3.headObject(b -> b.bucket("ireland").key("logs/chain")).replicationStatus());
        assertThrows(
                S3Exception.class, () -> s3.headObject(b -> b.bucket("third").key("logs/chain")));

        put("ireland", "logs/own", "written in b"); // B's own writes do go to C
        awaitIdle();
        assertEquals(
                "written in b",
                s3.getObjectAsBytes(b -> b.bucket("third").key("logs/own")).asUtf8String());
    }

    @Test
    void tagChangesFollowTheObjectAndReplicaModificationsFlowBack() throws Exception {
        replicate("source", rule("out", 1, "ireland", b -> {}));
        replicate(
                "ireland",
                rule(
                        "back",
                        1,
                        "source",
                        b -> b.sourceSelectionCriteria(
                                c -> c.replicaModifications(m -> m.status(ReplicaModificationsStatus.ENABLED)))));
        String versionId = put("source", "logs/t", "t");
        awaitIdle();
        s3.putObjectTagging(b -> b.bucket("source").key("logs/t").tagging(t -> t.tagSet(tag("stage", "one"))));
        awaitIdle();
        assertEquals(
                List.of(tag("stage", "one")),
                s3.getObjectTagging(b -> b.bucket("ireland").key("logs/t")).tagSet());

        s3.putObjectTagging(b -> b.bucket("ireland").key("logs/t").tagging(t -> t.tagSet(tag("stage", "two"))));
        awaitIdle();
        assertEquals(
                List.of(tag("stage", "two")),
                s3.getObjectTagging(b -> b.bucket("source").key("logs/t").versionId(versionId))
                        .tagSet());
        assertEquals(
                1,
                s3.listObjectVersions(b -> b.bucket("source").prefix("logs/t"))
                        .versions()
                        .size());
    }

    @Test
    void adminEndpointWaitsUntilIdle() throws Exception {
        replicate("source", rule("logs", 1, "ireland", b -> {}));
        put("source", "logs/admin", "a");
        HttpResponse<String> resp = new RawHttp(cloud.getMiniCloud().edgePort())
                .send("POST", "/_minicloud/s3/replication/await?timeoutMs=30000", new byte[0]);
        assertEquals(200, resp.statusCode(), resp.body());
        assertTrue(resp.body().contains("\"idle\":true"), resp.body());
        assertEquals(
                ReplicationStatus.COMPLETED,
                s3.headObject(b -> b.bucket("source").key("logs/admin")).replicationStatus());
    }

    @Test
    void adminAwaitAnswers408WhileWorkIsHeld() throws Exception {
        replicate("source", rule("logs", 1, "ireland", b -> {}));
        service.replication().pause();
        put("source", "logs/held", "h");
        HttpResponse<String> resp = new RawHttp(cloud.getMiniCloud().edgePort())
                .send("POST", "/_minicloud/s3/replication/await?timeoutMs=0", new byte[0]);
        assertEquals(408, resp.statusCode(), resp.body());
        assertTrue(resp.body().contains("\"outstanding\":1"), resp.body());
    }

    /** The destination policy S3's cross-account replication guide gives, granting {@code account}. */
    static String replicationGrant(String bucket, String account, String... objectActions) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + account + ":role/replication\"},"
                + "\"Action\":[\"" + String.join("\",\"", objectActions) + "\"],\"Resource\":\"arn:aws:s3:::" + bucket
                + "/*\"},"
                + "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + account + "\"},"
                + "\"Action\":[\"s3:GetBucketVersioning\",\"s3:PutBucketVersioning\"],\"Resource\":\"arn:aws:s3:::"
                + bucket + "\"}]}";
    }

    private static S3Client versionedBucketOfAnotherAccount(String bucket) {
        S3Client other = TestS3.accountClient(cloud.getMiniCloud(), "111111111111", Region.EU_WEST_1);
        other.createBucket(b -> b.bucket(bucket));
        other.putBucketVersioning(
                b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        return other;
    }

    @Test
    void destinationStorageClassAndAccountAreHonoured() throws Exception {
        try (S3Client other = versionedBucketOfAnotherAccount("other-account")) {
            other.putBucketPolicy(b -> b.bucket("other-account")
                    .policy(replicationGrant(
                            "other-account", "000000000000", "s3:ReplicateObject", "s3:ReplicateDelete")));
            replicate(
                    "source",
                    rule(
                            "cross-account",
                            1,
                            "other-account",
                            b -> b.destination(d -> d.bucket("arn:aws:s3:::other-account")
                                    .account("111111111111")
                                    .storageClass(StorageClass.STANDARD_IA))));
            put("source", "logs/shared", "s");
            awaitIdle();
            HeadObjectResponse replica =
                    other.headObject(b -> b.bucket("other-account").key("logs/shared"));
            assertEquals(ReplicationStatus.REPLICA, replica.replicationStatus());
            assertEquals(StorageClass.STANDARD_IA, replica.storageClass());
            assertThrows(S3Exception.class, () -> s3.headBucket(b -> b.bucket("other-account")));
        }
    }

    @Test
    void anotherAccountsBucketWithoutAGrantIsRefusedAlikeWhetherOrNotItExists() {
        try (S3Client other = versionedBucketOfAnotherAccount("victim")) {
            for (String bucket : List.of("victim", "no-such-bucket")) {
                S3Exception e = assertThrows(
                        S3Exception.class,
                        () -> replicate(
                                "source",
                                rule(
                                        "steal",
                                        1,
                                        bucket,
                                        b -> b.destination(d -> d.bucket("arn:aws:s3:::" + bucket)
                                                .account("111111111111")))));
                assertEquals(403, e.statusCode(), bucket);
                assertEquals("AccessDenied", e.awsErrorDetails().errorCode(), bucket);
            }
            // A grant to some other account does not count.
            other.putBucketPolicy(
                    b -> b.bucket("victim").policy(replicationGrant("victim", "222222222222", "s3:ReplicateObject")));
            assertThrows(
                    S3Exception.class,
                    () -> replicate(
                            "source",
                            rule(
                                    "steal",
                                    1,
                                    "victim",
                                    b -> b.destination(
                                            d -> d.bucket("arn:aws:s3:::victim").account("111111111111")))));
        }
    }

    @Test
    void aGrantWithdrawnLaterStopsReplicationAndTheSourceSaysFailed() throws Exception {
        try (S3Client other = versionedBucketOfAnotherAccount("partner")) {
            other.putBucketPolicy(
                    b -> b.bucket("partner").policy(replicationGrant("partner", "000000000000", "s3:ReplicateObject")));
            replicate(
                    "source",
                    rule(
                            "partner",
                            1,
                            "partner",
                            b -> b.destination(
                                    d -> d.bucket("arn:aws:s3:::partner").account("111111111111"))));
            put("source", "logs/before", "b");
            awaitIdle();
            other.deleteBucketPolicy(b -> b.bucket("partner"));
            put("source", "logs/after", "a");
            // Delete markers were never granted (no s3:ReplicateDelete): they fail too.
            awaitIdle();
            assertEquals(
                    ReplicationStatus.COMPLETED,
                    s3.headObject(b -> b.bucket("source").key("logs/before")).replicationStatus());
            assertEquals(
                    ReplicationStatus.FAILED,
                    s3.headObject(b -> b.bucket("source").key("logs/after")).replicationStatus());
            assertEquals(
                    List.of("logs/before"),
                    other.listObjectsV2(b -> b.bucket("partner")).contents().stream()
                            .map(o -> o.key())
                            .toList());
        }
    }

    @Test
    void versionsWrittenDuringAPauseArriveInCommitOrder() throws Exception {
        replicate("source", rule("logs", 1, "ireland", b -> {}));
        service.replication().pause();
        String v1 = put("source", "logs/order", "first");
        String v2 = put("source", "logs/order", "second");
        String v3 = put("source", "logs/order", "third");
        service.replication().resume();
        awaitIdle();
        assertEquals(
                List.of(v3, v2, v1),
                s3.listObjectVersions(b -> b.bucket("ireland").prefix("logs/order")).versions().stream()
                        .map(v -> v.versionId())
                        .toList());
        assertEquals(
                "third",
                s3.getObjectAsBytes(b -> b.bucket("ireland").key("logs/order")).asUtf8String());
    }

    @Test
    void copiesIntoTheSourceAndMetadataRewritesAreReplicatedAsNewVersions() throws Exception {
        replicate("source", rule("logs", 1, "ireland", b -> {}));
        s3.createBucket(b -> b.bucket("elsewhere"));
        put("elsewhere", "report.csv", "a,b\n");
        String copied = s3.copyObject(b -> b.sourceBucket("elsewhere")
                        .sourceKey("report.csv")
                        .destinationBucket("source")
                        .destinationKey("logs/report.csv"))
                .versionId();
        String rewritten = s3.copyObject(b -> b.sourceBucket("source")
                        .sourceKey("logs/report.csv")
                        .destinationBucket("source")
                        .destinationKey("logs/report.csv")
                        .metadataDirective(MetadataDirective.REPLACE)
                        .contentType("text/csv"))
                .versionId();
        awaitIdle();
        assertEquals(
                List.of(rewritten, copied),
                s3.listObjectVersions(b -> b.bucket("ireland").prefix("logs/report")).versions().stream()
                        .map(v -> v.versionId())
                        .toList());
        HeadObjectResponse latest = s3.headObject(b -> b.bucket("ireland").key("logs/report.csv"));
        assertEquals("text/csv", latest.contentType());
        assertEquals(ReplicationStatus.REPLICA, latest.replicationStatus());
        assertEquals(
                ReplicationStatus.COMPLETED,
                s3.headObject(b -> b.bucket("source").key("logs/report.csv").versionId(copied))
                        .replicationStatus());
    }

    @Test
    void concurrentWritersAreAllReplicatedAndSettled() throws Exception {
        replicate("source", rule("logs", 1, "ireland", b -> {}));
        int writers = 4;
        int each = 50;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        // every writer also rewrites one shared key, so versions of one key race too
                        put("source", "logs/w" + writer + "/" + i, "v" + i);
                        put("source", "logs/shared", "w" + writer + "-" + i);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        awaitIdle();
        var source = s3.listObjectVersions(b -> b.bucket("source").prefix("logs/"));
        var replica = s3.listObjectVersions(b -> b.bucket("ireland").prefix("logs/"));
        assertEquals(
                source.versions().stream()
                        .map(v -> v.key() + ":" + v.versionId())
                        .toList(),
                replica.versions().stream()
                        .map(v -> v.key() + ":" + v.versionId())
                        .toList());
        assertEquals(writers * each * 2, replica.versions().size());
        assertEquals(
                s3.headObject(b -> b.bucket("source").key("logs/shared")).eTag(),
                s3.headObject(b -> b.bucket("ireland").key("logs/shared")).eTag());
        assertEquals(
                ReplicationStatus.COMPLETED,
                s3.headObject(b -> b.bucket("source").key("logs/w3/49")).replicationStatus());
        assertEquals(0, service.replication().stats().failed());
    }

    private static Tag tag(String k, String v) {
        return Tag.builder().key(k).value(v).build();
    }
}
