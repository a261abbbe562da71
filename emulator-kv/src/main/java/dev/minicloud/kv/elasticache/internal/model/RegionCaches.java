package dev.minicloud.kv.elasticache.internal.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * ElastiCache state of one account in one region. Not thread-safe: callers hold its monitor (the
 * API runs each call under it), so a call sees and leaves a consistent state.
 */
public final class RegionCaches {
    private final String account;
    private final String region;
    private final Map<String, CacheCluster> clusters = new TreeMap<>();
    private final Map<String, ReplicationGroup> replicationGroups = new TreeMap<>();
    private final Map<String, SubnetGroup> subnetGroups = new TreeMap<>();
    private final Map<String, ParameterGroup> parameterGroups = new TreeMap<>();
    private final Map<String, Snapshot> snapshots = new TreeMap<>();
    private final Map<String, ServerlessCache> serverless = new TreeMap<>();
    private final Map<String, CacheUser> users = new TreeMap<>();
    private final Map<String, UserGroup> userGroups = new TreeMap<>();
    private final List<Event> events = new ArrayList<>();

    private final String endpointId;

    /** @param endpointId the six characters in this account's endpoint names in this region */
    public RegionCaches(String account, String region, String endpointId) {
        this.account = account;
        this.region = region;
        this.endpointId = endpointId;
        // every account has the "default" user, as on AWS
        users.put(
                "default",
                new CacheUser(
                        "default",
                        "default",
                        "redis",
                        arn("user", "default"),
                        "on ~* +@all",
                        "no-password",
                        List.of()));
        for (Engines.Version v : Engines.VERSIONS) {
            String name = v.defaultParameterGroup();
            parameterGroups.computeIfAbsent(
                    name,
                    n -> new ParameterGroup(
                            n,
                            v.family(),
                            "Default parameter group for " + v.family(),
                            true,
                            arn("parametergroup", n)));
        }
    }

    public String account() {
        return account;
    }

    public String region() {
        return region;
    }

    public String endpointId() {
        return endpointId;
    }

    /** ElastiCache's ARN of a resource here: {@code arn:aws:elasticache:us-east-1:000000000000:cluster:name}. */
    public String arn(String type, String name) {
        return "arn:aws:elasticache:" + region + ":" + account + ":" + type + ":" + name;
    }

    public Map<String, CacheCluster> clusters() {
        return clusters;
    }

    public Map<String, ReplicationGroup> replicationGroups() {
        return replicationGroups;
    }

    public Map<String, SubnetGroup> subnetGroups() {
        return subnetGroups;
    }

    public Map<String, ParameterGroup> parameterGroups() {
        return parameterGroups;
    }

    public Map<String, CacheUser> users() {
        return users;
    }

    public Map<String, UserGroup> userGroups() {
        return userGroups;
    }

    public Map<String, ServerlessCache> serverless() {
        return serverless;
    }

    public Map<String, Snapshot> snapshots() {
        return snapshots;
    }

    public List<Event> events() {
        return events;
    }
}
