package dev.minicloud.dns.internal.api;

import dev.minicloud.dns.internal.zones.AliasTarget;
import dev.minicloud.dns.internal.zones.Change;
import dev.minicloud.dns.internal.zones.CidrRouting;
import dev.minicloud.dns.internal.zones.DnsNames;
import dev.minicloud.dns.internal.zones.GeoProximity;
import dev.minicloud.dns.internal.zones.RecordSet;
import dev.minicloud.dns.internal.zones.RecordValues;
import dev.minicloud.dns.internal.zones.Route53Errors;
import dev.minicloud.dns.internal.zones.ZoneIds;
import dev.minicloud.internal.xml.XmlElement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Reads a {@code ChangeResourceRecordSetsRequest} body into {@link Change}s. Structural problems
 * (missing fields, both or neither of alias and TTL+records) are {@code InvalidInput}, as Route 53
 * answers them; bad record values are collected and reported together as {@code InvalidChangeBatch}.
 */
final class ChangeBatchReader {
    private static final long MAX_TTL = 2147483647L;

    private ChangeBatchReader() {}

    /** The parsed batch: its changes and its optional comment. */
    record Batch(List<Change> changes, String comment) {}

    static Batch read(XmlElement root) {
        XmlElement batch = root.child("ChangeBatch");
        if (batch == null || batch.child("Changes") == null) {
            throw Route53Errors.invalidInput("1 validation error detected: Value null at 'changeBatch' failed to "
                    + "satisfy constraint: Member must not be null");
        }
        List<Change> changes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (XmlElement c : batch.child("Changes").children("Change")) {
            changes.add(readChange(c, problems));
        }
        if (!problems.isEmpty()) {
            throw Route53Errors.invalidChangeBatch(problems);
        }
        return new Batch(changes, batch.childText("Comment"));
    }

    private static Change readChange(XmlElement c, List<String> problems) {
        String actionText = c.childText("Action");
        Change.Action action;
        try {
            action = Change.Action.valueOf(actionText == null ? "" : actionText.trim());
        } catch (IllegalArgumentException e) {
            throw Route53Errors.invalidInput("1 validation error detected: Value '" + actionText + "' at "
                    + "'changeBatch.changes.1.member.action' failed to satisfy constraint: Member must satisfy enum "
                    + "value set: [CREATE, DELETE, UPSERT]");
        }
        XmlElement set = c.child("ResourceRecordSet");
        if (set == null) {
            throw Route53Errors.invalidInput(
                    "1 validation error detected: Value null at "
                            + "'changeBatch.changes.1.member.resourceRecordSet' failed to satisfy constraint: Member must not be null");
        }
        return new Change(action, readRecordSet(action, set, problems));
    }

    private static RecordSet readRecordSet(Change.Action action, XmlElement e, List<String> problems) {
        String nameText = e.childText("Name");
        String typeText = e.childText("Type");
        if (nameText == null || typeText == null) {
            throw Route53Errors.invalidInput("Invalid request: Name and Type are required in a ResourceRecordSet");
        }
        Name name;
        try {
            name = DnsNames.parse(nameText);
        } catch (IllegalArgumentException ex) {
            throw Route53Errors.invalidInput("Invalid request: " + ex.getMessage());
        }
        int type = Type.value(typeText.trim().toUpperCase(Locale.ROOT));
        if (type < 0 || !RecordValues.SUPPORTED.contains(type)) {
            throw Route53Errors.invalidInput("1 validation error detected: Value '" + typeText + "' at "
                    + "'changeBatch.changes.1.member.resourceRecordSet.type' failed to satisfy constraint: Member must "
                    + "satisfy enum value set: [SOA, A, TXT, NS, CNAME, MX, NAPTR, PTR, SRV, SPF, AAAA, CAA, DS]");
        }
        String setIdentifier = e.childText("SetIdentifier");
        Long weight = longOrNull(e.childText("Weight"), "Weight", 0, 255);
        String region = e.childText("Region");
        String failover = e.childText("Failover");
        if (failover != null && !failover.equals("PRIMARY") && !failover.equals("SECONDARY")) {
            throw Route53Errors.invalidInput("1 validation error detected: Value '" + failover + "' at "
                    + "'changeBatch.changes.1.member.resourceRecordSet.failover' failed to satisfy constraint: Member "
                    + "must satisfy enum value set: [SECONDARY, PRIMARY]");
        }
        Map<String, String> geo = new LinkedHashMap<>();
        XmlElement g = e.child("GeoLocation");
        if (g != null) {
            for (XmlElement part : g.children()) {
                geo.put(part.name(), part.text());
            }
        }
        String mv = e.childText("MultiValueAnswer");
        Boolean multiValue = mv == null ? null : Boolean.valueOf(mv.trim());
        GeoProximity proximity = geoProximity(e.child("GeoProximityLocation"));
        CidrRouting cidr = cidrRouting(e.child("CidrRoutingConfig"));
        boolean policy = weight != null
                || region != null
                || failover != null
                || !geo.isEmpty()
                || multiValue != null
                || proximity != null
                || cidr != null;
        String describe = "[Action=" + action + ", Name=" + DnsNames.format(name) + ", Type=" + Type.string(type)
                + ", SetIdentifier=" + setIdentifier + "]";
        if (policy && setIdentifier == null) {
            throw Route53Errors.invalidInput(
                    "Invalid request: Missing field 'SetIdentifier' in Change with " + describe);
        }
        if (!policy && setIdentifier != null) {
            throw Route53Errors.invalidInput("Invalid request: Expected exactly one of [Weight, Region, Failover, "
                    + "GeoLocation, MultiValueAnswer, GeoProximityLocation, or CidrRoutingConfig], but found none in "
                    + "Change with " + describe);
        }
        Long ttl = longOrNull(e.childText("TTL"), "TTL", 0, MAX_TTL);
        XmlElement rrs = e.child("ResourceRecords");
        XmlElement alias = e.child("AliasTarget");
        if ((alias == null) == (ttl == null || rrs == null) || alias != null && (ttl != null || rrs != null)) {
            String found = alias != null && (ttl != null || rrs != null) ? "both" : "none";
            throw Route53Errors.invalidInput("Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and "
                    + "ResourceRecords], or TrafficPolicyInstanceId], but found " + found + " in Change with "
                    + describe);
        }
        AliasTarget aliasTarget = null;
        List<String> values = new ArrayList<>();
        List<Record> records = List.of();
        if (alias != null) {
            String zone = alias.childText("HostedZoneId");
            String dnsName = alias.childText("DNSName");
            String evaluate = alias.childText("EvaluateTargetHealth");
            if (zone == null || dnsName == null || evaluate == null) {
                throw Route53Errors.invalidInput("Invalid request: AliasTarget needs HostedZoneId, DNSName and "
                        + "EvaluateTargetHealth in Change with " + describe);
            }
            try {
                aliasTarget = new AliasTarget(
                        ZoneIds.bare(zone),
                        DnsNames.format(DnsNames.parse(dnsName)),
                        Boolean.parseBoolean(evaluate.trim()));
            } catch (IllegalArgumentException ex) {
                throw Route53Errors.invalidInput("Invalid request: " + ex.getMessage());
            }
        } else {
            for (XmlElement r : rrs.children("ResourceRecord")) {
                String v = r.childText("Value");
                if (v == null) {
                    throw Route53Errors.invalidInput(
                            "Invalid request: a ResourceRecord has no Value in Change with " + describe);
                }
                values.add(v);
            }
            if (values.isEmpty()) {
                throw Route53Errors.invalidInput("1 validation error detected: Value '[]' at "
                        + "'changeBatch.changes.1.member.resourceRecordSet.resourceRecords' failed to satisfy "
                        + "constraint: Member must have length greater than or equal to 1");
            }
            if (type == Type.CNAME && values.size() != 1) {
                problems.add("RRSet of type CNAME with DNS name " + DnsNames.format(name)
                        + " does not contain exactly one resource record.");
            }
            if (type == Type.SOA && values.size() != 1) {
                problems.add("RRSet of type SOA with DNS name " + DnsNames.format(name)
                        + " does not contain exactly one resource record.");
            }
            records = RecordValues.parse(name, type, ttl, values, problems);
        }
        return new RecordSet(
                name,
                type,
                setIdentifier,
                weight,
                region,
                failover,
                geo,
                multiValue,
                ttl,
                values,
                aliasTarget,
                e.childText("HealthCheckId"),
                records,
                proximity,
                cidr);
    }

    private static final Pattern CIDR_LOCATION = Pattern.compile("[0-9A-Za-z_\\-\\*]{1,16}");

    private static CidrRouting cidrRouting(XmlElement c) {
        if (c == null) {
            return null;
        }
        String collection = c.childText("CollectionId");
        String location = c.childText("LocationName");
        if (collection == null || location == null) {
            throw Route53Errors.invalidInput("1 validation error detected: Value null at "
                    + "'changeBatch.changes.1.member.resourceRecordSet.cidrRoutingConfig."
                    + (collection == null ? "collectionId" : "locationName")
                    + "' failed to satisfy constraint: Member must not be null");
        }
        if (!CIDR_LOCATION.matcher(location).matches()) {
            throw Route53Errors.invalidInput("1 validation error detected: Value '" + location + "' at "
                    + "'changeBatch.changes.1.member.resourceRecordSet.cidrRoutingConfig.locationName' failed to satisfy "
                    + "constraint: Member must satisfy regular expression pattern: [0-9A-Za-z_\\-\\*]+");
        }
        return new CidrRouting(collection.trim(), location);
    }

    private static final Pattern LATITUDE = Pattern.compile("[-+]?[0-9]{1,2}(\\.[0-9]{0,2})?");
    private static final Pattern LONGITUDE = Pattern.compile("[-+]?[0-9]{1,3}(\\.[0-9]{0,2})?");

    /** A {@code GeoProximityLocation}: exactly one of AWSRegion, LocalZoneGroup and Coordinates, and a bias of -99..99. */
    private static GeoProximity geoProximity(XmlElement g) {
        if (g == null) {
            return null;
        }
        String awsRegion = g.childText("AWSRegion");
        String localZoneGroup = g.childText("LocalZoneGroup");
        XmlElement coordinates = g.child("Coordinates");
        String latitude = coordinates == null ? null : coordinates.childText("Latitude");
        String longitude = coordinates == null ? null : coordinates.childText("Longitude");
        int given = (awsRegion != null ? 1 : 0) + (localZoneGroup != null ? 1 : 0) + (coordinates != null ? 1 : 0);
        if (given != 1) {
            throw Route53Errors.invalidInput("Invalid request: Expected exactly one of [AWSRegion, LocalZoneGroup, or "
                    + "Coordinates], but found " + (given == 0 ? "none" : "more than one")
                    + " in GeoProximityLocation");
        }
        if (coordinates != null) {
            if (latitude == null
                    || !LATITUDE.matcher(latitude.trim()).matches()
                    || Math.abs(Double.parseDouble(latitude)) > 90) {
                throw Route53Errors.invalidInput("1 validation error detected: Value '" + latitude + "' at "
                        + "'changeBatch.changes.1.member.resourceRecordSet.geoProximityLocation.coordinates.latitude' "
                        + "failed to satisfy constraint: Member must satisfy regular expression pattern: "
                        + "[-+]?[0-9]{1,2}(\\.[0-9]{0,2})?");
            }
            if (longitude == null
                    || !LONGITUDE.matcher(longitude.trim()).matches()
                    || Math.abs(Double.parseDouble(longitude)) > 180) {
                throw Route53Errors.invalidInput("1 validation error detected: Value '" + longitude + "' at "
                        + "'changeBatch.changes.1.member.resourceRecordSet.geoProximityLocation.coordinates.longitude' "
                        + "failed to satisfy constraint: Member must satisfy regular expression pattern: "
                        + "[-+]?[0-9]{1,3}(\\.[0-9]{0,2})?");
            }
        }
        Long bias = longOrNull(g.childText("Bias"), "Bias", -99, 99);
        return new GeoProximity(
                awsRegion,
                localZoneGroup,
                latitude == null ? null : latitude.trim(),
                longitude == null ? null : longitude.trim(),
                bias == null ? null : bias.intValue());
    }

    private static Long longOrNull(String text, String field, long min, long max) {
        if (text == null) {
            return null;
        }
        try {
            long v = Long.parseLong(text.trim());
            if (v < min || v > max) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException ex) {
            throw Route53Errors.invalidInput("Invalid request: " + field + " must be an integer between " + min
                    + " and " + max + ", got '" + text + "'");
        }
    }
}
