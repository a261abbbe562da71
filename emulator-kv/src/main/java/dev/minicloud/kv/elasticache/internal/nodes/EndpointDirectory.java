package dev.minicloud.kv.elasticache.internal.nodes;

import dev.minicloud.kv.elasticache.internal.model.CacheCluster;
import dev.minicloud.kv.elasticache.internal.model.CacheNode;
import dev.minicloud.kv.elasticache.internal.model.CacheStore;
import dev.minicloud.kv.elasticache.internal.model.EndpointNames;
import dev.minicloud.kv.elasticache.internal.model.RegionCaches;
import dev.minicloud.kv.elasticache.internal.model.ReplicationGroup;
import dev.minicloud.kv.elasticache.internal.model.ServerlessCache;
import dev.minicloud.spi.ServiceRecords;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The endpoint names of every cache, for the DNS service (the {@link ServiceRecords} role): each
 * resolves to the address its node listens on, the primary endpoint to the primary's, the reader
 * endpoint to the first replica's. Looked up in the live state, so a deleted cache's names are
 * NXDOMAIN at once.
 */
public final class EndpointDirectory implements ServiceRecords {
    private final CacheStore store;

    public EndpointDirectory(CacheStore store) {
        this.store = store;
    }

    @Override
    public boolean owns(String name) {
        return name.endsWith("." + EndpointNames.SUFFIX);
    }

    @Override
    public List<InetAddress> addresses(String name) {
        for (RegionCaches state : store.all()) {
            if (!name.contains("." + state.endpointId() + ".") && !name.contains("-" + state.endpointId() + ".")) {
                continue;
            }
            synchronized (state) {
                InetSocketAddress a = find(state, name);
                if (a != null) {
                    return List.of(a.getAddress());
                }
            }
        }
        return List.of();
    }

    private static InetSocketAddress find(RegionCaches state, String name) {
        for (CacheCluster c : state.clusters().values()) {
            for (CacheNode n : c.nodes()) {
                if (EndpointNames.node(state, c.id(), n.id()).equals(name)) {
                    return n.server().address();
                }
            }
        }
        for (ReplicationGroup g : state.replicationGroups().values()) {
            CacheCluster primary = state.clusters().get(g.primaryClusterId());
            if (EndpointNames.primary(state, g.id()).equals(name) && primary != null) {
                return primary.nodes().get(0).server().address();
            }
            if (EndpointNames.reader(state, g.id()).equals(name)) {
                for (String m : g.members()) {
                    if (!m.equals(g.primaryClusterId())) {
                        return state.clusters().get(m).nodes().get(0).server().address();
                    }
                }
                return primary == null ? null : primary.nodes().get(0).server().address();
            }
        }
        for (ServerlessCache s : state.serverless().values()) {
            if (EndpointNames.serverless(state, s.name()).equals(name)) {
                return s.node().address();
            }
        }
        return null;
    }
}
