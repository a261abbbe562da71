package dev.minicloud.dns.internal.api;

import dev.minicloud.dns.internal.health.HealthCheckRegistry;
import dev.minicloud.dns.internal.zones.CidrCollectionRegistry;
import dev.minicloud.dns.internal.zones.Route53Errors;
import dev.minicloud.dns.internal.zones.TrafficPolicyRegistry;
import dev.minicloud.dns.internal.zones.ZoneIds;
import dev.minicloud.dns.internal.zones.ZoneRegistry;
import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.aws.UriComponents;
import dev.minicloud.internal.http.AggregatingBodyHandler;
import dev.minicloud.internal.http.BodyHandler;
import dev.minicloud.internal.http.EdgeHandler;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.internal.http.Offload;
import dev.minicloud.internal.xml.MalformedXmlException;
import io.netty.handler.codec.http.HttpMethod;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The Route 53 REST-XML API under {@code /2013-04-01/} on the edge port: routes each call by method
 * and path, through one table, to the hosted-zone, record-set, tag or health-check operations. Bodies are aggregated (they are small),
 * then each call runs on the worker pool ({@link Offload}), because it may bind a new VPC resolver
 * endpoint, which must not happen on an event loop. Unexpected failures are answered with Route 53's
 * {@code InternalFailure}, never with exception text.
 */
public final class Route53Api implements EdgeHandler {
    /** The path prefix of every Route 53 call. */
    public static final String PREFIX = "/2013-04-01/";

    private static final int MAX_BODY = 4 * 1024 * 1024;
    /** Resources whose ids Route 53 writes with a prefix ({@code /hostedzone/Z1}) that clients may send back. */
    private static final Set<String> PREFIXED_IDS = Set.of("hostedzone", "change", "delegationset");

    private final Offload offload;
    private final Route53Authenticator authenticator;
    private final Route53Routes routes;

    /**
     * @param credentials access key to secret key when requests must be signed (strict mode), or
     *                    {@code null} to accept any caller (the default)
     */
    /**
     * @param publicEndpoint answers a wire query from a source address through the public DNS
     *                       endpoint (TestDNSAnswer)
     */
    public Route53Api(
            ZoneRegistry zones,
            HealthCheckRegistry healthChecks,
            CidrCollectionRegistry cidrCollections,
            TrafficPolicyRegistry trafficPolicies,
            BiFunction<byte[], InetAddress, byte[]> publicEndpoint,
            Offload offload,
            Map<String, String> credentials,
            Clock clock) {
        this.offload = offload;
        this.authenticator = credentials == null ? null : new Route53Authenticator(credentials, clock);
        Route53Requests requests = new Route53Requests();
        this.routes = routes(
                new HostedZoneOperations(zones, requests),
                new RecordSetOperations(zones, cidrCollections, trafficPolicies, requests),
                new TagOperations(zones, healthChecks, requests),
                new HealthCheckOperations(healthChecks, requests),
                new TestDnsAnswerOperation(zones, publicEndpoint),
                new CidrCollectionOperations(cidrCollections, zones, requests),
                new DelegationSetOperations(zones, requests),
                new QueryLoggingOperations(zones, requests),
                new LimitOperations(zones, healthChecks, trafficPolicies),
                new GeoLocationOperations(),
                new TrafficPolicyOperations(trafficPolicies, requests),
                new DnssecOperations(zones, requests));
    }

    @Override
    public BodyHandler onRequest(EdgeRequest request) {
        AwsException tooLarge = Route53Errors.invalidInput("The request body is larger than " + MAX_BODY + " bytes.");
        return new AggregatingBodyHandler(
                request, MAX_BODY, tooLarge, body -> offload.run(request, () -> handle(request, body)));
    }

    /** Runs one call; Route 53's own errors are answered here, anything else by the offload policy. */
    private void handle(EdgeRequest request, byte[] body) {
        try {
            if (authenticator != null) {
                // The account is the verified key's, never a claim of the request's.
                request.authenticatedAs(authenticator.authenticate(request.head(), body));
            }
            dispatch(request, body);
        } catch (AwsException e) {
            fail(request, e);
        } catch (MalformedXmlException e) {
            fail(request, Route53Errors.invalidInput("Invalid XML ; " + e.getMessage()));
        }
    }

    private static void fail(EdgeRequest request, AwsException e) {
        request.respondError(e.withHeader(Route53Requests.REQUEST_ID_HEADER, request.requestId()));
    }

    private void dispatch(EdgeRequest request, byte[] body) {
        if (!routes.dispatch(request, request.account(), segments(request.rawPath()), body)) {
            throw notImplemented(request);
        }
    }

    /** Every operation MiniCloud serves, in one table (see {@link Route53Routes}). */
    private static Route53Routes routes(
            HostedZoneOperations zones,
            RecordSetOperations rrsets,
            TagOperations tags,
            HealthCheckOperations checks,
            TestDnsAnswerOperation test,
            CidrCollectionOperations cidr,
            DelegationSetOperations sets,
            QueryLoggingOperations logging,
            LimitOperations limits,
            GeoLocationOperations geo,
            TrafficPolicyOperations traffic,
            DnssecOperations dnssec) {
        HttpMethod get = HttpMethod.GET;
        HttpMethod post = HttpMethod.POST;
        HttpMethod delete = HttpMethod.DELETE;
        return new Route53Routes()
                .add(post, "hostedzone", c -> zones.create(c.request(), c.account(), c.body()))
                .add(get, "hostedzone", c -> zones.list(c.request(), c.account()))
                .add(get, "hostedzone/{}", c -> zones.get(c.request(), c.account(), zoneId(c)))
                .add(post, "hostedzone/{}", c -> zones.updateComment(c.request(), c.account(), zoneId(c), c.body()))
                .add(delete, "hostedzone/{}", c -> zones.delete(c.request(), c.account(), zoneId(c)))
                .add(post, "hostedzone/{}/rrset", c -> rrsets.change(c.request(), c.account(), zoneId(c), c.body()))
                .add(get, "hostedzone/{}/rrset", c -> rrsets.list(c.request(), c.account(), zoneId(c)))
                .add(
                        post,
                        "hostedzone/{}/associatevpc",
                        c -> zones.changeVpc(c.request(), c.account(), zoneId(c), true, c.body()))
                .add(
                        post,
                        "hostedzone/{}/disassociatevpc",
                        c -> zones.changeVpc(c.request(), c.account(), zoneId(c), false, c.body()))
                .add(
                        post,
                        "hostedzone/{}/authorizevpcassociation",
                        c -> zones.changeVpcAuthorization(c.request(), c.account(), zoneId(c), true, c.body()))
                .add(
                        post,
                        "hostedzone/{}/deauthorizevpcassociation",
                        c -> zones.changeVpcAuthorization(c.request(), c.account(), zoneId(c), false, c.body()))
                .add(
                        get,
                        "hostedzone/{}/authorizevpcassociation",
                        c -> zones.listVpcAuthorizations(c.request(), c.account(), zoneId(c)))
                .add(get, "hostedzonesbyname", c -> zones.listByName(c.request(), c.account()))
                .add(get, "hostedzonesbyvpc", c -> zones.listByVpc(c.request(), c.account()))
                .add(get, "hostedzonecount", c -> zones.count(c.request(), c.account()))
                .add(get, "change/{}", c -> zones.getChange(c.request(), c.id(0)))
                .add(get, "tags/{}/{}", c -> tags.list(c.request(), c.account(), c.id(0), c.id(1)))
                .add(post, "tags/{}/{}", c -> tags.change(c.request(), c.account(), c.id(0), c.id(1), c.body()))
                .add(post, "tags/{}", c -> tags.listMany(c.request(), c.account(), c.id(0), c.body()))
                .add(post, "healthcheck", c -> checks.create(c.request(), c.account(), c.body()))
                .add(get, "healthcheck", c -> checks.list(c.request(), c.account()))
                .add(get, "healthcheck/{}", c -> checks.get(c.request(), c.account(), c.id(0)))
                .add(post, "healthcheck/{}", c -> checks.update(c.request(), c.account(), c.id(0), c.body()))
                .add(delete, "healthcheck/{}", c -> checks.delete(c.request(), c.account(), c.id(0)))
                .add(get, "healthcheck/{}/status", c -> checks.status(c.request(), c.account(), c.id(0)))
                .add(
                        get,
                        "healthcheck/{}/lastfailurereason",
                        c -> checks.lastFailureReason(c.request(), c.account(), c.id(0)))
                .add(get, "healthcheckcount", c -> checks.count(c.request(), c.account()))
                .add(get, "checkeripranges", c -> checks.checkerIpRanges(c.request()))
                .add(get, "testdnsanswer", c -> test.test(c.request(), c.account()))
                .add(post, "cidrcollection", c -> cidr.create(c.request(), c.account(), c.body()))
                .add(get, "cidrcollection", c -> cidr.list(c.request(), c.account()))
                .add(post, "cidrcollection/{}", c -> cidr.change(c.request(), c.account(), c.id(0), c.body()))
                .add(get, "cidrcollection/{}", c -> cidr.listLocations(c.request(), c.account(), c.id(0)))
                .add(delete, "cidrcollection/{}", c -> cidr.delete(c.request(), c.account(), c.id(0)))
                .add(get, "cidrcollection/{}/cidrblocks", c -> cidr.listBlocks(c.request(), c.account(), c.id(0)))
                .add(post, "delegationset", c -> sets.create(c.request(), c.account(), c.body()))
                .add(get, "delegationset", c -> sets.list(c.request(), c.account()))
                .add(get, "delegationset/{}", c -> sets.get(c.request(), c.account(), c.id(0)))
                .add(delete, "delegationset/{}", c -> sets.delete(c.request(), c.account(), c.id(0)))
                .add(post, "queryloggingconfig", c -> logging.create(c.request(), c.account(), c.body()))
                .add(get, "queryloggingconfig", c -> logging.list(c.request(), c.account()))
                .add(get, "queryloggingconfig/{}", c -> logging.get(c.request(), c.account(), c.id(0)))
                .add(delete, "queryloggingconfig/{}", c -> logging.delete(c.request(), c.account(), c.id(0)))
                .add(get, "accountlimit/{}", c -> limits.account(c.request(), c.account(), c.id(0)))
                .add(get, "hostedzonelimit/{}/{}", c -> limits.hostedZone(c.request(), c.account(), c.id(0), c.id(1)))
                .add(
                        get,
                        "reusabledelegationsetlimit/{}/{}",
                        c -> limits.delegationSet(c.request(), c.account(), c.id(0), c.id(1)))
                .add(get, "geolocation", c -> geo.get(c.request()))
                .add(get, "geolocations", c -> geo.list(c.request()))
                .add(post, "trafficpolicy", c -> traffic.create(c.request(), c.account(), c.body()))
                .add(post, "trafficpolicy/{}", c -> traffic.createVersion(c.request(), c.account(), c.id(0), c.body()))
                .add(get, "trafficpolicy/{}/{}", c -> traffic.get(c.request(), c.account(), c.id(0), c.id(1)))
                .add(
                        post,
                        "trafficpolicy/{}/{}",
                        c -> traffic.updateComment(c.request(), c.account(), c.id(0), c.id(1), c.body()))
                .add(delete, "trafficpolicy/{}/{}", c -> traffic.delete(c.request(), c.account(), c.id(0), c.id(1)))
                .add(get, "trafficpolicies", c -> traffic.list(c.request(), c.account()))
                .add(get, "trafficpolicies/{}/versions", c -> traffic.listVersions(c.request(), c.account(), c.id(0)))
                .add(post, "trafficpolicyinstance", c -> traffic.createInstance(c.request(), c.account(), c.body()))
                .add(get, "trafficpolicyinstance/{}", c -> traffic.getInstance(c.request(), c.account(), c.id(0)))
                .add(
                        post,
                        "trafficpolicyinstance/{}",
                        c -> traffic.updateInstance(c.request(), c.account(), c.id(0), c.body()))
                .add(delete, "trafficpolicyinstance/{}", c -> traffic.deleteInstance(c.request(), c.account(), c.id(0)))
                .add(get, "trafficpolicyinstances", c -> traffic.listInstances(c.request(), c.account()))
                .add(
                        get,
                        "trafficpolicyinstances/hostedzone",
                        c -> traffic.listInstancesByZone(c.request(), c.account()))
                .add(
                        get,
                        "trafficpolicyinstances/trafficpolicy",
                        c -> traffic.listInstancesByPolicy(c.request(), c.account()))
                .add(get, "trafficpolicyinstancecount", c -> traffic.countInstances(c.request(), c.account()))
                .add(post, "keysigningkey", c -> dnssec.createKey(c.request(), c.account(), c.body()))
                .add(
                        post,
                        "keysigningkey/{}/{}/activate",
                        c -> dnssec.setKeyStatus(c.request(), c.account(), c.id(0), c.id(1), true))
                .add(
                        post,
                        "keysigningkey/{}/{}/deactivate",
                        c -> dnssec.setKeyStatus(c.request(), c.account(), c.id(0), c.id(1), false))
                .add(delete, "keysigningkey/{}/{}", c -> dnssec.deleteKey(c.request(), c.account(), c.id(0), c.id(1)))
                .add(
                        post,
                        "hostedzone/{}/enable-dnssec",
                        c -> dnssec.setSigning(c.request(), c.account(), zoneId(c), true))
                .add(
                        post,
                        "hostedzone/{}/disable-dnssec",
                        c -> dnssec.setSigning(c.request(), c.account(), zoneId(c), false))
                .add(get, "hostedzone/{}/dnssec", c -> dnssec.get(c.request(), c.account(), zoneId(c)));
    }

    private static String zoneId(Route53Routes.Call c) {
        return ZoneIds.bare(c.id(0));
    }

    private static AwsException notImplemented(EdgeRequest request) {
        return new AwsException(
                400,
                "InvalidInput",
                "MiniCloud does not implement " + request.method() + " " + request.rawPath()
                        + " (no Route 53 operation has this method and path).");
    }

    /** Path segments after the version prefix, each percent-decoded, so a URL-encoded {@code /hostedzone/Z1} id stays one segment. */
    private static List<String> segments(String rawPath) {
        String rest = rawPath.startsWith(PREFIX) ? rawPath.substring(PREFIX.length()) : rawPath;
        List<String> out = new ArrayList<>();
        for (String s : rest.split("/")) {
            if (!s.isEmpty()) {
                out.add(UriComponents.decode(s, false)); // the edge refused undecodable paths already
            }
        }
        // A prefixed id sent unencoded (/hostedzone//hostedzone/Z1) splits into extra segments: rejoin it.
        if (out.size() >= 3 && out.get(0).equals(out.get(1)) && PREFIXED_IDS.contains(out.get(0))) {
            out.remove(1);
        }
        return out;
    }
}
