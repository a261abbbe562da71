package dev.minicloud.kv.elasticache.internal.nodes;

import dev.minicloud.kv.KvNode;
import dev.minicloud.kv.KvNodeFactory;
import dev.minicloud.kv.elasticache.internal.model.CacheCluster;
import dev.minicloud.kv.elasticache.internal.model.CacheNode;
import dev.minicloud.kv.elasticache.internal.model.Engines;
import dev.minicloud.kv.elasticache.internal.model.NodeTypes;
import dev.minicloud.kv.elasticache.internal.model.ParameterGroup;
import dev.minicloud.kv.elasticache.internal.model.Parameters;
import dev.minicloud.kv.internal.engine.KvConfig;

/**
 * Turns a cache cluster's settings into running KV nodes and keeps them in step: the engine and
 * version INFO reports, {@code maxmemory} from the node type less {@code reserved-memory-percent},
 * and every parameter of the group that a node applies ({@code maxmemory-policy},
 * {@code notify-keyspace-events}, ...).
 */
public final class NodeLauncher {
    private final KvNodeFactory factory;
    private final String instanceName;

    public NodeLauncher(KvNodeFactory factory, String instanceName) {
        this.factory = factory;
        this.instanceName = instanceName;
    }

    /** Starts one node of {@code cluster} with the group's parameters; it accepts connections on return. */
    public KvNode start(CacheCluster cluster, String nodeId, ParameterGroup group) {
        return start(cluster.id() + "-" + nodeId, cluster.version(), maxmemory(cluster.nodeType(), group), group);
    }

    /** Starts a node named {@code name} of {@code version}, holding at most {@code maxmemory} bytes of data. */
    public KvNode start(String name, Engines.Version version, long maxmemory, ParameterGroup group) {
        return factory.start(instanceName + "-cache-" + name, 0, config -> {
            config.engine(version.engine(), version.fullVersion());
            for (Parameters.Definition d : Parameters.ALL) {
                if (d.applied() == Parameters.Applied.CONFIG_SET) {
                    config.apply(d.name(), group.value(d), null);
                }
            }
            config.apply("maxmemory", Long.toString(maxmemory), null);
        });
    }

    /** Applies the group's current values to a running node (after ModifyCacheParameterGroup or a group change). */
    public void apply(CacheCluster cluster, ParameterGroup group) {
        for (CacheNode node : cluster.nodes()) {
            for (Parameters.Definition d : Parameters.ALL) {
                if (d.applied() == Parameters.Applied.CONFIG_SET) {
                    node.server().configure(d.name(), group.value(d));
                }
            }
            node.server().configure("maxmemory", Long.toString(maxmemory(cluster.nodeType(), group)));
        }
    }

    /** Reports a new engine version from every node's INFO (ModifyCacheCluster EngineVersion). */
    public void version(CacheCluster cluster) {
        for (CacheNode node : cluster.nodes()) {
            KvConfig config = node.server().engine().config();
            config.engine(cluster.version().engine(), cluster.version().fullVersion());
        }
    }

    static long maxmemory(String nodeType, ParameterGroup group) {
        int reserved = Integer.parseInt(
                group.value(Parameters.find("reserved-memory-percent").orElseThrow()));
        return NodeTypes.memoryBytes(nodeType) * (100 - reserved) / 100;
    }
}
