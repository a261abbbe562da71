package dev.minicloud.kv.internal.acl;

import dev.minicloud.kv.internal.engine.CommandTable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The users of one KV instance, by name (sorted, as Redis lists them), always with {@code default}
 * ({@code on nopass ~* &* +@all} until {@code requirepass} or ACL SETUSER changes it), and its ACL LOG.
 * Touched only by the instance's keyspace thread.
 */
public final class AclUsers {
    public static final String DEFAULT = "default";

    private final CommandTable table;
    private final Map<String, AclUser> users = new TreeMap<>();
    private final AclLog log = new AclLog();

    public AclUsers(CommandTable table) {
        this.table = table;
        users.put(DEFAULT, openDefault());
    }

    private AclUser openDefault() {
        AclUser d = new AclUser(DEFAULT);
        for (String r : List.of("on", "nopass", "~*", "&*", "+@all")) {
            d.apply(r, table);
        }
        return d;
    }

    /** Puts {@code default} back to how a new instance has it ({@code on nopass ~* &* +@all}). */
    public void resetDefault() {
        defaultUser().assign(openDefault());
    }

    public AclUser user(String name) {
        return users.get(name);
    }

    public AclUser defaultUser() {
        return users.get(DEFAULT);
    }

    public Collection<AclUser> all() {
        return users.values();
    }

    public AclLog log() {
        return log;
    }

    public CommandTable table() {
        return table;
    }

    /**
     * Applies {@code rules} to the user (created {@code off -@all} if new) all or nothing; throws
     * {@link AclRuleException} naming the failing rule's reason. Returns the new user.
     */
    public AclUser setUser(String name, List<String> rules) {
        if (name.indexOf(' ') >= 0 || name.indexOf('\0') >= 0) {
            throw new AclRuleException("Usernames can't contain spaces or null characters");
        }
        AclUser old = users.get(name);
        AclUser u = old == null ? fresh(name) : old.copy(name);
        for (String r : rules) {
            try {
                u.apply(r, table);
            } catch (AclRuleException e) {
                throw new AclRuleException("Error in ACL SETUSER modifier '" + r + "': " + e.getMessage());
            }
        }
        if (old == null) {
            users.put(name, u);
            return u;
        }
        // connections hold the user object: the edit lands in it, so they see the new rules at once
        old.assign(u);
        return old;
    }

    private AclUser fresh(String name) {
        AclUser u = new AclUser(name);
        u.apply("resetchannels", table);
        u.apply("-@all", table);
        return u;
    }

    /** Removes the named users (never {@code default}); returns the ones that existed. */
    public List<AclUser> delete(List<String> names) {
        List<AclUser> gone = new ArrayList<>();
        for (String n : names) {
            AclUser u = users.remove(n);
            if (u != null) {
                gone.add(u);
            }
        }
        return gone;
    }

    /** {@code requirepass}: the default user's only password, or {@code nopass} when empty (Redis 7). */
    public void requirepass(String password) {
        setUser(DEFAULT, password.isEmpty() ? List.of("nopass") : List.of("resetpass", ">" + password));
    }

    /**
     * Joins SETUSER arguments into rules: an argument opening a {@code (} selector takes the following
     * ones until one closes it. Throws {@link AclRuleException} with Redis' message when none does.
     */
    public static List<String> rules(List<String> args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("(") && !a.endsWith(")")) {
                StringBuilder b = new StringBuilder(a);
                int j = i + 1;
                for (; j < args.size() && !args.get(j).endsWith(")"); j++) {
                    b.append(' ').append(args.get(j));
                }
                if (j == args.size()) {
                    throw new AclRuleException("Unmatched parenthesis in acl selector starting at '" + a + "'.");
                }
                b.append(' ').append(args.get(j));
                out.add(b.toString());
                i = j;
            } else {
                out.add(a);
            }
        }
        return out;
    }
}
