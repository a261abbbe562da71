package dev.minicloud.kv.engine;

import dev.minicloud.kv.wire.RespWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** COMMAND, COMMAND COUNT|INFO|DOCS|LIST: the command table as Redis 7 describes it. */
final class CommandInfo {
    private CommandInfo() {
    }

    static void register(CommandTable t) {
        String g = "server";
        CommandSpec command = t.add("command", -1, "loading stale", 0, 0, 0, g, "Returns detailed information about all commands.",
                c -> all(c, t));
        t.sub(command, "count", 2, "loading stale", 0, 0, 0, "Returns a count of commands.", c -> c.out().integer(t.all().size()));
        t.sub(command, "info", -2, "loading stale", 0, 0, 0, "Returns information about one, multiple or all commands.", c -> {
            if (c.argc() == 2) {
                all(c, t);
                return;
            }
            c.out().array(c.argc() - 2);
            for (int i = 2; i < c.argc(); i++) {
                CommandSpec s = t.lookup(c.str(i));
                if (s == null) {
                    // Redis answers addReplyNull: $-1 in RESP2, _ in RESP3
                    c.out().nullBulk();
                } else {
                    info(c.out(), s);
                }
            }
        });
        t.sub(command, "docs", -2, "loading stale", 0, 0, 0, "Returns documentary information about one, multiple or all commands.", c -> {
            List<CommandSpec> specs = new ArrayList<>();
            if (c.argc() == 2) {
                specs.addAll(t.all());
            } else {
                for (int i = 2; i < c.argc(); i++) {
                    CommandSpec s = t.lookup(c.str(i));
                    if (s != null) {
                        specs.add(s);
                    }
                }
            }
            RespWriter w = c.out();
            w.map(specs.size());
            for (CommandSpec s : specs) {
                w.bulk(s.name());
                docs(w, s);
            }
        });
        t.sub(command, "list", -2, "loading stale", 0, 0, 0, "Returns a list of command names.", c -> {
            String pattern = null;
            if (c.argc() > 2) {
                if (c.argc() == 5 && c.is(2, "FILTERBY") && c.is(3, "PATTERN")) {
                    pattern = c.str(4);
                } else {
                    throw RespError.syntax();
                }
            }
            List<String> names = new ArrayList<>();
            for (CommandSpec s : t.all()) {
                if (pattern == null || dev.minicloud.kv.store.Glob.match(pattern.getBytes(), s.name().getBytes(), true)) {
                    names.add(s.name());
                }
            }
            c.out().array(names.size());
            for (String n : names) {
                c.out().bulk(n);
            }
        });
        t.sub(command, "help", 2, "loading stale", 0, 0, 0, "Returns helpful text about the different subcommands.", c -> ServerCommands.help(c,
                "COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "(no subcommand)", "    Return details about all Redis commands.",
                "COUNT", "    Return the total number of commands in this Redis server.",
                "LIST", "    Return a list of all commands in this Redis server.",
                "INFO [<command-name> ...]", "    Return details about multiple Redis commands.",
                "DOCS [<command-name> ...]", "    Return documentation details about multiple Redis commands.",
                "HELP", "    Prints this help."));
    }

    private static void all(Call c, CommandTable t) {
        c.out().array(t.all().size());
        for (CommandSpec s : t.all()) {
            info(c.out(), s);
        }
    }

    /** The 10-element COMMAND INFO entry. */
    static void info(RespWriter w, CommandSpec s) {
        w.array(10);
        w.bulk(s.fullName());
        w.integer(s.arity());
        List<String> flags = s.flagNames();
        w.set(flags.size());
        for (String f : flags) {
            w.simple(f);
        }
        w.integer(s.firstKey());
        w.integer(s.lastKey());
        w.integer(s.step());
        List<String> acl = s.aclCategories();
        w.set(acl.size());
        for (String a : acl) {
            w.simple(a);
        }
        w.set(0);
        if (s.firstKey() > 0) {
            w.array(1);
            w.map(3);
            w.bulk("flags");
            w.set(1);
            w.simple(s.has(CommandFlag.WRITE) ? "RW" : "RO");
            w.bulk("begin_search");
            w.map(2);
            w.bulk("type");
            w.bulk("index");
            w.bulk("spec");
            w.map(1);
            w.bulk("index");
            w.integer(s.firstKey());
            w.bulk("find_keys");
            w.map(2);
            w.bulk("type");
            w.bulk("range");
            w.bulk("spec");
            w.map(3);
            w.bulk("lastkey");
            w.integer(s.lastKey() < 0 ? s.lastKey() : s.lastKey() - s.firstKey());
            w.bulk("keystep");
            w.integer(s.step());
            w.bulk("limit");
            w.integer(0);
        } else {
            w.array(0);
        }
        w.array(s.subcommands().size());
        for (CommandSpec sub : s.subcommands().values()) {
            info(w, sub);
        }
    }

    private static void docs(RespWriter w, CommandSpec s) {
        boolean subs = !s.subcommands().isEmpty();
        w.map(subs ? 4 : 3);
        w.bulk("summary");
        w.bulk(s.summary());
        w.bulk("since");
        w.bulk("1.0.0");
        w.bulk("group");
        w.bulk(s.group().toLowerCase(Locale.ROOT));
        if (subs) {
            w.bulk("subcommands");
            w.map(s.subcommands().size());
            for (CommandSpec sub : s.subcommands().values()) {
                w.bulk(sub.fullName());
                docs(w, sub);
            }
        }
    }
}
