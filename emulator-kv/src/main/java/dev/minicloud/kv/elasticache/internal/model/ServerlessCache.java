package dev.minicloud.kv.elasticache.internal.model;

import dev.minicloud.kv.KvNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A serverless cache: on AWS a fleet behind one endpoint; here one KV node whose {@code maxmemory} is
 * the data storage limit, answering on both the endpoint and the reader endpoint.
 */
public final class ServerlessCache {
    private final String name;
    private final String arn;
    private final String description;
    private final Instant created;
    private final Lifecycle lifecycle;
    private final Engines.Version version;
    private final KvNode node;
    private final List<String> securityGroupIds;
    private final List<String> subnetIds;
    private final String userGroupId;
    private final long dataStorageGb;
    private final Map<String, String> tags = new LinkedHashMap<>();

    public ServerlessCache(
            String name,
            String arn,
            String description,
            Instant created,
            Lifecycle lifecycle,
            Engines.Version version,
            KvNode node,
            List<String> securityGroupIds,
            List<String> subnetIds,
            String userGroupId,
            long dataStorageGb) {
        this.name = name;
        this.arn = arn;
        this.description = description;
        this.created = created;
        this.lifecycle = lifecycle;
        this.version = version;
        this.node = node;
        this.securityGroupIds = List.copyOf(securityGroupIds);
        this.subnetIds = List.copyOf(subnetIds);
        this.userGroupId = userGroupId;
        this.dataStorageGb = dataStorageGb;
    }

    public String name() {
        return name;
    }

    public String arn() {
        return arn;
    }

    public String description() {
        return description;
    }

    public Instant created() {
        return created;
    }

    public Lifecycle lifecycle() {
        return lifecycle;
    }

    public Engines.Version version() {
        return version;
    }

    public KvNode node() {
        return node;
    }

    public List<String> securityGroupIds() {
        return securityGroupIds;
    }

    public List<String> subnetIds() {
        return subnetIds;
    }

    public String userGroupId() {
        return userGroupId;
    }

    public long dataStorageGb() {
        return dataStorageGb;
    }

    public Map<String, String> tags() {
        return tags;
    }
}
