package dev.minicloud.kv.elasticache.internal.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * ElastiCache's node types and their memory (GiB, as AWS lists them). A node's {@code maxmemory} is
 * that memory less the parameter group's {@code reserved-memory-percent} (25 by default), as on AWS,
 * so a test sees the eviction a real node of that type would do.
 */
public final class NodeTypes {
    private static final Map<String, Double> GIB = new TreeMap<>();

    static {
        put(0.5, "cache.t2.micro", "cache.t3.micro", "cache.t4g.micro");
        put(1.37, "cache.t2.small", "cache.t3.small", "cache.t4g.small");
        put(3.09, "cache.t2.medium", "cache.t3.medium", "cache.t4g.medium");
        put(6.38, "cache.m5.large", "cache.m6g.large", "cache.m7g.large");
        put(12.93, "cache.m5.xlarge", "cache.m6g.xlarge", "cache.m7g.xlarge");
        put(26.04, "cache.m5.2xlarge", "cache.m6g.2xlarge", "cache.m7g.2xlarge");
        put(52.26, "cache.m5.4xlarge", "cache.m6g.4xlarge", "cache.m7g.4xlarge");
        put(6.42, "cache.m4.large");
        put(14.28, "cache.m4.xlarge");
        put(13.07, "cache.r5.large", "cache.r6g.large", "cache.r7g.large");
        put(26.32, "cache.r5.xlarge", "cache.r6g.xlarge", "cache.r7g.xlarge");
        put(52.82, "cache.r5.2xlarge", "cache.r6g.2xlarge", "cache.r7g.2xlarge");
        put(105.81, "cache.r5.4xlarge", "cache.r6g.4xlarge", "cache.r7g.4xlarge");
        put(12.3, "cache.r4.large");
        put(25.05, "cache.r4.xlarge");
    }

    private NodeTypes() {}

    private static void put(double gib, String... types) {
        for (String t : types) {
            GIB.put(t, gib);
        }
    }

    public static boolean exists(String nodeType) {
        return GIB.containsKey(nodeType);
    }

    /** The node type's memory in bytes. */
    public static long memoryBytes(String nodeType) {
        return (long) (GIB.get(nodeType) * 1024 * 1024 * 1024);
    }
}
