package dev.minicloud.dns.ec2.internal.api;

import dev.minicloud.dns.ec2.internal.model.Regions;
import dev.minicloud.dns.ec2.internal.model.Vpc;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/** DescribeAvailabilityZones, DescribeRegions, DescribeAccountAttributes. */
final class InfoOperations {
    private static final Filters<Regions.Zone> ZONE_FILTERS =
            Filters.of(Map.<String, Function<Regions.Zone, List<String>>>of(
                    "zone-name", z -> List.of(z.name()),
                    "zone-id", z -> List.of(z.id()),
                    "region-name", z -> List.of(z.region()),
                    "state", z -> List.of("available"),
                    "zone-type", z -> List.of("availability-zone"),
                    "group-name", z -> List.of(z.region()),
                    "opt-in-status", z -> List.of("opt-in-not-required")));
    private static final Filters<String> REGION_FILTERS = Filters.of(Map.<String, Function<String, List<String>>>of(
            "region-name", r -> List.of(r),
            "endpoint", r -> List.of(endpoint(r)),
            "opt-in-status", r -> List.of("opt-in-not-required")));

    void availabilityZones(Call c) {
        Ec2Request p = c.params();
        List<String> names = p.list("ZoneName");
        List<String> ids = p.list("ZoneId");
        Predicate<Regions.Zone> filter = ZONE_FILTERS.parse(p);
        List<Regions.Zone> zones = Regions.zones(c.state().region());
        for (String n : names) {
            if (zones.stream().noneMatch(z -> z.name().equals(n))) {
                throw Ec2Errors.invalidParameterValue("Invalid availability zone: [" + n + "]");
            }
        }
        c.out().start("availabilityZoneInfo");
        for (Regions.Zone z : zones) {
            if ((names.isEmpty() || names.contains(z.name()))
                    && (ids.isEmpty() || ids.contains(z.id()))
                    && filter.test(z)) {
                c.out().start("item");
                c.out().element("optInStatus", "opt-in-not-required");
                c.out().element("zoneName", z.name());
                c.out().element("zoneId", z.id());
                c.out().element("zoneState", "available");
                c.out().element("regionName", z.region());
                c.out().element("groupName", z.region());
                c.out().element("networkBorderGroup", z.region());
                c.out().element("zoneType", "availability-zone");
                c.out().emptyElement("messageSet");
                c.out().end();
            }
        }
        c.out().end();
    }

    void regions(Call c) {
        Ec2Request p = c.params();
        List<String> names = p.list("RegionName");
        Predicate<String> filter = REGION_FILTERS.parse(p);
        for (String n : names) {
            if (!Regions.names().contains(n)) {
                throw Ec2Errors.of("InvalidParameterValue", "Invalid region: " + n);
            }
        }
        c.out().start("regionInfo");
        for (String r : Regions.names()) {
            if ((names.isEmpty() || names.contains(r)) && filter.test(r)) {
                c.out()
                        .start("item")
                        .element("regionName", r)
                        .element("regionEndpoint", endpoint(r))
                        .element("optInStatus", "opt-in-not-required")
                        .end();
            }
        }
        c.out().end();
    }

    void accountAttributes(Call c) {
        Vpc defaultVpc = c.state().defaultVpc();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("supported-platforms", "VPC");
        attributes.put("vpc-max-security-groups-per-interface", "5");
        attributes.put("max-elastic-ips", "5");
        attributes.put("max-instances", "20");
        attributes.put("vpc-max-elastic-ips", "5");
        attributes.put("default-vpc", defaultVpc == null ? "none" : defaultVpc.id());
        List<String> asked = c.params().list("AttributeName");
        for (String a : asked) {
            if (!attributes.containsKey(a)) {
                throw Ec2Errors.invalidParameterValue("Value (" + a + ") for parameter attributeName is invalid.");
            }
        }
        c.out().start("accountAttributeSet");
        attributes.forEach((name, value) -> {
            if (asked.isEmpty() || asked.contains(name)) {
                c.out()
                        .start("item")
                        .element("attributeName", name)
                        .start("attributeValueSet")
                        .start("item")
                        .element("attributeValue", value)
                        .end()
                        .end()
                        .end();
            }
        });
        c.out().end();
    }

    private static String endpoint(String region) {
        return "ec2." + region + ".amazonaws.com";
    }
}
