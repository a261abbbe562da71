package dev.minicloud.dns.internal.zones;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One CIDR collection (IP-based routing): id (a UUID), account, name, caller reference, version
 * (1, then one more per change), and its locations, each a list of CIDR blocks. Immutable; a change
 * builds a new one, and the lookup table for DNS answers is built once with it.
 */
public record CidrCollection(
        String id,
        String account,
        String name,
        String callerReference,
        long version,
        SortedMap<String, List<String>> locations,
        SubnetTable<String> table) {

    public static CidrCollection create(String id, String account, String name, String callerReference) {
        return new CidrCollection(id, account, name, callerReference, 1, new TreeMap<>(), SubnetTable.empty());
    }

    public CidrCollection {
        TreeMap<String, List<String>> copy = new TreeMap<>();
        locations.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        locations = Collections.unmodifiableSortedMap(copy);
    }

    CidrCollection withLocations(SortedMap<String, List<String>> newLocations) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        newLocations.forEach((location, cidrs) -> cidrs.forEach(c -> pairs.add(Map.entry(c, location))));
        return new CidrCollection(id, account, name, callerReference, version + 1, newLocations, SubnetTable.of(pairs));
    }

    public String arn() {
        return "arn:aws:route53:::cidrcollection/" + id;
    }

    /** The location whose CIDR block contains {@code client} most specifically, or {@code null}. */
    public String locationOf(InetAddress client) {
        return table.find(client);
    }
}
