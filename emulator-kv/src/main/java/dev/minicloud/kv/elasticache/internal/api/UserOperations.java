package dev.minicloud.kv.elasticache.internal.api;

import dev.minicloud.internal.xml.XmlWriter;
import dev.minicloud.kv.KvNode;
import dev.minicloud.kv.elasticache.internal.model.CacheUser;
import dev.minicloud.kv.elasticache.internal.model.Engines;
import dev.minicloud.kv.elasticache.internal.model.ReplicationGroup;
import dev.minicloud.kv.elasticache.internal.model.UserGroup;
import dev.minicloud.kv.elasticache.internal.nodes.UserAcl;
import dev.minicloud.kv.internal.command.Commands;
import dev.minicloud.kv.internal.engine.CommandTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CreateUser, DescribeUsers, ModifyUser, DeleteUser, CreateUserGroup, DescribeUserGroups,
 * ModifyUserGroup, DeleteUserGroup, with ElastiCache's rules (1-2 passwords of 16-128 printable
 * characters, user names unique, a group needs a user named {@code default}). The nodes of every
 * replication group using a user group get its users as KV ACL users, and again after each change.
 */
final class UserOperations {
    /** A command table to check access strings against (built on first use; the nodes' tables are alike). */
    private CommandTable table;

    private void checkAccessString(String access) {
        if (table == null) {
            table = Commands.standard();
        }
        String why = UserAcl.invalid(access, table);
        if (why != null) {
            throw EcErrors.invalidParameterValue("Access string is invalid: " + why);
        }
    }

    /** Gives the nodes of {@code group} the users of its user groups (none: the open default user). */
    static void applyUsers(Call c, ReplicationGroup group) {
        Map<String, CacheUser> byName = new LinkedHashMap<>();
        for (String gid : group.userGroupIds()) {
            UserGroup ug = c.state().userGroups().get(gid);
            if (ug != null) {
                for (String uid : ug.userIds()) {
                    CacheUser u = c.state().users().get(uid);
                    if (u != null) {
                        byName.putIfAbsent(u.name(), u);
                    }
                }
            }
        }
        List<KvNode> nodes = new ArrayList<>();
        for (String member : group.members()) {
            var cluster = c.state().clusters().get(member);
            if (cluster != null) {
                cluster.nodes().forEach(n -> nodes.add(n.server()));
            }
        }
        UserAcl.apply(nodes, UserAcl.rules(byName.values()));
    }

    /** After a user or user group changed: every replication group with user groups gets its users again. */
    private static void reapply(Call c) {
        for (var rg : c.state().replicationGroups().values()) {
            if (!rg.userGroupIds().isEmpty()) {
                applyUsers(c, rg);
            }
        }
    }

    void createUser(Call c) {
        Params p = c.params();
        String id = Names.identifier("UserId", p.required("UserId"), 40);
        String name = p.required("UserName");
        String engine = engine(p.required("Engine"));
        String access = p.required("AccessString");
        checkAccessString(access);
        if (c.state().users().containsKey(id)) {
            throw EcErrors.of(400, "UserAlreadyExists", "User " + id + " already exists.");
        }
        // AWS lets more users be named "default" (each group picks its own default user); other names are unique
        if (!name.equals("default")
                && c.state().users().values().stream().anyMatch(u -> u.name().equals(name))) {
            throw EcErrors.of(400, "DuplicateUserName", "A user with the name " + name + " already exists.");
        }
        CacheUser user = new CacheUser(id, name, engine, c.state().arn("user", id), access, "password", List.of());
        authenticate(p, user, true);
        Tags.add(user.tags(), Tags.read(p));
        c.state().users().put(id, user);
        user(c.out(), null, user, c);
    }

    /** Passwords / NoPasswordRequired / AuthenticationMode, checked and recorded (as a count). */
    private static void authenticate(Params p, CacheUser user, boolean creating) {
        List<String> passwords = new ArrayList<>(p.list("Passwords"));
        passwords.addAll(p.list("AuthenticationMode.Passwords"));
        String mode = p.string("AuthenticationMode.Type");
        Boolean none = p.bool("NoPasswordRequired");
        if (mode == null && none == null && passwords.isEmpty()) {
            if (creating) {
                throw EcErrors.invalidParameterCombination("No password was given and NoPasswordRequired is not true.");
            }
            return;
        }
        if (Boolean.TRUE.equals(none) && !passwords.isEmpty()) {
            throw EcErrors.invalidParameterCombination("Passwords cannot be given with NoPasswordRequired.");
        }
        String type = mode != null ? mode : Boolean.TRUE.equals(none) ? "no-password-required" : "password";
        if (!List.of("password", "no-password-required", "iam").contains(type)) {
            throw EcErrors.invalidParameterValue("Invalid AuthenticationMode type: " + type);
        }
        if (type.equals("password") && (passwords.isEmpty() || passwords.size() > 2)) {
            throw EcErrors.invalidParameterValue("A user with password authentication needs one or two passwords.");
        }
        for (String pw : passwords) {
            if (pw.length() < 16 || pw.length() > 128 || !pw.chars().allMatch(ch -> ch >= 0x21 && ch <= 0x7e)) {
                throw EcErrors.invalidParameterValue("Passwords must be 16 to 128 printable characters.");
            }
        }
        user.authentication(type.equals("no-password-required") ? "no-password" : type, passwords);
    }

    void describeUsers(Call c) {
        String id = c.params().string("UserId");
        String engine = c.params().string("Engine");
        List<CacheUser> found = new ArrayList<>();
        if (id != null) {
            found.add(requireUser(c, id));
        } else {
            for (CacheUser u : c.state().users().values()) {
                if (engine == null || engine.equalsIgnoreCase(u.engine())) {
                    found.add(u);
                }
            }
        }
        List<CacheUser> page = Paging.page(c, found);
        c.out().start("Users");
        page.forEach(u -> user(c.out(), "member", u, c));
        c.out().end();
    }

    void modifyUser(Call c) {
        Params p = c.params();
        CacheUser user = requireUser(c, p.required("UserId"));
        String access = user.accessString();
        if (p.string("AccessString") != null) {
            access = p.string("AccessString");
        }
        if (p.string("AppendAccessString") != null) {
            access = access + " " + p.string("AppendAccessString");
        }
        checkAccessString(access);
        user.accessString(access);
        authenticate(p, user, false);
        reapply(c);
        user(c.out(), null, user, c);
    }

    void deleteUser(Call c) {
        CacheUser user = requireUser(c, c.params().required("UserId"));
        if (user.id().equals("default")) {
            throw EcErrors.of(400, "InvalidParameterValue", "The default user cannot be deleted.");
        }
        if (user.name().equals("default") && !groupsOf(c, user.id()).isEmpty()) {
            throw EcErrors.of(400, "DefaultUserAssociatedToUserGroup", "The user is the default user of a user group.");
        }
        c.state().users().remove(user.id());
        c.state().userGroups().values().forEach(g -> g.userIds().remove(user.id()));
        reapply(c);
        user(c.out(), null, user, c, "deleting");
    }

    void createGroup(Call c) {
        Params p = c.params();
        String id = Names.identifier("UserGroupId", p.required("UserGroupId"), 40);
        String engine = engine(p.required("Engine"));
        if (c.state().userGroups().containsKey(id)) {
            throw EcErrors.of(400, "UserGroupAlreadyExists", "User group " + id + " already exists.");
        }
        List<String> users = p.list("UserIds");
        for (String u : users) {
            requireUser(c, u);
        }
        requireDefault(c, users);
        UserGroup group = new UserGroup(id, engine, c.state().arn("usergroup", id), users);
        Tags.add(group.tags(), Tags.read(p));
        c.state().userGroups().put(id, group);
        group(c.out(), null, group, c);
    }

    void describeGroups(Call c) {
        String id = c.params().string("UserGroupId");
        List<UserGroup> found =
                id == null ? List.copyOf(c.state().userGroups().values()) : List.of(requireGroup(c, id));
        List<UserGroup> page = Paging.page(c, found);
        c.out().start("UserGroups");
        page.forEach(g -> group(c.out(), "member", g, c));
        c.out().end();
    }

    void modifyGroup(Call c) {
        Params p = c.params();
        UserGroup group = requireGroup(c, p.required("UserGroupId"));
        List<String> add = p.list("UserIdsToAdd");
        List<String> remove = p.list("UserIdsToRemove");
        for (String u : add) {
            requireUser(c, u);
        }
        List<String> next = new ArrayList<>(group.userIds());
        next.removeAll(remove);
        add.stream().filter(u -> !next.contains(u)).forEach(next::add);
        requireDefault(c, next);
        group.userIds().clear();
        group.userIds().addAll(next);
        reapply(c);
        group(c.out(), null, group, c);
    }

    void deleteGroup(Call c) {
        UserGroup group = requireGroup(c, c.params().required("UserGroupId"));
        if (c.state().replicationGroups().values().stream()
                .anyMatch(rg -> rg.userGroupIds().contains(group.id()))) {
            throw EcErrors.of(
                    400, "InvalidUserGroupState", "User group " + group.id() + " is in use by a replication group.");
        }
        c.state().userGroups().remove(group.id());
        group(c.out(), null, group, c, "deleting");
    }

    private static void requireDefault(Call c, List<String> userIds) {
        long defaults = userIds.stream()
                .map(u -> c.state().users().get(u))
                .filter(u -> u != null && u.name().equals("default"))
                .count();
        if (defaults == 0) {
            throw EcErrors.of(400, "DefaultUserRequired", "A user group must contain a user with the name default.");
        }
        if (defaults > 1) {
            // a node has one default user: two candidates would make the group's meaning ambiguous
            throw EcErrors.of(
                    400, "DuplicateUserName", "A user group can contain only one user with the name default.");
        }
    }

    private static List<UserGroup> groupsOf(Call c, String userId) {
        return c.state().userGroups().values().stream()
                .filter(g -> g.userIds().contains(userId))
                .toList();
    }

    private static String engine(String engine) {
        String e = engine.toLowerCase(Locale.ROOT);
        if (!Engines.isEngine(e)) {
            throw EcErrors.invalidParameterValue(
                    "Invalid value for Engine: " + engine + ". Valid values are: redis, valkey.");
        }
        return e;
    }

    static CacheUser requireUser(Call c, String id) {
        CacheUser u = c.state().users().get(id.toLowerCase(Locale.ROOT));
        if (u == null) {
            throw EcErrors.of(404, "UserNotFound", "User " + id + " not found.");
        }
        return u;
    }

    static UserGroup requireGroup(Call c, String id) {
        UserGroup g = c.state().userGroups().get(id.toLowerCase(Locale.ROOT));
        if (g == null) {
            throw EcErrors.of(404, "UserGroupNotFound", "User group " + id + " not found.");
        }
        return g;
    }

    /** A user; {@code element} null writes the fields straight into the result (Create/Modify/Delete answers). */
    private static void user(XmlWriter w, String element, CacheUser u, Call c) {
        user(w, element, u, c, "active");
    }

    private static void user(XmlWriter w, String element, CacheUser u, Call c, String status) {
        if (element != null) {
            w.start(element);
        }
        w.element("UserId", u.id());
        w.element("UserName", u.name());
        w.element("Status", status);
        w.element("Engine", u.engine());
        w.element("MinimumEngineVersion", "6.0");
        w.element("AccessString", u.accessString());
        w.start("UserGroupIds");
        groupsOf(c, u.id()).forEach(g -> w.element("member", g.id()));
        w.end();
        w.start("Authentication")
                .element("Type", u.authenticationType())
                .element("PasswordCount", u.passwordCount())
                .end();
        w.element("ARN", u.arn());
        if (element != null) {
            w.end();
        }
    }

    private static void group(XmlWriter w, String element, UserGroup g, Call c) {
        group(w, element, g, c, "active");
    }

    private static void group(XmlWriter w, String element, UserGroup g, Call c, String status) {
        if (element != null) {
            w.start(element);
        }
        w.element("UserGroupId", g.id());
        w.element("Status", status);
        w.element("Engine", g.engine());
        w.start("UserIds");
        g.userIds().forEach(u -> w.element("member", u));
        w.end();
        w.element("MinimumEngineVersion", "6.0");
        w.start("ReplicationGroups");
        c.state().replicationGroups().values().stream()
                .filter(rg -> rg.userGroupIds().contains(g.id()))
                .forEach(rg -> w.element("member", rg.id()));
        w.end();
        w.element("ARN", g.arn());
        if (element != null) {
            w.end();
        }
    }
}
