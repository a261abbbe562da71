package dev.minicloud.dns;

import dev.minicloud.MiniCloudStartException;
import dev.minicloud.dns.internal.api.Route53Api;
import dev.minicloud.dns.internal.health.HealthCheckRegistry;
import dev.minicloud.dns.internal.health.HealthChecker;
import dev.minicloud.dns.internal.server.ClientLocator;
import dev.minicloud.dns.internal.server.DnsListener;
import dev.minicloud.dns.internal.server.DnsView;
import dev.minicloud.dns.internal.zones.CidrCollectionRegistry;
import dev.minicloud.dns.internal.zones.DnsNames;
import dev.minicloud.dns.internal.zones.RecordSet;
import dev.minicloud.dns.internal.zones.Route53Limit;
import dev.minicloud.dns.internal.zones.Route53Limits;
import dev.minicloud.dns.internal.zones.TrafficPolicyRegistry;
import dev.minicloud.dns.internal.zones.VpcRef;
import dev.minicloud.dns.internal.zones.ZoneRegistry;
import dev.minicloud.dns.internal.zones.ZoneSnapshot;
import dev.minicloud.internal.admin.AdminResponse;
import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.aws.AwsProtocol;
import dev.minicloud.internal.http.EdgeRoute;
import dev.minicloud.spi.AuthMode;
import dev.minicloud.spi.ListeningService;
import dev.minicloud.spi.ResolvableNames;
import dev.minicloud.spi.ServiceContext;
import dev.minicloud.spi.ServiceRecords;
import dev.minicloud.spi.VpcDependents;
import dev.minicloud.spi.VpcDirectory;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The Route 53 service of one MiniCloud: the control plane on the edge port ({@code /2013-04-01/})
 * and the DNS data plane: the public endpoint (public zones only) on the DNS port and one resolver
 * endpoint per VPC that has a private hosted zone, bound when the VPC gets its first private zone
 * and closed when it loses its last.
 */
public final class DnsService implements ListeningService, VpcDependents, ResolvableNames {
    private final ServiceContext context;
    private final ZoneRegistry zones;
    private final HealthCheckRegistry healthChecks;
    private final CidrCollectionRegistry cidrCollections;
    private final TrafficPolicyRegistry trafficPolicies;
    private final HealthChecker checker;
    private final DnsListener.Settings settings;
    private final Map<String, Integer> vpcPorts;
    private final Map<VpcRef, DnsListener> resolvers = new HashMap<>();
    /** The VPCs with private zones, as the registry last said (guarded by {@code resolvers}). */
    private Set<VpcRef> withPrivateZones = Set.of();
    /** VPCs whose EC2 {@code enableDnsSupport} is off: no resolver endpoint (guarded by {@code resolvers}). */
    private final Set<VpcRef> dnsSupportOff = new HashSet<>();

    private volatile Map<String, ResolverEndpoint> resolverView = Map.of();
    private DnsListener publicListener;
    private volatile boolean closed;

    DnsService(ServiceContext context) {
        this.context = context;
        var config = context.config();
        Random random = config.find(DnsSettings.RANDOM_SEED).map(Random::new).orElseGet(context::random);
        Route53Limits limits = config.get(DnsSettings.LIMITS);
        this.healthChecks = new HealthCheckRegistry(
                context.clock(), context.random(), limits.value(Route53Limit.MAX_HEALTH_CHECKS_BY_OWNER));
        this.cidrCollections = new CidrCollectionRegistry(context.random());
        String publicRegion = config.find(DnsSettings.PUBLIC_REGION).orElse(config.region());
        this.settings = new DnsListener.Settings(
                config.host(),
                random,
                config.get(DnsSettings.UPSTREAM),
                config.get(DnsSettings.UPSTREAM_TIMEOUT),
                healthChecks,
                publicRegion,
                new ClientLocator(
                        config.get(DnsSettings.CLIENT_REGIONS),
                        config.get(DnsSettings.CLIENT_LOCATIONS),
                        config.get(DnsSettings.CLIENT_COORDINATES)),
                cidrCollections::locationOf,
                edgeAddress(config.host()),
                context.clock(),
                () -> context.service(ServiceRecords.class).orElse(null));
        this.vpcPorts = config.get(DnsSettings.VPC_PORTS);
        boolean ec2Owns = config.get(DnsSettings.VPC_OWNERSHIP) == DnsSettings.VpcOwnership.EC2;
        this.zones = new ZoneRegistry(
                context.clock(),
                config.get(DnsSettings.CHANGE_DELAY),
                this::syncResolvers,
                context.random(),
                () -> ec2Owns ? context.service(VpcDirectory.class).orElse(null) : null,
                limits);
        this.trafficPolicies = new TrafficPolicyRegistry(zones, context.random());
        this.checker =
                HealthChecker.create(healthChecks, context.clock(), context.workerExecutor(), this::resolveForChecker);
    }

    @Override
    public String name() {
        return "dns";
    }

    @Override
    public boolean hasDependents(String region, String vpcId) {
        return zones.hasZonesFor(new VpcRef(region, vpcId));
    }

    /**
     * EC2 switched a VPC's DNS support: off closes its resolver endpoint (the VPC+2 resolver stops
     * answering, as on AWS), on binds it again if the VPC still has private zones. Kept here, not
     * asked of EC2, because EC2 calls this under its own lock.
     */
    @Override
    public void dnsSupportChanged(String region, String vpcId, boolean enabled) {
        synchronized (resolvers) {
            VpcRef vpc = new VpcRef(region, vpcId);
            if (enabled ? dnsSupportOff.remove(vpc) : dnsSupportOff.add(vpc)) {
                syncResolvers(withPrivateZones);
            }
        }
    }

    @Override
    public void start() {
        boolean strict = context.config().get(DnsSettings.AUTH) == AuthMode.STRICT;
        publicListener = DnsListener.bind(
                context.eventLoopGroup(),
                settings,
                context.config().get(DnsSettings.PORT),
                zones::index,
                DnsView.publicView(settings.publicRegion()),
                "DNS",
                "--dns-port");
        context.edge()
                .register(new EdgeRoute(
                        "dns",
                        Set.of("route53"),
                        Route53Api.PREFIX,
                        false,
                        AwsProtocol.ROUTE53_XML,
                        new Route53Api(
                                zones,
                                healthChecks,
                                cidrCollections,
                                trafficPolicies,
                                (query, source) -> publicListener.answerNow(query, source),
                                context.offload(),
                                strict ? context.config().credentials() : null,
                                context.clock())));
        context.admin()
                .register("dns/resolvers", Set.of(HttpMethod.GET), call -> AdminResponse.ok(resolversDocument()));
        new HealthCheckAdmin(healthChecks, checker).register(context.admin());
        checker.start(context.eventLoopGroup().next());
    }

    /** The health checks of this instance: force a status for a test ({@code force}), or read one. */
    public HealthCheckRegistry healthChecks() {
        return healthChecks;
    }

    /**
     * Probes every health check that is due by the MiniCloud clock and returns once they are judged
     * (the number probed): after {@code MutableClock.advance(interval)}, the status a query sees next.
     */
    public int runHealthChecks() {
        return checker.runRound();
    }

    /**
     * The IPv4 address a health check's {@code FullyQualifiedDomainName} names: an A record of one of
     * our public zones first (the check sees what our DNS answers), else the system resolver. Runs on a
     * worker thread.
     */
    private InetAddress resolveForChecker(String fqdn) {
        try {
            Name name = DnsNames.parse(fqdn);
            ZoneSnapshot zone = zones.index().publicZoneFor(name);
            if (zone != null) {
                for (RecordSet rs : zone.find(name, Type.A)) {
                    for (Record r : rs.records()) {
                        return ((ARecord) r).getAddress();
                    }
                }
                return null; // our zone, no A record: DNS resolution fails, as it would on Route 53
            }
            for (InetAddress a : InetAddress.getAllByName(fqdn)) {
                if (a instanceof Inet4Address) {
                    return a;
                }
            }
            return null;
        } catch (IllegalArgumentException | UnknownHostException e) {
            return null;
        }
    }

    /**
     * A name in one of our public zones resolves to what the public endpoint answers for it (A, then
     * AAAA: CNAME chains, aliases, routing policies and health included), asked in-process; a name
     * in no public zone, or one with no address there, is not ours. Private zones stay private: the
     * JVM is in no VPC.
     */
    @Override
    public List<InetAddress> lookup(String hostName) {
        DnsListener listener = publicListener;
        if (listener == null || closed) {
            return List.of();
        }
        Name name;
        try {
            name = DnsNames.parse(hostName);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        if (zones.index().publicZoneFor(name) == null) {
            return List.of();
        }
        List<InetAddress> out = new ArrayList<>();
        for (int type : new int[] {Type.A, Type.AAAA}) {
            byte[] reply = listener.answerNow(
                    Message.newQuery(Record.newRecord(name, type, DClass.IN)).toWire(),
                    InetAddress.getLoopbackAddress());
            try {
                Message answer = reply == null ? null : new Message(reply);
                if (answer == null || answer.getRcode() != Rcode.NOERROR) {
                    continue;
                }
                for (Record r : answer.getSection(Section.ANSWER)) {
                    if (r instanceof ARecord a) {
                        out.add(a.getAddress());
                    } else if (r instanceof AAAARecord a) {
                        out.add(a.getAddress());
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(
                        "the public endpoint's own answer for " + hostName + " does not parse", e);
            }
        }
        return out;
    }

    /** The address clients reach the edge at: the bind host, or loopback for a wildcard bind. */
    private static InetAddress edgeAddress(String host) {
        try {
            InetAddress a = InetAddress.getByName(host);
            return a.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : a;
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress();
        }
    }

    /** The zones of this instance (for tests and tools that want to inspect state directly). */
    public ZoneRegistry zones() {
        return zones;
    }

    /** The public endpoint: public hosted zones only. */
    public InetSocketAddress publicEndpoint() {
        return publicListener.address();
    }

    /** The resolver endpoint of every VPC that has a private hosted zone, by VPC id. */
    public Map<String, ResolverEndpoint> resolverEndpoints() {
        return resolverView;
    }

    /** The resolver endpoint of one VPC, if it has a private hosted zone. */
    public Optional<ResolverEndpoint> resolverEndpoint(String vpcId) {
        return Optional.ofNullable(resolverView.get(vpcId));
    }

    private Map<String, Object> resolversDocument() {
        Map<String, Object> doc = new LinkedHashMap<>();
        InetSocketAddress pub = publicEndpoint();
        doc.put("public", Map.of("host", pub.getAddress().getHostAddress(), "port", pub.getPort()));
        Map<String, Object> vpcs = new TreeMap<>();
        resolverView.forEach((id, e) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("region", e.region());
            m.put("host", e.address().getAddress().getHostAddress());
            m.put("port", e.address().getPort());
            vpcs.put(id, m);
        });
        doc.put("vpcs", vpcs);
        return doc;
    }

    /**
     * Called by the registry (under its write lock, on a worker or caller thread, never an event
     * loop) with the VPCs that have private zones: binds endpoints for new ones (unless their DNS
     * support is off), closes the rest.
     */
    private void syncResolvers(Set<VpcRef> vpcsWithPrivateZones) {
        synchronized (resolvers) {
            if (closed) {
                return;
            }
            withPrivateZones = Set.copyOf(vpcsWithPrivateZones);
            Set<VpcRef> wanted = new HashSet<>(withPrivateZones);
            wanted.removeAll(dnsSupportOff);
            // Bind the new endpoints first; if one cannot be bound, undo this call and fail it.
            Map<VpcRef, DnsListener> added = new HashMap<>();
            try {
                for (VpcRef vpc : wanted) {
                    if (!resolvers.containsKey(vpc)) {
                        int port = vpcPorts.getOrDefault(vpc.vpcId(), 0);
                        added.put(
                                vpc,
                                DnsListener.bind(
                                        context.eventLoopGroup(),
                                        settings,
                                        port,
                                        zones::index,
                                        DnsView.vpcView(vpc),
                                        "DNS resolver for " + vpc.vpcId(),
                                        "--" + DnsSettings.VPC_PORTS.name()));
                    }
                }
            } catch (MiniCloudStartException e) {
                added.values().forEach(DnsListener::close);
                throw new AwsException(500, "InternalFailure", e.getMessage());
            }
            resolvers.entrySet().removeIf(e -> {
                if (!wanted.contains(e.getKey())) {
                    e.getValue().close();
                    return true;
                }
                return false;
            });
            resolvers.putAll(added);
            Map<String, ResolverEndpoint> view = new TreeMap<>();
            resolvers.forEach(
                    (vpc, l) -> view.put(vpc.vpcId(), new ResolverEndpoint(vpc.vpcId(), vpc.region(), l.address())));
            resolverView = Map.copyOf(view);
        }
    }

    @Override
    public InetSocketAddress address() {
        return publicListener.address();
    }

    @Override
    public String endpoint() {
        InetSocketAddress a = address();
        return "udp+tcp://" + a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    @Override
    public void reset() {
        trafficPolicies.reset();
        zones.reset();
        healthChecks.reset();
        cidrCollections.reset();
        if (publicListener != null) {
            publicListener.clearCache();
        }
    }

    @Override
    public void close() {
        checker.close();
        synchronized (resolvers) {
            closed = true;
            resolvers.values().forEach(DnsListener::close);
            resolvers.clear();
            resolverView = Map.of();
        }
        if (publicListener != null) {
            publicListener.close();
        }
    }
}
