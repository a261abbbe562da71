package dev.minicloud.kv.elasticache.internal.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A cache cluster (one Redis/Valkey node, as cluster-mode-disabled Redis has), alone or in a replication group. */
public final class CacheCluster {
    private final String id;
    private final String arn;
    private final Instant created;
    private final Lifecycle lifecycle;
    private final List<CacheNode> nodes = new ArrayList<>();
    private final Map<String, String> tags = new LinkedHashMap<>();
    private final String engine;
    private Engines.Version version;
    private String nodeType;
    private String parameterGroup;
    private final String subnetGroup;
    private final String availabilityZone;
    private final String replicationGroupId;
    private List<String> securityGroupIds;
    private String snapshotWindow;
    private String maintenanceWindow;
    private int snapshotRetentionLimit;
    private final boolean transitEncryption;
    private final boolean authTokenEnabled;

    public CacheCluster(
            String id,
            String arn,
            Instant created,
            Lifecycle lifecycle,
            Engines.Version version,
            String nodeType,
            String parameterGroup,
            String subnetGroup,
            String availabilityZone,
            String replicationGroupId,
            List<String> securityGroupIds,
            boolean transitEncryption,
            boolean authTokenEnabled) {
        this.id = id;
        this.arn = arn;
        this.created = created;
        this.lifecycle = lifecycle;
        this.engine = version.engine();
        this.version = version;
        this.nodeType = nodeType;
        this.parameterGroup = parameterGroup;
        this.subnetGroup = subnetGroup;
        this.availabilityZone = availabilityZone;
        this.replicationGroupId = replicationGroupId;
        this.securityGroupIds = List.copyOf(securityGroupIds);
        this.transitEncryption = transitEncryption;
        this.authTokenEnabled = authTokenEnabled;
        this.snapshotWindow = "05:00-06:00";
        this.maintenanceWindow = "sun:23:00-mon:01:30";
    }

    public String id() {
        return id;
    }

    public String arn() {
        return arn;
    }

    public Instant created() {
        return created;
    }

    public Lifecycle lifecycle() {
        return lifecycle;
    }

    public List<CacheNode> nodes() {
        return nodes;
    }

    public Map<String, String> tags() {
        return tags;
    }

    public String engine() {
        return engine;
    }

    public Engines.Version version() {
        return version;
    }

    public void version(Engines.Version v) {
        this.version = v;
    }

    public String nodeType() {
        return nodeType;
    }

    public void nodeType(String t) {
        this.nodeType = t;
    }

    public String parameterGroup() {
        return parameterGroup;
    }

    public void parameterGroup(String name) {
        this.parameterGroup = name;
    }

    public String subnetGroup() {
        return subnetGroup;
    }

    public String availabilityZone() {
        return availabilityZone;
    }

    public String replicationGroupId() {
        return replicationGroupId;
    }

    public List<String> securityGroupIds() {
        return securityGroupIds;
    }

    public void securityGroupIds(List<String> ids) {
        this.securityGroupIds = List.copyOf(ids);
    }

    public String snapshotWindow() {
        return snapshotWindow;
    }

    public void snapshotWindow(String w) {
        this.snapshotWindow = w;
    }

    public String maintenanceWindow() {
        return maintenanceWindow;
    }

    public void maintenanceWindow(String w) {
        this.maintenanceWindow = w;
    }

    public int snapshotRetentionLimit() {
        return snapshotRetentionLimit;
    }

    public void snapshotRetentionLimit(int days) {
        this.snapshotRetentionLimit = days;
    }

    public boolean transitEncryption() {
        return transitEncryption;
    }

    public boolean authTokenEnabled() {
        return authTokenEnabled;
    }
}
