package dev.minicloud.dns.internal.zones;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * One hosted zone at one instant: its metadata and every record set, plus the indexes the DNS
 * server needs (sets by name and type, every existing name including empty non-terminals, the
 * delegation points). Never modified: a change batch builds a new snapshot and the registry swaps
 * it in atomically, so a query sees a batch wholly or not at all and readers never lock.
 */
public final class ZoneSnapshot {
    private final HostedZone zone;
    private final NavigableMap<RecordKey, RecordSet> records;
    private final Map<Name, Map<Integer, List<RecordSet>>> byName;
    private final Set<Name> existingNames;
    private final Set<Name> delegations;
    private final SOARecord soa;

    public ZoneSnapshot(HostedZone zone, NavigableMap<RecordKey, RecordSet> records) {
        this.zone = zone;
        this.records = Collections.unmodifiableNavigableMap(new TreeMap<>(records));
        Map<Name, Map<Integer, List<RecordSet>>> index = new HashMap<>();
        Set<Name> names = new HashSet<>();
        Set<Name> cuts = new HashSet<>();
        SOARecord apexSoa = null;
        for (RecordSet rs : records.values()) {
            index.computeIfAbsent(rs.name(), n -> new HashMap<>())
                    .computeIfAbsent(rs.type(), t -> new ArrayList<>())
                    .add(rs);
            for (Name n = rs.name(); n.labels() >= zone.name().labels(); n = new Name(n, 1)) {
                if (!names.add(n)) {
                    break;
                }
                if (n.labels() == zone.name().labels()) {
                    break;
                }
            }
            if (rs.type() == Type.NS && !rs.name().equals(zone.name())) {
                cuts.add(rs.name());
            }
            if (rs.type() == Type.SOA
                    && rs.name().equals(zone.name())
                    && !rs.records().isEmpty()) {
                apexSoa = (SOARecord) rs.records().get(0);
            }
        }
        this.byName = index;
        this.existingNames = names;
        this.delegations = cuts;
        this.soa = apexSoa;
    }

    public HostedZone zone() {
        return zone;
    }

    public Name apex() {
        return zone.name();
    }

    /** Every record set in ListResourceRecordSets order. */
    public NavigableMap<RecordKey, RecordSet> records() {
        return records;
    }

    /** The record sets of one name and type (several when a routing policy is used); empty if none. */
    public List<RecordSet> find(Name name, int type) {
        Map<Integer, List<RecordSet>> m = byName.get(name);
        if (m == null) {
            return List.of();
        }
        List<RecordSet> l = m.get(type);
        return l == null ? List.of() : l;
    }

    /** Every record set at one name, by type; empty if none (an empty non-terminal has none). */
    public Map<Integer, List<RecordSet>> at(Name name) {
        Map<Integer, List<RecordSet>> m = byName.get(name);
        return m == null ? Map.of() : m;
    }

    /** Whether the name exists in the zone: it owns records or is an empty non-terminal above some. */
    public boolean exists(Name name) {
        return existingNames.contains(name);
    }

    /** Whether {@code name} (below the apex) owns NS records, i.e. is a delegation point. */
    public boolean isDelegation(Name name) {
        return delegations.contains(name);
    }

    public boolean hasDelegations() {
        return !delegations.isEmpty();
    }

    public SOARecord soa() {
        return soa;
    }

    public int recordSetCount() {
        return records.size();
    }
}
