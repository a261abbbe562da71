package dev.minicloud.kv.elasticache.internal.model;

import dev.minicloud.kv.KvSnapshot;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A manual snapshot of one cache cluster (or a replication group's primary): the settings a restore
 * needs and a copy of the node's data, taken between two commands on the node's loop.
 */
public record Snapshot(
        String name,
        String arn,
        String source,
        String cacheClusterId,
        String replicationGroupId,
        Engines.Version version,
        String nodeType,
        String parameterGroup,
        String subnetGroup,
        String availabilityZone,
        Instant clusterCreated,
        Instant created,
        KvSnapshot data,
        Map<String, String> tags) {
    public Snapshot {
        tags = new LinkedHashMap<>(tags);
    }

    /** The same data and settings under another name (CopySnapshot). */
    public Snapshot copy(String newName, String newArn, Instant now) {
        return new Snapshot(
                newName,
                newArn,
                "manual",
                cacheClusterId,
                replicationGroupId,
                version,
                nodeType,
                parameterGroup,
                subnetGroup,
                availabilityZone,
                clusterCreated,
                now,
                data,
                Map.of());
    }
}
