package dev.minicloud.kv.elasticache.internal.model;

import java.util.List;
import java.util.Optional;

/**
 * The engines and versions a cache can be created with, as {@code DescribeCacheEngineVersions}
 * lists them: each version with the full version a node reports and its parameter group family.
 * Memcached is not served (its nodes would need a memcached server).
 */
public final class Engines {
    /** One engine version: requested as {@code 7.1} (or in full), reported in full. */
    public record Version(String engine, String version, String fullVersion, String family, String description) {
        public String defaultParameterGroup() {
            return "default." + family;
        }
    }

    public static final List<Version> VERSIONS = List.of(
            new Version("redis", "4.0.10", "4.0.10", "redis4.0", "Redis 4.0.10"),
            new Version("redis", "5.0.6", "5.0.6", "redis5.0", "Redis 5.0.6"),
            new Version("redis", "6.0", "6.0.5", "redis6.x", "Redis 6.0 (with 6.0.5 for compatibility)"),
            new Version("redis", "6.2", "6.2.6", "redis6.x", "Redis 6.2 (with 6.2.6 for compatibility)"),
            new Version("redis", "7.0", "7.0.7", "redis7", "Redis 7.0 (with 7.0.7 for compatibility)"),
            new Version("redis", "7.1", "7.1.0", "redis7", "Redis 7.1 (with 7.1.0 for compatibility)"),
            new Version("valkey", "7.2", "7.2.6", "valkey7", "Valkey 7.2"),
            new Version("valkey", "8.0", "8.0.1", "valkey8", "Valkey 8.0"),
            new Version("valkey", "8.1", "8.1.1", "valkey8", "Valkey 8.1"));

    private Engines() {}

    public static boolean isEngine(String engine) {
        return VERSIONS.stream().anyMatch(v -> v.engine().equals(engine));
    }

    /** The newest version of {@code engine}: what a create without {@code EngineVersion} gets. */
    public static Version latest(String engine) {
        Version last = null;
        for (Version v : VERSIONS) {
            if (v.engine().equals(engine)) {
                last = v;
            }
        }
        return last;
    }

    /** {@code version} of {@code engine}, given as listed ({@code 7.1}) or in full ({@code 7.1.0}). */
    public static Optional<Version> find(String engine, String version) {
        return VERSIONS.stream()
                .filter(v -> v.engine().equals(engine)
                        && (v.version().equals(version) || v.fullVersion().equals(version)))
                .findFirst();
    }

    /** The newest version of {@code engine} with major version {@code major} ({@code 7}), for serverless caches. */
    public static Optional<Version> latestOfMajor(String engine, String major) {
        Version last = null;
        for (Version v : VERSIONS) {
            if (v.engine().equals(engine) && v.version().startsWith(major + ".")) {
                last = v;
            }
        }
        return Optional.ofNullable(last);
    }

    public static boolean isFamily(String family) {
        return VERSIONS.stream().anyMatch(v -> v.family().equals(family));
    }

    /** Ordering of versions for "no downgrade" checks. */
    public static int compare(Version a, Version b) {
        return Integer.compare(VERSIONS.indexOf(a), VERSIONS.indexOf(b));
    }
}
