package dev.minicloud.dns.internal.zones;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Validates a change batch against one zone and applies it, in order, to a private copy of the zone's
 * record sets. Every problem is collected (Route 53 reports them all at once); if there is any, the
 * batch fails as a whole with {@code InvalidChangeBatch} and the zone is untouched. Because changes
 * are applied in order, a DELETE followed by a CREATE of the same set in one batch works.
 */
public final class ChangeBatchApplier {
    /** Route 53's limit on changes in one batch. */
    public static final int MAX_CHANGES = 1000;

    private ChangeBatchApplier() {}

    /** The new snapshot, or throws {@code InvalidChangeBatch} listing every problem. */
    public static ZoneSnapshot apply(ZoneSnapshot current, List<Change> changes) {
        if (changes.isEmpty()) {
            throw Route53Errors.invalidInput("1 validation error detected: Value null at 'changeBatch.changes' failed "
                    + "to satisfy constraint: Member must not be null");
        }
        if (changes.size() > MAX_CHANGES) {
            throw Route53Errors.invalidChangeBatch(List.of("Number of records limit of " + MAX_CHANGES + " exceeded."));
        }
        HostedZone zone = current.zone();
        Name apex = zone.name();
        String zoneName = DnsNames.format(apex);
        TreeMap<RecordKey, RecordSet> work = new TreeMap<>(current.records());
        // name -> type -> count of sets, to check CNAME exclusivity and routed/simple mixing cheaply
        Map<Name, Map<Integer, Integer>> types = new HashMap<>();
        for (RecordKey k : work.keySet()) {
            types.computeIfAbsent(k.name(), n -> new HashMap<>()).merge(k.type(), 1, Integer::sum);
        }
        List<String> problems = new ArrayList<>();
        for (Change change : changes) {
            RecordSet rs = change.recordSet();
            String label = describe(rs);
            if (!rs.name().subdomain(apex)) {
                problems.add(
                        "RRSet with DNS name " + DnsNames.format(rs.name()) + " is not permitted in zone " + zoneName);
                continue;
            }
            if (rs.type() == Type.SOA && !rs.name().equals(apex)) {
                problems.add("RRSet of type SOA with DNS name " + DnsNames.format(rs.name())
                        + " is not permitted because SOA records are only permitted at the zone apex in zone "
                        + zoneName);
                continue;
            }
            RecordSet existing = work.get(rs.key());
            switch (change.action()) {
                case CREATE -> {
                    if (existing != null) {
                        problems.add("Tried to create resource record set " + label + " but it already exists");
                        continue;
                    }
                    if (!checkConflicts(rs, apex, zoneName, types, work, problems)) {
                        continue;
                    }
                    put(work, types, rs);
                }
                case UPSERT -> {
                    if (existing == null && !checkConflicts(rs, apex, zoneName, types, work, problems)) {
                        continue;
                    }
                    if (existing != null) {
                        remove(work, types, existing);
                    }
                    put(work, types, rs);
                }
                case DELETE -> {
                    if (existing == null) {
                        problems.add("Tried to delete resource record set " + label + " but it was not found");
                        continue;
                    }
                    if (!sameContent(existing, rs)) {
                        problems.add("Tried to delete resource record set " + label
                                + " but the values provided do not match the current values");
                        continue;
                    }
                    if (rs.name().equals(apex) && rs.type() == Type.SOA) {
                        problems.add("A HostedZone must contain exactly one SOA record.");
                        continue;
                    }
                    if (rs.name().equals(apex) && rs.type() == Type.NS) {
                        problems.add("A HostedZone must contain at least one NS record for the zone itself.");
                        continue;
                    }
                    remove(work, types, existing);
                }
                default -> throw new IllegalStateException("unknown action " + change.action());
            }
        }
        // Alias targets inside this zone must exist once the whole batch is applied.
        for (Change change : changes) {
            RecordSet rs = change.recordSet();
            if (change.action() != Change.Action.DELETE
                    && rs.isAlias()
                    && zone.id().equals(ZoneIds.bare(rs.aliasTarget().hostedZoneId()))) {
                Name target = DnsNames.parse(rs.aliasTarget().dnsName());
                if (!types.getOrDefault(target, Map.of()).containsKey(rs.type())
                        && !types.getOrDefault(target, Map.of()).containsKey(Type.CNAME)) {
                    problems.add("Tried to create an alias that targets " + DnsNames.format(target) + ", type "
                            + Type.string(rs.type()) + " in zone " + zone.id() + ", but that target was not found");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw Route53Errors.invalidChangeBatch(problems);
        }
        return new ZoneSnapshot(zone, work);
    }

    private static boolean checkConflicts(
            RecordSet rs,
            Name apex,
            String zoneName,
            Map<Name, Map<Integer, Integer>> types,
            TreeMap<RecordKey, RecordSet> work,
            List<String> problems) {
        Map<Integer, Integer> here = types.getOrDefault(rs.name(), Map.of());
        String name = DnsNames.format(rs.name());
        if (rs.type() == Type.CNAME) {
            if (rs.name().equals(apex)) {
                problems.add(
                        "RRSet of type CNAME with DNS name " + name + " is not permitted at apex in zone " + zoneName);
                return false;
            }
            for (Integer t : here.keySet()) {
                if (t != Type.CNAME) {
                    problems.add("RRSet of type CNAME with DNS name " + name
                            + " is not permitted because a conflicting " + "RRSet of type " + Type.string(t)
                            + " with the same DNS name already exists in zone " + zoneName);
                    return false;
                }
            }
        } else if (here.containsKey(Type.CNAME)) {
            problems.add("RRSet of type " + Type.string(rs.type()) + " with DNS name " + name + " is not permitted "
                    + "because a conflicting RRSet of type CNAME with the same DNS name already exists in zone "
                    + zoneName);
            return false;
        }
        if (here.containsKey(rs.type())) {
            // Simple and routed sets of one name and type cannot be mixed.
            boolean existingRouted = !work.containsKey(new RecordKey(rs.name(), rs.type(), null));
            if (existingRouted != rs.isRouted()) {
                problems.add("RRSet with DNS name " + name + ", type " + Type.string(rs.type())
                        + (rs.isRouted() ? ", SetIdentifier " + rs.setIdentifier() : "")
                        + " cannot be created as a " + (rs.isRouted() ? "non-weighted" : "weighted")
                        + " set exists with the same name and type.");
                return false;
            }
        }
        return true;
    }

    private static void put(TreeMap<RecordKey, RecordSet> work, Map<Name, Map<Integer, Integer>> types, RecordSet rs) {
        work.put(rs.key(), rs);
        types.computeIfAbsent(rs.name(), n -> new HashMap<>()).merge(rs.type(), 1, Integer::sum);
    }

    private static void remove(
            TreeMap<RecordKey, RecordSet> work, Map<Name, Map<Integer, Integer>> types, RecordSet rs) {
        work.remove(rs.key());
        Map<Integer, Integer> m = types.get(rs.name());
        if (m != null && m.merge(rs.type(), -1, Integer::sum) <= 0) {
            m.remove(rs.type());
            if (m.isEmpty()) {
                types.remove(rs.name());
            }
        }
    }

    /** DELETE must name the set exactly: same TTL, values (in any order), alias target and routing fields. */
    private static boolean sameContent(RecordSet a, RecordSet b) {
        boolean sameRouting = Objects.equals(a.weight(), b.weight())
                && Objects.equals(a.region(), b.region())
                && Objects.equals(a.failover(), b.failover())
                && Objects.equals(a.multiValueAnswer(), b.multiValueAnswer())
                && Objects.equals(a.geoLocation(), b.geoLocation())
                && Objects.equals(a.healthCheckId(), b.healthCheckId())
                && Objects.equals(a.geoProximity(), b.geoProximity())
                && Objects.equals(a.cidrRouting(), b.cidrRouting());
        if (!sameRouting) {
            return false;
        }
        if (a.isAlias() || b.isAlias()) {
            return a.isAlias()
                    && b.isAlias()
                    && ZoneIds.bare(a.aliasTarget().hostedZoneId())
                            .equals(ZoneIds.bare(b.aliasTarget().hostedZoneId()))
                    && DnsNames.parse(a.aliasTarget().dnsName())
                            .equals(DnsNames.parse(b.aliasTarget().dnsName()));
        }
        return Objects.equals(a.ttl(), b.ttl())
                && a.records().size() == b.records().size()
                && new HashSet<>(a.records()).equals(new HashSet<>(b.records()));
    }

    static String describe(RecordSet rs) {
        return "[name='" + DnsNames.format(rs.name()) + "', type='" + Type.string(rs.type()) + "'"
                + (rs.setIdentifier() == null ? "" : ", set-identifier='" + rs.setIdentifier() + "'") + "]";
    }
}
