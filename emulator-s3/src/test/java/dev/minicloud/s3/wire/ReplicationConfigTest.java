package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.junit.MiniCloudExtension;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.DeleteMarkerReplication;
import software.amazon.awssdk.services.s3.model.DeleteMarkerReplicationStatus;
import software.amazon.awssdk.services.s3.model.ExistingObjectReplicationStatus;
import software.amazon.awssdk.services.s3.model.MetricsStatus;
import software.amazon.awssdk.services.s3.model.ReplicaModificationsStatus;
import software.amazon.awssdk.services.s3.model.ReplicationConfiguration;
import software.amazon.awssdk.services.s3.model.ReplicationRule;
import software.amazon.awssdk.services.s3.model.ReplicationRuleStatus;
import software.amazon.awssdk.services.s3.model.ReplicationTimeStatus;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.services.s3.model.Tag;

/** Put/Get/DeleteBucketReplication through the SDK: the V1 and V2 schema round-trip and AWS's validation errors. */
class ReplicationConfigTest extends S3WireTest {
    private static final String ROLE = "arn:aws:iam::000000000000:role/replication";

    @RegisterExtension
    static MiniCloudExtension cloud = s3Cloud();

    @BeforeEach
    void createBuckets() {
        createVersionedBucket("source", null);
        createVersionedBucket("target", null);
    }

    private static ReplicationRule v2Rule(
            String id, int priority, String destination, Consumer<ReplicationRule.Builder> more) {
        ReplicationRule.Builder b = ReplicationRule.builder()
                .id(id)
                .priority(priority)
                .status(ReplicationRuleStatus.ENABLED)
                .filter(f -> f.prefix("logs/"))
                .deleteMarkerReplication(d -> d.status(DeleteMarkerReplicationStatus.DISABLED))
                .destination(d -> d.bucket("arn:aws:s3:::" + destination));
        more.accept(b);
        return b.build();
    }

    private S3Exception putFails(ReplicationConfiguration config) {
        return assertThrows(
                S3Exception.class,
                () -> s3.putBucketReplication(b -> b.bucket("source").replicationConfiguration(config)));
    }

    @Test
    void fullV2ConfigurationRoundTripsAsStored() {
        ReplicationConfiguration config = ReplicationConfiguration.builder()
                .role(ROLE)
                .rules(
                        ReplicationRule.builder()
                                .id("everything")
                                .priority(2)
                                .status(ReplicationRuleStatus.ENABLED)
                                .filter(f -> f.and(a -> a.prefix("docs/")
                                        .tags(
                                                Tag.builder()
                                                        .key("team")
                                                        .value("a")
                                                        .build(),
                                                Tag.builder()
                                                        .key("env")
                                                        .value("prod")
                                                        .build())))
                                .sourceSelectionCriteria(
                                        c -> c.replicaModifications(m -> m.status(ReplicaModificationsStatus.ENABLED)))
                                .existingObjectReplication(e -> e.status(ExistingObjectReplicationStatus.DISABLED))
                                .destination(d -> d.bucket("arn:aws:s3:::target")
                                        .account("000000000000")
                                        .storageClass(StorageClass.STANDARD_IA)
                                        .replicationTime(t -> t.status(ReplicationTimeStatus.ENABLED)
                                                .time(m -> m.minutes(15)))
                                        .metrics(m ->
                                                m.status(MetricsStatus.ENABLED).eventThreshold(e -> e.minutes(15))))
                                .deleteMarkerReplication(d -> d.status(DeleteMarkerReplicationStatus.DISABLED))
                                .build(),
                        v2Rule(
                                "logs",
                                1,
                                "target",
                                b -> b.deleteMarkerReplication(d -> d.status(DeleteMarkerReplicationStatus.ENABLED))),
                        v2Rule(
                                "tagged",
                                3,
                                "target",
                                b -> b.filter(f ->
                                        f.tag(Tag.builder().key("k").value("v").build()))))
                .build();
        s3.putBucketReplication(b -> b.bucket("source").replicationConfiguration(config));
        assertEquals(config, s3.getBucketReplication(b -> b.bucket("source")).replicationConfiguration());
    }

    @Test
    void v1PrefixRuleRoundTripsAndGetsAGeneratedId() {
        ReplicationConfiguration config = ReplicationConfiguration.builder()
                .role(ROLE)
                .rules(ReplicationRule.builder()
                        .prefix("old/")
                        .status(ReplicationRuleStatus.ENABLED)
                        .destination(d -> d.bucket("arn:aws:s3:::target"))
                        .build())
                .build();
        s3.putBucketReplication(b -> b.bucket("source").replicationConfiguration(config));
        ReplicationRule back = s3.getBucketReplication(b -> b.bucket("source"))
                .replicationConfiguration()
                .rules()
                .get(0);
        assertEquals("old/", back.prefix());
        assertEquals(48, back.id().length());
        assertEquals(config.rules().get(0), back.toBuilder().id(null).build());
    }

    @Test
    void getWithoutConfigurationIsReplicationConfigurationNotFoundError() {
        S3Exception e = assertThrows(S3Exception.class, () -> s3.getBucketReplication(b -> b.bucket("source")));
        assertEquals(404, e.statusCode());
        assertEquals(
                "ReplicationConfigurationNotFoundError", e.awsErrorDetails().errorCode());
    }

    @Test
    void deleteIsNoContentAndIdempotent() {
        s3.putBucketReplication(b -> b.bucket("source")
                .replicationConfiguration(c -> c.role(ROLE).rules(v2Rule("r", 1, "target", x -> {}))));
        assertEquals(
                204,
                s3.deleteBucketReplication(b -> b.bucket("source"))
                        .sdkHttpResponse()
                        .statusCode());
        assertEquals(
                204,
                s3.deleteBucketReplication(b -> b.bucket("source"))
                        .sdkHttpResponse()
                        .statusCode());
        assertThrows(S3Exception.class, () -> s3.getBucketReplication(b -> b.bucket("source")));
    }

    @Test
    void unversionedSourceIsRejected() {
        s3.createBucket(b -> b.bucket("plain"));
        S3Exception e = assertThrows(
                S3Exception.class,
                () -> s3.putBucketReplication(b -> b.bucket("plain")
                        .replicationConfiguration(c -> c.role(ROLE).rules(v2Rule("r", 1, "target", x -> {})))));
        assertEquals("InvalidRequest", e.awsErrorDetails().errorCode());
        assertEquals(
                "Versioning must be 'Enabled' on the bucket to apply a replication configuration",
                e.awsErrorDetails().errorMessage());
    }

    @Test
    void missingOrUnversionedDestinationIsRejected() {
        s3.createBucket(b -> b.bucket("unversioned"));
        for (String destination : List.of("missing", "unversioned")) {
            S3Exception e = putFails(ReplicationConfiguration.builder()
                    .role(ROLE)
                    .rules(v2Rule("r", 1, destination, x -> {}))
                    .build());
            assertEquals("InvalidRequest", e.awsErrorDetails().errorCode());
            assertEquals(
                    "Destination bucket must have versioning enabled.",
                    e.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void emptyRulesAreMalformedXml() throws Exception {
        HttpResponse<String> resp = new RawHttp(cloud.getMiniCloud().edgePort())
                .put(
                        "/source?replication",
                        ("<ReplicationConfiguration><Role>" + ROLE + "</Role></ReplicationConfiguration>")
                                .getBytes(StandardCharsets.UTF_8));
        assertEquals(400, resp.statusCode());
        assertTrue(resp.body().contains("<Code>MalformedXML</Code>"), resp.body());
    }

    @Test
    void documentsOutsideTheSchemaAreMalformedXml() throws Exception {
        RawHttp raw = new RawHttp(cloud.getMiniCloud().edgePort());
        String dest = "<Destination><Bucket>arn:aws:s3:::target</Bucket></Destination>";
        String dmr = "<DeleteMarkerReplication><Status>Disabled</Status></DeleteMarkerReplication>";
        List<String> rules = List.of(
                "<Rule><Priority>1</Priority><Status>Enabled</Status><Filter><Prefix>a</Prefix><Tag><Key>k</Key>"
                        + "<Value>v</Value></Tag></Filter>" + dmr + dest + "</Rule>",
                "<Rule><Prefix>a</Prefix><Priority>1</Priority><Status>Enabled</Status><Filter/>" + dmr + dest
                        + "</Rule>",
                "<Rule><Priority>1</Priority><Status>Enabled</Status><Filter/>" + dmr + "</Rule>",
                "<Rule><Priority>1</Priority><Status>On</Status><Filter/>" + dmr + dest + "</Rule>",
                "<Rule><Priority>one</Priority><Status>Enabled</Status><Filter/>" + dmr + dest + "</Rule>");
        for (String rule : rules) {
            HttpResponse<String> resp = raw.put(
                    "/source?replication",
                    ("<ReplicationConfiguration><Role>" + ROLE + "</Role>" + rule + "</ReplicationConfiguration>")
                            .getBytes(StandardCharsets.UTF_8));
            assertEquals(400, resp.statusCode(), rule);
            assertTrue(resp.body().contains("<Code>MalformedXML</Code>"), rule + " -> " + resp.body());
        }
        assertThrows(S3Exception.class, () -> s3.getBucketReplication(b -> b.bucket("source")));
    }

    @Test
    void deleteMarkerReplicationWithTagFilterIsRejected() {
        S3Exception e = putFails(ReplicationConfiguration.builder()
                .role(ROLE)
                .rules(v2Rule(
                        "r",
                        1,
                        "target",
                        b -> b.filter(f ->
                                        f.tag(Tag.builder().key("k").value("v").build()))
                                .deleteMarkerReplication(d -> d.status(DeleteMarkerReplicationStatus.ENABLED))))
                .build());
        assertEquals("InvalidRequest", e.awsErrorDetails().errorCode());
        assertTrue(e.awsErrorDetails().errorMessage().startsWith("Delete marker replication is not supported"));
    }

    @Test
    void duplicatePrioritiesAreRejected() {
        S3Exception e = putFails(ReplicationConfiguration.builder()
                .role(ROLE)
                .rules(v2Rule("a", 1, "target", x -> {}), v2Rule("b", 1, "target", x -> {}))
                .build());
        assertEquals(400, e.statusCode());
        assertEquals("InvalidRequest", e.awsErrorDetails().errorCode());
    }

    @Test
    void v2RuleWithoutDeleteMarkerReplicationIsRejected() {
        S3Exception e = putFails(ReplicationConfiguration.builder()
                .role(ROLE)
                .rules(v2Rule("a", 1, "target", b -> b.deleteMarkerReplication((DeleteMarkerReplication) null)))
                .build());
        assertEquals("InvalidRequest", e.awsErrorDetails().errorCode());
        assertTrue(e.awsErrorDetails().errorMessage().startsWith("DeleteMarkerReplication must be specified"));
    }

    @Test
    void moreThanAThousandRulesAreRejected() {
        List<ReplicationRule> rules = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            rules.add(v2Rule("r" + i, i, "target", x -> {}));
        }
        S3Exception e = putFails(
                ReplicationConfiguration.builder().role(ROLE).rules(rules).build());
        assertEquals(400, e.statusCode());
        assertEquals("InvalidRequest", e.awsErrorDetails().errorCode());
    }

    @Test
    void versioningCannotBeSuspendedWhileReplicationIsConfigured() {
        s3.putBucketReplication(b -> b.bucket("source")
                .replicationConfiguration(c -> c.role(ROLE).rules(v2Rule("r", 1, "target", x -> {}))));
        S3Exception e = assertThrows(
                S3Exception.class,
                () -> s3.putBucketVersioning(b ->
                        b.bucket("source").versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED))));
        assertEquals("InvalidBucketState", e.awsErrorDetails().errorCode());
        assertEquals(
                BucketVersioningStatus.ENABLED,
                s3.getBucketVersioning(b -> b.bucket("source")).status());
        assertFalse(s3.getBucketReplication(b -> b.bucket("source"))
                .replicationConfiguration()
                .rules()
                .isEmpty());
    }
}
