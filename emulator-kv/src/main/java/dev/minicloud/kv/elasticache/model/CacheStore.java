package dev.minicloud.kv.elasticache.model;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** All ElastiCache state of one MiniCloud instance: a {@link RegionCaches} per account and region, made on first use. */
public final class CacheStore {
    private final Map<String, RegionCaches> regions = new ConcurrentHashMap<>();

    public RegionCaches region(String account, String region) {
        return regions.computeIfAbsent(account + '/' + region, k -> new RegionCaches(account, region));
    }

    public List<RegionCaches> all() {
        return List.copyOf(regions.values());
    }

    public void clear() {
        regions.clear();
    }
}
