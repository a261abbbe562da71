package dev.minicloud.kv.elasticache;

import dev.minicloud.internal.admin.AdminResponse;
import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.aws.AwsProtocol;
import dev.minicloud.internal.aws.auth.AuthFailures;
import dev.minicloud.internal.aws.auth.SigV4Verifier;
import dev.minicloud.internal.http.EdgeRoute;
import dev.minicloud.kv.KvNode;
import dev.minicloud.kv.KvNodeFactory;
import dev.minicloud.kv.elasticache.internal.api.ElastiCacheApi;
import dev.minicloud.kv.elasticache.internal.api.Env;
import dev.minicloud.kv.elasticache.internal.model.CacheCluster;
import dev.minicloud.kv.elasticache.internal.model.CacheNode;
import dev.minicloud.kv.elasticache.internal.model.CacheStore;
import dev.minicloud.kv.elasticache.internal.model.EndpointNames;
import dev.minicloud.kv.elasticache.internal.model.RegionCaches;
import dev.minicloud.kv.elasticache.internal.model.ReplicationGroup;
import dev.minicloud.kv.elasticache.internal.nodes.EndpointDirectory;
import dev.minicloud.kv.elasticache.internal.nodes.NodeLauncher;
import dev.minicloud.spi.AuthMode;
import dev.minicloud.spi.ResolvableNames;
import dev.minicloud.spi.Service;
import dev.minicloud.spi.ServiceContext;
import dev.minicloud.spi.ServiceRecords;
import dev.minicloud.spi.VpcDirectory;
import io.netty.handler.codec.http.HttpMethod;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ElastiCache control plane on the edge port (requests signed for {@code elasticache}). Each cache
 * node is a real KV server of its own ({@link KvNode}: own keyspace, port and loop) made when its
 * cluster is created and stopped when it is deleted, on {@code reset} and on {@code close}. From Java,
 * {@link #nodes()} and {@link #node} find the nodes and their addresses; the admin API lists them at
 * {@code GET /_minicloud/elasticache/caches}.
 */
public final class ElastiCacheService implements Service, ServiceRecords, ResolvableNames {
    /** One running cache node, as Java callers and the admin API see it. */
    public record NodeInfo(
            String account,
            String region,
            String cacheClusterId,
            String cacheNodeId,
            String replicationGroupId,
            String role,
            String engine,
            String engineVersion,
            InetSocketAddress address,
            String dnsName) {}

    /** What the query-protocol services answer for an access key they do not know. */
    private static final AuthFailures UNKNOWN_KEY = AuthFailures.withUnknownKey(
            new AwsException(403, "InvalidClientTokenId", "The security token included in the request is invalid."));

    private final ServiceContext context;
    private final CacheStore store;
    private final EndpointDirectory endpoints;

    ElastiCacheService(ServiceContext context) {
        this.context = context;
        KvNodeFactory factory = new KvNodeFactory(context.config().host(), context.clock(), context.random());
        this.store = new CacheStore(context.random());
        this.endpoints = new EndpointDirectory(store);
        Env env = new Env(
                new NodeLauncher(factory, context.config().name()),
                context.config().get(ElastiCacheSettings.STATUS_DELAY),
                () -> context.service(VpcDirectory.class));
        SigV4Verifier verifier = context.config().get(ElastiCacheSettings.AUTH) == AuthMode.STRICT
                ? new SigV4Verifier(
                        context.config().credentials()::get, context.clock(), "elasticache", false, UNKNOWN_KEY)
                : null;
        context.edge()
                .register(new EdgeRoute(
                        "elasticache",
                        Set.of("elasticache"),
                        null,
                        false,
                        AwsProtocol.QUERY_XML,
                        new ElastiCacheApi(
                                store,
                                context.config().region(),
                                context.clock(),
                                context.offload(),
                                env,
                                verifier,
                                context.config().get(ElastiCacheSettings.ENDPOINT_ADDRESSES)
                                        == ElastiCacheSettings.EndpointAddresses.NAMES)));
    }

    @Override
    public String name() {
        return "elasticache";
    }

    /** The DNS service answers the endpoint names from here (core's service-owned records role). */
    @Override
    public boolean owns(String name) {
        return endpoints.owns(name);
    }

    @Override
    public List<InetAddress> addresses(String name) {
        return endpoints.addresses(name);
    }

    /** {@code MiniCloud.resolve} and the JVM-wide resolver answer the endpoint names from here too. */
    @Override
    public List<InetAddress> lookup(String hostName) {
        return endpoints.owns(hostName) ? endpoints.addresses(hostName) : List.of();
    }

    @Override
    public void start() {
        context.admin().register("elasticache/caches", Set.of(HttpMethod.GET), call -> AdminResponse.ok(document()));
    }

    @Override
    public String endpoint() {
        return context.edgeEndpoint().toString();
    }

    /** Every running cache node of every account and region. */
    public List<NodeInfo> nodes() {
        List<NodeInfo> out = new ArrayList<>();
        for (RegionCaches state : store.all()) {
            synchronized (state) {
                for (CacheCluster c : state.clusters().values()) {
                    ReplicationGroup g = c.replicationGroupId() == null
                            ? null
                            : state.replicationGroups().get(c.replicationGroupId());
                    String role =
                            g == null ? "standalone" : c.id().equals(g.primaryClusterId()) ? "primary" : "replica";
                    for (CacheNode n : c.nodes()) {
                        out.add(new NodeInfo(
                                state.account(),
                                state.region(),
                                c.id(),
                                n.id(),
                                c.replicationGroupId(),
                                role,
                                c.engine(),
                                c.version().fullVersion(),
                                n.server().address(),
                                EndpointNames.node(state, c.id(), n.id())));
                    }
                }
                state.serverless()
                        .values()
                        .forEach(s -> out.add(new NodeInfo(
                                state.account(),
                                state.region(),
                                s.name(),
                                "0001",
                                null,
                                "serverless",
                                s.version().engine(),
                                s.version().fullVersion(),
                                s.node().address(),
                                EndpointNames.serverless(state, s.name()))));
            }
        }
        return out;
    }

    /** The KV server behind node {@code nodeId} ({@code 0001}) of a cluster, if there is one. */
    public Optional<KvNode> node(String account, String region, String cacheClusterId, String nodeId) {
        RegionCaches state = store.region(account, region);
        synchronized (state) {
            CacheCluster c = state.clusters().get(cacheClusterId);
            return c == null
                    ? Optional.empty()
                    : c.nodes().stream()
                            .filter(n -> n.id().equals(nodeId))
                            .map(CacheNode::server)
                            .findFirst();
        }
    }

    /**
     * The address an endpoint name ({@code my-cache.abc123.0001.use1.cache.amazonaws.com}) stands
     * for, if it is one of ours: the Java 17 way to resolve cache names in-process, e.g. from a
     * Lettuce {@code DnsResolver} or a Jedis {@code HostAndPortMapper}.
     */
    public Optional<InetAddress> resolve(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        if (!endpoints.owns(n)) {
            return Optional.empty();
        }
        return endpoints.addresses(n).stream().findFirst();
    }

    /** Where the first node of a cluster of the default account and region listens. */
    public Optional<InetSocketAddress> address(String cacheClusterId) {
        return node(
                        context.accountFor(context.config().accessKey()),
                        context.config().region(),
                        cacheClusterId,
                        "0001")
                .map(KvNode::address);
    }

    private Map<String, Object> document() {
        List<Object> caches = new ArrayList<>();
        for (NodeInfo n : nodes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("account", n.account());
            m.put("region", n.region());
            m.put("cacheClusterId", n.cacheClusterId());
            m.put("cacheNodeId", n.cacheNodeId());
            if (n.replicationGroupId() != null) {
                m.put("replicationGroupId", n.replicationGroupId());
            }
            m.put("role", n.role());
            m.put("engine", n.engine());
            m.put("engineVersion", n.engineVersion());
            m.put("host", n.address().getAddress().getHostAddress());
            m.put("port", n.address().getPort());
            m.put("dnsName", n.dnsName());
            caches.add(m);
        }
        return Map.of("nodes", caches);
    }

    private void stopAll() {
        for (RegionCaches state : store.all()) {
            synchronized (state) {
                state.clusters()
                        .values()
                        .forEach(c -> c.nodes().forEach(n -> n.server().close()));
                state.serverless().values().forEach(s -> s.node().close());
            }
        }
        store.clear();
    }

    @Override
    public void reset() {
        stopAll();
    }

    @Override
    public void close() {
        stopAll();
    }
}
