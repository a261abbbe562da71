package dev.minicloud.kv.elasticache.internal.model;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/** All ElastiCache state of one MiniCloud instance: a {@link RegionCaches} per account and region, made on first use. */
public final class CacheStore {
    private static final String ID_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final Map<String, RegionCaches> regions = new ConcurrentHashMap<>();
    private final Random ids;

    /** @param ids where the endpoint id of each account and region comes from (the service's seeded random) */
    public CacheStore(Random ids) {
        this.ids = ids;
    }

    public RegionCaches region(String account, String region) {
        return regions.computeIfAbsent(account + '/' + region, k -> new RegionCaches(account, region, endpointId()));
    }

    private String endpointId() {
        StringBuilder b = new StringBuilder(6);
        synchronized (ids) {
            for (int i = 0; i < 6; i++) {
                b.append(ID_CHARACTERS.charAt(ids.nextInt(ID_CHARACTERS.length())));
            }
        }
        return b.toString();
    }

    public List<RegionCaches> all() {
        return List.copyOf(regions.values());
    }

    public void clear() {
        regions.clear();
    }
}
