package dev.minicloud.kv.elasticache.internal.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cluster-mode-disabled replication group: one node group ({@code 0001}) whose member clusters are a
 * primary and its replicas, each a one-node {@link CacheCluster}. The replicas' nodes replicate the
 * primary's ({@code nodes.GroupReplication}); {@link #primaryClusterId()} is the member that takes writes.
 */
public final class ReplicationGroup {
    private final String id;
    private final String arn;
    private final Instant created;
    private final Lifecycle lifecycle;
    private final List<String> members = new ArrayList<>();
    private final List<String> userGroupIds = new ArrayList<>();
    private final Map<String, String> tags = new LinkedHashMap<>();
    private String description;
    private String primaryClusterId;
    private boolean automaticFailover;
    private boolean multiAz;
    private final String engine;
    private String nodeType;
    private final boolean transitEncryption;
    private final boolean atRestEncryption;
    private final boolean authTokenEnabled;

    public ReplicationGroup(
            String id,
            String arn,
            Instant created,
            Lifecycle lifecycle,
            String description,
            String engine,
            String nodeType,
            boolean automaticFailover,
            boolean multiAz,
            boolean transitEncryption,
            boolean atRestEncryption,
            boolean authTokenEnabled) {
        this.id = id;
        this.arn = arn;
        this.created = created;
        this.lifecycle = lifecycle;
        this.description = description;
        this.engine = engine;
        this.nodeType = nodeType;
        this.automaticFailover = automaticFailover;
        this.multiAz = multiAz;
        this.transitEncryption = transitEncryption;
        this.atRestEncryption = atRestEncryption;
        this.authTokenEnabled = authTokenEnabled;
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

    /** Member cluster ids, in creation order. */
    public List<String> members() {
        return members;
    }

    /** The RBAC user groups named at creation (stored; the nodes do not enforce them yet). */
    public List<String> userGroupIds() {
        return userGroupIds;
    }

    public Map<String, String> tags() {
        return tags;
    }

    public String description() {
        return description;
    }

    public void description(String d) {
        this.description = d;
    }

    public String primaryClusterId() {
        return primaryClusterId;
    }

    public void primaryClusterId(String id) {
        this.primaryClusterId = id;
    }

    public boolean automaticFailover() {
        return automaticFailover;
    }

    public void automaticFailover(boolean on) {
        this.automaticFailover = on;
    }

    public boolean multiAz() {
        return multiAz;
    }

    public void multiAz(boolean on) {
        this.multiAz = on;
    }

    public String engine() {
        return engine;
    }

    public String nodeType() {
        return nodeType;
    }

    public void nodeType(String t) {
        this.nodeType = t;
    }

    public boolean transitEncryption() {
        return transitEncryption;
    }

    public boolean atRestEncryption() {
        return atRestEncryption;
    }

    public boolean authTokenEnabled() {
        return authTokenEnabled;
    }
}
