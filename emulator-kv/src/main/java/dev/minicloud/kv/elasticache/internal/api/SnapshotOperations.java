package dev.minicloud.kv.elasticache.internal.api;

import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.xml.XmlWriter;
import dev.minicloud.kv.elasticache.internal.model.CacheCluster;
import dev.minicloud.kv.elasticache.internal.model.ReplicationGroup;
import dev.minicloud.kv.elasticache.internal.model.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CreateSnapshot, DescribeSnapshots, CopySnapshot, DeleteSnapshot, and the final snapshots of
 * DeleteCacheCluster / DeleteReplicationGroup. A snapshot holds a copy of the node's data (a
 * replication group's: its primary's); CreateCacheCluster / CreateReplicationGroup with
 * {@code SnapshotName} load it into the new nodes.
 */
final class SnapshotOperations {
    void create(Call c) {
        Params p = c.params();
        String name = Names.identifier("SnapshotName", p.required("SnapshotName"), 255);
        String clusterId = p.string("CacheClusterId");
        String groupId = p.string("ReplicationGroupId");
        if ((clusterId == null) == (groupId == null)) {
            throw EcErrors.invalidParameterCombination("Give exactly one of CacheClusterId and ReplicationGroupId.");
        }
        CacheCluster cluster;
        if (groupId != null) {
            ReplicationGroup g = ReplicationGroupOperations.require(c, groupId);
            cluster = c.state().clusters().get(g.primaryClusterId());
        } else {
            cluster = ClusterOperations.require(c, clusterId);
        }
        if (!cluster.lifecycle().isAvailable(c.now())) {
            throw EcErrors.invalidClusterState("Cache cluster " + cluster.id() + " is not in available state.");
        }
        Map<String, String> tags = Tags.read(p);
        Tags.add(new LinkedHashMap<>(), tags);
        Snapshot s = take(c, cluster, name, "manual", tags);
        snapshot(c.out(), s);
    }

    /** Copies {@code cluster}'s data into a new snapshot {@code name}; refuses a taken name. */
    static Snapshot take(Call c, CacheCluster cluster, String name, String source, Map<String, String> tags) {
        String id = name.toLowerCase(Locale.ROOT);
        if (c.state().snapshots().containsKey(id)) {
            throw EcErrors.of(400, "SnapshotAlreadyExistsFault", "Snapshot " + id + " already exists.");
        }
        Snapshot s = new Snapshot(
                id,
                c.state().arn("snapshot", id),
                source,
                cluster.id(),
                cluster.replicationGroupId(),
                cluster.version(),
                cluster.nodeType(),
                cluster.parameterGroup(),
                cluster.subnetGroup(),
                cluster.availabilityZone(),
                cluster.created(),
                c.now(),
                cluster.nodes().get(0).server().snapshot(),
                tags);
        c.state().snapshots().put(id, s);
        ClusterSpec.event(
                c, cluster.id(), "cache-cluster", "Snapshot " + id + " created for cache cluster " + cluster.id());
        return s;
    }

    void describe(Call c) {
        Params p = c.params();
        String name = p.string("SnapshotName");
        String clusterId = p.string("CacheClusterId");
        String groupId = p.string("ReplicationGroupId");
        String source = p.string("SnapshotSource");
        if (source != null && !List.of("system", "user", "manual").contains(source)) {
            throw EcErrors.invalidParameterValue(
                    "Invalid value for SnapshotSource: " + source + ". Valid values are: system, user.");
        }
        if (name != null && !c.state().snapshots().containsKey(name.toLowerCase(Locale.ROOT))) {
            throw snapshotNotFound(name);
        }
        List<Snapshot> found = new ArrayList<>();
        for (Snapshot s : c.state().snapshots().values()) {
            if ((name == null || s.name().equals(name.toLowerCase(Locale.ROOT)))
                    && (clusterId == null || clusterId.equals(s.cacheClusterId()))
                    && (groupId == null || groupId.equals(s.replicationGroupId()))
                    && (source == null || source.equals("system") == s.source().equals("automated"))) {
                found.add(s);
            }
        }
        List<Snapshot> page = Paging.page(c, found);
        c.out().start("Snapshots");
        page.forEach(s -> snapshot(c.out(), s));
        c.out().end();
    }

    void copy(Call c) {
        Params p = c.params();
        Snapshot source = require(c, p.required("SourceSnapshotName"));
        String target = Names.identifier("TargetSnapshotName", p.required("TargetSnapshotName"), 255);
        if (p.string("TargetBucket") != null) {
            throw EcErrors.invalidParameterValue(
                    "Exporting a snapshot to S3 (TargetBucket) is not supported by MiniCloud.");
        }
        if (c.state().snapshots().containsKey(target)) {
            throw EcErrors.of(400, "SnapshotAlreadyExistsFault", "Snapshot " + target + " already exists.");
        }
        Snapshot copy = source.copy(target, c.state().arn("snapshot", target), c.now());
        Tags.add(copy.tags(), Tags.read(p));
        c.state().snapshots().put(target, copy);
        snapshot(c.out(), copy);
    }

    void delete(Call c) {
        Snapshot s = require(c, c.params().required("SnapshotName"));
        c.state().snapshots().remove(s.name());
        snapshot(c.out(), s, "deleting");
    }

    static Snapshot require(Call c, String name) {
        Snapshot s = c.state().snapshots().get(name.toLowerCase(Locale.ROOT));
        if (s == null) {
            throw snapshotNotFound(name);
        }
        return s;
    }

    static AwsException snapshotNotFound(String name) {
        return EcErrors.of(404, "SnapshotNotFoundFault", "Snapshot " + name + " not found.");
    }

    private static void snapshot(XmlWriter w, Snapshot s) {
        snapshot(w, s, "available");
    }

    private static void snapshot(XmlWriter w, Snapshot s, String status) {
        w.start("Snapshot");
        w.element("SnapshotName", s.name());
        w.element("ReplicationGroupId", s.replicationGroupId());
        w.element("CacheClusterId", s.cacheClusterId());
        w.element("SnapshotStatus", status);
        w.element("SnapshotSource", s.source());
        w.element("CacheNodeType", s.nodeType());
        w.element("Engine", s.version().engine());
        w.element("EngineVersion", s.version().fullVersion());
        w.element("NumCacheNodes", 1);
        w.element("PreferredAvailabilityZone", s.availabilityZone());
        w.element("CacheClusterCreateTime", s.clusterCreated());
        w.element("CacheParameterGroupName", s.parameterGroup());
        w.element("CacheSubnetGroupName", s.subnetGroup());
        w.element("AutoMinorVersionUpgrade", true);
        w.element("SnapshotRetentionLimit", 0);
        w.element("SnapshotWindow", "05:00-06:00");
        w.start("NodeSnapshots")
                .start("NodeSnapshot")
                .element("CacheClusterId", s.cacheClusterId())
                .element("CacheNodeId", "0001")
                .element("CacheSize", (Math.max(1, s.data().bytes() / (1024 * 1024))) + " MB")
                .element("CacheNodeCreateTime", s.clusterCreated())
                .element("SnapshotCreateTime", s.created())
                .end()
                .end();
        w.element("ARN", s.arn());
        w.element("DataTiering", "disabled");
        w.end();
    }
}
