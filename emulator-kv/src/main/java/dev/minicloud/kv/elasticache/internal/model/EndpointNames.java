package dev.minicloud.kv.elasticache.internal.model;

import java.util.Locale;
import java.util.Map;

/**
 * ElastiCache's endpoint names: a node {@code <cluster>.<id>.0001.use1.cache.amazonaws.com}, a
 * replication group's primary {@code <group>.<id>.ng.0001.use1.cache.amazonaws.com} and reader
 * {@code <group>-ro.<id>.ng.0001.use1.cache.amazonaws.com}, a serverless cache
 * {@code <name>-<id>.serverless.use1.cache.amazonaws.com}; {@code <id>} is six characters fixed per
 * account and region, {@code use1} the region's short code.
 */
public final class EndpointNames {
    public static final String SUFFIX = "cache.amazonaws.com";
    private static final Map<String, String> DIRECTIONS = Map.of(
            "north",
            "n",
            "south",
            "s",
            "east",
            "e",
            "west",
            "w",
            "central",
            "c",
            "northeast",
            "ne",
            "southeast",
            "se",
            "northwest",
            "nw",
            "southwest",
            "sw");

    private EndpointNames() {}

    /** {@code us-east-1} -> {@code use1}, {@code ap-southeast-2} -> {@code apse2}, {@code eu-central-1} -> {@code euc1}. */
    public static String regionCode(String region) {
        String[] parts = region.toLowerCase(Locale.ROOT).split("-");
        if (parts.length != 3) {
            return region.replace("-", "");
        }
        return parts[0] + DIRECTIONS.getOrDefault(parts[1], parts[1]) + parts[2];
    }

    public static String node(RegionCaches state, String clusterId, String nodeId) {
        return clusterId + "." + state.endpointId() + "." + nodeId + "." + regionCode(state.region()) + "." + SUFFIX;
    }

    public static String primary(RegionCaches state, String groupId) {
        return groupId + "." + state.endpointId() + ".ng.0001." + regionCode(state.region()) + "." + SUFFIX;
    }

    public static String reader(RegionCaches state, String groupId) {
        return groupId + "-ro." + state.endpointId() + ".ng.0001." + regionCode(state.region()) + "." + SUFFIX;
    }

    public static String serverless(RegionCaches state, String name) {
        return name + "-" + state.endpointId() + ".serverless." + regionCode(state.region()) + "." + SUFFIX;
    }
}
