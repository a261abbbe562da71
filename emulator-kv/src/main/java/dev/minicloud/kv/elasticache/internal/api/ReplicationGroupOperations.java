package dev.minicloud.kv.elasticache.internal.api;

import dev.minicloud.kv.elasticache.internal.model.CacheCluster;
import dev.minicloud.kv.elasticache.internal.model.Engines;
import dev.minicloud.kv.elasticache.internal.model.Lifecycle;
import dev.minicloud.kv.elasticache.internal.model.ParameterGroup;
import dev.minicloud.kv.elasticache.internal.model.ReplicationGroup;
import dev.minicloud.kv.elasticache.internal.nodes.GroupReplication;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CreateReplicationGroup, DescribeReplicationGroups, ModifyReplicationGroup, DeleteReplicationGroup,
 * IncreaseReplicaCount, DecreaseReplicaCount, for cluster mode disabled (one node group, a primary
 * and up to five replicas, each a one-node member cluster {@code <group>-00N}).
 */
final class ReplicationGroupOperations {
    static final int MAX_REPLICAS = 5;
    /** The one node group of a cluster-mode-disabled group. */
    static final String NODE_GROUP = "0001";

    private final Env env;

    ReplicationGroupOperations(Env env) {
        this.env = env;
    }

    void create(Call c) {
        Params p = c.params();
        String id = Names.identifier("ReplicationGroupId", p.required("ReplicationGroupId"), 40);
        String description = p.string("ReplicationGroupDescription");
        if (description == null || description.isBlank()) {
            throw EcErrors.invalidParameterValue(
                    "The parameter ReplicationGroupDescription must be provided and must not be blank.");
        }
        if (c.state().replicationGroups().containsKey(id)) {
            throw EcErrors.of(400, "ReplicationGroupAlreadyExists", "Replication group " + id + " already exists.");
        }
        if (p.string("PrimaryClusterId") != null) {
            throw EcErrors.invalidParameterValue(
                    "Creating a replication group around an existing cluster (PrimaryClusterId) "
                            + "is not supported by MiniCloud.");
        }
        Integer groups = p.integer("NumNodeGroups");
        if ((groups != null && groups != 1)
                || p.members("NodeGroupConfiguration").size() > 1
                || "enabled".equalsIgnoreCase(p.string("ClusterMode"))) {
            throw EcErrors.invalidParameterCombination(
                    "Cluster mode enabled (NumNodeGroups > 1) is not supported by MiniCloud: "
                            + "create a replication group with a single node group.");
        }
        int nodes = nodeCount(p);
        boolean failover = p.bool("AutomaticFailoverEnabled", false);
        boolean multiAz = p.bool("MultiAZEnabled", false);
        if (failover && nodes < 2) {
            throw EcErrors.invalidParameterCombination(
                    "Redis with cluster mode disabled cannot have automatic failover "
                            + "enabled with less than 2 nodes (a primary and at least one read replica).");
        }
        if (multiAz && !failover) {
            throw EcErrors.invalidParameterCombination("Multi-AZ requires automatic failover to be enabled.");
        }
        List<String> memberIds = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            String member = String.format(Locale.ROOT, "%s-%03d", id, i);
            if (c.state().clusters().containsKey(member)) {
                throw EcErrors.of(400, "CacheClusterAlreadyExists", "Cache cluster " + member + " already exists");
            }
            memberIds.add(member);
        }
        ClusterSpec spec = ClusterSpec.read(c);
        List<String> userGroups = p.list("UserGroupIds");
        userGroups.forEach(u -> UserOperations.requireGroup(c, u));
        if (!userGroups.isEmpty() && spec.authToken != null) {
            throw EcErrors.invalidParameterCombination("AuthToken and UserGroupIds cannot both be given.");
        }
        Map<String, String> tags = Tags.read(p);
        Tags.add(new LinkedHashMap<>(), tags);
        List<String> zones = p.list("PreferredCacheClusterAZs");
        if (!zones.isEmpty() && zones.size() != nodes) {
            throw EcErrors.invalidParameterValue("The number of PreferredCacheClusterAZs (" + zones.size()
                    + ") must match the number of cache clusters (" + nodes + ").");
        }
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            chosen.add(spec.zone(c, zones.isEmpty() ? null : zones.get(i)));
        }
        ReplicationGroup group = new ReplicationGroup(
                id,
                c.state().arn("replicationgroup", id),
                c.now(),
                new Lifecycle("creating", c.now().plus(env.transitionDelay())),
                description,
                spec.version.engine(),
                spec.nodeType,
                failover,
                multiAz,
                spec.transitEncryption,
                p.bool("AtRestEncryptionEnabled", false),
                spec.authToken != null);
        List<CacheCluster> made = new ArrayList<>();
        try {
            for (int i = 0; i < nodes; i++) {
                made.add(spec.launch(c, env, memberIds.get(i), chosen.get(i), id));
            }
        } catch (RuntimeException e) {
            made.forEach(ClusterSpec::closeNodes);
            throw e;
        }
        group.tags().putAll(tags);
        group.userGroupIds().addAll(userGroups);
        for (CacheCluster member : made) {
            c.state().clusters().put(member.id(), member);
            group.members().add(member.id());
        }
        if (!userGroups.isEmpty()) {
            UserOperations.applyUsers(c, group);
        }
        group.primaryClusterId(memberIds.get(0));
        GroupReplication.wire(c.state(), group);
        c.state().replicationGroups().put(id, group);
        ClusterSpec.event(c, id, "replication-group", "Replication group " + id + " created");
        EcXml.replicationGroup(c, "ReplicationGroup", group);
    }

    /** NumCacheClusters (1-6) or ReplicasPerNodeGroup (0-5), which must agree when both are given. */
    private static int nodeCount(Params p) {
        Integer clusters = p.integer("NumCacheClusters");
        Integer replicas = p.integer("ReplicasPerNodeGroup");
        List<Params> configs = p.members("NodeGroupConfiguration");
        if (replicas == null && !configs.isEmpty()) {
            replicas = configs.get(0).integer("ReplicaCount");
        }
        if (clusters != null && (clusters < 1 || clusters > MAX_REPLICAS + 1)) {
            throw EcErrors.invalidParameterValue(
                    "The parameter NumCacheClusters must be between 1 and " + (MAX_REPLICAS + 1) + ".");
        }
        if (replicas != null && (replicas < 0 || replicas > MAX_REPLICAS)) {
            throw EcErrors.invalidParameterValue(
                    "The parameter ReplicasPerNodeGroup must be between 0 and " + MAX_REPLICAS + ".");
        }
        if (clusters != null && replicas != null && clusters != replicas + 1) {
            throw EcErrors.invalidParameterCombination("NumCacheClusters (" + clusters + ") and ReplicasPerNodeGroup ("
                    + replicas + ") disagree: a node group has one primary and its replicas.");
        }
        return clusters != null ? clusters : replicas != null ? replicas + 1 : 1;
    }

    void describe(Call c) {
        String id = c.params().string("ReplicationGroupId");
        List<ReplicationGroup> found =
                id == null ? List.copyOf(c.state().replicationGroups().values()) : List.of(require(c, id));
        List<ReplicationGroup> page = Paging.page(c, found);
        c.out().start("ReplicationGroups");
        page.forEach(g -> EcXml.replicationGroup(c, "ReplicationGroup", g));
        c.out().end();
    }

    void modify(Call c) {
        Params p = c.params();
        ReplicationGroup group = require(c, p.required("ReplicationGroupId"));
        requireAvailable(c, group);
        List<CacheCluster> members = members(c, group);
        Boolean failover = p.bool("AutomaticFailoverEnabled");
        Boolean multiAz = p.bool("MultiAZEnabled");
        boolean failoverAfter = failover != null ? failover : group.automaticFailover();
        boolean multiAzAfter = multiAz != null ? multiAz : group.multiAz() && failoverAfter;
        if (failoverAfter && members.size() < 2) {
            throw EcErrors.invalidParameterCombination(
                    "Redis with cluster mode disabled cannot have automatic failover "
                            + "enabled with less than 2 nodes (a primary and at least one read replica).");
        }
        if (multiAzAfter && !failoverAfter) {
            throw EcErrors.invalidParameterCombination("Multi-AZ requires automatic failover to be enabled.");
        }
        String newPrimary = p.string("PrimaryClusterId");
        if (newPrimary != null) {
            newPrimary = newPrimary.toLowerCase(Locale.ROOT);
            if (!group.members().contains(newPrimary)) {
                throw EcErrors.invalidParameterValue("Cache cluster " + p.string("PrimaryClusterId")
                        + " is not a member of replication group " + group.id() + ".");
            }
        }
        String nodeType = p.string("CacheNodeType");
        if (nodeType != null) {
            ClusterSpec.checkNodeType(nodeType);
        }
        Engines.Version version = members.get(0).version();
        if (p.string("EngineVersion") != null) {
            Engines.Version current = version;
            version = Engines.find(group.engine(), p.string("EngineVersion"))
                    .orElseThrow(() -> EcErrors.invalidParameterValue(
                            "Cannot find version " + p.string("EngineVersion") + " for " + group.engine()));
            if (Engines.compare(version, current) < 0) {
                throw EcErrors.invalidParameterCombination("Cannot downgrade replication group " + group.id() + ".");
            }
        }
        ParameterGroup params = p.string("CacheParameterGroupName") == null
                ? null
                : ClusterSpec.parameterGroup(c, p.string("CacheParameterGroupName"), version);
        List<String> groupsToAdd = p.list("UserGroupIdsToAdd");
        List<String> groupsToRemove = p.list("UserGroupIdsToRemove");
        groupsToAdd.forEach(u -> UserOperations.requireGroup(c, u));
        if (p.string("ReplicationGroupDescription") != null) {
            group.description(p.string("ReplicationGroupDescription"));
        }
        group.automaticFailover(failoverAfter);
        group.multiAz(multiAzAfter);
        if (nodeType != null) {
            group.nodeType(nodeType);
        }
        for (CacheCluster member : members) {
            if (nodeType != null) {
                member.nodeType(nodeType);
            }
            if (!version.equals(member.version())) {
                member.version(version);
                env.launcher().version(member);
            }
            if (params != null) {
                member.parameterGroup(params.name());
            }
            env.launcher().apply(member, c.state().parameterGroups().get(member.parameterGroup()));
        }
        if (!groupsToAdd.isEmpty() || !groupsToRemove.isEmpty()) {
            group.userGroupIds().removeAll(groupsToRemove);
            groupsToAdd.stream().filter(u -> !group.userGroupIds().contains(u)).forEach(group.userGroupIds()::add);
            UserOperations.applyUsers(c, group);
        }
        if (newPrimary != null && !newPrimary.equals(group.primaryClusterId())) {
            // the named replica is promoted as by a failover; the old primary resyncs from it
            failover(c, group, group.primaryClusterId(), newPrimary);
        }
        group.lifecycle().enter("modifying", c.now().plus(env.transitionDelay()));
        ClusterSpec.event(c, group.id(), "replication-group", "Replication group " + group.id() + " modified");
        EcXml.replicationGroup(c, "ReplicationGroup", group);
    }

    void delete(Call c) {
        Params p = c.params();
        ReplicationGroup group = require(c, p.required("ReplicationGroupId"));
        String finalSnapshot = p.string("FinalSnapshotIdentifier");
        if (finalSnapshot != null) {
            SnapshotOperations.take(
                    c,
                    c.state().clusters().get(group.primaryClusterId()),
                    Names.identifier("FinalSnapshotIdentifier", finalSnapshot, 255),
                    "manual",
                    Map.of());
        }
        boolean retain = p.bool("RetainPrimaryCluster", false);
        // the answer describes the group as it was, now deleting
        group.lifecycle().enter("deleting", Instant.MAX);
        EcXml.replicationGroup(c, "ReplicationGroup", group);
        for (String member : List.copyOf(group.members())) {
            if (retain && member.equals(group.primaryClusterId())) {
                CacheCluster primary = c.state().clusters().remove(member);
                CacheCluster standalone = detach(c, primary);
                c.state().clusters().put(member, standalone);
                continue;
            }
            CacheCluster cluster = c.state().clusters().remove(member);
            if (cluster != null) {
                ClusterSpec.closeNodes(cluster);
            }
        }
        c.state().replicationGroups().remove(group.id());
        ClusterSpec.event(c, group.id(), "replication-group", "Replication group " + group.id() + " deleted");
    }

    /** The primary kept by RetainPrimaryCluster: the same node, now a cluster of its own. */
    private static CacheCluster detach(Call c, CacheCluster member) {
        CacheCluster alone = new CacheCluster(
                member.id(),
                member.arn(),
                member.created(),
                member.lifecycle(),
                member.version(),
                member.nodeType(),
                member.parameterGroup(),
                member.subnetGroup(),
                member.availabilityZone(),
                null,
                member.securityGroupIds(),
                member.transitEncryption(),
                member.authTokenEnabled());
        alone.lifecycle().enter("available", c.now());
        alone.nodes().addAll(member.nodes());
        alone.tags().putAll(member.tags());
        return alone;
    }

    void increaseReplicaCount(Call c) {
        Params p = c.params();
        ReplicationGroup group = require(c, p.required("ReplicationGroupId"));
        requireAvailable(c, group);
        if (!p.bool("ApplyImmediately", false)) {
            throw EcErrors.invalidParameterValue("The parameter ApplyImmediately must be true.");
        }
        int target = replicaTarget(p);
        List<CacheCluster> members = members(c, group);
        int replicas = members.size() - 1;
        if (target <= replicas) {
            throw EcErrors.invalidParameterValue("The new replica count (" + target
                    + ") must be greater than the current " + "replica count (" + replicas + ").");
        }
        CacheCluster primary = c.state().clusters().get(group.primaryClusterId());
        ClusterSpec spec = ClusterSpec.like(c, primary);
        List<CacheCluster> made = new ArrayList<>();
        try {
            int next = 1;
            while (made.size() < target - replicas) {
                String member = String.format(Locale.ROOT, "%s-%03d", group.id(), next++);
                if (!c.state().clusters().containsKey(member)) {
                    made.add(spec.launch(c, env, member, primary.availabilityZone(), group.id()));
                }
            }
        } catch (RuntimeException e) {
            made.forEach(ClusterSpec::closeNodes);
            throw e;
        }
        for (CacheCluster m : made) {
            c.state().clusters().put(m.id(), m);
            group.members().add(m.id());
            ClusterSpec.event(c, m.id(), "cache-cluster", "Cache cluster created");
        }
        GroupReplication.wire(c.state(), group); // each new replica is synced from the primary before the answer
        if (!group.userGroupIds().isEmpty()) {
            UserOperations.applyUsers(c, group); // new replicas get the group's users too
        }
        group.lifecycle().enter("modifying", c.now().plus(env.transitionDelay()));
        EcXml.replicationGroup(c, "ReplicationGroup", group);
    }

    void decreaseReplicaCount(Call c) {
        Params p = c.params();
        ReplicationGroup group = require(c, p.required("ReplicationGroupId"));
        requireAvailable(c, group);
        if (!p.bool("ApplyImmediately", false)) {
            throw EcErrors.invalidParameterValue("The parameter ApplyImmediately must be true.");
        }
        List<String> remove = new ArrayList<>(p.list("ReplicasToRemove"));
        List<CacheCluster> members = members(c, group);
        int replicas = members.size() - 1;
        int target;
        if (!remove.isEmpty()) {
            for (String r : remove) {
                if (!group.members().contains(r)) {
                    throw EcErrors.clusterNotFound(r);
                }
                if (r.equals(group.primaryClusterId())) {
                    throw EcErrors.invalidParameterValue(
                            "The primary cluster " + r + " cannot be removed as a replica.");
                }
            }
            target = replicas - remove.size();
        } else {
            target = replicaTarget(p);
            if (target >= replicas) {
                throw EcErrors.invalidParameterValue("The new replica count (" + target
                        + ") must be less than the current " + "replica count (" + replicas + ").");
            }
            List<String> newestFirst = new ArrayList<>(group.members());
            Collections.reverse(newestFirst);
            newestFirst.remove(group.primaryClusterId());
            remove = newestFirst.subList(0, replicas - target);
        }
        if (target < 0 || (group.automaticFailover() && target < 1)) {
            throw EcErrors.invalidParameterValue(
                    "A replication group with automatic failover enabled needs at least one replica.");
        }
        for (String r : remove) {
            CacheCluster cluster = c.state().clusters().remove(r);
            group.members().remove(r);
            ClusterSpec.closeNodes(cluster);
            ClusterSpec.event(c, r, "cache-cluster", "Cache cluster deleted");
        }
        group.lifecycle().enter("modifying", c.now().plus(env.transitionDelay()));
        EcXml.replicationGroup(c, "ReplicationGroup", group);
    }

    /**
     * TestFailover (cluster mode disabled: node group {@code 0001}): the first replica becomes the
     * primary, the old primary a replica of it, resynced; the primary endpoint follows. Events as
     * ElastiCache lists them for a test failover.
     */
    void testFailover(Call c) {
        Params p = c.params();
        ReplicationGroup group = require(c, p.required("ReplicationGroupId"));
        String nodeGroup = p.required("NodeGroupId");
        if (!NODE_GROUP.equals(nodeGroup)) {
            throw EcErrors.of(
                    404,
                    "NodeGroupNotFoundFault",
                    "The node group " + nodeGroup + " was not found in replication group " + group.id() + ".");
        }
        requireAvailable(c, group);
        if (!group.automaticFailover()) {
            throw EcErrors.of(
                    400,
                    "TestFailoverNotAvailableFault",
                    "Test failover is not available for replication group " + group.id()
                            + " because automatic failover is not enabled.");
        }
        String oldPrimary = group.primaryClusterId();
        String next = firstReplica(c, group);
        if (next == null) {
            throw EcErrors.of(
                    400,
                    "TestFailoverNotAvailableFault",
                    "Test failover is not available for replication group " + group.id()
                            + " because it has no available replica.");
        }
        ClusterSpec.event(c, group.id(), "replication-group", "Test Failover API called for node group " + nodeGroup);
        failover(c, group, oldPrimary, next);
        EcXml.replicationGroup(c, "ReplicationGroup", group);
    }

    /** A member's node rebooted empty: a primary fails over when it may (else its replicas resync to it), a replica resyncs. */
    static void afterReboot(Call c, ReplicationGroup group, String member) {
        if (!member.equals(group.primaryClusterId())) {
            GroupReplication.resync(c.state(), group, member);
            return;
        }
        String next = group.automaticFailover() ? firstReplica(c, group) : null;
        if (next != null) {
            failover(c, group, member, next);
            return;
        }
        for (String m : group.members()) {
            GroupReplication.resync(c.state(), group, m);
        }
    }

    private static void failover(Call c, ReplicationGroup group, String oldPrimary, String next) {
        GroupReplication.failover(c.state(), group, next);
        String done = "Failover from primary node " + oldPrimary + " to replica node " + next + " completed";
        ClusterSpec.event(c, next, "cache-cluster", done);
        ClusterSpec.event(c, group.id(), "replication-group", done);
        ClusterSpec.event(c, oldPrimary, "cache-cluster", "Recovering cache nodes 0001");
        ClusterSpec.event(c, oldPrimary, "cache-cluster", "Finished recovery for cache nodes 0001");
    }

    /** The first member, in creation order, that is an available replica. */
    private static String firstReplica(Call c, ReplicationGroup group) {
        for (String m : group.members()) {
            CacheCluster cluster = c.state().clusters().get(m);
            if (!m.equals(group.primaryClusterId())
                    && cluster != null
                    && cluster.lifecycle().isAvailable(c.now())) {
                return m;
            }
        }
        return null;
    }

    private static int replicaTarget(Params p) {
        Integer target = p.integer("NewReplicaCount");
        List<Params> configs = p.members("ReplicaConfiguration");
        if (target == null && !configs.isEmpty()) {
            target = configs.get(0).integer("NewReplicaCount");
        }
        if (target == null) {
            throw EcErrors.missingParameter("NewReplicaCount");
        }
        if (target < 0 || target > MAX_REPLICAS) {
            throw EcErrors.invalidParameterValue(
                    "The parameter NewReplicaCount must be between 0 and " + MAX_REPLICAS + ".");
        }
        return target;
    }

    private static List<CacheCluster> members(Call c, ReplicationGroup group) {
        return group.members().stream().map(m -> c.state().clusters().get(m)).toList();
    }

    static ReplicationGroup require(Call c, String id) {
        ReplicationGroup g = c.state().replicationGroups().get(id.toLowerCase(Locale.ROOT));
        if (g == null) {
            throw EcErrors.replicationGroupNotFound(id);
        }
        return g;
    }

    private static void requireAvailable(Call c, ReplicationGroup g) {
        if (!g.lifecycle().isAvailable(c.now())) {
            throw EcErrors.invalidReplicationGroupState("Replication group " + g.id() + " is not in available state.");
        }
    }
}
