package dev.minicloud.kv.elasticache.internal.api;

import dev.minicloud.kv.KvNode;
import dev.minicloud.kv.elasticache.internal.model.CacheCluster;
import dev.minicloud.kv.elasticache.internal.model.CacheNode;
import dev.minicloud.kv.elasticache.internal.model.Engines;
import dev.minicloud.kv.elasticache.internal.model.Event;
import dev.minicloud.kv.elasticache.internal.model.Lifecycle;
import dev.minicloud.kv.elasticache.internal.model.NodeTypes;
import dev.minicloud.kv.elasticache.internal.model.ParameterGroup;
import dev.minicloud.kv.elasticache.internal.model.Parameters;
import dev.minicloud.kv.elasticache.internal.model.Snapshot;
import dev.minicloud.kv.elasticache.internal.model.SubnetGroup;
import dev.minicloud.kv.elasticache.internal.nodes.GroupReplication;
import java.util.List;
import java.util.Locale;

/**
 * The settings shared by CreateCacheCluster and CreateReplicationGroup, read and validated before
 * anything is made (so a bad call leaves nothing behind), and the making of one-node clusters.
 */
final class ClusterSpec {
    final Engines.Version version;
    final String nodeType;
    final ParameterGroup parameterGroup;
    final SubnetGroup subnetGroup;
    final List<String> securityGroupIds;
    final boolean transitEncryption;
    final String authToken;
    /** The snapshot the new nodes are loaded from, or {@code null}. */
    Snapshot restoreFrom;

    private ClusterSpec(
            Engines.Version version,
            String nodeType,
            ParameterGroup parameterGroup,
            SubnetGroup subnetGroup,
            List<String> securityGroupIds,
            boolean transitEncryption,
            String authToken) {
        this.version = version;
        this.nodeType = nodeType;
        this.parameterGroup = parameterGroup;
        this.subnetGroup = subnetGroup;
        this.securityGroupIds = securityGroupIds;
        this.transitEncryption = transitEncryption;
        this.authToken = authToken;
    }

    static ClusterSpec read(Call c) {
        Params p = c.params();
        String engine =
                p.string("Engine") == null ? "redis" : p.string("Engine").toLowerCase(Locale.ROOT);
        if (engine.equals("memcached")) {
            throw EcErrors.invalidParameterValue(
                    "The memcached engine is not supported by MiniCloud; use redis or valkey.");
        }
        if (!Engines.isEngine(engine)) {
            throw EcErrors.invalidParameterValue("Invalid value for Engine: " + p.string("Engine")
                    + ". Valid values are: redis, valkey, memcached.");
        }
        Snapshot snapshot =
                p.string("SnapshotName") == null ? null : SnapshotOperations.require(c, p.string("SnapshotName"));
        if (snapshot != null
                && p.string("Engine") != null
                && !snapshot.version().engine().equals(engine)) {
            throw EcErrors.invalidParameterCombination("Snapshot " + snapshot.name() + " is of engine "
                    + snapshot.version().engine() + ", not " + engine + ".");
        }
        if (snapshot != null) {
            engine = snapshot.version().engine();
        }
        String requested = p.string("EngineVersion");
        String engineName = engine;
        Engines.Version version = requested == null
                ? (snapshot != null ? snapshot.version() : Engines.latest(engine))
                : Engines.find(engine, requested)
                        .orElseThrow(() -> EcErrors.invalidParameterValue(
                                "Cannot find version " + requested + " for " + engineName));
        if (snapshot != null && Engines.compare(version, snapshot.version()) < 0) {
            throw EcErrors.invalidParameterCombination("Cannot restore snapshot " + snapshot.name() + " of version "
                    + snapshot.version().version() + " into the older version " + version.version() + ".");
        }
        String nodeType =
                p.string("CacheNodeType") == null && snapshot != null ? snapshot.nodeType() : p.string("CacheNodeType");
        if (nodeType == null || nodeType.isEmpty()) {
            throw EcErrors.invalidParameterValue("The parameter CacheNodeType must be provided and must not be blank.");
        }
        checkNodeType(nodeType);
        ParameterGroup group = parameterGroup(c, p.string("CacheParameterGroupName"), version);
        if ("yes".equals(group.value(Parameters.find("cluster-enabled").orElseThrow()))) {
            throw EcErrors.invalidParameterCombination(
                    "Cluster mode (cluster-enabled yes) is not supported by MiniCloud.");
        }
        SubnetGroup subnets = null;
        String subnetGroupName = p.string("CacheSubnetGroupName");
        if (subnetGroupName != null) {
            subnets = c.state().subnetGroups().get(subnetGroupName.toLowerCase(Locale.ROOT));
            if (subnets == null) {
                throw EcErrors.subnetGroupNotFound(subnetGroupName);
            }
        }
        boolean transit = p.bool("TransitEncryptionEnabled", false);
        String token = p.string("AuthToken");
        if (token != null) {
            if (!transit) {
                throw EcErrors.invalidParameterCombination(
                        "The AUTH token is only supported when encryption in-transit is enabled");
            }
            if (token.length() < 16
                    || token.length() > 128
                    || !token.chars().allMatch(ch -> ch >= 0x21 && ch <= 0x7e && ch != '@' && ch != '"' && ch != '/')) {
                throw EcErrors.invalidParameterValue("Invalid AuthToken provided.");
            }
        }
        if (!p.list("SnapshotArns").isEmpty()) {
            throw EcErrors.invalidParameterValue(
                    "Restoring from an RDB file in S3 (SnapshotArns) is not supported by MiniCloud.");
        }
        ClusterSpec spec =
                new ClusterSpec(version, nodeType, group, subnets, p.list("SecurityGroupIds"), transit, token);
        spec.restoreFrom = snapshot;
        return spec;
    }

    /** The settings of an existing member, for the replicas IncreaseReplicaCount adds. */
    static ClusterSpec like(Call c, CacheCluster member) {
        SubnetGroup subnets =
                member.subnetGroup() == null ? null : c.state().subnetGroups().get(member.subnetGroup());
        return new ClusterSpec(
                member.version(),
                member.nodeType(),
                c.state().parameterGroups().get(member.parameterGroup()),
                subnets,
                member.securityGroupIds(),
                member.transitEncryption(),
                member.authTokenEnabled()
                        ? member.nodes().get(0).server().engine().config().requirepass()
                        : null);
    }

    static void checkNodeType(String nodeType) {
        if (!NodeTypes.exists(nodeType)) {
            throw EcErrors.invalidParameterValue("Invalid Cache Node Type: " + nodeType);
        }
    }

    /** The named group (or the version's default) if its family is the version's. */
    static ParameterGroup parameterGroup(Call c, String name, Engines.Version version) {
        ParameterGroup group = c.state()
                .parameterGroups()
                .get(name == null ? version.defaultParameterGroup() : name.toLowerCase(Locale.ROOT));
        if (group == null) {
            throw EcErrors.parameterGroupNotFound(name);
        }
        if (!group.family().equals(version.family())) {
            throw EcErrors.invalidParameterCombination("The parameter group " + group.name() + " is of family "
                    + group.family() + ", but engine version " + version.version() + " needs a group of family "
                    + version.family() + ".");
        }
        return group;
    }

    /** The zone a node goes in: the asked one if the subnet group has it, else the group's first, else the region's first. */
    String zone(Call c, String preferred) {
        if (subnetGroup != null) {
            List<String> zones = subnetGroup.subnets().stream()
                    .map(s -> s.availabilityZone())
                    .distinct()
                    .toList();
            if (preferred != null && !zones.contains(preferred)) {
                throw EcErrors.invalidParameterValue("The availability zone " + preferred
                        + " is not in the subnet group " + subnetGroup.name() + " (" + String.join(", ", zones) + ").");
            }
            return preferred != null ? preferred : zones.get(0);
        }
        if (preferred != null && !preferred.startsWith(c.state().region())) {
            throw EcErrors.invalidParameterValue("Invalid availability zone: " + preferred);
        }
        return preferred != null ? preferred : c.state().region() + "a";
    }

    /** Makes a one-node cluster and starts its node; nothing is registered in the state. */
    CacheCluster launch(Call c, Env env, String id, String zone, String replicationGroupId) {
        CacheCluster cluster = new CacheCluster(
                id,
                c.state().arn("cluster", id),
                c.now(),
                new Lifecycle("creating", c.now().plus(env.transitionDelay())),
                version,
                nodeType,
                parameterGroup.name(),
                subnetGroup == null ? null : subnetGroup.name(),
                zone,
                replicationGroupId,
                securityGroupIds,
                transitEncryption,
                authToken != null);
        KvNode node = env.launcher().start(cluster, "0001", parameterGroup);
        try {
            if (authToken != null) {
                node.configure("requirepass", authToken);
            }
            if (restoreFrom != null) {
                node.restore(restoreFrom.data());
            }
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        cluster.nodes().add(new CacheNode("0001", c.now(), zone, node));
        return cluster;
    }

    static void closeNodes(CacheCluster cluster) {
        cluster.nodes().forEach(n -> {
            GroupReplication.leave(n.server()); // its primary stops streaming to it first
            n.server().close();
        });
    }

    static void event(Call c, String id, String type, String message) {
        c.state().events().add(new Event(id, type, message, c.now()));
    }
}
