package dev.minicloud.dns.internal.zones;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The locations Route 53 supports for geolocation records, in ListGeoLocations' order: the default
 * ({@code CountryCode *}), then every ISO 3166-1 country by code with the United States' states right
 * after the United States, then the seven continents. Immutable; the list is built on the first
 * geolocation call in the JVM and shared (the country names cost a warm start about a millisecond
 * each time, and loading the locale data a cold start more).
 */
public final class GeoLocationCatalog {
    /** One location; the codes that do not apply are {@code null}. */
    public record Location(
            String continentCode,
            String continentName,
            String countryCode,
            String countryName,
            String subdivisionCode,
            String subdivisionName) {}

    private static final String[][] CONTINENTS = {
        {"AF", "Africa"},
        {"AN", "Antarctica"},
        {"AS", "Asia"},
        {"EU", "Europe"},
        {"NA", "North America"},
        {"OC", "Oceania"},
        {"SA", "South America"}
    };

    private static final String[][] US_STATES = {
        {"AK", "Alaska"},
        {"AL", "Alabama"},
        {"AR", "Arkansas"},
        {"AZ", "Arizona"},
        {"CA", "California"},
        {"CO", "Colorado"},
        {"CT", "Connecticut"},
        {"DC", "District of Columbia"},
        {"DE", "Delaware"},
        {"FL", "Florida"},
        {"GA", "Georgia"},
        {"HI", "Hawaii"},
        {"IA", "Iowa"},
        {"ID", "Idaho"},
        {"IL", "Illinois"},
        {"IN", "Indiana"},
        {"KS", "Kansas"},
        {"KY", "Kentucky"},
        {"LA", "Louisiana"},
        {"MA", "Massachusetts"},
        {"MD", "Maryland"},
        {"ME", "Maine"},
        {"MI", "Michigan"},
        {"MN", "Minnesota"},
        {"MO", "Missouri"},
        {"MS", "Mississippi"},
        {"MT", "Montana"},
        {"NC", "North Carolina"},
        {"ND", "North Dakota"},
        {"NE", "Nebraska"},
        {"NH", "New Hampshire"},
        {"NJ", "New Jersey"},
        {"NM", "New Mexico"},
        {"NV", "Nevada"},
        {"NY", "New York"},
        {"OH", "Ohio"},
        {"OK", "Oklahoma"},
        {"OR", "Oregon"},
        {"PA", "Pennsylvania"},
        {"RI", "Rhode Island"},
        {"SC", "South Carolina"},
        {"SD", "South Dakota"},
        {"TN", "Tennessee"},
        {"TX", "Texas"},
        {"UT", "Utah"},
        {"VA", "Virginia"},
        {"VT", "Vermont"},
        {"WA", "Washington"},
        {"WI", "Wisconsin"},
        {"WV", "West Virginia"},
        {"WY", "Wyoming"}
    };

    /** Holds the list, so that creating a catalog (at every start) builds nothing. */
    private static final class Built {
        static final List<Location> ALL = build();
    }

    private static List<Location> build() {
        List<Location> out = new ArrayList<>();
        out.add(new Location(null, null, "*", "Default", null, null));
        String[] countries = Locale.getISOCountries();
        Arrays.sort(countries);
        for (String code : countries) {
            out.add(new Location(null, null, code, new Locale("", code).getDisplayCountry(Locale.ENGLISH), null, null));
            if (code.equals("US")) {
                for (String[] s : US_STATES) {
                    out.add(new Location(null, null, "US", "United States", s[0], s[1]));
                }
            }
        }
        for (String[] c : CONTINENTS) {
            out.add(new Location(c[0], c[1], null, null, null, null));
        }
        return List.copyOf(out);
    }

    /** Every location, in ListGeoLocations' order. */
    public List<Location> all() {
        return Built.ALL;
    }

    /**
     * GetGeoLocation: a continent alone, a country alone, or a country with a subdivision; any other
     * combination is {@code InvalidInput}, an unsupported location {@code NoSuchGeoLocation}.
     */
    public Location find(String continent, String country, String subdivision) {
        if (continent != null && (country != null || subdivision != null)) {
            throw Route53Errors.invalidInput("Invalid request: you can specify either a continent code or a country "
                    + "code with an optional subdivision code, not both");
        }
        if (continent == null && country == null) {
            throw Route53Errors.invalidInput(
                    subdivision == null
                            ? "Invalid request: a continent code or a country code is required"
                            : "Invalid request: a subdivision code requires a country code");
        }
        int i = position(continent, country, subdivision);
        if (i >= 0) {
            return Built.ALL.get(i);
        }
        throw Route53Errors.noSuchGeoLocation();
    }

    /**
     * Where ListGeoLocations starts: the first location at or after the start codes (continents only
     * with {@code startcontinentcode}; countries, then their subdivisions, otherwise).
     */
    public int indexOf(String continent, String country, String subdivision) {
        if (continent == null && country == null && subdivision == null) {
            return 0;
        }
        if (continent != null && (country != null || subdivision != null)) {
            throw Route53Errors.invalidInput("Invalid request: startcontinentcode can't be combined with "
                    + "startcountrycode or startsubdivisioncode");
        }
        if (subdivision != null && country == null) {
            throw Route53Errors.invalidInput("Invalid request: startsubdivisioncode requires startcountrycode");
        }
        int i = position(continent, country, subdivision);
        if (i >= 0) {
            return i;
        }
        throw Route53Errors.invalidInput("Invalid request: the start location is not a supported geographic location");
    }

    private int position(String continent, String country, String subdivision) {
        List<Location> all = Built.ALL;
        for (int i = 0; i < all.size(); i++) {
            Location l = all.get(i);
            boolean match = continent != null
                    ? continent.equals(l.continentCode())
                    : country.equals(l.countryCode()) && Objects.equals(subdivision, l.subdivisionCode());
            if (match) {
                return i;
            }
        }
        return -1;
    }
}
