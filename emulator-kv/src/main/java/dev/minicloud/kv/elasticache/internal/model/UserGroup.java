package dev.minicloud.kv.elasticache.internal.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An ElastiCache user group: users (one of them named {@code default}) that replication groups can use. */
public final class UserGroup {
    private final String id;
    private final String engine;
    private final String arn;
    private final List<String> userIds = new ArrayList<>();
    private final Map<String, String> tags = new LinkedHashMap<>();

    public UserGroup(String id, String engine, String arn, List<String> userIds) {
        this.id = id;
        this.engine = engine;
        this.arn = arn;
        this.userIds.addAll(userIds);
    }

    public String id() {
        return id;
    }

    public String engine() {
        return engine;
    }

    public String arn() {
        return arn;
    }

    public List<String> userIds() {
        return userIds;
    }

    public Map<String, String> tags() {
        return tags;
    }
}
