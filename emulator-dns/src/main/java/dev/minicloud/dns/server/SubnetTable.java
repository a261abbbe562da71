package dev.minicloud.dns.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Client subnets to values (a region, a location), matched longest prefix first: how the DNS server
 * places a client for latency and geolocation records, from the query's EDNS Client Subnet or its
 * source address. Immutable.
 */
public final class SubnetTable<V> {
    private record Entry<V>(byte[] network, int prefix, V value) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Entry<V>> entries;

    private SubnetTable(List<Entry<V>> entries) {
        this.entries = List.copyOf(entries);
    }

    public static <V> SubnetTable<V> empty() {
        return new SubnetTable<>(List.of());
    }

    /**
     * A table from {@code CIDR -> text} pairs; each text is turned into a value by {@code values}.
     *
     * @throws IllegalArgumentException naming the first subnet that is not {@code address/prefix}
     */
    public static <V> SubnetTable<V> parse(Map<String, String> pairs, Function<String, V> values) {
        List<Entry<V>> out = new ArrayList<>();
        pairs.forEach((cidr, text) -> {
            int slash = cidr.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("'" + cidr + "' is not a subnet (expected: address/prefix)");
            }
            String address = cidr.substring(0, slash).trim();
            if (!address.matches("[0-9a-fA-F.:]+")) {
                throw new IllegalArgumentException("'" + cidr + "' is not a subnet (expected: an IP address before /)");
            }
            byte[] bytes;
            int prefix;
            try {
                bytes = InetAddress.getByName(address).getAddress(); // an IP literal: no lookup
                prefix = Integer.parseInt(cidr.substring(slash + 1).trim());
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("'" + cidr + "' is not a subnet (expected: address/prefix)");
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("'" + cidr + "': prefix " + prefix + " (expected: 0-" + bytes.length * 8 + ")");
            }
            out.add(new Entry<>(bytes, prefix, values.apply(text.trim())));
        });
        out.sort(Comparator.comparingInt((Entry<V> e) -> e.prefix).reversed());
        return new SubnetTable<>(out);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The value of the most specific subnet containing {@code address}, or {@code null}. */
    public V find(InetAddress address) {
        if (address == null) {
            return null;
        }
        byte[] bytes = address.getAddress();
        for (Entry<V> e : entries) {
            if (e.contains(bytes)) {
                return e.value;
            }
        }
        return null;
    }
}
