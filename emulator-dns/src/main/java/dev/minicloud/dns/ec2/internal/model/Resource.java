package dev.minicloud.dns.ec2.internal.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every taggable EC2 resource has: an id whose prefix names its type, an owner account and
 * tags. Resources are mutable and guarded by the lock of the region that holds them.
 */
public abstract class Resource {
    private final String id;
    private final String ownerId;
    private final Map<String, String> tags = new LinkedHashMap<>();

    protected Resource(String id, String ownerId) {
        this.id = id;
        this.ownerId = ownerId;
    }

    public String id() {
        return id;
    }

    public String ownerId() {
        return ownerId;
    }

    /** The resource type as DescribeTags names it ({@code vpc}, {@code subnet}, {@code security-group}). */
    public abstract String resourceType();

    public Map<String, String> tags() {
        return tags;
    }
}
