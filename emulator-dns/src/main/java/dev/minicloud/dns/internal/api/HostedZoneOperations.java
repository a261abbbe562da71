package dev.minicloud.dns.internal.api;

import dev.minicloud.dns.internal.zones.ChangeInfo;
import dev.minicloud.dns.internal.zones.DelegationSet;
import dev.minicloud.dns.internal.zones.DnsNames;
import dev.minicloud.dns.internal.zones.Route53Errors;
import dev.minicloud.dns.internal.zones.VpcRef;
import dev.minicloud.dns.internal.zones.ZoneIds;
import dev.minicloud.dns.internal.zones.ZoneRegistry;
import dev.minicloud.dns.internal.zones.ZoneSnapshot;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.internal.xml.XmlElement;
import dev.minicloud.internal.xml.XmlWriter;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Name;

/**
 * The hosted-zone operations of Route 53: create, get, list (plain, by name, by VPC), count, update
 * comment, delete, associate and disassociate VPCs, and GetChange.
 */
final class HostedZoneOperations {
    private final ZoneRegistry zones;
    private final Route53Requests requests;

    HostedZoneOperations(ZoneRegistry zones, Route53Requests requests) {
        this.zones = zones;
        this.requests = requests;
    }

    void create(EdgeRequest request, String account, byte[] body) {
        createHostedZone(request, account, requests.read(body, "CreateHostedZoneRequest"));
    }

    void updateComment(EdgeRequest request, String account, String id, byte[] body) {
        String comment = requests.read(body, "UpdateHostedZoneCommentRequest").childText("Comment");
        ZoneSnapshot z = zones.updateComment(account, id, comment);
        XmlWriter w = Route53Xml.document("UpdateHostedZoneCommentResponse");
        Route53Xml.hostedZone(w, z);
        Route53Requests.ok(request, w);
    }

    void delete(EdgeRequest request, String account, String id) {
        ChangeInfo c = zones.deleteZone(account, id);
        XmlWriter w = Route53Xml.document("DeleteHostedZoneResponse");
        Route53Xml.changeInfo(w, c);
        Route53Requests.ok(request, w);
    }

    void changeVpc(EdgeRequest request, String account, String id, boolean associate, byte[] body) {
        XmlElement root = requests.read(
                body, associate ? "AssociateVPCWithHostedZoneRequest" : "DisassociateVPCFromHostedZoneRequest");
        VpcRef vpc = Route53Requests.vpc(root.child("VPC"));
        ChangeInfo c = associate
                ? zones.associateVpc(account, id, vpc, root.childText("Comment"))
                : zones.disassociateVpc(account, id, vpc, root.childText("Comment"));
        XmlWriter w = Route53Xml.document(
                associate ? "AssociateVPCWithHostedZoneResponse" : "DisassociateVPCFromHostedZoneResponse");
        Route53Xml.changeInfo(w, c);
        Route53Requests.ok(request, w);
    }

    /** CreateVPCAssociationAuthorization and DeleteVPCAssociationAuthorization. */
    void changeVpcAuthorization(EdgeRequest request, String account, String id, boolean authorize, byte[] body) {
        XmlElement root = requests.read(
                body,
                authorize ? "CreateVPCAssociationAuthorizationRequest" : "DeleteVPCAssociationAuthorizationRequest");
        VpcRef vpc = Route53Requests.vpc(root.child("VPC"));
        XmlWriter w;
        if (authorize) {
            zones.authorizeVpcAssociation(account, id, vpc);
            w = Route53Xml.document("CreateVPCAssociationAuthorizationResponse");
            w.element("HostedZoneId", ZoneIds.bare(id));
            Route53Xml.vpc(w, vpc);
        } else {
            zones.revokeVpcAssociationAuthorization(account, id, vpc);
            w = Route53Xml.document("DeleteVPCAssociationAuthorizationResponse");
        }
        Route53Requests.ok(request, w);
    }

    /** ListVPCAssociationAuthorizations ({@code maxresults}, {@code nexttoken}). */
    void listVpcAuthorizations(EdgeRequest request, String account, String id) {
        List<VpcRef> all = zones.vpcAssociationAuthorizations(account, id);
        int max = Route53Requests.pageSize(request, "maxresults", 50);
        int start = Route53Requests.pageToken(request, all.size());
        int end = Math.min(all.size(), start + max);
        XmlWriter w = Route53Xml.document("ListVPCAssociationAuthorizationsResponse");
        w.element("HostedZoneId", ZoneIds.bare(id));
        if (end < all.size()) {
            w.element("NextToken", String.valueOf(end));
        }
        w.start("VPCs");
        all.subList(start, end).forEach(v -> Route53Xml.vpc(w, v));
        w.end();
        Route53Requests.ok(request, w);
    }

    void count(EdgeRequest request, String account) {
        XmlWriter w = Route53Xml.document("GetHostedZoneCountResponse");
        w.element("HostedZoneCount", zones.zones(account).size());
        Route53Requests.ok(request, w);
    }

    void getChange(EdgeRequest request, String id) {
        XmlWriter w = Route53Xml.document("GetChangeResponse");
        Route53Xml.changeInfo(w, zones.change(id));
        Route53Requests.ok(request, w);
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
        boolean privateZone =
                config != null && "true".equalsIgnoreCase(Route53Requests.trim(config.childText("PrivateZone")));
        VpcRef vpc = root.child("VPC") == null ? null : Route53Requests.vpc(root.child("VPC"));
        String setId = Route53Requests.trim(root.childText("DelegationSetId"));
        ZoneRegistry.Created created = zones.createZone(
                account,
                name,
                callerReference,
                comment,
                privateZone,
                vpc,
                setId == null || setId.isEmpty() ? null : ZoneIds.bare(setId));
        XmlWriter w = Route53Xml.document("CreateHostedZoneResponse");
        Route53Xml.hostedZone(w, created.zone());
        Route53Xml.changeInfo(w, created.change());
        Route53Xml.delegationSet(w, created.zone().zone(), delegationSetOf(account, created.zone()));
        if (vpc != null) {
            Route53Xml.vpc(w, vpc);
        }
        Route53Requests.respond(
                request,
                HttpResponseStatus.CREATED,
                w,
                "https://route53.amazonaws.com/2013-04-01/hostedzone/"
                        + created.zone().zone().id());
    }

    private DelegationSet delegationSetOf(String account, ZoneSnapshot z) {
        String setId = z.zone().delegationSetId();
        return setId == null ? null : zones.delegationSet(account, setId);
    }

    void get(EdgeRequest request, String account, String id) {
        ZoneSnapshot z = zones.zone(account, id);
        XmlWriter w = Route53Xml.document("GetHostedZoneResponse");
        Route53Xml.hostedZone(w, z);
        Route53Xml.delegationSet(w, z.zone(), delegationSetOf(account, z));
        if (z.zone().privateZone()) {
            w.start("VPCs");
            z.zone().vpcs().forEach(v -> Route53Xml.vpc(w, v));
            w.end();
        }
        Route53Requests.ok(request, w);
    }

    void list(EdgeRequest request, String account) {
        int max = Route53Requests.maxItems(request, 100);
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
        int start = marker == null
                ? 0
                : Route53Requests.markerStart(all, z -> z.zone().id(), ZoneIds.bare(marker));
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
        Route53Requests.ok(request, w);
    }

    void listByName(EdgeRequest request, String account) {
        int max = Route53Requests.maxItems(request, 100);
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
        Route53Requests.ok(request, w);
    }

    void listByVpc(EdgeRequest request, String account) {
        String vpcId = request.queryParameter("vpcid");
        String region = request.queryParameter("vpcregion");
        if (vpcId == null || region == null) {
            throw Route53Errors.invalidInput("Invalid request: vpcid and vpcregion are required");
        }
        int max = Route53Requests.maxItems(request, 100);
        List<ZoneSnapshot> matching = zones.zonesAssociatedWith(account, new VpcRef(region, vpcId));
        int start = Route53Requests.pageToken(request, matching.size());
        int end = Math.min(matching.size(), start + max);
        XmlWriter w = Route53Xml.document("ListHostedZonesByVPCResponse");
        w.start("HostedZoneSummaries");
        for (ZoneSnapshot z : matching.subList(start, end)) {
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
        Route53Requests.ok(request, w);
    }
}
