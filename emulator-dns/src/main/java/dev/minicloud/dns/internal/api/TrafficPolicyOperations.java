package dev.minicloud.dns.internal.api;

import dev.minicloud.dns.internal.zones.DnsNames;
import dev.minicloud.dns.internal.zones.Route53Errors;
import dev.minicloud.dns.internal.zones.TrafficPolicy;
import dev.minicloud.dns.internal.zones.TrafficPolicyInstance;
import dev.minicloud.dns.internal.zones.TrafficPolicyRegistry;
import dev.minicloud.dns.internal.zones.ZoneIds;
import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.internal.xml.XmlElement;
import dev.minicloud.internal.xml.XmlWriter;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.function.Predicate;
import org.xbill.DNS.Name;

/**
 * Route 53's traffic policies (Create, CreateVersion, Get, List, ListVersions, UpdateComment, Delete)
 * and traffic policy instances (Create, Get, Update, Delete, List, ListByHostedZone, ListByPolicy, Count).
 */
final class TrafficPolicyOperations {
    private static final String BASE = "https://route53.amazonaws.com/2013-04-01/";

    private final TrafficPolicyRegistry policies;
    private final Route53Requests requests;

    TrafficPolicyOperations(TrafficPolicyRegistry policies, Route53Requests requests) {
        this.policies = policies;
        this.requests = requests;
    }

    void create(EdgeRequest request, String account, byte[] body) {
        XmlElement root = requests.read(body, "CreateTrafficPolicyRequest");
        String name = root.childText("Name");
        if (name == null || name.isEmpty() || name.length() > 512) {
            throw validation(name, "name", "Member must have length less than or equal to 512");
        }
        TrafficPolicy p = policies.create(account, name, root.childText("Document"), comment(root));
        XmlWriter w = Route53Xml.document("CreateTrafficPolicyResponse");
        policy(w, p);
        Route53Requests.respond(
                request, HttpResponseStatus.CREATED, w, BASE + "trafficpolicy/" + p.id() + "/" + p.version());
    }

    void createVersion(EdgeRequest request, String account, String id, byte[] body) {
        XmlElement root = requests.read(body, "CreateTrafficPolicyVersionRequest");
        TrafficPolicy p = policies.newVersion(account, id, root.childText("Document"), comment(root));
        XmlWriter w = Route53Xml.document("CreateTrafficPolicyVersionResponse");
        policy(w, p);
        Route53Requests.respond(
                request, HttpResponseStatus.CREATED, w, BASE + "trafficpolicy/" + p.id() + "/" + p.version());
    }

    void get(EdgeRequest request, String account, String id, String version) {
        XmlWriter w = Route53Xml.document("GetTrafficPolicyResponse");
        policy(w, policies.get(account, id, version(version)));
        Route53Requests.ok(request, w);
    }

    void updateComment(EdgeRequest request, String account, String id, String version, byte[] body) {
        XmlElement root = requests.read(body, "UpdateTrafficPolicyCommentRequest");
        String comment = root.childText("Comment");
        if (comment == null) {
            throw validation(null, "comment", "Member must not be null");
        }
        XmlWriter w = Route53Xml.document("UpdateTrafficPolicyCommentResponse");
        policy(w, policies.updateComment(account, id, version(version), comment(root)));
        Route53Requests.ok(request, w);
    }

    void delete(EdgeRequest request, String account, String id, String version) {
        policies.delete(account, id, version(version));
        Route53Requests.ok(request, Route53Xml.document("DeleteTrafficPolicyResponse"));
    }

    /** ListTrafficPolicies: {@code trafficpolicyid} marker, {@code maxitems} (default 100). */
    void list(EdgeRequest request, String account) {
        int max = Route53Requests.maxItems(request, 100);
        String marker = request.queryParameter("trafficpolicyid");
        List<TrafficPolicyRegistry.Summary> all = policies.list(account);
        int start = Route53Requests.markerStart(all, s -> s.latest().id(), marker);
        int end = Math.min(all.size(), start + max);
        XmlWriter w = Route53Xml.document("ListTrafficPoliciesResponse");
        w.start("TrafficPolicySummaries");
        for (TrafficPolicyRegistry.Summary s : all.subList(start, end)) {
            w.start("TrafficPolicySummary");
            w.element("Id", s.latest().id());
            w.element("Name", s.latest().name());
            w.element("Type", s.latest().type());
            w.element("LatestVersion", s.latest().version());
            w.element("TrafficPolicyCount", s.versions());
            w.end();
        }
        w.end();
        w.element("IsTruncated", end < all.size());
        w.element(
                "TrafficPolicyIdMarker",
                end < all.size() ? all.get(end).latest().id() : "");
        w.element("MaxItems", String.valueOf(max));
        Route53Requests.ok(request, w);
    }

    /** ListTrafficPolicyVersions: {@code trafficpolicyversion} marker, {@code maxitems}. */
    void listVersions(EdgeRequest request, String account, String id) {
        int max = Route53Requests.maxItems(request, 100);
        String marker = request.queryParameter("trafficpolicyversion");
        List<TrafficPolicy> all = policies.liveVersions(account, id);
        int start = Route53Requests.markerStart(all, p -> String.valueOf(p.version()), marker);
        int end = Math.min(all.size(), start + max);
        XmlWriter w = Route53Xml.document("ListTrafficPolicyVersionsResponse");
        w.start("TrafficPolicies");
        all.subList(start, end).forEach(p -> policy(w, p));
        w.end();
        w.element("IsTruncated", end < all.size());
        w.element(
                "TrafficPolicyVersionMarker",
                end < all.size() ? String.valueOf(all.get(end).version()) : "");
        w.element("MaxItems", String.valueOf(max));
        Route53Requests.ok(request, w);
    }

    void createInstance(EdgeRequest request, String account, byte[] body) {
        XmlElement root = requests.read(body, "CreateTrafficPolicyInstanceRequest");
        String zoneId = required(root, "HostedZoneId", "hostedZoneId");
        Name name = name(required(root, "Name", "name"));
        TrafficPolicyInstance i = policies.createInstance(
                account,
                ZoneIds.bare(zoneId),
                name,
                ttl(root),
                required(root, "TrafficPolicyId", "trafficPolicyId"),
                version(required(root, "TrafficPolicyVersion", "trafficPolicyVersion")));
        XmlWriter w = Route53Xml.document("CreateTrafficPolicyInstanceResponse");
        instance(w, i);
        Route53Requests.respond(request, HttpResponseStatus.CREATED, w, BASE + "trafficpolicyinstance/" + i.id());
    }

    void getInstance(EdgeRequest request, String account, String id) {
        XmlWriter w = Route53Xml.document("GetTrafficPolicyInstanceResponse");
        instance(w, policies.instance(account, id));
        Route53Requests.ok(request, w);
    }

    void updateInstance(EdgeRequest request, String account, String id, byte[] body) {
        XmlElement root = requests.read(body, "UpdateTrafficPolicyInstanceRequest");
        TrafficPolicyInstance i = policies.updateInstance(
                account,
                id,
                ttl(root),
                required(root, "TrafficPolicyId", "trafficPolicyId"),
                version(required(root, "TrafficPolicyVersion", "trafficPolicyVersion")));
        XmlWriter w = Route53Xml.document("UpdateTrafficPolicyInstanceResponse");
        instance(w, i);
        Route53Requests.ok(request, w);
    }

    void deleteInstance(EdgeRequest request, String account, String id) {
        policies.deleteInstance(account, id);
        Route53Requests.ok(request, Route53Xml.document("DeleteTrafficPolicyInstanceResponse"));
    }

    void countInstances(EdgeRequest request, String account) {
        XmlWriter w = Route53Xml.document("GetTrafficPolicyInstanceCountResponse");
        w.element("TrafficPolicyInstanceCount", policies.instanceCount(account));
        Route53Requests.ok(request, w);
    }

    /** ListTrafficPolicyInstances: every instance of the account. */
    void listInstances(EdgeRequest request, String account) {
        listInstances(request, "ListTrafficPolicyInstancesResponse", policies.instances(account, i -> true), true);
    }

    /** ListTrafficPolicyInstancesByHostedZone ({@code id}). */
    void listInstancesByZone(EdgeRequest request, String account) {
        String zoneId = ZoneIds.bare(requiredParameter(request, "id"));
        listInstances(
                request,
                "ListTrafficPolicyInstancesByHostedZoneResponse",
                policies.instances(account, i -> i.hostedZoneId().equals(zoneId)),
                false);
    }

    /** ListTrafficPolicyInstancesByPolicy ({@code id}, {@code version}). */
    void listInstancesByPolicy(EdgeRequest request, String account) {
        String id = requiredParameter(request, "id");
        int version = version(requiredParameter(request, "version"));
        policies.get(account, id, version);
        Predicate<TrafficPolicyInstance> of = i -> i.policyId().equals(id) && i.policyVersion() == version;
        listInstances(request, "ListTrafficPolicyInstancesByPolicyResponse", policies.instances(account, of), true);
    }

    /**
     * One page of instances, sorted by zone, name and type; the page starts at the first instance at or
     * after the {@code hostedzoneid}/{@code trafficpolicyinstancename}/{@code trafficpolicyinstancetype}
     * markers (the zone marker only where the call lists several zones).
     */
    private void listInstances(EdgeRequest request, String root, List<TrafficPolicyInstance> all, boolean zoneMarker) {
        int max = Route53Requests.maxItems(request, 100);
        String zoneStart = zoneMarker ? request.queryParameter("hostedzoneid") : null;
        String nameStart = request.queryParameter("trafficpolicyinstancename");
        String typeStart = request.queryParameter("trafficpolicyinstancetype");
        int start = 0;
        if (nameStart != null) {
            Name n = name(nameStart);
            while (start < all.size()
                    && before(all.get(start), zoneStart == null ? null : ZoneIds.bare(zoneStart), n, typeStart)) {
                start++;
            }
        }
        int end = Math.min(all.size(), start + max);
        XmlWriter w = Route53Xml.document(root);
        w.start("TrafficPolicyInstances");
        all.subList(start, end).forEach(i -> instance(w, i));
        w.end();
        if (end < all.size()) {
            TrafficPolicyInstance next = all.get(end);
            if (zoneMarker) {
                w.element("HostedZoneIdMarker", next.hostedZoneId());
            }
            w.element("TrafficPolicyInstanceNameMarker", DnsNames.format(next.name()));
            w.element("TrafficPolicyInstanceTypeMarker", next.policyType());
        }
        w.element("IsTruncated", end < all.size());
        w.element("MaxItems", String.valueOf(max));
        Route53Requests.ok(request, w);
    }

    private static boolean before(TrafficPolicyInstance i, String zone, Name name, String type) {
        if (zone != null && i.hostedZoneId().compareTo(zone) != 0) {
            return i.hostedZoneId().compareTo(zone) < 0;
        }
        int c = i.name().compareTo(name);
        if (c != 0) {
            return c < 0;
        }
        return type != null && i.policyType().compareTo(type) < 0;
    }

    private static void policy(XmlWriter w, TrafficPolicy p) {
        w.start("TrafficPolicy");
        w.element("Id", p.id());
        w.element("Version", p.version());
        w.element("Name", p.name());
        w.element("Type", p.type());
        w.element("Document", p.document());
        w.element("Comment", p.comment());
        w.end();
    }

    private static void instance(XmlWriter w, TrafficPolicyInstance i) {
        w.start("TrafficPolicyInstance");
        w.element("Id", i.id());
        w.element("HostedZoneId", i.hostedZoneId());
        w.element("Name", DnsNames.format(i.name()));
        w.element("TTL", i.ttl());
        w.element("State", "Applied");
        w.element("Message", "");
        w.element("TrafficPolicyId", i.policyId());
        w.element("TrafficPolicyVersion", i.policyVersion());
        w.element("TrafficPolicyType", i.policyType());
        w.end();
    }

    private static String comment(XmlElement root) {
        String c = root.childText("Comment");
        if (c != null && c.length() > 1024) {
            throw validation(c, "comment", "Member must have length less than or equal to 1024");
        }
        return c;
    }

    private static long ttl(XmlElement root) {
        String text = required(root, "TTL", "tTL");
        try {
            long ttl = Long.parseLong(text.trim());
            if (ttl < 0 || ttl > 2147483647L) {
                throw new NumberFormatException();
            }
            return ttl;
        } catch (NumberFormatException e) {
            throw validation(text, "tTL", "Member must have value between 0 and 2147483647");
        }
    }

    private static int version(String text) {
        try {
            int v = Integer.parseInt(text.trim());
            if (v < 1 || v > 1000) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw validation(text, "version", "Member must have value between 1 and 1000");
        }
    }

    private static Name name(String text) {
        try {
            return DnsNames.parse(text);
        } catch (IllegalArgumentException e) {
            throw Route53Errors.invalidInput("Invalid request: " + text + " is not a valid domain name");
        }
    }

    private static String required(XmlElement root, String element, String member) {
        String v = Route53Requests.trim(root.childText(element));
        if (v == null || v.isEmpty()) {
            throw validation(null, member, "Member must not be null");
        }
        return v;
    }

    private static String requiredParameter(EdgeRequest request, String parameter) {
        String v = request.queryParameter(parameter);
        if (v == null || v.isEmpty()) {
            throw validation(null, parameter, "Member must not be null");
        }
        return v;
    }

    private static AwsException validation(String value, String member, String constraint) {
        return Route53Errors.validation(value, member, constraint);
    }
}
