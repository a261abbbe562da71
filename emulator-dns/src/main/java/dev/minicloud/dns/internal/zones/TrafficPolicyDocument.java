package dev.minicloud.dns.internal.zones;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minicloud.internal.aws.AwsException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A traffic policy document (format {@code 2015-10-01}): a record type, endpoints and a tree of rules
 * from a start rule or endpoint. Validated on creation; an instance is compiled into ordinary record
 * sets the DNS server already answers: the start rule's sets at the instance's name, each nested rule's
 * at a hidden name under it, reached by aliases (with {@code EvaluateTargetHealth}), so health and
 * routing work exactly as for hand-made record sets. Immutable.
 */
public final class TrafficPolicyDocument {
    public static final String FORMAT_VERSION = "2015-10-01";
    /** Route 53's limit on a document's length. */
    public static final int MAX_LENGTH = 102_400;

    private static final Set<String> RECORD_TYPES =
            Set.of("A", "AAAA", "CAA", "CNAME", "MX", "NAPTR", "PTR", "SPF", "SRV", "TXT");
    private static final Set<String> ENDPOINT_TYPES = Set.of(
            "value",
            "cloudfront",
            "elastic-load-balancer",
            "application-load-balancer",
            "network-load-balancer",
            "elastic-beanstalk",
            "s3-website");

    /** How a rule picks among its items, and where the items are in the rule's JSON. */
    private enum RuleType {
        FAILOVER("failover", null),
        WEIGHTED("weighted", "Items"),
        MULTIVALUE("multivalue", "Items"),
        LATENCY("latency", "Regions"),
        GEO("geo", "Locations"),
        GEOPROXIMITY("geoproximity", "GeoproximityLocations");

        final String json;
        final String itemsField;

        RuleType(String json, String itemsField) {
            this.json = json;
            this.itemsField = itemsField;
        }

        static RuleType of(String s) {
            for (RuleType t : values()) {
                if (t.json.equals(s)) {
                    return t;
                }
            }
            return null;
        }
    }

    private record Endpoint(String type, String region, String value) {}

    /** One choice of a rule: an endpoint or another rule, with the rule type's own fields in {@code node}. */
    private record Item(
            String endpoint, String rule, String healthCheck, boolean evaluateTargetHealth, JsonNode node) {}

    private record Rule(RuleType type, List<Item> items) {}

    private final String recordType;
    private final String startEndpoint;
    private final String startRule;
    private final Map<String, Endpoint> endpoints;
    private final Map<String, Rule> rules;

    private TrafficPolicyDocument(
            String recordType,
            String startEndpoint,
            String startRule,
            Map<String, Endpoint> endpoints,
            Map<String, Rule> rules) {
        this.recordType = recordType;
        this.startEndpoint = startEndpoint;
        this.startRule = startRule;
        this.endpoints = endpoints;
        this.rules = rules;
    }

    /** The DNS type every record of the policy has ({@code A}, {@code CNAME}, ...). */
    public String recordType() {
        return recordType;
    }

    /** Validates a parsed document; every problem is Route 53's {@code InvalidTrafficPolicyDocument}. */
    public static TrafficPolicyDocument parse(JsonNode doc) {
        if (doc == null || !doc.isObject()) {
            throw invalid("The document must be a JSON object.");
        }
        if (!FORMAT_VERSION.equals(text(doc, "AWSPolicyFormatVersion"))) {
            throw invalid("AWSPolicyFormatVersion must be " + FORMAT_VERSION + ".");
        }
        String type = text(doc, "RecordType");
        if (type == null || !RECORD_TYPES.contains(type)) {
            throw invalid("Invalid RecordType: " + type + ". Valid values: " + new TreeSet<>(RECORD_TYPES));
        }
        String startEndpoint = text(doc, "StartEndpoint");
        String startRule = text(doc, "StartRule");
        if ((startEndpoint == null) == (startRule == null)) {
            throw invalid("Exactly one of StartEndpoint and StartRule is required.");
        }
        Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        JsonNode eps = doc.path("Endpoints");
        for (var it = eps.fields(); it.hasNext(); ) {
            var e = it.next();
            String epType = text(e.getValue(), "Type");
            if (epType == null || !ENDPOINT_TYPES.contains(epType)) {
                throw invalid("Endpoint " + e.getKey() + " has an invalid Type: " + epType + ".");
            }
            String value = text(e.getValue(), "Value");
            if (value == null || value.isEmpty()) {
                throw invalid("Endpoint " + e.getKey() + " has no Value.");
            }
            if (epType.equals("value")) {
                List<String> problems = new ArrayList<>();
                RecordValues.parse(Name.root, Type.value(type), 60, List.of(value), problems);
                if (!problems.isEmpty()) {
                    throw invalid("Endpoint " + e.getKey() + ": " + String.join(" ", problems));
                }
            }
            endpoints.put(e.getKey(), new Endpoint(epType, text(e.getValue(), "Region"), value));
        }
        Map<String, Rule> rules = new LinkedHashMap<>();
        for (var it = doc.path("Rules").fields(); it.hasNext(); ) {
            var r = it.next();
            rules.put(r.getKey(), rule(r.getKey(), r.getValue()));
        }
        TrafficPolicyDocument d = new TrafficPolicyDocument(type, startEndpoint, startRule, endpoints, rules);
        d.checkReferences();
        return d;
    }

    private static Rule rule(String name, JsonNode node) {
        RuleType type = RuleType.of(text(node, "RuleType"));
        if (type == null) {
            throw invalid("Rule " + name + " has an invalid RuleType: " + text(node, "RuleType") + ".");
        }
        List<Item> items = new ArrayList<>();
        if (type == RuleType.FAILOVER) {
            for (String role : new String[] {"Primary", "Secondary"}) {
                if (!node.path(role).isObject()) {
                    throw invalid("Failover rule " + name + " needs a " + role + ".");
                }
                items.add(item(name, node.path(role)));
            }
        } else {
            JsonNode list = node.path(type.itemsField);
            if (!list.isArray() || list.isEmpty()) {
                throw invalid("Rule " + name + " needs at least one entry in " + type.itemsField + ".");
            }
            list.forEach(n -> items.add(item(name, n)));
        }
        for (Item i : items) {
            checkItem(name, type, i);
        }
        return new Rule(type, items);
    }

    private static Item item(String rule, JsonNode n) {
        String endpoint = text(n, "EndpointReference");
        String ref = text(n, "RuleReference");
        if ((endpoint == null) == (ref == null)) {
            throw invalid("Each entry of rule " + rule + " needs exactly one of EndpointReference and RuleReference.");
        }
        // Route 53 evaluates a nested rule's health unless told otherwise.
        boolean evaluate =
                n.has("EvaluateTargetHealth") ? n.path("EvaluateTargetHealth").asBoolean() : ref != null;
        return new Item(endpoint, ref, text(n, "HealthCheck"), evaluate, n);
    }

    private static void checkItem(String rule, RuleType type, Item i) {
        JsonNode n = i.node();
        switch (type) {
            case WEIGHTED -> {
                long w = n.path("Weight").asLong(-1);
                if (w < 0 || w > 255) {
                    throw invalid("Weighted rule " + rule + " has an entry whose Weight is not 0 to 255.");
                }
            }
            case MULTIVALUE -> {
                if (i.rule() != null) {
                    throw invalid("Multivalue rule " + rule + " can refer to endpoints only.");
                }
            }
            case LATENCY -> {
                if (text(n, "Region") == null) {
                    throw invalid("Latency rule " + rule + " has an entry without a Region.");
                }
            }
            case GEO -> {
                boolean isDefault = n.path("IsDefault").asBoolean(false);
                if (!isDefault && text(n, "Continent") == null && text(n, "Country") == null) {
                    throw invalid("Geo rule " + rule + " has an entry with no Continent, Country or IsDefault.");
                }
            }
            case GEOPROXIMITY -> {
                boolean region = text(n, "Region") != null;
                boolean coordinates = text(n, "Latitude") != null && text(n, "Longitude") != null;
                if (region == coordinates) {
                    throw invalid("Geoproximity rule " + rule
                            + " needs exactly one of Region and Latitude/Longitude per entry.");
                }
            }
            default -> {}
        }
    }

    /** Every reference resolves, and the rules form a tree from the start (no rule reaches itself). */
    private void checkReferences() {
        if (startEndpoint != null && !endpoints.containsKey(startEndpoint)) {
            throw invalid("StartEndpoint " + startEndpoint + " is not defined in Endpoints.");
        }
        if (startRule != null) {
            walk(startRule, new HashSet<>());
        }
    }

    private void walk(String ruleName, Set<String> path) {
        Rule r = rules.get(ruleName);
        if (r == null) {
            throw invalid("Rule " + ruleName + " is referenced but not defined in Rules.");
        }
        if (!path.add(ruleName)) {
            throw invalid("Rule " + ruleName + " refers back to itself.");
        }
        for (Item i : r.items()) {
            if (i.endpoint() != null && !endpoints.containsKey(i.endpoint())) {
                throw invalid("Endpoint " + i.endpoint() + " is referenced but not defined in Endpoints.");
            }
            if (i.rule() != null) {
                walk(i.rule(), path);
            }
        }
        path.remove(ruleName);
    }

    /**
     * The record sets an instance of this policy consists of, at {@code name} in zone {@code zoneId};
     * nested rules live under {@code _<n>._tp-<id prefix>.<name>}. Value problems (an address that
     * is not one) are {@code InvalidTrafficPolicyDocument}.
     */
    public List<RecordSet> compile(Name name, long ttl, String zoneId, String instanceId) {
        int type = Type.value(recordType);
        List<RecordSet> out = new ArrayList<>();
        if (startEndpoint != null) {
            out.add(endpointSet(name, type, ttl, null, endpoints.get(startEndpoint), null, new Policy()));
            return out;
        }
        Map<String, Name> names = new LinkedHashMap<>();
        names.put(startRule, name);
        List<String> queue = new ArrayList<>(List.of(startRule));
        for (int q = 0; q < queue.size(); q++) {
            String ruleName = queue.get(q);
            Rule r = rules.get(ruleName);
            Name at = names.get(ruleName);
            for (int i = 0; i < r.items().size(); i++) {
                Item item = r.items().get(i);
                Policy policy = policy(r.type(), item, i);
                if (item.endpoint() != null) {
                    out.add(endpointSet(
                            at,
                            type,
                            ttl,
                            policy.setIdentifier,
                            endpoints.get(item.endpoint()),
                            item.healthCheck(),
                            policy));
                } else {
                    Name target = names.computeIfAbsent(item.rule(), k -> hidden(name, instanceId, names.size()));
                    if (!queue.contains(item.rule())) {
                        queue.add(item.rule());
                    }
                    out.add(policy.set(
                            at,
                            type,
                            null,
                            List.of(),
                            new AliasTarget(zoneId, DnsNames.format(target), item.evaluateTargetHealth()),
                            item.healthCheck(),
                            List.of()));
                }
            }
        }
        return out;
    }

    /** The routing fields one item gives its record set. */
    private static final class Policy {
        String setIdentifier;
        Long weight;
        String region;
        String failover;
        Map<String, String> geo = Map.of();
        Boolean multiValue;
        GeoProximity proximity;

        RecordSet set(
                Name name,
                int type,
                Long ttl,
                List<String> values,
                AliasTarget alias,
                String healthCheck,
                List<Record> records) {
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
                    alias,
                    healthCheck,
                    records,
                    proximity,
                    null);
        }
    }

    private static Policy policy(RuleType type, Item item, int index) {
        Policy p = new Policy();
        JsonNode n = item.node();
        switch (type) {
            case FAILOVER -> {
                p.failover = index == 0 ? "PRIMARY" : "SECONDARY";
                p.setIdentifier = index == 0 ? "Primary" : "Secondary";
            }
            case WEIGHTED -> p.weight = n.path("Weight").asLong();
            case MULTIVALUE -> p.multiValue = true;
            case LATENCY -> p.region = text(n, "Region");
            case GEO -> {
                Map<String, String> geo = new LinkedHashMap<>();
                if (n.path("IsDefault").asBoolean(false)) {
                    geo.put("CountryCode", "*");
                } else if (text(n, "Continent") != null) {
                    geo.put("ContinentCode", text(n, "Continent"));
                } else {
                    geo.put("CountryCode", text(n, "Country"));
                    if (text(n, "Subdivision") != null) {
                        geo.put("SubdivisionCode", text(n, "Subdivision"));
                    }
                }
                p.geo = geo;
            }
            case GEOPROXIMITY -> {
                String region = text(n, "Region");
                Integer bias = n.has("Bias") ? n.path("Bias").asInt() : null;
                p.proximity = region != null
                        ? new GeoProximity(
                                region.startsWith("aws:route53:") ? region.substring(12) : region,
                                null,
                                null,
                                null,
                                bias)
                        : new GeoProximity(null, null, text(n, "Latitude"), text(n, "Longitude"), bias);
            }
            default -> {}
        }
        if (p.setIdentifier == null) {
            p.setIdentifier = type.json + "-" + index;
        }
        return p;
    }

    private static RecordSet endpointSet(
            Name name, int type, long ttl, String setIdentifier, Endpoint e, String healthCheck, Policy policy) {
        policy.setIdentifier = setIdentifier;
        if (!e.type().equals("value")) {
            // An AWS endpoint is an alias to its DNS name: S3 website endpoints are answered with the edge's
            // address; load balancers and CloudFront are not emulated and answer nothing.
            String dnsName = e.type().equals("s3-website") && !e.value().contains(".")
                    ? e.value() + ".s3-website-" + e.region() + ".amazonaws.com"
                    : e.value();
            return policy.set(
                    name,
                    type,
                    null,
                    List.of(),
                    new AliasTarget("AWS-" + e.type(), dnsName, false),
                    healthCheck,
                    List.of());
        }
        List<String> problems = new ArrayList<>();
        List<Record> records = RecordValues.parse(name, type, ttl, List.of(e.value()), problems);
        if (!problems.isEmpty()) {
            throw invalid(String.join(" ", problems));
        }
        return policy.set(name, type, ttl, List.of(e.value()), null, healthCheck, records);
    }

    private static Name hidden(Name name, String instanceId, int n) {
        try {
            return Name.concatenate(Name.fromString("_" + n + "._tp-" + instanceId.substring(0, 8)), name);
        } catch (TextParseException | NameTooLongException e) {
            throw Route53Errors.invalidInput("The name " + DnsNames.format(name) + " is too long for a traffic policy "
                    + "instance with nested rules.");
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static AwsException invalid(String message) {
        return new AwsException(400, "InvalidTrafficPolicyDocument", message);
    }
}
