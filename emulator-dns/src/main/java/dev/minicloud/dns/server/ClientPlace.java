package dev.minicloud.dns.server;

import java.net.InetAddress;
import java.util.Arrays;
/**
 * Where a query's client is, as far as the configured subnet tables say: its AWS region (latency
 * records) and its location (geolocation records), each {@code null} when unknown, and the address
 * it is known by (its EDNS Client Subnet or source address, for CIDR collections). The endpoint's own
 * region stands in for an unknown client region.
 */
public record ClientPlace(String region, GeoPlace location, InetAddress address) {
    static final ClientPlace UNKNOWN = new ClientPlace(null, null, null);

    boolean isKnown() {
        return region != null || location != null;
    }

    /** A continent code, optionally a country code and a subdivision code: {@code EU}, {@code NA/US/CA}. */
    public record GeoPlace(String continent, String country, String subdivision) {
        /**
         * Parses {@code continent[/country[/subdivision]]}.
         *
         * @throws IllegalArgumentException for an empty part or more than three
         */
        public static GeoPlace parse(String text) {
            String[] parts = text.split("/", -1);
            if (parts.length > 3 || Arrays.stream(parts).anyMatch(p -> p.isBlank())) {
                throw new IllegalArgumentException("'" + text + "' is not a location (expected: continent[/country[/subdivision]], "
                        + "e.g. EU/DE or NA/US/CA)");
            }
            return new GeoPlace(parts[0].trim(), parts.length > 1 ? parts[1].trim() : null,
                    parts.length > 2 ? parts[2].trim() : null);
        }
    }
}
