package dev.minicloud.dns.ec2.internal.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * All EC2 state of one MiniCloud instance: per account and region, a {@link RegionState} made on
 * first use (so every account finds its default VPC in every region, as on AWS).
 */
public final class Ec2Store {
    private final Ids ids;
    private final Map<String, RegionState> regions = new ConcurrentHashMap<>();

    public Ec2Store(Ids ids) {
        this.ids = ids;
    }

    /** The account's resources in {@code region}; hold its monitor while reading or changing them. */
    public RegionState region(String account, String region) {
        return regions.computeIfAbsent(account + '/' + region, k -> new RegionState(account, region, ids));
    }

    /** The account's state in {@code region} if it was ever used, else {@code null} (no default VPC made). */
    public RegionState existing(String account, String region) {
        return regions.get(account + '/' + region);
    }

    /** The account owning {@code vpcId} in {@code region} (ids are unique across accounts), or {@code null}. */
    public String ownerOf(String region, String vpcId) {
        for (RegionState state : regions.values()) {
            if (state.region().equals(region)) {
                synchronized (state) {
                    if (state.vpcs().containsKey(vpcId)) {
                        return state.account();
                    }
                }
            }
        }
        return null;
    }

    public void clear() {
        regions.clear();
    }
}
