package dev.minicloud.dns.api;

import dev.minicloud.core.aws.AwsException;
import dev.minicloud.core.aws.UriComponents;
import dev.minicloud.core.http.AggregatingBodyHandler;
import dev.minicloud.core.http.BodyHandler;
import dev.minicloud.core.http.EdgeHandler;
import dev.minicloud.core.http.EdgeRequest;
import dev.minicloud.core.http.Offload;
import dev.minicloud.core.xml.MalformedXmlException;
import dev.minicloud.dns.zones.Route53Errors;
import dev.minicloud.dns.zones.ZoneIds;
import dev.minicloud.dns.zones.ZoneRegistry;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Route 53 REST-XML API under {@code /2013-04-01/} on the edge port: routes each call by method
 * and path to the hosted-zone, record-set or tag operations. Bodies are aggregated (they are small),
 * then each call runs on the worker pool ({@link Offload}), because it may bind a new VPC resolver
 * endpoint, which must not happen on an event loop. Unexpected failures are answered with Route 53's
 * {@code InternalFailure}, never with exception text.
 */
public final class Route53Api implements EdgeHandler {
    /** The path prefix of every Route 53 call. */
    public static final String PREFIX = "/2013-04-01/";
    private static final int MAX_BODY = 4 * 1024 * 1024;

    private final Offload offload;
    private final Route53Authenticator authenticator;
    private final HostedZoneOperations hostedZones;
    private final RecordSetOperations recordSets;
    private final TagOperations tags;

    /**
     * @param credentials access key to secret key when requests must be signed (strict mode), or
     *                    {@code null} to accept any caller (the default)
     */
    public Route53Api(ZoneRegistry zones, Offload offload, Map<String, String> credentials, Clock clock) {
        this.offload = offload;
        this.authenticator = credentials == null ? null : new Route53Authenticator(credentials, clock);
        Route53Requests requests = new Route53Requests();
        this.hostedZones = new HostedZoneOperations(zones, requests);
        this.recordSets = new RecordSetOperations(zones, requests);
        this.tags = new TagOperations(zones, requests);
    }

    @Override
    public BodyHandler onRequest(EdgeRequest request) {
        AwsException tooLarge = Route53Errors.invalidInput("The request body is larger than " + MAX_BODY + " bytes.");
        return new AggregatingBodyHandler(request, MAX_BODY, tooLarge,
                body -> offload.run(request, () -> handle(request, body)));
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
        List<String> segments = segments(request.rawPath());
        HttpMethod method = request.method();
        String account = request.account();
        String first = segments.isEmpty() ? "" : segments.get(0);
        int n = segments.size();
        boolean get = method.equals(HttpMethod.GET);
        boolean post = method.equals(HttpMethod.POST);
        String id = n > 1 ? ZoneIds.bare(segments.get(1)) : null;
        String sub = n > 2 ? segments.get(2) : null;
        switch (first) {
            case "hostedzone" -> {
                if (n == 1 && post) {
                    hostedZones.create(request, account, body);
                } else if (n == 1 && get) {
                    hostedZones.list(request, account);
                } else if (n == 2 && get) {
                    hostedZones.get(request, account, id);
                } else if (n == 2 && post) {
                    hostedZones.updateComment(request, account, id, body);
                } else if (n == 2 && method.equals(HttpMethod.DELETE)) {
                    hostedZones.delete(request, account, id);
                } else if (n == 3 && sub.equals("rrset") && post) {
                    recordSets.change(request, account, id, body);
                } else if (n == 3 && sub.equals("rrset") && get) {
                    recordSets.list(request, account, id);
                } else if (n == 3 && post && (sub.equals("associatevpc") || sub.equals("disassociatevpc"))) {
                    hostedZones.changeVpc(request, account, id, sub.equals("associatevpc"), body);
                } else if (n == 3 && post && (sub.equals("authorizevpcassociation") || sub.equals("deauthorizevpcassociation"))) {
                    hostedZones.changeVpcAuthorization(request, account, id, sub.equals("authorizevpcassociation"), body);
                } else if (n == 3 && get && sub.equals("authorizevpcassociation")) {
                    hostedZones.listVpcAuthorizations(request, account, id);
                } else {
                    throw notImplemented(request);
                }
            }
            case "hostedzonesbyname" -> onlyGet(n == 1 && get, request, () -> hostedZones.listByName(request, account));
            case "hostedzonesbyvpc" -> onlyGet(n == 1 && get, request, () -> hostedZones.listByVpc(request, account));
            case "hostedzonecount" -> onlyGet(n == 1 && get, request, () -> hostedZones.count(request, account));
            case "change" -> onlyGet(n == 2 && get, request, () -> hostedZones.getChange(request, segments.get(1)));
            case "tags" -> {
                if (n < 2) {
                    throw notImplemented(request);
                }
                tags.handle(request, account, segments, body);
            }
            default -> throw notImplemented(request);
        }
    }

    private static void onlyGet(boolean matches, EdgeRequest request, Runnable operation) {
        if (!matches) {
            throw notImplemented(request);
        }
        operation.run();
    }

    private static AwsException notImplemented(EdgeRequest request) {
        return new AwsException(400, "InvalidInput", "MiniCloud does not implement " + request.method() + " "
                + request.rawPath() + " (Route 53 health checks, traffic policies, reusable delegation sets, "
                + "query logging and DNSSEC are not emulated).");
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
        if (out.size() >= 3 && out.get(0).equals("hostedzone") && out.get(1).equals("hostedzone")) {
            out.remove(1);
        }
        if (out.size() >= 3 && out.get(0).equals("change") && out.get(1).equals("change")) {
            out.remove(1);
        }
        return out;
    }
}
