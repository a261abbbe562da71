package dev.minicloud.dns.internal.zones;

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
            Network n = network(cidr);
            out.add(new Entry<>(n.address(), n.prefix(), values.apply(text.trim())));
        });
        out.sort(Comparator.comparingInt((Entry<V> e) -> e.prefix).reversed());
        return new SubnetTable<>(out);
    }

    /**
     * A table from (subnet, value) pairs already checked by {@link #network}; for CIDR collections.
     */
    public static <V> SubnetTable<V> of(List<Map.Entry<String, V>> pairs) {
        List<Entry<V>> out = new ArrayList<>();
        for (Map.Entry<String, V> p : pairs) {
            Network n = network(p.getKey());
            out.add(new Entry<>(n.address(), n.prefix(), p.getValue()));
        }
        out.sort(Comparator.comparingInt((Entry<V> e) -> e.prefix).reversed());
        return new SubnetTable<>(out);
    }

    /** A parsed subnet: its address bytes and prefix length. */
    public record Network(byte[] address, int prefix) {
        /** Whether the address has no bit set beyond the prefix ({@code 192.0.2.0/24}, not {@code 192.0.2.1/24}). */
        public boolean isNetworkAddress() {
            for (int bit = prefix; bit < address.length * 8; bit++) {
                if ((address[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Parses {@code address/prefix}.
     *
     * @throws IllegalArgumentException when it is not one
     */
    public static Network network(String cidr) {
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
            throw new IllegalArgumentException(
                    "'" + cidr + "': prefix " + prefix + " (expected: 0-" + bytes.length * 8 + ")");
        }
        return new Network(bytes, prefix);
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
