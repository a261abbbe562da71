package dev.minicloud.kv.elasticache.internal.nodes;

import dev.minicloud.kv.KvNode;
import dev.minicloud.kv.elasticache.internal.model.CacheCluster;
import dev.minicloud.kv.elasticache.internal.model.RegionCaches;
import dev.minicloud.kv.elasticache.internal.model.ReplicationGroup;
import dev.minicloud.kv.internal.engine.Replication;

/**
 * Keeps a replication group's nodes replicating as its model says: every member that is not the
 * primary is a replica of the primary's node (fully resynced when it joins), and a failover makes
 * another member the primary. Called with the region's state held, from the API's thread.
 */
public final class GroupReplication {
    private GroupReplication() {}

    private static KvNode node(RegionCaches state, String clusterId) {
        CacheCluster c = state.clusters().get(clusterId);
        return c == null || c.nodes().isEmpty() ? null : c.nodes().get(0).server();
    }

    /** Attaches every member that does not yet follow the primary (a new replica gets a full copy). */
    public static void wire(RegionCaches state, ReplicationGroup group) {
        KvNode primary = node(state, group.primaryClusterId());
        if (primary == null) {
            return;
        }
        for (String member : group.members()) {
            KvNode n = node(state, member);
            if (n != null && n != primary && !n.engine().replication().follows(primary.engine())) {
                Replication.attach(primary.engine(), primary.address(), n.engine(), n.address());
            }
        }
    }

    /** Resyncs one member from the primary (after its node rebooted empty). */
    public static void resync(RegionCaches state, ReplicationGroup group, String member) {
        KvNode primary = node(state, group.primaryClusterId());
        KvNode n = node(state, member);
        if (primary != null && n != null && n != primary) {
            Replication.attach(primary.engine(), primary.address(), n.engine(), n.address());
        }
    }

    /**
     * Makes {@code newPrimary} the group's primary: the old primary stops streaming, the new one
     * applies everything it was sent, takes writes, and every other member (the old primary too)
     * resyncs from it. The old primary's clients are disconnected, as by the node's recovery.
     */
    public static void failover(RegionCaches state, ReplicationGroup group, String newPrimary) {
        KvNode old = node(state, group.primaryClusterId());
        KvNode next = node(state, newPrimary);
        if (old != null) {
            Replication.dropReplicas(old.engine());
        }
        Replication.drain(next.engine());
        Replication.promote(next.engine());
        group.primaryClusterId(newPrimary);
        for (String member : group.members()) {
            KvNode n = node(state, member);
            if (n != null && n != next) {
                Replication.attach(next.engine(), next.address(), n.engine(), n.address());
            }
        }
        if (old != null) {
            // ElastiCache recovers the old primary's node: its clients reconnect and find it a replica
            old.disconnectClients();
        }
    }

    /** Before a member's node stops: its primary forgets it, and it forgets its replicas. */
    public static void leave(KvNode node) {
        Replication.dropReplicas(node.engine());
        Replication.promote(node.engine());
    }
}
