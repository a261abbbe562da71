package dev.minicloud.kv.elasticache.internal.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ElastiCache RBAC user: name, access string (Redis ACL rules) and authentication. The nodes of a
 * replication group whose user groups hold the user have it as a KV ACL user (see
 * {@code nodes.UserAcl}); its passwords are kept only as the SHA-256 hashes Redis keeps.
 */
public final class CacheUser {
    private final String id;
    private final String name;
    private final String engine;
    private final String arn;
    private String accessString;
    private String authenticationType;
    private int passwordCount;
    private final List<String> passwordHashes = new ArrayList<>();
    private final Map<String, String> tags = new LinkedHashMap<>();

    public CacheUser(
            String id,
            String name,
            String engine,
            String arn,
            String accessString,
            String authenticationType,
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

    /** Keeps how many passwords there are and their SHA-256, never the passwords (ElastiCache does not return them either). */
    public void authentication(String type, List<String> passwords) {
        this.authenticationType = type;
        this.passwordCount = passwords.size();
        passwordHashes.clear();
        for (String p : passwords) {
            passwordHashes.add(sha256(p));
        }
    }

    /** The passwords' SHA-256 in hex, what a node's ACL user is given ({@code #hash}). */
    public List<String> passwordHashes() {
        return List.copyOf(passwordHashes);
    }

    private static String sha256(String password) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public Map<String, String> tags() {
        return tags;
    }
}
