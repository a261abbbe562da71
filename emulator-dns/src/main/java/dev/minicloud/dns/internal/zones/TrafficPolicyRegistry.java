package dev.minicloud.dns.internal.zones;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minicloud.internal.aws.AwsException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Traffic policies (with their versions) and traffic policy instances. An instance's record sets are
 * put into its zone through {@link ZoneRegistry#changeRecordSets}, in one atomic batch, and belong to the
 * instance: ChangeResourceRecordSets may not touch them ({@link #ownedBy}), and ListResourceRecordSets
 * shows one set per instance in their place.
 *
 * <p>Concurrency: every method is synchronized on this registry; it calls the zone registry while
 * holding its lock, never the other way round.
 */
public final class TrafficPolicyRegistry {
    /** Route 53's limit on versions of one policy. */
    public static final int MAX_VERSIONS = 1000;

    private final ZoneRegistry zones;
    private final Random ids;
    private final Map<String, List<Version>> policies = new LinkedHashMap<>();
    private final Map<String, TrafficPolicyInstance> instances = new LinkedHashMap<>();
    /** The record sets each instance put into its zone, to delete exactly those. */
    private final Map<String, List<RecordSet>> compiled = new LinkedHashMap<>();
    /** Made on the first document: an ObjectMapper costs a cold start about 100 ms. */
    private ObjectMapper json;

    /** A stored version; a deleted one stays readable by id and version, as on Route 53. */
    private record Version(TrafficPolicy policy, TrafficPolicyDocument document, boolean deleted) {}

    public TrafficPolicyRegistry(ZoneRegistry zones, Random ids) {
        this.zones = zones;
        this.ids = ids;
    }

    public synchronized TrafficPolicy create(String account, String name, String document, String comment) {
        for (List<Version> versions : policies.values()) {
            TrafficPolicy p = versions.get(0).policy();
            if (p.account().equals(account)
                    && p.name().equals(name)
                    && versions.stream().anyMatch(v -> !v.deleted())) {
                throw new AwsException(
                        409,
                        "TrafficPolicyAlreadyExists",
                        "A traffic policy that has the same value for Name already exists.");
            }
        }
        long max = zones.limits().value(Route53Limit.MAX_TRAFFIC_POLICIES_BY_OWNER);
        if (policyCount(account) >= max) {
            throw new AwsException(
                    400,
                    "TooManyTrafficPolicies",
                    "Limits Exceeded: " + Route53Limit.MAX_TRAFFIC_POLICIES_BY_OWNER + " - Cannot create more than "
                            + max + " traffic policies.");
        }
        TrafficPolicyDocument doc = parse(document);
        String id = new UUID(ids.nextLong(), ids.nextLong()).toString();
        TrafficPolicy p = new TrafficPolicy(id, 1, account, name, doc.recordType(), document, comment);
        List<Version> versions = new ArrayList<>();
        versions.add(new Version(p, doc, false));
        policies.put(id, versions);
        return p;
    }

    /** CreateTrafficPolicyVersion: the next version, of the same DNS type. */
    public synchronized TrafficPolicy newVersion(String account, String id, String document, String comment) {
        List<Version> versions = versions(account, id);
        if (versions.size() >= MAX_VERSIONS) {
            throw new AwsException(
                    400,
                    "TooManyTrafficPolicyVersionsForCurrentPolicy",
                    "This traffic policy already "
                            + "has the maximum number of versions (" + MAX_VERSIONS
                            + "); delete the traffic policy and create "
                            + "a new one.");
        }
        TrafficPolicyDocument doc = parse(document);
        TrafficPolicy first = versions.get(0).policy();
        if (!doc.recordType().equals(first.type())) {
            throw TrafficPolicyDocument.invalid("A new version must have the same RecordType as the traffic policy ("
                    + first.type() + "), not " + doc.recordType() + ".");
        }
        TrafficPolicy p =
                new TrafficPolicy(id, versions.size() + 1, account, first.name(), doc.recordType(), document, comment);
        versions.add(new Version(p, doc, false));
        return p;
    }

    public synchronized TrafficPolicy get(String account, String id, int version) {
        return version(account, id, version).policy();
    }

    public synchronized TrafficPolicy updateComment(String account, String id, int version, String comment) {
        List<Version> versions = versions(account, id);
        Version v = version(account, id, version);
        TrafficPolicy updated = v.policy().withComment(comment);
        versions.set(version - 1, new Version(updated, v.document(), v.deleted()));
        return updated;
    }

    /** DeleteTrafficPolicy: the version is hidden from lists but stays readable; refused while instances use it. */
    public synchronized void delete(String account, String id, int version) {
        Version v = version(account, id, version);
        if (v.deleted()) {
            throw noSuchPolicy(id, version);
        }
        if (instances.values().stream().anyMatch(i -> i.policyId().equals(id) && i.policyVersion() == version)) {
            throw new AwsException(
                    400,
                    "TrafficPolicyInUse",
                    "One or more traffic policy instances were created by " + "using the specified traffic policy.");
        }
        versions(account, id).set(version - 1, new Version(v.policy(), v.document(), true));
    }

    /** One summary per policy of the account with a version not deleted: the latest version and how many exist. */
    public record Summary(TrafficPolicy latest, int versions) {}

    public synchronized List<Summary> list(String account) {
        List<Summary> out = new ArrayList<>();
        for (List<Version> versions : policies.values()) {
            List<Version> live = versions.stream().filter(v -> !v.deleted()).toList();
            if (!live.isEmpty() && live.get(0).policy().account().equals(account)) {
                out.add(new Summary(live.get(live.size() - 1).policy(), live.size()));
            }
        }
        return out;
    }

    /** The versions of one policy not deleted, oldest first. */
    public synchronized List<TrafficPolicy> liveVersions(String account, String id) {
        return versions(account, id).stream()
                .filter(v -> !v.deleted())
                .map(Version::policy)
                .toList();
    }

    /** CreateTrafficPolicyInstance: compiles the version at {@code name} and puts its record sets into the zone. */
    public synchronized TrafficPolicyInstance createInstance(
            String account, String zoneId, Name name, long ttl, String policyId, int version) {
        ZoneSnapshot zone = zones.zone(account, zoneId);
        Version v = version(account, policyId, version);
        if (v.deleted()) {
            throw noSuchPolicy(policyId, version);
        }
        int type = Type.value(v.policy().type());
        if (!name.subdomain(zone.apex())) {
            throw Route53Errors.invalidInput("The name " + DnsNames.format(name) + " is not in hosted zone "
                    + DnsNames.format(zone.apex()) + ".");
        }
        if (!zone.find(name, type).isEmpty()
                || instances.values().stream()
                        .anyMatch(i -> i.hostedZoneId().equals(zone.zone().id())
                                && i.name().equals(name)
                                && Type.value(i.policyType()) == type)) {
            throw new AwsException(
                    409,
                    "TrafficPolicyInstanceAlreadyExists",
                    "There is already a traffic policy "
                            + "instance or a resource record set named " + DnsNames.format(name) + " with type "
                            + v.policy().type() + " in hosted zone "
                            + zone.zone().id() + ".");
        }
        long max = zones.limits().value(Route53Limit.MAX_TRAFFIC_POLICY_INSTANCES_BY_OWNER);
        if (instanceCount(account) >= max) {
            throw new AwsException(
                    400,
                    "TooManyTrafficPolicyInstances",
                    "Limits Exceeded: "
                            + Route53Limit.MAX_TRAFFIC_POLICY_INSTANCES_BY_OWNER + " - Cannot create more than " + max
                            + " traffic policy instances.");
        }
        String id = new UUID(ids.nextLong(), ids.nextLong()).toString();
        List<RecordSet> sets = v.document().compile(name, ttl, zone.zone().id(), id);
        zones.changeRecordSets(account, zone.zone().id(), changes(Change.Action.CREATE, sets), null);
        TrafficPolicyInstance instance = new TrafficPolicyInstance(
                id,
                account,
                zone.zone().id(),
                name,
                ttl,
                policyId,
                version,
                v.policy().type(),
                keys(sets));
        instances.put(id, instance);
        compiled.put(id, sets);
        return instance;
    }

    /** UpdateTrafficPolicyInstance: the instance's sets replaced by another version's, in one batch. */
    public synchronized TrafficPolicyInstance updateInstance(
            String account, String id, long ttl, String policyId, int version) {
        TrafficPolicyInstance old = instance(account, id);
        Version v = version(account, policyId, version);
        if (v.deleted()) {
            throw noSuchPolicy(policyId, version);
        }
        if (!v.policy().type().equals(old.policyType())) {
            throw new AwsException(
                    400,
                    "ConflictingTypes",
                    "You tried to update a traffic policy instance by using a "
                            + "traffic policy version that has a different DNS type than the current type for the instance.");
        }
        List<RecordSet> sets = v.document().compile(old.name(), ttl, old.hostedZoneId(), id);
        List<Change> batch = new ArrayList<>(changes(Change.Action.DELETE, compiled.get(id)));
        batch.addAll(changes(Change.Action.CREATE, sets));
        zones.changeRecordSets(account, old.hostedZoneId(), batch, null);
        TrafficPolicyInstance updated = new TrafficPolicyInstance(
                id, account, old.hostedZoneId(), old.name(), ttl, policyId, version, old.policyType(), keys(sets));
        instances.put(id, updated);
        compiled.put(id, sets);
        return updated;
    }

    /** DeleteTrafficPolicyInstance: its record sets leave the zone with it. */
    public synchronized void deleteInstance(String account, String id) {
        TrafficPolicyInstance i = instance(account, id);
        zones.changeRecordSets(account, i.hostedZoneId(), changes(Change.Action.DELETE, compiled.get(id)), null);
        instances.remove(id);
        compiled.remove(id);
    }

    public synchronized TrafficPolicyInstance instance(String account, String id) {
        TrafficPolicyInstance i = instances.get(id);
        if (i == null || !i.account().equals(account)) {
            throw new AwsException(
                    404,
                    "NoSuchTrafficPolicyInstance",
                    "No traffic policy instance exists with the " + "specified ID: " + id);
        }
        return i;
    }

    /** Instances of the account matching {@code filter}, by zone id, then name, then type (the listing order). */
    public synchronized List<TrafficPolicyInstance> instances(String account, Predicate<TrafficPolicyInstance> filter) {
        List<TrafficPolicyInstance> out = new ArrayList<>();
        for (TrafficPolicyInstance i : instances.values()) {
            if (i.account().equals(account) && filter.test(i)) {
                out.add(i);
            }
        }
        out.sort(Comparator.comparing(TrafficPolicyInstance::hostedZoneId)
                .thenComparing(TrafficPolicyInstance::name)
                .thenComparing(TrafficPolicyInstance::policyType));
        return out;
    }

    /** The instances of one zone: ListResourceRecordSets shows them in place of their record sets. */
    public synchronized List<TrafficPolicyInstance> instancesInZone(String zoneId) {
        List<TrafficPolicyInstance> out = new ArrayList<>();
        for (TrafficPolicyInstance i : instances.values()) {
            if (i.hostedZoneId().equals(zoneId)) {
                out.add(i);
            }
        }
        return out;
    }

    /** The instance that owns a record set of a zone, or {@code null}. */
    public synchronized TrafficPolicyInstance ownedBy(String zoneId, RecordKey key) {
        for (TrafficPolicyInstance i : instances.values()) {
            if (i.hostedZoneId().equals(zoneId) && i.keys().contains(key)) {
                return i;
            }
        }
        return null;
    }

    public synchronized int policyCount(String account) {
        return list(account).size();
    }

    public synchronized int instanceCount(String account) {
        return (int) instances.values().stream()
                .filter(i -> i.account().equals(account))
                .count();
    }

    public synchronized void reset() {
        policies.clear();
        instances.clear();
        compiled.clear();
    }

    private TrafficPolicyDocument parse(String document) {
        if (document == null || document.isEmpty()) {
            throw TrafficPolicyDocument.invalid("The traffic policy document is empty.");
        }
        if (document.length() > TrafficPolicyDocument.MAX_LENGTH) {
            throw TrafficPolicyDocument.invalid(
                    "The traffic policy document is longer than " + TrafficPolicyDocument.MAX_LENGTH + " characters.");
        }
        if (json == null) {
            json = new ObjectMapper();
        }
        JsonNode node;
        try {
            node = json.readTree(document);
        } catch (JsonProcessingException e) {
            throw TrafficPolicyDocument.invalid(
                    "The traffic policy document is not valid JSON: " + e.getOriginalMessage());
        }
        return TrafficPolicyDocument.parse(node);
    }

    private List<Version> versions(String account, String id) {
        List<Version> versions = policies.get(id);
        if (versions == null || !versions.get(0).policy().account().equals(account)) {
            throw noSuchPolicy(id, null);
        }
        return versions;
    }

    private Version version(String account, String id, int version) {
        List<Version> versions = versions(account, id);
        if (version < 1 || version > versions.size()) {
            throw noSuchPolicy(id, version);
        }
        return versions.get(version - 1);
    }

    private static AwsException noSuchPolicy(String id, Integer version) {
        return new AwsException(
                404,
                "NoSuchTrafficPolicy",
                "No traffic policy found with ID " + id + (version == null ? "" : " and version " + version) + ".");
    }

    private static List<Change> changes(Change.Action action, List<RecordSet> sets) {
        List<Change> out = new ArrayList<>();
        sets.forEach(s -> out.add(new Change(action, s)));
        return out;
    }

    private static Set<RecordKey> keys(List<RecordSet> sets) {
        Set<RecordKey> out = new HashSet<>();
        sets.forEach(s -> out.add(s.key()));
        return out;
    }
}
