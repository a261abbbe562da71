package dev.minicloud.dns.api;

import dev.minicloud.core.aws.AwsException;
import dev.minicloud.core.http.AggregatingBodyHandler;
import dev.minicloud.core.http.BodyHandler;
import dev.minicloud.core.http.EdgeHandler;
import dev.minicloud.core.http.EdgeRequest;
import dev.minicloud.core.xml.MalformedXmlException;
import dev.minicloud.core.xml.SafeXmlReader;
import dev.minicloud.core.xml.XmlElement;
import dev.minicloud.core.xml.XmlWriter;
import dev.minicloud.dns.zones.ChangeInfo;
import dev.minicloud.dns.zones.DnsNames;
import dev.minicloud.dns.zones.RecordKey;
import dev.minicloud.dns.zones.RecordSet;
import dev.minicloud.dns.zones.Route53Errors;
import dev.minicloud.dns.zones.VpcRef;
import dev.minicloud.dns.zones.ZoneIds;
import dev.minicloud.dns.zones.ZoneRegistry;
import dev.minicloud.dns.zones.ZoneSnapshot;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * The Route 53 REST-XML API under {@code /2013-04-01/} on the edge port. Bodies are aggregated (they
 * are small), then each call runs on the worker executor, because it may bind a new VPC resolver
 * endpoint, which must not happen on an event loop.
 */
public final class Route53Api implements EdgeHandler {
    /** The path prefix of every Route 53 call. */
    public static final String PREFIX = "/2013-04-01/";
    private static final int MAX_BODY = 4 * 1024 * 1024;
    private static final String CONTENT_TYPE = "text/xml";

    private final ZoneRegistry zones;
    private final Executor executor;
    private final Route53Authenticator authenticator;
    private final SafeXmlReader xml = new SafeXmlReader();

    /**
     * @param credentials access key to secret key when requests must be signed (strict mode), or
     *                    {@code null} to accept any caller (the default)
     */
    public Route53Api(ZoneRegistry zones, Executor executor, Map<String, String> credentials, Clock clock) {
        this.zones = zones;
        this.executor = executor;
        this.authenticator = credentials == null ? null : new Route53Authenticator(credentials, clock);
    }

    @Override
    public BodyHandler onRequest(EdgeRequest request) {
        AwsException tooLarge = Route53Errors.invalidInput("The request body is larger than " + MAX_BODY + " bytes.");
        return new AggregatingBodyHandler(request, MAX_BODY, tooLarge, body -> {
            try {
                executor.execute(() -> handle(request, body));
            } catch (RejectedExecutionException e) {
                request.respondError(new AwsException(503, "ServiceUnavailable", "MiniCloud is shutting down."));
            }
        });
    }

    private void handle(EdgeRequest request, byte[] body) {
        try {
            if (authenticator != null) {
                authenticator.authenticate(request.head(), body);
            }
            dispatch(request, body);
        } catch (AwsException e) {
            request.respondError(e);
        } catch (MalformedXmlException e) {
            request.respondError(Route53Errors.invalidInput("Invalid XML ; " + e.getMessage()));
        } catch (RuntimeException e) {
            request.respondError(new AwsException(500, "InternalFailure", "MiniCloud failed: " + e));
        }
    }

    private void dispatch(EdgeRequest request, byte[] body) {
        List<String> segments = segments(request.rawPath());
        HttpMethod method = request.method();
        String account = request.account();
        String first = segments.isEmpty() ? "" : segments.get(0);
        int n = segments.size();
        if (first.equals("hostedzone")) {
            if (n == 1 && method.equals(HttpMethod.POST)) {
                createHostedZone(request, account, read(body, "CreateHostedZoneRequest"));
                return;
            }
            if (n == 1 && method.equals(HttpMethod.GET)) {
                listHostedZones(request, account);
                return;
            }
            String id = n > 1 ? ZoneIds.bare(segments.get(1)) : null;
            if (n == 2 && method.equals(HttpMethod.GET)) {
                getHostedZone(request, account, id);
                return;
            }
            if (n == 2 && method.equals(HttpMethod.POST)) {
                String comment = read(body, "UpdateHostedZoneCommentRequest").childText("Comment");
                ZoneSnapshot z = zones.updateComment(account, id, comment);
                XmlWriter w = Route53Xml.document("UpdateHostedZoneCommentResponse");
                Route53Xml.hostedZone(w, z);
                ok(request, w);
                return;
            }
            if (n == 2 && method.equals(HttpMethod.DELETE)) {
                ChangeInfo c = zones.deleteZone(account, id);
                XmlWriter w = Route53Xml.document("DeleteHostedZoneResponse");
                Route53Xml.changeInfo(w, c);
                ok(request, w);
                return;
            }
            if (n == 3 && segments.get(2).equals("rrset")) {
                if (method.equals(HttpMethod.POST)) {
                    ChangeBatchReader.Batch batch = ChangeBatchReader.read(read(body, "ChangeResourceRecordSetsRequest"));
                    ChangeInfo c = zones.changeRecordSets(account, id, batch.changes(), batch.comment());
                    XmlWriter w = Route53Xml.document("ChangeResourceRecordSetsResponse");
                    Route53Xml.changeInfo(w, c);
                    ok(request, w);
                    return;
                }
                if (method.equals(HttpMethod.GET)) {
                    listRecordSets(request, account, id);
                    return;
                }
            }
            if (n == 3 && method.equals(HttpMethod.POST)
                    && (segments.get(2).equals("associatevpc") || segments.get(2).equals("disassociatevpc"))) {
                boolean associate = segments.get(2).equals("associatevpc");
                XmlElement root = read(body, associate ? "AssociateVPCWithHostedZoneRequest"
                        : "DisassociateVPCFromHostedZoneRequest");
                VpcRef vpc = vpc(root.child("VPC"));
                ChangeInfo c = associate ? zones.associateVpc(account, id, vpc, root.childText("Comment"))
                        : zones.disassociateVpc(account, id, vpc, root.childText("Comment"));
                XmlWriter w = Route53Xml.document(associate ? "AssociateVPCWithHostedZoneResponse"
                        : "DisassociateVPCFromHostedZoneResponse");
                Route53Xml.changeInfo(w, c);
                ok(request, w);
                return;
            }
        } else if (first.equals("hostedzonesbyname") && n == 1 && method.equals(HttpMethod.GET)) {
            listHostedZonesByName(request, account);
            return;
        } else if (first.equals("hostedzonesbyvpc") && n == 1 && method.equals(HttpMethod.GET)) {
            listHostedZonesByVpc(request);
            return;
        } else if (first.equals("hostedzonecount") && n == 1 && method.equals(HttpMethod.GET)) {
            XmlWriter w = Route53Xml.document("GetHostedZoneCountResponse");
            w.element("HostedZoneCount", zones.zones(account).size());
            ok(request, w);
            return;
        } else if (first.equals("change") && n == 2 && method.equals(HttpMethod.GET)) {
            XmlWriter w = Route53Xml.document("GetChangeResponse");
            Route53Xml.changeInfo(w, zones.change(segments.get(1)));
            ok(request, w);
            return;
        } else if (first.equals("tags") && n >= 2) {
            tags(request, account, segments, body);
            return;
        }
        throw new AwsException(400, "InvalidInput", "MiniCloud does not implement " + method + " "
                + request.rawPath() + " (Route 53 health checks, traffic policies, reusable delegation sets, "
                + "query logging and DNSSEC are not emulated).");
    }

    private void createHostedZone(EdgeRequest request, String account, XmlElement root) {
        String nameText = root.childText("Name");
        String callerReference = root.childText("CallerReference");
        if (nameText == null || callerReference == null || callerReference.isEmpty()) {
            throw Route53Errors.invalidInput("Invalid request: Name and CallerReference are required");
        }
        Name name;
        try {
            name = DnsNames.parse(nameText);
        } catch (IllegalArgumentException e) {
            throw Route53Errors.invalidDomainName(nameText + " is not a valid domain name: " + e.getMessage());
        }
        if (name.labels() < 2) {
            throw Route53Errors.invalidDomainName(nameText + " is reserved by AWS!");
        }
        XmlElement config = root.child("HostedZoneConfig");
        String comment = config == null ? null : config.childText("Comment");
        boolean privateZone = config != null && "true".equalsIgnoreCase(trim(config.childText("PrivateZone")));
        VpcRef vpc = root.child("VPC") == null ? null : vpc(root.child("VPC"));
        ZoneRegistry.Created created = zones.createZone(account, name, callerReference, comment, privateZone, vpc);
        XmlWriter w = Route53Xml.document("CreateHostedZoneResponse");
        Route53Xml.hostedZone(w, created.zone());
        Route53Xml.changeInfo(w, created.change());
        Route53Xml.delegationSet(w, created.zone().zone());
        if (vpc != null) {
            Route53Xml.vpc(w, vpc);
        }
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CREATED,
                Unpooled.wrappedBuffer(w.toBytes()));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE);
        r.headers().set(HttpHeaderNames.LOCATION,
                "https://route53.amazonaws.com/2013-04-01/hostedzone/" + created.zone().zone().id());
        request.respond(r);
    }

    private void getHostedZone(EdgeRequest request, String account, String id) {
        ZoneSnapshot z = zones.zone(account, id);
        XmlWriter w = Route53Xml.document("GetHostedZoneResponse");
        Route53Xml.hostedZone(w, z);
        Route53Xml.delegationSet(w, z.zone());
        if (z.zone().privateZone()) {
            w.start("VPCs");
            z.zone().vpcs().forEach(v -> Route53Xml.vpc(w, v));
            w.end();
        }
        ok(request, w);
    }

    private void listHostedZones(EdgeRequest request, String account) {
        int max = maxItems(request, 100);
        String marker = request.queryParameter("marker");
        String type = request.queryParameter("hostedzonetype");
        if (type != null && !type.equals("PrivateHostedZone")) {
            throw Route53Errors.invalidInput("1 validation error detected: Value '" + type + "' at 'hostedZoneType' "
                    + "failed to satisfy constraint: Member must satisfy enum value set: [PrivateHostedZone]");
        }
        List<ZoneSnapshot> all = new ArrayList<>();
        for (ZoneSnapshot z : zones.zones(account)) {
            if (type == null || z.zone().privateZone()) {
                all.add(z);
            }
        }
        int start = 0;
        if (marker != null) {
            String bare = ZoneIds.bare(marker);
            start = -1;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).zone().id().equals(bare)) {
                    start = i;
                    break;
                }
            }
            if (start < 0) {
                throw Route53Errors.invalidInput("Invalid marker: " + marker);
            }
        }
        int end = Math.min(all.size(), start + max);
        XmlWriter w = Route53Xml.document("ListHostedZonesResponse");
        w.start("HostedZones");
        all.subList(start, end).forEach(z -> Route53Xml.hostedZone(w, z));
        w.end();
        if (marker != null) {
            w.element("Marker", marker);
        }
        w.element("IsTruncated", end < all.size());
        if (end < all.size()) {
            w.element("NextMarker", all.get(end).zone().id());
        }
        w.element("MaxItems", String.valueOf(max));
        ok(request, w);
    }

    private void listHostedZonesByName(EdgeRequest request, String account) {
        int max = maxItems(request, 100);
        String dnsName = request.queryParameter("dnsname");
        String zoneId = request.queryParameter("hostedzoneid");
        if (zoneId != null && dnsName == null) {
            throw Route53Errors.invalidInput("Invalid request: hostedzoneid cannot be specified without dnsname");
        }
        Name from = null;
        if (dnsName != null) {
            try {
                from = DnsNames.parse(dnsName);
            } catch (IllegalArgumentException e) {
                throw Route53Errors.invalidDomainName(dnsName + " is not a valid domain name");
            }
        }
        List<ZoneSnapshot> all = new ArrayList<>(zones.zones(account));
        all.sort(ZoneRegistry.BY_NAME);
        List<ZoneSnapshot> page = new ArrayList<>();
        ZoneSnapshot next = null;
        String bareId = zoneId == null ? null : ZoneIds.bare(zoneId);
        for (ZoneSnapshot z : all) {
            if (from != null) {
                int c = z.apex().compareTo(from);
                if (c < 0 || c == 0 && bareId != null && z.zone().id().compareTo(bareId) < 0) {
                    continue;
                }
            }
            if (page.size() == max) {
                next = z;
                break;
            }
            page.add(z);
        }
        XmlWriter w = Route53Xml.document("ListHostedZonesByNameResponse");
        w.start("HostedZones");
        page.forEach(z -> Route53Xml.hostedZone(w, z));
        w.end();
        if (from != null) {
            w.element("DNSName", DnsNames.format(from));
        }
        if (bareId != null) {
            w.element("HostedZoneId", bareId);
        }
        w.element("IsTruncated", next != null);
        if (next != null) {
            w.element("NextDNSName", DnsNames.format(next.apex()));
            w.element("NextHostedZoneId", next.zone().id());
        }
        w.element("MaxItems", String.valueOf(max));
        ok(request, w);
    }

    private void listHostedZonesByVpc(EdgeRequest request) {
        String vpcId = request.queryParameter("vpcid");
        String region = request.queryParameter("vpcregion");
        if (vpcId == null || region == null) {
            throw Route53Errors.invalidInput("Invalid request: vpcid and vpcregion are required");
        }
        int max = maxItems(request, 100);
        VpcRef vpc = new VpcRef(region, vpcId);
        List<ZoneSnapshot> matching = new ArrayList<>();
        for (ZoneSnapshot z : zones.index().zones()) {
            if (z.zone().vpcs().contains(vpc)) {
                matching.add(z);
            }
        }
        int start = 0;
        String token = request.queryParameter("nexttoken");
        if (token != null) {
            try {
                start = Integer.parseInt(token);
            } catch (NumberFormatException e) {
                throw Route53Errors.invalidInput("Invalid request: bad nexttoken");
            }
        }
        int end = Math.min(matching.size(), start + max);
        XmlWriter w = Route53Xml.document("ListHostedZonesByVPCResponse");
        w.start("HostedZoneSummaries");
        for (ZoneSnapshot z : matching.subList(Math.min(start, end), end)) {
            w.start("HostedZoneSummary");
            w.element("HostedZoneId", z.zone().id());
            w.element("Name", DnsNames.format(z.apex()));
            w.start("Owner");
            w.element("OwningAccount", z.zone().account());
            w.end();
            w.end();
        }
        w.end();
        w.element("MaxItems", String.valueOf(max));
        if (end < matching.size()) {
            w.element("NextToken", String.valueOf(end));
        }
        ok(request, w);
    }

    private void listRecordSets(EdgeRequest request, String account, String id) {
        ZoneSnapshot z = zones.zone(account, id);
        int max = maxItems(request, 300);
        String nameText = request.queryParameter("name");
        String typeText = request.queryParameter("type");
        String identifier = request.queryParameter("identifier");
        if (typeText != null && nameText == null) {
            throw Route53Errors.invalidInput("The input is not valid: type may only be specified together with name");
        }
        if (identifier != null && typeText == null) {
            throw Route53Errors.invalidInput("The input is not valid: identifier may only be specified together with type");
        }
        Name name = null;
        if (nameText != null) {
            try {
                name = DnsNames.parse(nameText);
            } catch (IllegalArgumentException e) {
                throw Route53Errors.invalidInput("Invalid request: " + e.getMessage());
            }
        }
        String type = typeText == null ? null : typeText.toUpperCase(Locale.ROOT);
        if (type != null && Type.value(type) < 0) {
            throw Route53Errors.invalidInput("Invalid request: unknown type " + typeText);
        }
        List<RecordSet> page = new ArrayList<>();
        RecordSet next = null;
        for (Map.Entry<RecordKey, RecordSet> e : z.records().entrySet()) {
            if (name != null && before(e.getKey(), name, type, identifier)) {
                continue;
            }
            if (page.size() == max) {
                next = e.getValue();
                break;
            }
            page.add(e.getValue());
        }
        XmlWriter w = Route53Xml.document("ListResourceRecordSetsResponse");
        w.start("ResourceRecordSets");
        page.forEach(rs -> Route53Xml.recordSet(w, rs));
        w.end();
        w.element("IsTruncated", next != null);
        if (next != null) {
            w.element("NextRecordName", DnsNames.format(next.name()));
            w.element("NextRecordType", Type.string(next.type()));
            w.element("NextRecordIdentifier", next.setIdentifier());
        }
        w.element("MaxItems", String.valueOf(max));
        ok(request, w);
    }

    /** Whether {@code key} sorts before the start position (name, type, identifier) of a listing. */
    private static boolean before(RecordKey key, Name name, String type, String identifier) {
        int c = key.name().compareTo(name);
        if (c != 0) {
            return c < 0;
        }
        if (type == null) {
            return false;
        }
        c = Type.string(key.type()).compareTo(type);
        if (c != 0) {
            return c < 0;
        }
        if (identifier == null || key.setIdentifier() == null) {
            return false;
        }
        return key.setIdentifier().compareTo(identifier) < 0;
    }

    private void tags(EdgeRequest request, String account, List<String> segments, byte[] body) {
        String resourceType = segments.get(1);
        if (!resourceType.equals("hostedzone") && !resourceType.equals("healthcheck")) {
            throw Route53Errors.invalidInput("Invalid request: unknown resource type " + resourceType);
        }
        if (resourceType.equals("healthcheck")) {
            throw new AwsException(404, "NoSuchHealthCheck", "MiniCloud does not emulate health checks.");
        }
        HttpMethod method = request.method();
        if (segments.size() == 3 && method.equals(HttpMethod.GET)) {
            ZoneSnapshot z = zones.zone(account, ZoneIds.bare(segments.get(2)));
            XmlWriter w = Route53Xml.document("ListTagsForResourceResponse");
            tagSet(w, z);
            ok(request, w);
            return;
        }
        if (segments.size() == 3 && method.equals(HttpMethod.POST)) {
            XmlElement root = read(body, "ChangeTagsForResourceRequest");
            Map<String, String> add = new LinkedHashMap<>();
            XmlElement addTags = root.child("AddTags");
            if (addTags != null) {
                for (XmlElement t : addTags.children("Tag")) {
                    add.put(t.childText("Key"), t.childText("Value") == null ? "" : t.childText("Value"));
                }
            }
            List<String> remove = new ArrayList<>();
            XmlElement removeKeys = root.child("RemoveTagKeys");
            if (removeKeys != null) {
                for (XmlElement k : removeKeys.children("Key")) {
                    remove.add(k.rawText());
                }
            }
            if (add.size() > 10 || remove.size() > 10) {
                throw Route53Errors.invalidInput("Invalid request: at most 10 tags may be added or removed at once");
            }
            zones.changeTags(account, ZoneIds.bare(segments.get(2)), add, remove);
            ok(request, Route53Xml.document("ChangeTagsForResourceResponse"));
            return;
        }
        if (segments.size() == 2 && method.equals(HttpMethod.POST)) {
            XmlElement root = read(body, "ListTagsForResourcesRequest");
            XmlWriter w = Route53Xml.document("ListTagsForResourcesResponse");
            w.start("ResourceTagSets");
            XmlElement ids = root.child("ResourceIds");
            if (ids != null) {
                for (XmlElement id : ids.children("ResourceId")) {
                    tagSet(w, zones.zone(account, ZoneIds.bare(id.text())));
                }
            }
            w.end();
            ok(request, w);
            return;
        }
        throw Route53Errors.invalidInput("Invalid request: " + method + " " + request.rawPath());
    }

    private static void tagSet(XmlWriter w, ZoneSnapshot z) {
        w.start("ResourceTagSet");
        w.element("ResourceType", "hostedzone");
        w.element("ResourceId", z.zone().id());
        Route53Xml.tags(w, z.zone().tags());
        w.end();
    }

    private static VpcRef vpc(XmlElement vpc) {
        if (vpc == null) {
            throw Route53Errors.invalidInput("Invalid request: a VPC is required");
        }
        String id = trim(vpc.childText("VPCId"));
        String region = trim(vpc.childText("VPCRegion"));
        if (id == null || id.isEmpty()) {
            throw Route53Errors.invalidVpcId("The VPC ID is invalid: it is empty.");
        }
        if (region == null || region.isEmpty()) {
            throw Route53Errors.invalidInput("Invalid request: VPCRegion is required with VPCId " + id);
        }
        return new VpcRef(region, id);
    }

    private static int maxItems(EdgeRequest request, int fallback) {
        String v = request.queryParameter("maxitems");
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return Math.min(n, fallback);
        } catch (NumberFormatException e) {
            throw Route53Errors.invalidInput("Invalid request: maxitems must be a positive integer, got '" + v + "'");
        }
    }

    /** Parses a request body whose root element must be {@code root}, as Route 53 insists. */
    private XmlElement read(byte[] body, String root) {
        XmlElement e = xml.read(body);
        if (!e.name().equals(root)) {
            throw new AwsException(400, "MalformedInput", e.name() + " is not valid, expected " + root);
        }
        return e;
    }

    private static void ok(EdgeRequest request, XmlWriter w) {
        request.respond(HttpResponseStatus.OK, CONTENT_TYPE, w.toBytes());
    }

    /** Path segments after the version prefix, each percent-decoded, so a URL-encoded {@code /hostedzone/Z1} id stays one segment. */
    private static List<String> segments(String rawPath) {
        String rest = rawPath.startsWith(PREFIX) ? rawPath.substring(PREFIX.length()) : rawPath;
        List<String> out = new ArrayList<>();
        for (String s : rest.split("/")) {
            if (!s.isEmpty()) {
                out.add(QueryStringDecoder.decodeComponent(s));
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

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
