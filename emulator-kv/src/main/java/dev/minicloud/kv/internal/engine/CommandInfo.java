package dev.minicloud.kv.internal.engine;

import dev.minicloud.kv.internal.store.Glob;
import dev.minicloud.kv.internal.wire.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** COMMAND, COMMAND COUNT|INFO|DOCS|LIST: the command table as Redis 7 describes it. */
final class CommandInfo {
    private CommandInfo() {}

    static void register(CommandTable t) {
        String g = "server";
        CommandSpec command = t.add(
                "command",
                -1,
                "loading stale",
                0,
                0,
                0,
                g,
                "Returns detailed information about all commands.",
                c -> all(c, t));
        t.sub(
                command,
                "count",
                2,
                "loading stale",
                0,
                0,
                0,
                "Returns a count of commands.",
                c -> c.out().integer(t.all().size()));
        t.sub(
                command,
                "info",
                -2,
                "loading stale",
                0,
                0,
                0,
                "Returns information about one, multiple or all commands.",
                c -> {
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
        t.sub(
                command,
                "docs",
                -2,
                "loading stale",
                0,
                0,
                0,
                "Returns documentary information about one, multiple or all commands.",
                c -> {
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
                if (pattern == null
                        || Glob.match(
                                pattern.getBytes(StandardCharsets.UTF_8),
                                s.name().getBytes(StandardCharsets.US_ASCII),
                                true)) {
                    names.add(s.name());
                }
            }
            c.out().array(names.size());
            for (String n : names) {
                c.out().bulk(n);
            }
        });
        t.sub(
                command,
                "getkeys",
                -4,
                "loading stale",
                0,
                0,
                0,
                "Extracts the key names from an arbitrary command.",
                c -> getKeys(c, t, KeysReply.KEYS));
        t.sub(
                command,
                "getkeysandflags",
                -4,
                "loading stale",
                0,
                0,
                0,
                "Extracts the key names and access flags for an arbitrary command.",
                c -> getKeys(c, t, KeysReply.KEYS_AND_FLAGS));
        t.sub(
                command,
                "help",
                2,
                "loading stale",
                0,
                0,
                0,
                "Returns helpful text about the different subcommands.",
                c -> ServerCommands.help(
                        c,
                        "COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                        "(no subcommand)",
                        "    Return details about all Redis commands.",
                        "COUNT",
                        "    Return the total number of commands in this Redis server.",
                        "LIST",
                        "    Return a list of all commands in this Redis server.",
                        "INFO [<command-name> ...]",
                        "    Return details about multiple Redis commands.",
                        "    If no command names are given, documentation details for all",
                        "    commands are returned.",
                        "DOCS [<command-name> ...]",
                        "    Return documentation details about multiple Redis commands.",
                        "    If no command names are given, documentation details for all",
                        "    commands are returned.",
                        "GETKEYS <full-command>",
                        "    Return the keys from a full Redis command.",
                        "GETKEYSANDFLAGS <full-command>",
                        "    Return the keys and the access flags from a full Redis command.",
                        "HELP",
                        "    Prints this help."));
    }

    /** What COMMAND GETKEYS (names) and GETKEYSANDFLAGS (name and key-spec flags) answer. */
    private enum KeysReply {
        KEYS,
        KEYS_AND_FLAGS
    }

    /** COMMAND GETKEYS|GETKEYSANDFLAGS: the keys of the command in arguments 2.., found by its key specs. */
    private static void getKeys(Call c, CommandTable t, KeysReply reply) {
        int argc = c.argc() - 2;
        byte[][] argv = new byte[argc][];
        for (int i = 0; i < argc; i++) {
            argv[i] = c.arg(i + 2);
        }
        CommandSpec s = t.lookup(argv[0]);
        if (s != null && !s.subcommands().isEmpty() && argc > 1) {
            s = s.subcommands().get(c.str(3).toLowerCase(Locale.ROOT));
        }
        if (s == null) {
            throw new RespError("ERR Invalid command specified");
        }
        if (!s.arityOk(argc)) {
            throw new RespError("ERR Invalid number of arguments specified for command");
        }
        if (s.keyFinder() != null) {
            List<KeyFinder.Found> keys = s.keyFinder().find(argv, argc);
            if (keys.isEmpty()) {
                throw new RespError("ERR Invalid arguments specified for command");
            }
            reply(c.out(), argv, keys, reply);
            return;
        }
        List<KeySpec> specs = s.keySpecs().stream().filter(k -> !k.notKey()).toList();
        List<KeyFinder.Found> keys = new ArrayList<>();
        try {
            for (KeySpec k : specs) {
                for (int pos : k.positions(argv, argc)) {
                    keys.add(new KeyFinder.Found(pos, k.flags()));
                }
            }
        } catch (KeySpec.InvalidArguments e) {
            throw new RespError("ERR Invalid arguments specified for command");
        }
        if (keys.isEmpty()) {
            throw new RespError(
                    specs.isEmpty()
                            ? "ERR The command has no key arguments"
                            : "ERR Invalid arguments specified for command");
        }
        reply(c.out(), argv, keys, reply);
    }

    private static void reply(RespWriter w, byte[][] argv, List<KeyFinder.Found> keys, KeysReply reply) {
        w.array(keys.size());
        for (KeyFinder.Found k : keys) {
            if (reply == KeysReply.KEYS) {
                w.bulk(argv[k.position()]);
                continue;
            }
            w.array(2);
            w.bulk(argv[k.position()]);
            w.set(k.flags().size());
            for (String f : k.flags()) {
                w.simple(f);
            }
        }
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
        int[] range = s.legacyRange();
        w.integer(range[0]);
        w.integer(range[1]);
        w.integer(range[2]);
        List<String> acl = s.aclCategories();
        w.set(acl.size());
        for (String a : acl) {
            w.simple(a);
        }
        w.set(s.tips().size());
        for (String tip : s.tips()) {
            w.bulk(tip);
        }
        List<KeySpec> specs = s.keySpecs();
        w.array(specs.size());
        for (KeySpec k : specs) {
            keySpec(w, k);
        }
        w.array(s.subcommands().size());
        for (CommandSpec sub : s.subcommands().values()) {
            info(w, sub);
        }
    }

    /** One key spec as COMMAND INFO's ninth element lists them: flags, begin_search, find_keys. */
    private static void keySpec(RespWriter w, KeySpec k) {
        w.map(k.notes() == null ? 3 : 4);
        if (k.notes() != null) {
            w.bulk("notes");
            w.bulk(k.notes());
        }
        w.bulk("flags");
        w.set(k.flags().size());
        for (String f : k.flags()) {
            w.simple(f);
        }
        w.bulk("begin_search");
        w.map(2);
        w.bulk("type");
        if (k.begin() instanceof KeySpec.Unknown) {
            w.bulk("unknown");
            w.bulk("spec");
            w.map(0);
        } else if (k.begin() instanceof KeySpec.Index i) {
            w.bulk("index");
            w.bulk("spec");
            w.map(1);
            w.bulk("index");
            w.integer(i.index());
        } else {
            KeySpec.Keyword kw = (KeySpec.Keyword) k.begin();
            w.bulk("keyword");
            w.bulk("spec");
            w.map(2);
            w.bulk("keyword");
            w.bulk(kw.keyword());
            w.bulk("startfrom");
            w.integer(kw.startFrom());
        }
        w.bulk("find_keys");
        w.map(2);
        w.bulk("type");
        if (k.find() instanceof KeySpec.Unknown) {
            w.bulk("unknown");
            w.bulk("spec");
            w.map(0);
        } else if (k.find() instanceof KeySpec.Range r) {
            w.bulk("range");
            w.bulk("spec");
            w.map(3);
            w.bulk("lastkey");
            w.integer(r.lastKey());
            w.bulk("keystep");
            w.integer(r.keyStep());
            w.bulk("limit");
            w.integer(r.limit());
        } else {
            KeySpec.KeyNum n = (KeySpec.KeyNum) k.find();
            w.bulk("keynum");
            w.bulk("spec");
            w.map(3);
            w.bulk("keynumidx");
            w.integer(n.keyNumIdx());
            w.bulk("firstkey");
            w.integer(n.firstKey());
            w.bulk("keystep");
            w.integer(n.keyStep());
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
