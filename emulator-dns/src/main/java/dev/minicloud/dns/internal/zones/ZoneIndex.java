package dev.minicloud.dns.internal.zones;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.Name;

/**
 * Every hosted zone of one MiniCloud at one instant, indexed the ways the DNS views look them up:
 * public zones by apex name, and each VPC's private zones by apex name. Immutable; the registry
 * publishes a new index after every change, and {@link #generation()} tells caches it changed.
 */
public final class ZoneIndex {
    static final ZoneIndex EMPTY = new ZoneIndex(Map.of(), 0);

    private final Map<String, ZoneSnapshot> byId;
    private final Map<Name, ZoneSnapshot> publicByName;
    private final Map<VpcRef, Map<Name, ZoneSnapshot>> privateByVpc;
    private final long generation;

    ZoneIndex(Map<String, ZoneSnapshot> zones, long generation) {
        this.byId = Collections.unmodifiableMap(new LinkedHashMap<>(zones));
        this.generation = generation;
        Map<Name, ZoneSnapshot> pub = new HashMap<>();
        Map<VpcRef, Map<Name, ZoneSnapshot>> priv = new HashMap<>();
        for (ZoneSnapshot z : zones.values()) {
            HostedZone hz = z.zone();
            if (hz.privateZone()) {
                for (VpcRef vpc : hz.vpcs()) {
                    priv.computeIfAbsent(vpc, v -> new HashMap<>()).putIfAbsent(hz.name(), z);
                }
            } else {
                // Two accounts may both create a public zone of one name; the oldest one is served.
                pub.merge(
                        hz.name(), z, (a, b) -> a.zone().sequence() <= b.zone().sequence() ? a : b);
            }
        }
        this.publicByName = pub;
        this.privateByVpc = priv;
    }

    public long generation() {
        return generation;
    }

    public ZoneSnapshot byId(String id) {
        return byId.get(id);
    }

    public Collection<ZoneSnapshot> zones() {
        return byId.values();
    }

    /** The VPCs that have at least one private zone: each gets a resolver endpoint. */
    public Set<VpcRef> vpcsWithPrivateZones() {
        return privateByVpc.keySet();
    }

    /** The most specific public zone containing {@code name}, or {@code null}. */
    public ZoneSnapshot publicZoneFor(Name name) {
        return closest(publicByName, name);
    }

    /** The most specific private zone of {@code vpc} containing {@code name}, or {@code null}. */
    public ZoneSnapshot privateZoneFor(VpcRef vpc, Name name) {
        Map<Name, ZoneSnapshot> m = privateByVpc.get(vpc);
        return m == null ? null : closest(m, name);
    }

    private static ZoneSnapshot closest(Map<Name, ZoneSnapshot> zones, Name name) {
        if (zones.isEmpty()) {
            return null;
        }
        for (int strip = 0; strip < name.labels(); strip++) {
            ZoneSnapshot z = zones.get(strip == 0 ? name : new Name(name, strip));
            if (z != null) {
                return z;
            }
        }
        return null;
    }
}
