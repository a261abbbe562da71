package dev.minicloud.kv.internal.engine;

import dev.minicloud.kv.internal.acl.AclCategory;
import dev.minicloud.kv.internal.acl.AclDenial;
import dev.minicloud.kv.internal.acl.AclLog;
import dev.minicloud.kv.internal.acl.AclRuleException;
import dev.minicloud.kv.internal.acl.AclUser;
import dev.minicloud.kv.internal.acl.AclUsers;
import dev.minicloud.kv.internal.acl.AclView;
import dev.minicloud.kv.internal.wire.RespWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code ACL} command family, authentication against ACL users ({@code AUTH}, {@code HELLO ... AUTH})
 * and the permission check every command passes ({@link #permitted}), with Redis 7.2's texts.
 */
final class AclCommands {
    static final String WRONGPASS = "WRONGPASS invalid username-password pair or user is disabled.";
    private static final String NO_ACL_FILE =
            "ERR This Redis instance is not configured to use an ACL file. You may want "
                    + "to specify users via the ACL SETUSER command and then issue a CONFIG REWRITE (assuming you have a Redis "
                    + "configuration file set) in order to store users in the Redis configuration.";

    private AclCommands() {}

    static void register(CommandTable t) {
        CommandSpec acl =
                t.add("acl", -2, "", 0, 0, 0, "server", "A container for Access List Control commands.", null);
        String f = "admin noscript loading stale";
        t.sub(acl, "setuser", -3, f, 0, 0, 0, "Creates and modifies an ACL user and its rules.", Handler.SET_USER);
        t.sub(acl, "getuser", 3, f, 0, 0, 0, "Lists the ACL rules of a user.", Handler.GET_USER);
        t.sub(acl, "deluser", -3, f, 0, 0, 0, "Deletes ACL users, and terminates their connections.", Handler.DEL_USER);
        t.sub(acl, "users", 2, f, 0, 0, 0, "Lists all ACL users.", c -> {
            var all = c.engine().acl().all();
            c.out().array(all.size());
            all.forEach(u -> c.out().bulk(u.name()));
        });
        t.sub(acl, "list", 2, f, 0, 0, 0, "Dumps the effective rules in ACL file format.", c -> {
            var all = c.engine().acl().all();
            c.out().array(all.size());
            all.forEach(u -> c.out().bulk(u.describe()));
        });
        t.sub(
                acl,
                "cat",
                -2,
                "noscript loading stale",
                0,
                0,
                0,
                "Lists the ACL categories, or the commands inside a category.",
                Handler.CAT);
        t.sub(
                acl,
                "whoami",
                2,
                "noscript loading stale",
                0,
                0,
                0,
                "Returns the authenticated username of the current connection.",
                Handler.ACL_WHOAMI);
        t.sub(
                acl,
                "genpass",
                -2,
                "noscript loading stale",
                0,
                0,
                0,
                "Generates a pseudorandom, secure password that can be used to identify ACL users.",
                Handler.GENPASS);
        t.sub(acl, "log", -2, f, 0, 0, 0, "Lists recent security events generated due to ACL rules.", Handler.LOG);
        t.sub(
                acl,
                "dryrun",
                -4,
                f,
                0,
                0,
                0,
                "Simulates the execution of a command by a user, without executing the command.",
                Handler.DRYRUN);
        t.sub(acl, "load", 2, f, 0, 0, 0, "Reloads the rules from the configured ACL file.", c -> {
            throw new RespError(NO_ACL_FILE);
        });
        t.sub(acl, "save", 2, f, 0, 0, 0, "Saves the effective ACL rules in the configured ACL file.", c -> {
            throw new RespError(NO_ACL_FILE);
        });
        t.sub(
                acl,
                "help",
                2,
                "loading stale",
                0,
                0,
                0,
                "Returns helpful text about the different subcommands.",
                c -> c.help(
                        "ACL <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                        "CAT [<category>]",
                        "    List all commands that belong to <category>, or all command categories",
                        "    when no category is specified.",
                        "DELUSER <username> [<username> ...]",
                        "    Delete a list of users.",
                        "DRYRUN <username> <command> [<arg> ...]",
                        "    Returns whether the user can execute the given command without executing the command.",
                        "GETUSER <username>",
                        "    Get the user's details.",
                        "GENPASS [<bits>]",
                        "    Generate a secure 256-bit user password. The optional `bits` argument can",
                        "    be used to specify a different size.",
                        "LIST",
                        "    Show users details in config file format.",
                        "LOAD",
                        "    Reload users from the ACL file.",
                        "LOG [<count> | RESET]",
                        "    Show the ACL log entries.",
                        "SAVE",
                        "    Save the current config to the ACL file.",
                        "SETUSER <username> <attribute> [<attribute> ...]",
                        "    Create or modify a user with the specified attributes.",
                        "USERS",
                        "    List all the registered usernames.",
                        "WHOAMI",
                        "    Return the current connection username.",
                        "HELP",
                        "    Print this help."));
    }

    // ---- the check every command passes ---------------------------------------------------

    /**
     * Whether {@code c}'s user may run the command; if not, writes Redis' NOPERM error, logs the denial
     * and returns false. Callers test {@link AclUser#unrestricted()} first, so the default user pays nothing.
     */
    static boolean permitted(KvEngine e, Client c, CommandSpec spec, byte[][] args, int argc) {
        AclDenial d = denial(c.user, spec, args, argc);
        if (d == null) {
            return true;
        }
        log(e, c, d, c.inMulti || c.inExec ? AclLog.Context.MULTI : AclLog.Context.TOPLEVEL, spec, args);
        if (c.inExec) {
            c.out()
                    .error(
                            "NOPERM ACLs rules changed between the moment the transaction was accumulated and the EXEC call. "
                                    + "This command is no longer allowed for the following reason: " + execReason(d));
        } else {
            c.out().error("NOPERM " + message(c.user, d, spec, args, false));
        }
        return false;
    }

    /** A script's {@code redis.call} as {@code caller}'s user: null, or the error (with its code) the call raises. */
    static String scriptRefusal(KvEngine e, Client caller, CommandSpec spec, byte[][] args, int argc) {
        if (caller.user.unrestricted()) {
            return null;
        }
        AclDenial d = denial(caller.user, spec, args, argc);
        if (d == null) {
            return null;
        }
        log(e, caller, d, AclLog.Context.LUA, spec, args);
        return "-NOPERM " + message(caller.user, d, spec, args, false);
    }

    private static AclDenial denial(AclUser user, CommandSpec spec, byte[][] args, int argc) {
        // commands that work before authentication (AUTH, HELLO, QUIT, RESET) are never refused by command rules
        if (spec.has(CommandFlag.NO_AUTH)) {
            return null;
        }
        return user.check(spec, args, argc);
    }

    private static String message(AclUser user, AclDenial d, CommandSpec spec, byte[][] args, boolean verbose) {
        return switch (d.reason()) {
            case COMMAND -> "User " + user.name() + " has no permissions to run the '" + spec.fullName() + "' command";
            case KEY ->
                verbose
                        ? "User " + user.name() + " has no permissions to access the '" + text(args[d.argIndex()])
                                + "' key"
                        : "No permissions to access a key";
            case CHANNEL ->
                verbose
                        ? "User " + user.name() + " has no permissions to access the '" + text(args[d.argIndex()])
                                + "' channel"
                        : "No permissions to access a channel";
            case AUTH -> "no permission";
        };
    }

    private static String execReason(AclDenial d) {
        return switch (d.reason()) {
            case COMMAND -> "no permission to execute the command or subcommand";
            case KEY -> "no permission to touch the specified keys";
            case CHANNEL -> "no permission to access one of the channels used as arguments";
            case AUTH -> "no permission";
        };
    }

    private static void log(
            KvEngine e, Client c, AclDenial d, AclLog.Context context, CommandSpec spec, byte[][] args) {
        String object = d.reason() == AclDenial.Reason.COMMAND ? spec.fullName() : text(args[d.argIndex()]);
        e.acl().log().add(d.reason(), context, object, c.user.name(), e.clockMillis(), ClientCommands.line(c));
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    // ---- authentication -------------------------------------------------------------------

    /** AUTH / HELLO AUTH: on success the connection runs as {@code name}; a failure is logged (reason auth). */
    static boolean authenticate(Call c, String name, byte[] password) {
        AclUser u = c.engine().acl().user(name);
        if (u != null && u.accepts(password)) {
            c.client().user = u;
            c.client().authenticated = true;
            return true;
        }
        Client cl = c.client();
        c.engine()
                .acl()
                .log()
                .add(
                        AclDenial.Reason.AUTH,
                        cl.inMulti ? AclLog.Context.MULTI : AclLog.Context.TOPLEVEL,
                        c.str(0),
                        name,
                        c.engine().clockMillis(),
                        ClientCommands.line(cl));
        return false;
    }

    // ---- subcommands ----------------------------------------------------------------------

    private static void setUser(Call c) {
        List<String> args = new ArrayList<>();
        for (int i = 3; i < c.argc(); i++) {
            args.add(c.str(i));
        }
        AclUsers users = c.engine().acl();
        AclUser u;
        try {
            u = users.setUser(c.str(2), AclUsers.rules(args));
        } catch (AclRuleException e) {
            throw new RespError("ERR " + e.getMessage());
        }
        c.out().ok();
        closeRevokedSubscribers(c.engine(), u);
    }

    /** Redis closes the user's connections subscribed to a channel or pattern its new rules no longer allow. */
    private static void closeRevokedSubscribers(KvEngine e, AclUser u) {
        for (Client cl : new ArrayList<>(e.clients())) {
            if (cl.user != u || cl.subscriptionCount() == 0) {
                continue;
            }
            boolean revoked = cl.channels.stream().anyMatch(k -> !u.allowsChannel(k.bytes(), false))
                    || cl.patterns.stream().anyMatch(k -> !u.allowsChannel(k.bytes(), true));
            if (revoked) {
                ClientCommands.kill(cl);
            }
        }
    }

    private static void getUser(Call c) {
        AclUser u = c.engine().acl().user(c.str(2));
        RespWriter w = c.out();
        if (u == null) {
            w.nullBulk();
            return;
        }
        AclView v = AclView.of(u);
        w.map(6);
        w.bulk("flags");
        strings(w, v.flags());
        w.bulk("passwords");
        strings(w, v.passwords());
        w.bulk("commands");
        w.bulk(v.root().commands());
        w.bulk("keys");
        w.bulk(v.root().keys());
        w.bulk("channels");
        w.bulk(v.root().channels());
        w.bulk("selectors");
        w.array(v.selectors().size());
        for (AclView.Selector s : v.selectors()) {
            w.map(3);
            w.bulk("commands");
            w.bulk(s.commands());
            w.bulk("keys");
            w.bulk(s.keys());
            w.bulk("channels");
            w.bulk(s.channels());
        }
    }

    private static void strings(RespWriter w, List<String> values) {
        w.array(values.size());
        values.forEach(w::bulk);
    }

    private static void delUser(Call c) {
        List<String> names = new ArrayList<>();
        for (int i = 2; i < c.argc(); i++) {
            if (c.str(i).equals(AclUsers.DEFAULT)) {
                throw new RespError("ERR The 'default' user cannot be removed");
            }
            names.add(c.str(i));
        }
        List<AclUser> gone = c.engine().acl().delete(names);
        // Redis disconnects every connection authenticated as a deleted user
        disconnect(c.engine(), gone);
        c.out().integer(gone.size());
    }

    /** Replaces every user by {@code rulesByUser} (each applied after reset), all checked before any change. */
    static void replaceUsers(KvEngine e, Map<String, List<String>> rulesByUser) {
        AclUsers scratch = new AclUsers(e.table());
        rulesByUser.forEach((name, rules) -> scratch.setUser(name, withReset(rules)));
        List<String> stale = new ArrayList<>();
        for (AclUser u : e.acl().all()) {
            if (!u.name().equals(AclUsers.DEFAULT) && !rulesByUser.containsKey(u.name())) {
                stale.add(u.name());
            }
        }
        disconnect(e, e.acl().delete(stale));
        rulesByUser.forEach((name, rules) -> e.acl().setUser(name, withReset(rules)));
        if (!rulesByUser.containsKey(AclUsers.DEFAULT)) {
            e.acl().resetDefault();
        }
    }

    private static List<String> withReset(List<String> rules) {
        List<String> all = new ArrayList<>();
        all.add("reset");
        all.addAll(rules);
        return all;
    }

    private static void disconnect(KvEngine e, List<AclUser> gone) {
        Set<AclUser> removed = new HashSet<>(gone);
        for (Client cl : new ArrayList<>(e.clients())) {
            if (removed.contains(cl.user)) {
                cl.user = e.acl().defaultUser();
                cl.authenticated = false;
                ClientCommands.kill(cl);
            }
        }
    }

    private static void cat(Call c) {
        RespWriter w = c.out();
        if (c.argc() == 2) {
            AclCategory[] all = AclCategory.values();
            w.array(all.length);
            for (AclCategory a : all) {
                w.bulk(a.label());
            }
            return;
        }
        if (c.argc() > 3) {
            throw RespError.arity("acl|cat");
        }
        AclCategory cat = AclCategory.byLabel(c.str(2));
        if (cat == null) {
            throw new RespError("ERR Unknown category '" + c.str(2) + "'");
        }
        List<String> names = new ArrayList<>();
        // as Redis: a container is listed when it has the category itself (@slow), then its subcommands
        for (CommandSpec s : c.engine().table().all()) {
            if ((s.aclCategoryBits() & cat.bit()) != 0) {
                names.add(s.fullName());
            }
            for (CommandSpec sub : s.subcommands().values()) {
                if ((sub.aclCategoryBits() & cat.bit()) != 0) {
                    names.add(sub.fullName());
                }
            }
        }
        w.array(names.size());
        names.forEach(w::bulk);
    }

    private static void genpass(Call c) {
        long bits = 256;
        if (c.argc() > 3) {
            throw RespError.arity("acl|genpass");
        }
        if (c.argc() == 3) {
            bits = c.longArg(2, RespError.NOT_INTEGER);
            if (bits <= 0 || bits > 4096) {
                throw new RespError("ERR ACL GENPASS argument must be the number of bits for the output password, "
                        + "a positive number up to 4096");
            }
        }
        int chars = (int) ((bits + 3) / 4);
        byte[] random = new byte[(chars + 1) / 2];
        new SecureRandom().nextBytes(random);
        c.out().bulk(HexFormat.of().formatHex(random).substring(0, chars));
    }

    private static void log(Call c) {
        AclLog log = c.engine().acl().log();
        long count = 10;
        if (c.argc() > 3) {
            throw RespError.arity("acl|log");
        }
        if (c.argc() == 3) {
            if (c.is(2, "RESET")) {
                log.reset();
                c.out().ok();
                return;
            }
            count = Math.max(0, c.longArg(2, RespError.NOT_INTEGER)); // Redis answers a negative count with no entries
        }
        long now = c.engine().clockMillis();
        List<AclLog.Entry> entries = log.newest(count);
        RespWriter w = c.out();
        w.array(entries.size());
        for (AclLog.Entry e : entries) {
            w.map(10);
            w.bulk("count");
            w.integer(e.count());
            w.bulk("reason");
            w.bulk(e.reason());
            w.bulk("context");
            w.bulk(e.context());
            w.bulk("object");
            w.bulk(e.object());
            w.bulk("username");
            w.bulk(e.username());
            w.bulk("age-seconds");
            // Redis ages an entry from its last occurrence (a grouped repeat refreshes it)
            w.dbl((now - e.updatedMillis()) / 1000.0);
            w.bulk("client-info");
            w.bulk(e.clientInfo());
            w.bulk("entry-id");
            w.integer(e.id());
            w.bulk("timestamp-created");
            w.integer(e.createdMillis());
            w.bulk("timestamp-last-updated");
            w.integer(e.updatedMillis());
        }
    }

    private static void dryrun(Call c) {
        String name = c.str(2);
        AclUser u = c.engine().acl().user(name);
        if (u == null) {
            throw new RespError("ERR User '" + name + "' not found");
        }
        int argc = c.argc() - 3;
        byte[][] args = new byte[argc][];
        for (int i = 0; i < argc; i++) {
            args[i] = c.arg(i + 3);
        }
        CommandSpec spec = c.engine().table().lookup(args[0]);
        if (spec != null && !spec.subcommands().isEmpty()) {
            spec = argc < 2
                    ? null
                    : spec.subcommands().get(new String(args[1], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
        }
        if (spec == null) {
            throw new RespError("ERR Command '" + c.str(3) + "' not found");
        }
        if (!spec.arityOk(argc)) {
            throw RespError.arity(spec.fullName());
        }
        AclDenial d = denial(u, spec, args, argc);
        if (d == null) {
            c.out().ok();
        } else {
            c.out().bulk(message(u, d, spec, args, true));
        }
    }

    /**
     * The handlers of the rows above, one constant each, run through one switch: a lambda or method
     * reference per row would cost an invokedynamic bootstrap (a spun class) each at start.
     */
    private enum Handler implements CommandHandler {
        SET_USER,
        GET_USER,
        DEL_USER,
        CAT,
        ACL_WHOAMI,
        GENPASS,
        LOG,
        DRYRUN;

        @Override
        public void run(Call c) {
            switch (this) {
                case SET_USER -> AclCommands.setUser(c);
                case GET_USER -> AclCommands.getUser(c);
                case DEL_USER -> AclCommands.delUser(c);
                case CAT -> AclCommands.cat(c);
                case ACL_WHOAMI -> c.out().bulk(c.client().user.name());
                case GENPASS -> AclCommands.genpass(c);
                case LOG -> AclCommands.log(c);
                case DRYRUN -> AclCommands.dryrun(c);
            }
        }
    }
}
