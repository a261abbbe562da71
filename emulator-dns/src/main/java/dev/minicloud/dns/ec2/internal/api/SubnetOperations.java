package dev.minicloud.dns.ec2.internal.api;

import dev.minicloud.dns.ec2.internal.model.Cidr;
import dev.minicloud.dns.ec2.internal.model.Regions;
import dev.minicloud.dns.ec2.internal.model.Subnet;
import dev.minicloud.dns.ec2.internal.model.Vpc;
import dev.minicloud.internal.xml.XmlWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** CreateSubnet, DescribeSubnets, DeleteSubnet, ModifySubnetAttribute. */
final class SubnetOperations {
    private static final Filters<Subnet> FILTERS = Filters.forResources(Map.ofEntries(
            Map.<String, Function<Subnet, List<String>>>entry("subnet-id", s -> List.of(s.id())),
            Map.entry("vpc-id", s -> List.of(s.vpcId())),
            Map.entry("cidr-block", s -> List.of(s.cidr().toString())),
            Map.entry("cidr", s -> List.of(s.cidr().toString())),
            Map.entry("cidrBlock", s -> List.of(s.cidr().toString())),
            Map.entry("availability-zone", s -> List.of(s.zone().name())),
            Map.entry("availabilityZone", s -> List.of(s.zone().name())),
            Map.entry("availability-zone-id", s -> List.of(s.zone().id())),
            Map.entry("default-for-az", s -> List.of(String.valueOf(s.defaultForAz()))),
            Map.entry("defaultForAz", s -> List.of(String.valueOf(s.defaultForAz()))),
            Map.entry("map-public-ip-on-launch", s -> List.of(String.valueOf(s.mapPublicIpOnLaunch()))),
            Map.entry("available-ip-address-count", s -> List.of(String.valueOf(s.availableIpAddressCount()))),
            Map.entry("state", s -> List.of("available")),
            Map.entry("owner-id", s -> List.of(s.ownerId())),
            Map.entry("subnet-arn", s -> List.of(s.arn()))));

    void create(Call c) {
        Ec2Request p = c.params();
        String vpcId = p.required("VpcId");
        String text = p.string("CidrBlock");
        if (text == null) {
            throw Ec2Errors.missingParameter("cidrBlock"); // parameters are checked before resources, as on EC2
        }
        Vpc vpc = VpcOperations.require(c, vpcId);
        Cidr cidr = Cidr.parse(text);
        if (cidr == null || !cidr.isNetworkAddress()) {
            throw Ec2Errors.invalidValue(text, "cidrBlock", "This is not a valid CIDR block.");
        }
        if (cidr.prefix() < 16 || cidr.prefix() > 28 || !vpc.cidr().contains(cidr)) {
            throw Ec2Errors.of("InvalidSubnet.Range", "The CIDR '" + text + "' is invalid.");
        }
        for (Subnet s : c.state().subnets().values()) {
            if (s.vpcId().equals(vpc.id()) && s.cidr().overlaps(cidr)) {
                throw Ec2Errors.of("InvalidSubnet.Conflict", "The CIDR '" + text + "' conflicts with another subnet");
            }
        }
        Regions.Zone zone = zone(c, p);
        Map<String, String> tags = TagSpecifications.forType(p, "subnet");
        Subnet subnet = c.state().addSubnet(vpc, cidr, zone, false);
        subnet.tags().putAll(tags);
        c.out().start("subnet");
        write(c.out(), subnet);
        c.out().end();
    }

    private static Regions.Zone zone(Call c, Ec2Request p) {
        String name = p.string("AvailabilityZone");
        String id = p.string("AvailabilityZoneId");
        List<Regions.Zone> zones = Regions.zones(c.state().region());
        if (name == null && id == null) {
            return zones.get(0);
        }
        Regions.Zone z = Regions.zone(c.state().region(), name != null ? name : id);
        if (z == null) {
            throw Ec2Errors.invalidValue(
                    name != null ? name : id,
                    name != null ? "availabilityZone" : "availabilityZoneId",
                    "Subnets can currently only be created in the following availability zones: "
                            + zones.stream().map(Regions.Zone::name).collect(Collectors.joining(", ")) + ".");
        }
        return z;
    }

    void describe(Call c) {
        Ec2Request p = c.params();
        List<String> ids = p.list("SubnetId");
        Predicate<Subnet> filter = FILTERS.parse(p);
        for (String id : ids) {
            if (!c.state().subnets().containsKey(id)) {
                throw Ec2Errors.subnetNotFound(id);
            }
        }
        List<Subnet> matching = new ArrayList<>();
        for (Subnet s : c.state().subnets().values()) {
            if ((ids.isEmpty() || ids.contains(s.id())) && filter.test(s)) {
                matching.add(s);
            }
        }
        Paging.Page<Subnet> page = Paging.page(p, matching, 5, 1000, "subnetIds", !ids.isEmpty());
        c.out().start("subnetSet");
        for (Subnet s : page.items()) {
            c.out().start("item");
            write(c.out(), s);
            c.out().end();
        }
        c.out().end();
        c.out().element("nextToken", page.nextToken());
    }

    void delete(Call c) {
        Subnet s = require(c, c.params().required("SubnetId"));
        c.state().subnets().remove(s.id());
        c.out().element("return", true);
    }

    void modifyAttribute(Call c) {
        Ec2Request p = c.params();
        Subnet s = require(c, p.required("SubnetId"));
        if (p.string("MapPublicIpOnLaunch.Value") == null) {
            throw Ec2Errors.missingParameter("MapPublicIpOnLaunch");
        }
        s.mapPublicIpOnLaunch(p.bool("MapPublicIpOnLaunch.Value", false));
        c.out().element("return", true);
    }

    static Subnet require(Call c, String id) {
        Subnet s = c.state().subnets().get(id);
        if (s == null) {
            if (!id.startsWith("subnet-")) {
                throw Ec2Errors.malformedId("InvalidSubnetID.Malformed", id);
            }
            throw Ec2Errors.subnetNotFound(id);
        }
        return s;
    }

    private static void write(XmlWriter w, Subnet s) {
        w.element("subnetId", s.id());
        w.element("subnetArn", s.arn());
        w.element("state", "available");
        w.element("ownerId", s.ownerId());
        w.element("vpcId", s.vpcId());
        w.element("cidrBlock", s.cidr().toString());
        w.emptyElement("ipv6CidrBlockAssociationSet");
        w.element("availableIpAddressCount", s.availableIpAddressCount());
        w.element("availabilityZone", s.zone().name());
        w.element("availabilityZoneId", s.zone().id());
        w.element("defaultForAz", s.defaultForAz());
        w.element("mapPublicIpOnLaunch", s.mapPublicIpOnLaunch());
        w.element("assignIpv6AddressOnCreation", false);
        Ec2Xml.tagSet(w, s.tags());
    }
}
