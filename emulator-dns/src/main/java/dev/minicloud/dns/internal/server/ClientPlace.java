package dev.minicloud.dns.internal.server;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * Where a query's client is, as far as the configured subnet tables say: its AWS region (latency
 * records), its location (geolocation records) and coordinates (geoproximity records), each
 * {@code null} when unknown, and the address
 * it is known by (its EDNS Client Subnet or source address, for CIDR collections). The endpoint's own
 * region stands in for an unknown client region.
 */
public record ClientPlace(String region, GeoPlace location, InetAddress address, Coordinates coordinates) {
    static final ClientPlace UNKNOWN = new ClientPlace(null, null, null, null);

    boolean isKnown() {
        return region != null || location != null || coordinates != null;
    }

    /** Where on earth a client is, for geoproximity records: latitude -90..90, longitude -180..180, in degrees. */
    public record Coordinates(double latitude, double longitude) {
        /**
         * Parses {@code latitude:longitude}, e.g. {@code 48.86:2.35}.
         *
         * @throws IllegalArgumentException for anything else or a value out of range
         */
        public static Coordinates parse(String text) {
            String[] parts = text.split(":", -1);
            try {
                if (parts.length == 2) {
                    double lat = Double.parseDouble(parts[0].trim());
                    double lon = Double.parseDouble(parts[1].trim());
                    if (lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180) {
                        return new Coordinates(lat, lon);
                    }
                }
            } catch (NumberFormatException e) {
                // falls through to the message below
            }
            throw new IllegalArgumentException("'" + text + "' is not latitude:longitude (degrees, e.g. 48.86:2.35)");
        }

        double[] asArray() {
            return new double[] {latitude, longitude};
        }
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
                throw new IllegalArgumentException(
                        "'" + text + "' is not a location (expected: continent[/country[/subdivision]], "
                                + "e.g. EU/DE or NA/US/CA)");
            }
            return new GeoPlace(
                    parts[0].trim(),
                    parts.length > 1 ? parts[1].trim() : null,
                    parts.length > 2 ? parts[2].trim() : null);
        }
    }
}
