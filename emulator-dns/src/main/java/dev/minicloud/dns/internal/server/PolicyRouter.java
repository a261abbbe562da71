package dev.minicloud.dns.internal.server;

import dev.minicloud.dns.internal.zones.RecordSet;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Route 53's routing policies over the record sets of one name and type, given which of them are
 * healthy (their health check passes; an alias with {@code EvaluateTargetHealth} has a healthy
 * target). Route 53's rule for a group in which no set is healthy: every set counts as healthy and the
 * policy chooses as usual.
 * <ul>
 *   <li>failover: the {@code PRIMARY} while healthy, else the {@code SECONDARY};</li>
 *   <li>weighted: by weight among the healthy sets of weight above 0, then among healthy sets of weight
 *       0 (each equally likely), else among all;</li>
 *   <li>multivalue: up to 8 healthy records, in random order (up to 8 of all when none is healthy);</li>
 *   <li>latency: the healthy set in the client's region (from the subnet table) or else the endpoint's,
 *       else one on the same continent (the region name's first part, {@code eu} in {@code eu-west-1}),
 *       else the first; a stand-in for measured latency;</li>
 *   <li>geolocation: by the client's location from the subnet table: subdivision, country, continent,
 *       then the default location ({@code CountryCode *}), skipping unhealthy matches (see
 *       {@link #geolocation});</li>
 *   <li>geoproximity: the nearest set by biased distance (see {@link #geoproximity});</li>
 *   <li>IP-based: the set of the client's CIDR location, else the default (see {@link #cidr}).</li>
 * </ul>
 */
final class PolicyRouter {
    static final int MAX_MULTIVALUE = 8;

    private final Random random;
    /** Collection id and client address -> the client's location in that collection, or {@code null}. */
    private final BiFunction<String, InetAddress, String> cidrLocation;

    PolicyRouter(Random random, BiFunction<String, InetAddress, String> cidrLocation) {
        this.random = random;
        this.cidrLocation = cidrLocation;
    }

    /** What to answer: the sets, and whether the choice was random (so the answer must not be cached). */
    record Choice(List<RecordSet> sets, boolean random) {}

    enum Policy {
        SIMPLE,
        FAILOVER,
        WEIGHTED,
        MULTIVALUE,
        LATENCY,
        GEOLOCATION,
        GEOPROXIMITY,
        CIDR
    }

    static Policy policyOf(RecordSet rs) {
        if (!rs.isRouted()) {
            return Policy.SIMPLE;
        }
        if (rs.failover() != null) {
            return Policy.FAILOVER;
        }
        if (rs.weight() != null) {
            return Policy.WEIGHTED;
        }
        if (Boolean.TRUE.equals(rs.multiValueAnswer())) {
            return Policy.MULTIVALUE;
        }
        if (rs.region() != null) {
            return Policy.LATENCY;
        }
        if (rs.geoProximity() != null) {
            return Policy.GEOPROXIMITY;
        }
        if (rs.cidrRouting() != null) {
            return Policy.CIDR;
        }
        return rs.geoLocation().isEmpty() ? Policy.SIMPLE : Policy.GEOLOCATION;
    }

    Choice choose(List<RecordSet> sets, DnsView view, Predicate<RecordSet> healthy) {
        String endpointRegion = view.region();
        return switch (policyOf(sets.get(0))) {
            case SIMPLE -> new Choice(List.of(sets.get(0)), false);
            case FAILOVER -> new Choice(failover(sets, healthy), false);
            case WEIGHTED -> new Choice(List.of(weighted(sets, healthy)), true);
            case MULTIVALUE -> new Choice(multivalue(sets, healthy), true);
            case LATENCY -> new Choice(List.of(latency(sets, endpointRegion, healthy)), false);
            case GEOLOCATION -> new Choice(geolocation(sets, view.client().location(), healthy), false);
            case GEOPROXIMITY -> new Choice(List.of(geoproximity(sets, clientPosition(view), healthy)), false);
            case CIDR -> new Choice(cidr(sets, view.client().address(), healthy), false);
        };
    }

    private static List<RecordSet> failover(List<RecordSet> sets, Predicate<RecordSet> healthy) {
        RecordSet primary = null;
        RecordSet secondary = null;
        for (RecordSet rs : sets) {
            if ("PRIMARY".equals(rs.failover())) {
                primary = rs;
            } else {
                secondary = rs;
            }
        }
        if (primary != null && (healthy.test(primary) || secondary == null || !healthy.test(secondary))) {
            return List.of(primary); // healthy, or nothing healthy to fail over to: Route 53 answers the primary
        }
        return List.of(secondary);
    }

    private RecordSet weighted(List<RecordSet> sets, Predicate<RecordSet> healthy) {
        List<RecordSet> up = new ArrayList<>();
        for (RecordSet rs : sets) {
            if (healthy.test(rs)) {
                up.add(rs);
            }
        }
        List<RecordSet> pool = up.isEmpty() ? sets : up;
        List<RecordSet> nonZero = new ArrayList<>();
        for (RecordSet rs : pool) {
            if (rs.weight() != null && rs.weight() > 0) {
                nonZero.add(rs);
            }
        }
        if (nonZero.isEmpty()) {
            // Route 53: zero-weight sets are considered only when no positive-weight set is healthy, each equally.
            return pool.get(random.nextInt(pool.size()));
        }
        long total = 0;
        for (RecordSet rs : nonZero) {
            total += rs.weight();
        }
        long pick = (long) (random.nextDouble() * total);
        for (RecordSet rs : nonZero) {
            pick -= rs.weight();
            if (pick < 0) {
                return rs;
            }
        }
        return nonZero.get(nonZero.size() - 1);
    }

    private List<RecordSet> multivalue(List<RecordSet> sets, Predicate<RecordSet> healthy) {
        List<RecordSet> up = new ArrayList<>();
        for (RecordSet rs : sets) {
            if (healthy.test(rs)) {
                up.add(rs);
            }
        }
        List<RecordSet> pool = new ArrayList<>(up.isEmpty() ? sets : up);
        Collections.shuffle(pool, random);
        return pool.subList(0, Math.min(MAX_MULTIVALUE, pool.size()));
    }

    private static RecordSet latency(List<RecordSet> sets, String endpointRegion, Predicate<RecordSet> healthy) {
        List<RecordSet> up = new ArrayList<>();
        for (RecordSet rs : sets) {
            if (healthy.test(rs)) {
                up.add(rs);
            }
        }
        List<RecordSet> pool = up.isEmpty() ? sets : up;
        RecordSet best = pool.get(0);
        int bestScore = Integer.MAX_VALUE;
        for (RecordSet rs : pool) {
            int score = rs.region().equals(endpointRegion)
                    ? 0
                    : continent(rs.region()).equals(continent(endpointRegion)) ? 1 : 2;
            if (score < bestScore) {
                best = rs;
                bestScore = score;
            }
        }
        return best;
    }

    private static String continent(String region) {
        int dash = region == null ? -1 : region.indexOf('-');
        return dash < 0 ? String.valueOf(region) : region.substring(0, dash);
    }

    /**
     * IP-based routing: the set whose CIDR location contains the client (its EDNS Client Subnet or
     * source address), else, or when that set is unhealthy, the default location {@code *}; no match
     * and no default: no answer.
     */
    private List<RecordSet> cidr(List<RecordSet> sets, InetAddress client, Predicate<RecordSet> healthy) {
        String location = cidrLocation.apply(sets.get(0).cidrRouting().collectionId(), client);
        RecordSet match = null;
        RecordSet fallback = null;
        for (RecordSet rs : sets) {
            if (rs.cidrRouting().isDefault()) {
                fallback = rs;
            } else if (location != null && location.equals(rs.cidrRouting().locationName())) {
                match = rs;
            }
        }
        if (match != null && (healthy.test(match) || fallback == null)) {
            return List.of(match);
        }
        return fallback == null ? List.of() : List.of(fallback);
    }

    /**
     * The set nearest the client by Route 53's biased distance, {@code distance * (1 - bias / 100)}:
     * a positive bias grows a set's area, a negative one shrinks it. The client stands at its coordinates
     * (from the subnet table), else at its region (from the table, else the endpoint's); a set at its coordinates, or its region's (a Local
     * Zone group at its parent region's). Unhealthy sets give way; none healthy: all count.
     */
    /** Where geoproximity places the client: its own coordinates from the table, else its (or the endpoint's) region's. */
    private static double[] clientPosition(DnsView view) {
        ClientPlace.Coordinates c = view.client().coordinates();
        return c != null ? c.asArray() : RegionCoordinates.of(view.region());
    }

    private static RecordSet geoproximity(List<RecordSet> sets, double[] client, Predicate<RecordSet> healthy) {
        List<RecordSet> up = new ArrayList<>();
        for (RecordSet rs : sets) {
            if (healthy.test(rs)) {
                up.add(rs);
            }
        }
        List<RecordSet> pool = up.isEmpty() ? sets : up;
        if (client == null) {
            return pool.get(0);
        }
        RecordSet best = pool.get(0);
        double bestDistance = Double.MAX_VALUE;
        for (RecordSet rs : pool) {
            var gp = rs.geoProximity();
            double[] at = gp.latitude() != null
                    ? new double[] {Double.parseDouble(gp.latitude()), Double.parseDouble(gp.longitude())}
                    : RegionCoordinates.of(gp.region());
            if (at == null) {
                continue;
            }
            double biased =
                    RegionCoordinates.distanceKm(client, at) * (1 - (gp.bias() == null ? 0 : gp.bias()) / 100.0);
            if (biased < bestDistance) {
                best = rs;
                bestDistance = biased;
            }
        }
        return best;
    }

    /**
     * Route 53's geolocation order: the set for the client's subdivision, else its country, else its
     * continent, else the default ({@code CountryCode *}); an unhealthy match gives way to the next
     * broader healthy one, and when none of the matches is healthy the most specific answers. A client
     * the tables do not place matches the default only; no match at all is no answer (NODATA).
     */
    private static List<RecordSet> geolocation(
            List<RecordSet> sets, ClientPlace.GeoPlace client, Predicate<RecordSet> healthy) {
        List<RecordSet> matches = new ArrayList<>();
        if (client != null) {
            addMatch(
                    matches,
                    sets,
                    g -> client.subdivision() != null
                            && client.subdivision().equals(g.get("SubdivisionCode"))
                            && client.country() != null
                            && client.country().equals(g.get("CountryCode")));
            addMatch(
                    matches,
                    sets,
                    g -> g.get("SubdivisionCode") == null
                            && client.country() != null
                            && client.country().equals(g.get("CountryCode")));
            addMatch(
                    matches,
                    sets,
                    g -> g.get("CountryCode") == null && client.continent().equals(g.get("ContinentCode")));
        }
        addMatch(matches, sets, g -> "*".equals(g.get("CountryCode")));
        for (RecordSet rs : matches) {
            if (healthy.test(rs)) {
                return List.of(rs);
            }
        }
        return matches.isEmpty() ? List.of() : List.of(matches.get(0));
    }

    private static void addMatch(List<RecordSet> matches, List<RecordSet> sets, Predicate<Map<String, String>> test) {
        for (RecordSet rs : sets) {
            if (test.test(rs.geoLocation())) {
                matches.add(rs);
                return;
            }
        }
    }
}
