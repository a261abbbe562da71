package dev.minicloud.dns.internal.api;

import dev.minicloud.dns.internal.health.HealthCheck;
import dev.minicloud.dns.internal.health.HealthCheckConfig;
import dev.minicloud.dns.internal.health.HealthCheckType;
import dev.minicloud.dns.internal.zones.ChangeInfo;
import dev.minicloud.dns.internal.zones.DelegationSet;
import dev.minicloud.dns.internal.zones.DnsNames;
import dev.minicloud.dns.internal.zones.GeoProximity;
import dev.minicloud.dns.internal.zones.HostedZone;
import dev.minicloud.dns.internal.zones.RecordSet;
import dev.minicloud.dns.internal.zones.VpcRef;
import dev.minicloud.dns.internal.zones.ZoneSnapshot;
import dev.minicloud.internal.xml.XmlWriter;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Type;

/** Writes the Route 53 response elements shared by several operations, in Route 53's element order. */
final class Route53Xml {
    static final String NAMESPACE = "https://route53.amazonaws.com/doc/2013-04-01/";

    private Route53Xml() {}

    static XmlWriter document(String root) {
        return XmlWriter.document(root, NAMESPACE);
    }

    static void hostedZone(XmlWriter w, ZoneSnapshot z) {
        HostedZone hz = z.zone();
        w.start("HostedZone");
        w.element("Id", "/hostedzone/" + hz.id());
        w.element("Name", DnsNames.format(hz.name()));
        w.element("CallerReference", hz.callerReference());
        w.start("Config");
        w.element("Comment", hz.comment());
        w.element("PrivateZone", hz.privateZone());
        w.end();
        w.element("ResourceRecordSetCount", z.recordSetCount());
        w.end();
    }

    static void changeInfo(XmlWriter w, ChangeInfo c) {
        w.start("ChangeInfo");
        w.element("Id", "/change/" + c.id());
        w.element("Status", c.status());
        w.element("SubmittedAt", c.submittedAt());
        w.element("Comment", c.comment());
        w.end();
    }

    /** A public zone's name servers; {@code set} is its reusable delegation set, if it is on one. */
    static void delegationSet(XmlWriter w, HostedZone hz, DelegationSet set) {
        if (hz.privateZone()) {
            return;
        }
        if (set != null) {
            delegationSet(w, set);
            return;
        }
        w.start("DelegationSet");
        nameServers(w, hz.nameServers());
        w.end();
    }

    static void delegationSet(XmlWriter w, DelegationSet set) {
        w.start("DelegationSet");
        w.element("Id", "/delegationset/" + set.id());
        w.element("CallerReference", set.callerReference());
        nameServers(w, set.nameServers());
        w.end();
    }

    private static void nameServers(XmlWriter w, List<String> nameServers) {
        w.start("NameServers");
        for (String ns : nameServers) {
            w.element("NameServer", ns.endsWith(".") ? ns.substring(0, ns.length() - 1) : ns);
        }
        w.end();
    }

    static void vpc(XmlWriter w, VpcRef vpc) {
        w.start("VPC");
        w.element("VPCRegion", vpc.region());
        w.element("VPCId", vpc.vpcId());
        w.end();
    }

    static void recordSet(XmlWriter w, RecordSet rs) {
        w.start("ResourceRecordSet");
        w.element("Name", DnsNames.format(rs.name()));
        w.element("Type", Type.string(rs.type()));
        w.element("SetIdentifier", rs.setIdentifier());
        if (rs.weight() != null) {
            w.element("Weight", rs.weight());
        }
        w.element("Region", rs.region());
        if (!rs.geoLocation().isEmpty()) {
            w.start("GeoLocation");
            for (String k : new String[] {"ContinentCode", "CountryCode", "SubdivisionCode"}) {
                w.element(k, rs.geoLocation().get(k));
            }
            w.end();
        }
        w.element("Failover", rs.failover());
        if (rs.multiValueAnswer() != null) {
            w.element("MultiValueAnswer", rs.multiValueAnswer());
        }
        if (rs.ttl() != null) {
            w.element("TTL", rs.ttl());
        }
        if (!rs.isAlias()) {
            w.start("ResourceRecords");
            for (String v : rs.values()) {
                w.start("ResourceRecord");
                w.element("Value", v);
                w.end();
            }
            w.end();
        } else {
            w.start("AliasTarget");
            w.element("HostedZoneId", rs.aliasTarget().hostedZoneId());
            w.element("DNSName", rs.aliasTarget().dnsName());
            w.element("EvaluateTargetHealth", rs.aliasTarget().evaluateTargetHealth());
            w.end();
        }
        w.element("HealthCheckId", rs.healthCheckId());
        if (rs.cidrRouting() != null) {
            w.start("CidrRoutingConfig");
            w.element("CollectionId", rs.cidrRouting().collectionId());
            w.element("LocationName", rs.cidrRouting().locationName());
            w.end();
        }
        GeoProximity gp = rs.geoProximity();
        if (gp != null) {
            w.start("GeoProximityLocation");
            w.element("AWSRegion", gp.awsRegion());
            w.element("LocalZoneGroup", gp.localZoneGroup());
            if (gp.latitude() != null) {
                w.start("Coordinates");
                w.element("Latitude", gp.latitude());
                w.element("Longitude", gp.longitude());
                w.end();
            }
            if (gp.bias() != null) {
                w.element("Bias", gp.bias().longValue());
            }
            w.end();
        }
        w.end();
    }

    static void healthCheck(XmlWriter w, HealthCheck check) {
        HealthCheckConfig c = check.config();
        w.start("HealthCheck");
        w.element("Id", check.id());
        w.element("CallerReference", check.callerReference());
        w.start("HealthCheckConfig");
        w.element("IPAddress", c.ipAddress());
        optional(w, "Port", c.port());
        w.element("Type", c.type().name());
        w.element("ResourcePath", c.resourcePath());
        w.element("FullyQualifiedDomainName", c.fullyQualifiedDomainName());
        w.element("SearchString", c.searchString());
        optional(w, "RequestInterval", c.requestInterval());
        optional(w, "FailureThreshold", c.failureThreshold());
        if (c.measureLatency() != null) {
            w.element("MeasureLatency", c.measureLatency());
        }
        w.element("Inverted", c.inverted());
        w.element("Disabled", c.disabled());
        optional(w, "HealthThreshold", c.healthThreshold());
        if (c.type() == HealthCheckType.CALCULATED) {
            w.start("ChildHealthChecks");
            c.childHealthChecks().forEach(id -> w.element("ChildHealthCheck", id));
            w.end();
        }
        if (c.enableSni() != null) {
            w.element("EnableSNI", c.enableSni());
        }
        if (!c.regions().isEmpty()) {
            w.start("Regions");
            c.regions().forEach(r -> w.element("Region", r));
            w.end();
        }
        if (c.alarmIdentifier() != null) {
            w.start("AlarmIdentifier");
            w.element("Region", c.alarmIdentifier().region());
            w.element("Name", c.alarmIdentifier().name());
            w.end();
        }
        w.element("InsufficientDataHealthStatus", c.insufficientDataHealthStatus());
        w.element("RoutingControlArn", c.routingControlArn());
        w.end();
        w.element("HealthCheckVersion", check.version());
        w.end();
    }

    private static void optional(XmlWriter w, String name, Integer value) {
        if (value != null) {
            w.element(name, value.longValue());
        }
    }

    static void tags(XmlWriter w, Map<String, String> tags) {
        w.start("Tags");
        tags.forEach((k, v) -> {
            w.start("Tag");
            w.element("Key", k);
            w.element("Value", v);
            w.end();
        });
        w.end();
    }
}
