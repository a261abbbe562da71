package dev.minicloud.kv.elasticache.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ElastiCache RBAC user: name, access string and authentication. Stored and described; the KV
 * nodes do not enforce it yet (the KV server has no ACL users), so only {@code AuthToken} protects a node.
 */
public final class CacheUser {
    private final String id;
    private final String name;
    private final String engine;
    private final String arn;
    private String accessString;
    private String authenticationType;
    private int passwordCount;
    private final Map<String, String> tags = new LinkedHashMap<>();

    public CacheUser(String id, String name, String engine, String arn, String accessString, String authenticationType,
                     List<String> passwords) {
        this.id = id;
        this.name = name;
        this.engine = engine;
        this.arn = arn;
        this.accessString = accessString;
        authentication(authenticationType, passwords);
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String engine() {
        return engine;
    }

    public String arn() {
        return arn;
    }

    public String accessString() {
        return accessString;
    }

    public void accessString(String a) {
        this.accessString = a;
    }

    public String authenticationType() {
        return authenticationType;
    }

    public int passwordCount() {
        return passwordCount;
    }

    /** Keeps how many passwords there are, never the passwords (ElastiCache does not return them either). */
    public void authentication(String type, List<String> passwords) {
        this.authenticationType = type;
        this.passwordCount = passwords.size();
    }

    public Map<String, String> tags() {
        return tags;
    }
}
