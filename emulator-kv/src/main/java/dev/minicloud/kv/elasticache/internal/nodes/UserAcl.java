package dev.minicloud.kv.elasticache.internal.nodes;

import dev.minicloud.kv.KvNode;
import dev.minicloud.kv.elasticache.internal.model.CacheUser;
import dev.minicloud.kv.internal.acl.AclRuleException;
import dev.minicloud.kv.internal.acl.AclUsers;
import dev.minicloud.kv.internal.engine.CommandTable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ElastiCache RBAC users as KV ACL users: each user's access string is Redis ACL syntax, applied after
 * {@code reset}, with its passwords as {@code #sha256} ({@code nopass} for NoPasswordRequired; an IAM user,
 * without IAM token checking here, cannot authenticate). Channels are all allowed
 * unless the access string names channel rules, as ElastiCache's access strings assume
 * ({@code on ~* +@all} reaches every channel there).
 */
public final class UserAcl {
    private UserAcl() {}

    /** The ACL SETUSER rules (after reset) for each user, by user name. */
    public static Map<String, List<String>> rules(Collection<CacheUser> users) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (CacheUser u : users) {
            out.put(u.name(), rules(u));
        }
        return out;
    }

    static List<String> rules(CacheUser u) {
        List<String> access = new ArrayList<>();
        for (String token : u.accessString().trim().split("\\s+")) {
            if (!token.isEmpty()) {
                access.add(token);
            }
        }
        List<String> rules = new ArrayList<>();
        if (access.stream()
                .noneMatch(t -> t.startsWith("&")
                        || t.equalsIgnoreCase("resetchannels")
                        || t.equalsIgnoreCase("allchannels"))) {
            rules.add("allchannels");
        }
        rules.addAll(access);
        if (u.authenticationType().equals("no-password")) {
            rules.add("nopass");
        } else {
            // an IAM user has no password here: with no token to check it cannot authenticate at all
            u.passwordHashes().forEach(h -> rules.add("#" + h));
        }
        return rules;
    }

    /**
     * Why {@code accessString} is not valid Redis ACL syntax against {@code table}, or null. Used to
     * refuse CreateUser/ModifyUser before any node sees the string.
     */
    public static String invalid(String accessString, CommandTable table) {
        List<String> tokens = new ArrayList<>();
        for (String t : accessString.trim().split("\\s+")) {
            if (!t.isEmpty()) {
                tokens.add(t);
            }
        }
        try {
            new AclUsers(table).setUser("check", AclUsers.rules(tokens));
            return null;
        } catch (AclRuleException e) {
            return e.getMessage();
        }
    }

    /** Gives every node the users (an empty map puts the nodes back to the open default user). */
    public static void apply(Collection<KvNode> nodes, Map<String, List<String>> users) {
        for (KvNode n : nodes) {
            if (!n.isClosed()) {
                n.aclUsers(users);
            }
        }
    }
}
