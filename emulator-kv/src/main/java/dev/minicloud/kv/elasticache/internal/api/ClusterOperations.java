package dev.minicloud.kv.elasticache.internal.api;

import dev.minicloud.kv.elasticache.internal.model.CacheCluster;
import dev.minicloud.kv.elasticache.internal.model.CacheNode;
import dev.minicloud.kv.elasticache.internal.model.Engines;
import dev.minicloud.kv.elasticache.internal.model.ParameterGroup;
import dev.minicloud.kv.elasticache.internal.model.ReplicationGroup;
import dev.minicloud.kv.elasticache.internal.nodes.GroupReplication;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** CreateCacheCluster, DescribeCacheClusters, ModifyCacheCluster, DeleteCacheCluster, RebootCacheCluster. */
final class ClusterOperations {
    private final Env env;

    ClusterOperations(Env env) {
        this.env = env;
    }

    void create(Call c) {
        Params p = c.params();
        String id = Names.identifier("CacheClusterId", p.required("CacheClusterId"), 50);
        if (c.state().clusters().containsKey(id)) {
            throw EcErrors.of(400, "CacheClusterAlreadyExists", "Cache cluster already exists");
        }
        if (p.string("ReplicationGroupId") != null) {
            addReplica(c, id, ReplicationGroupOperations.require(c, p.string("ReplicationGroupId")));
            return;
        }
        Integer count = p.integer("NumCacheNodes");
        if (count != null && count < 1) {
            throw EcErrors.invalidParameterValue("The parameter NumCacheNodes must be greater than 0.");
        }
        ClusterSpec spec = ClusterSpec.read(c);
        if (count != null && count > 1) {
            throw EcErrors.invalidParameterValue(
                    "Cannot create a Redis cluster with a NumCacheNodes parameter greater than 1.");
        }
        Map<String, String> tags = Tags.read(p);
        Tags.add(new LinkedHashMap<>(), tags);
        String zone = spec.zone(c, p.string("PreferredAvailabilityZone"));
        CacheCluster cluster = spec.launch(c, env, id, zone, null);
        cluster.tags().putAll(tags);
        windows(p, cluster);
        c.state().clusters().put(id, cluster);
        ClusterSpec.event(c, id, "cache-cluster", "Cache cluster created");
        ClusterSpec.event(c, id, "cache-cluster", "Added cache node 0001 in availability zone " + zone);
        EcXml.cluster(c, "CacheCluster", cluster, false);
    }

    /** CreateCacheCluster with ReplicationGroupId: a read replica of the group's primary, with its settings. */
    private void addReplica(Call c, String id, ReplicationGroup group) {
        if (!group.lifecycle().isAvailable(c.now())) {
            throw EcErrors.invalidReplicationGroupState(
                    "Replication group " + group.id() + " is not in available state.");
        }
        if (group.members().size() > ReplicationGroupOperations.MAX_REPLICAS) {
            throw EcErrors.of(
                    400,
                    "NodeQuotaForClusterExceeded",
                    "Replication group " + group.id() + " already has " + ReplicationGroupOperations.MAX_REPLICAS
                            + " read replicas.");
        }
        CacheCluster primary = c.state().clusters().get(group.primaryClusterId());
        ClusterSpec spec = ClusterSpec.like(c, primary);
        String zone = spec.zone(c, c.params().string("PreferredAvailabilityZone"));
        Map<String, String> tags = Tags.read(c.params());
        Tags.add(new LinkedHashMap<>(), tags);
        CacheCluster replica = spec.launch(c, env, id, zone, group.id());
        replica.tags().putAll(tags);
        c.state().clusters().put(id, replica);
        group.members().add(id);
        GroupReplication.wire(c.state(), group); // the new replica starts with a copy of the primary
        if (!group.userGroupIds().isEmpty()) {
            UserOperations.applyUsers(c, group); // a replica joining the group gets its users
        }
        ClusterSpec.event(c, id, "cache-cluster", "Cache cluster created");
        EcXml.cluster(c, "CacheCluster", replica, false);
    }

    private static void windows(Params p, CacheCluster cluster) {
        if (p.string("SnapshotWindow") != null) {
            cluster.snapshotWindow(p.string("SnapshotWindow"));
        }
        if (p.string("PreferredMaintenanceWindow") != null) {
            cluster.maintenanceWindow(p.string("PreferredMaintenanceWindow").toLowerCase(Locale.ROOT));
        }
        Integer retention = p.integer("SnapshotRetentionLimit");
        if (retention != null) {
            if (retention < 0 || retention > 35) {
                throw EcErrors.invalidParameterValue("The parameter SnapshotRetentionLimit must be between 0 and 35.");
            }
            cluster.snapshotRetentionLimit(retention);
        }
    }

    void describe(Call c) {
        Params p = c.params();
        String id = p.string("CacheClusterId");
        boolean nodes = p.bool("ShowCacheNodeInfo", false);
        boolean standaloneOnly = p.bool("ShowCacheClustersNotInReplicationGroups", false);
        List<CacheCluster> found = new ArrayList<>();
        if (id != null) {
            found.add(require(c, id));
        } else {
            for (CacheCluster cluster : c.state().clusters().values()) {
                if (!standaloneOnly || cluster.replicationGroupId() == null) {
                    found.add(cluster);
                }
            }
        }
        List<CacheCluster> page = Paging.page(c, found);
        c.out().start("CacheClusters");
        page.forEach(cluster -> EcXml.cluster(c, "CacheCluster", cluster, nodes));
        c.out().end();
    }

    void modify(Call c) {
        Params p = c.params();
        CacheCluster cluster = require(c, p.required("CacheClusterId"));
        requireAvailable(c, cluster);
        // validate everything first: a refused modify changes nothing
        String nodeType = p.string("CacheNodeType");
        if (nodeType != null) {
            ClusterSpec.checkNodeType(nodeType);
        }
        Engines.Version version = cluster.version();
        if (p.string("EngineVersion") != null) {
            version = Engines.find(cluster.engine(), p.string("EngineVersion"))
                    .orElseThrow(() -> EcErrors.invalidParameterValue(
                            "Cannot find version " + p.string("EngineVersion") + " for " + cluster.engine()));
            if (Engines.compare(version, cluster.version()) < 0) {
                throw EcErrors.invalidParameterCombination("Cannot downgrade " + cluster.engine() + " cache cluster "
                        + cluster.id() + " from " + cluster.version().version() + " to " + version.version() + ".");
            }
        }
        ParameterGroup group = p.string("CacheParameterGroupName") == null
                ? null
                : ClusterSpec.parameterGroup(c, p.string("CacheParameterGroupName"), version);
        if (group == null
                && !version.equals(cluster.version())
                && !version.family().equals(cluster.version().family())) {
            group = ClusterSpec.parameterGroup(c, null, version);
        }
        Integer count = p.integer("NumCacheNodes");
        if (count != null && count != 1) {
            throw EcErrors.invalidParameterValue("Cannot modify a Redis cluster to have a NumCacheNodes other than 1.");
        }
        windows(p, cluster);
        if (!p.list("SecurityGroupIds").isEmpty()) {
            cluster.securityGroupIds(p.list("SecurityGroupIds"));
        }
        if (nodeType != null) {
            cluster.nodeType(nodeType);
        }
        if (!version.equals(cluster.version())) {
            cluster.version(version);
            env.launcher().version(cluster);
        }
        if (group != null) {
            cluster.parameterGroup(group.name());
        }
        env.launcher().apply(cluster, c.state().parameterGroups().get(cluster.parameterGroup()));
        cluster.lifecycle().enter("modifying", c.now().plus(env.transitionDelay()));
        ClusterSpec.event(c, cluster.id(), "cache-cluster", "Cache cluster modified");
        EcXml.cluster(c, "CacheCluster", cluster, false);
    }

    void delete(Call c) {
        Params p = c.params();
        CacheCluster cluster = require(c, p.required("CacheClusterId"));
        ReplicationGroup group = cluster.replicationGroupId() == null
                ? null
                : c.state().replicationGroups().get(cluster.replicationGroupId());
        if (group != null) {
            if (cluster.id().equals(group.primaryClusterId())) {
                throw EcErrors.invalidClusterState("Cannot delete the primary cluster " + cluster.id()
                        + " of replication group " + group.id() + "; delete the replication group instead.");
            }
        }
        String finalSnapshot = p.string("FinalSnapshotIdentifier");
        if (finalSnapshot != null) {
            SnapshotOperations.take(
                    c, cluster, Names.identifier("FinalSnapshotIdentifier", finalSnapshot, 255), "manual", Map.of());
        }
        if (group != null) {
            group.members().remove(cluster.id());
        }
        c.state().clusters().remove(cluster.id());
        ClusterSpec.closeNodes(cluster);
        cluster.lifecycle().enter("deleting", Instant.MAX);
        ClusterSpec.event(c, cluster.id(), "cache-cluster", "Cache cluster deleted");
        EcXml.cluster(c, "CacheCluster", cluster, false);
    }

    void reboot(Call c) {
        Params p = c.params();
        CacheCluster cluster = require(c, p.required("CacheClusterId"));
        requireAvailable(c, cluster);
        List<String> ids = p.list("CacheNodeIdsToReboot");
        if (ids.isEmpty()) {
            throw EcErrors.missingParameter("CacheNodeIdsToReboot");
        }
        List<CacheNode> nodes = new ArrayList<>();
        for (String nodeId : ids) {
            nodes.add(cluster.nodes().stream()
                    .filter(n -> n.id().equals(nodeId))
                    .findFirst()
                    .orElseThrow(() -> EcErrors.invalidParameterValue(
                            "Cache node " + nodeId + " does not exist in cache cluster " + cluster.id() + ".")));
        }
        for (CacheNode n : nodes) {
            n.server().reboot();
            ClusterSpec.event(c, cluster.id(), "cache-cluster", "Cache node " + n.id() + " restarted");
        }
        ReplicationGroup group = cluster.replicationGroupId() == null
                ? null
                : c.state().replicationGroups().get(cluster.replicationGroupId());
        if (group != null) {
            ReplicationGroupOperations.afterReboot(c, group, cluster.id());
        }
        cluster.lifecycle().enter("rebooting cache cluster nodes", c.now().plus(env.transitionDelay()));
        EcXml.cluster(c, "CacheCluster", cluster, false);
    }

    static CacheCluster require(Call c, String id) {
        CacheCluster cluster = c.state().clusters().get(id.toLowerCase(Locale.ROOT));
        if (cluster == null) {
            throw EcErrors.clusterNotFound(id);
        }
        return cluster;
    }

    private static void requireAvailable(Call c, CacheCluster cluster) {
        if (!cluster.lifecycle().isAvailable(c.now())) {
            throw EcErrors.invalidClusterState("Cache cluster " + cluster.id() + " is not in available state.");
        }
    }
}
