package dev.minicloud.kv.internal.script;

import dev.minicloud.kv.internal.engine.Call;
import dev.minicloud.kv.internal.engine.CommandSpec;
import dev.minicloud.kv.internal.engine.CommandTable;
import dev.minicloud.kv.internal.engine.KeySpec;
import dev.minicloud.kv.internal.engine.RespError;
import dev.minicloud.kv.internal.store.Glob;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * EVAL, EVALSHA, EVAL_RO, EVALSHA_RO, SCRIPT LOAD|EXISTS|FLUSH|KILL|HELP, FCALL, FCALL_RO and
 * FUNCTION LOAD|DELETE|FLUSH|LIST|DUMP|RESTORE|STATS|KILL|HELP, with Redis 7's arity,
 * flags and error texts. Each command table gets its own {@link Scripting} (one per KV instance),
 * created on first use and dropped by SCRIPT FLUSH and by the instance's reset.
 */
public final class ScriptingCommands {
    private Scripting scripting;

    private ScriptingCommands() {}

    public static void register(CommandTable t) {
        new ScriptingCommands().registerOn(t);
    }

    private Scripting of(Call c) {
        if (scripting == null) {
            scripting = new Scripting(c.engine());
        }
        return scripting;
    }

    private void registerOn(CommandTable t) {
        registerEval(t);
        registerFunctions(t);
    }

    private void registerFunctions(CommandTable t) {
        String g = "scripting";
        t.add(
                        "fcall",
                        -3,
                        "noscript stale skip_monitor no_mandatory_keys",
                        0,
                        0,
                        0,
                        g,
                        "Invokes a function.",
                        c -> of(c).fcall(c, false))
                .keys(KeySpec.keyNum("RW access update", 2).notes(KeySpec.SCRIPT_RW_NOTES));
        t.add(
                        "fcall_ro",
                        -3,
                        "readonly noscript stale skip_monitor no_mandatory_keys",
                        0,
                        0,
                        0,
                        g,
                        "Invokes a read-only function.",
                        c -> of(c).fcall(c, true))
                .keys(KeySpec.keyNum("RO access", 2).notes(KeySpec.SCRIPT_RO_NOTES));
        CommandSpec function = t.add("function", -2, "", 0, 0, 0, g, "A container for function commands.", null);
        t.sub(function, "load", -3, "write denyoom noscript", 0, 0, 0, "Creates a library.", c -> {
            boolean replace = false;
            int at = 2;
            while (at < c.argc() - 1) {
                if (!c.is(at, "REPLACE")) {
                    throw new RespError("ERR Unknown option given: " + c.str(at));
                }
                replace = true;
                at++;
            }
            c.out().bulk(of(c).functions().load(c.arg(at), replace));
        });
        t.sub(function, "delete", 3, "write noscript", 0, 0, 0, "Deletes a library and its functions.", c -> {
            of(c).functions().delete(c.str(2));
            c.out().ok();
        });
        t.sub(function, "flush", -2, "write noscript", 0, 0, 0, "Deletes all libraries and functions.", c -> {
            if (c.argc() > 3) {
                throw new RespError("ERR unknown subcommand or wrong number of arguments for '" + c.str(1)
                        + "'. Try FUNCTION HELP.");
            }
            if (c.argc() == 3 && !c.is(2, "SYNC") && !c.is(2, "ASYNC")) {
                throw new RespError("ERR FUNCTION FLUSH only supports SYNC|ASYNC option");
            }
            of(c).functions().flush();
            c.out().ok();
        });
        t.sub(
                function,
                "list",
                -2,
                "noscript",
                0,
                0,
                0,
                "Returns information about all libraries.",
                c -> functionList(c));
        t.sub(
                function,
                "dump",
                2,
                "noscript",
                0,
                0,
                0,
                "Dumps all libraries into a serialized binary payload.",
                c -> c.out().bulk(of(c).functions().dump()));
        t.sub(
                function,
                "restore",
                -3,
                "write denyoom noscript",
                0,
                0,
                0,
                "Restores all libraries from a payload.",
                c -> {
                    if (c.argc() > 4) {
                        throw new RespError("ERR unknown subcommand or wrong number of arguments for '" + c.str(1)
                                + "'. Try FUNCTION HELP.");
                    }
                    FunctionLibraries.RestorePolicy policy = FunctionLibraries.RestorePolicy.APPEND;
                    if (c.argc() == 4) {
                        policy = c.is(3, "APPEND")
                                ? FunctionLibraries.RestorePolicy.APPEND
                                : c.is(3, "REPLACE")
                                        ? FunctionLibraries.RestorePolicy.REPLACE
                                        : c.is(3, "FLUSH") ? FunctionLibraries.RestorePolicy.FLUSH : null;
                        if (policy == null) {
                            throw new RespError(
                                    "ERR Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE.");
                        }
                    }
                    of(c).functions().restore(c.arg(2), policy);
                    c.out().ok();
                });
        t.sub(
                function,
                "stats",
                2,
                "noscript allow_busy",
                0,
                0,
                0,
                "Returns information about a function during execution.",
                c -> {
                    ScriptRun run = of(c).current();
                    if (run != null && !run.function) {
                        throw new RespError(Scripting.BUSY_SCRIPT);
                    }
                    FunctionLibraries f = of(c).functions();
                    var w = c.out();
                    w.map(2);
                    w.bulk("running_script");
                    if (run == null) {
                        w.nullBulk();
                    } else {
                        w.map(3);
                        w.bulk("name");
                        w.bulk(run.name);
                        w.bulk("command");
                        w.array(run.command.length);
                        for (byte[] a : run.command) {
                            w.bulk(a);
                        }
                        w.bulk("duration_ms");
                        w.integer(c.engine().clockMillis() - run.startMillis);
                    }
                    w.bulk("engines");
                    w.map(1);
                    w.bulk("LUA");
                    w.map(2);
                    w.bulk("libraries_count");
                    w.integer(f.libraries().size());
                    w.bulk("functions_count");
                    w.integer(f.functionCount());
                });
        t.sub(
                function,
                "kill",
                2,
                "noscript allow_busy",
                0,
                0,
                0,
                "Terminates a function during execution.",
                c -> of(c).kill(c, false));
        t.sub(
                function,
                "help",
                2,
                "loading stale",
                0,
                0,
                0,
                "Returns helpful text about the different subcommands.",
                c -> {
                    String[] lines = {
                        "FUNCTION <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                        "LOAD [REPLACE] <FUNCTION CODE>",
                        "    Create a new library with the given library name and code.",
                        "DELETE <LIBRARY NAME>",
                        "    Delete the given library.",
                        "LIST [LIBRARYNAME PATTERN] [WITHCODE]",
                        "    Return general information on all the libraries:",
                        "    * Library name",
                        "    * The engine used to run the Library",
                        "    * Functions list",
                        "    * Library code (if WITHCODE is given)",
                        "    It also possible to get only function that matches a pattern using LIBRARYNAME argument.",
                        "STATS",
                        "    Return information about the current function running:",
                        "    * Function name",
                        "    * Command used to run the function",
                        "    * Duration in MS that the function is running",
                        "    If no function is running, return nil",
                        "    In addition, returns a list of available engines.",
                        "KILL",
                        "    Kill the current running function.",
                        "FLUSH [ASYNC|SYNC]",
                        "    Delete all the libraries.",
                        "    When called without the optional mode argument, the behavior is determined by the",
                        "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
                        "    * ASYNC: Asynchronously flush the libraries.",
                        "    * SYNC: Synchronously flush the libraries.",
                        "DUMP",
                        "    Return a serialized payload representing the current libraries, can be restored using FUNCTION RESTORE command",
                        "RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]",
                        "    Restore the libraries represented by the given payload, it is possible to give a restore policy to",
                        "    control how to handle existing libraries (default APPEND):",
                        "    * FLUSH: delete all existing libraries.",
                        "    * APPEND: appends the restored libraries to the existing libraries. On collision, abort.",
                        "    * REPLACE: appends the restored libraries to the existing libraries, On collision, replace the old",
                        "      libraries with the new libraries (notice that even on this option there is a chance of failure",
                        "      in case of functions name collision with another library).",
                        "HELP",
                        "    Print this help."
                    };
                    c.help(lines);
                });
    }

    private void functionList(Call c) {
        boolean withCode = false;
        String pattern = null;
        for (int i = 2; i < c.argc(); i++) {
            if (!withCode && c.is(i, "WITHCODE")) {
                withCode = true;
                continue;
            }
            if (pattern == null && c.is(i, "LIBRARYNAME")) {
                if (i >= c.argc() - 1) {
                    throw new RespError("ERR library name argument was not given");
                }
                pattern = c.str(++i);
                continue;
            }
            throw new RespError("ERR Unknown argument " + c.str(i));
        }
        List<FunctionLibraries.Library> libs = new ArrayList<>();
        for (FunctionLibraries.Library l : of(c).functions().libraries()) {
            if (pattern == null
                    || Glob.match(
                            pattern.getBytes(StandardCharsets.UTF_8),
                            l.name().getBytes(StandardCharsets.UTF_8),
                            true)) {
                libs.add(l);
            }
        }
        var w = c.out();
        w.array(libs.size());
        for (FunctionLibraries.Library l : libs) {
            w.map(withCode ? 4 : 3);
            w.bulk("library_name");
            w.bulk(l.name());
            w.bulk("engine");
            w.bulk("LUA");
            w.bulk("functions");
            w.array(l.functions().size());
            for (FunctionLibraries.Function f : l.functions().values()) {
                w.map(3);
                w.bulk("name");
                w.bulk(f.name());
                w.bulk("description");
                w.bulk(f.description());
                w.bulk("flags");
                w.set(f.flags().size());
                for (ScriptFlag flag : f.flags()) {
                    w.simple(flag.text());
                }
            }
            if (withCode) {
                w.bulk("library_code");
                w.bulk(l.code());
            }
        }
    }

    private void registerEval(CommandTable t) {
        String g = "scripting";
        t.onReset(() -> {
            if (scripting != null) {
                scripting.reset();
            }
        });
        t.add(
                        "eval",
                        -3,
                        "noscript stale skip_monitor no_mandatory_keys",
                        0,
                        0,
                        0,
                        g,
                        "Executes a server-side Lua script.",
                        c -> of(c).eval(c, false, false))
                .keys(KeySpec.keyNum("RW access update", 2).notes(KeySpec.SCRIPT_RW_NOTES));
        t.add(
                        "evalsha",
                        -3,
                        "noscript stale skip_monitor no_mandatory_keys",
                        0,
                        0,
                        0,
                        g,
                        "Executes a server-side Lua script by SHA1 digest.",
                        c -> of(c).eval(c, true, false))
                .keys(KeySpec.keyNum("RW access update", 2));
        t.add(
                        "eval_ro",
                        -3,
                        "readonly noscript stale skip_monitor no_mandatory_keys",
                        0,
                        0,
                        0,
                        g,
                        "Executes a read-only server-side Lua script.",
                        c -> of(c).eval(c, false, true))
                .keys(KeySpec.keyNum("RO access", 2).notes(KeySpec.SCRIPT_RO_NOTES));
        t.add(
                        "evalsha_ro",
                        -3,
                        "readonly noscript stale skip_monitor no_mandatory_keys",
                        0,
                        0,
                        0,
                        g,
                        "Executes a read-only server-side Lua script by SHA1 digest.",
                        c -> of(c).eval(c, true, true))
                .keys(KeySpec.keyNum("RO access", 2));
        CommandSpec script =
                t.add("script", -2, "", 0, 0, 0, g, "A container for Lua scripts management commands.", null);
        t.sub(
                script,
                "load",
                3,
                "noscript stale",
                0,
                0,
                0,
                "Loads a server-side Lua script to the script cache.",
                c -> c.out().bulk(of(c).load(c.arg(2)).sha()));
        t.sub(
                script,
                "exists",
                -3,
                "noscript",
                0,
                0,
                0,
                "Determines whether server-side Lua scripts exist in the script cache.",
                c -> {
                    Scripting s = of(c);
                    c.out().array(c.argc() - 2);
                    for (int i = 2; i < c.argc(); i++) {
                        c.out().integer(s.exists(c.str(i)) ? 1 : 0);
                    }
                });
        t.sub(
                script,
                "flush",
                -2,
                "noscript",
                0,
                0,
                0,
                "Removes all server-side Lua scripts from the script cache.",
                c -> {
                    if (c.argc() > 3 || (c.argc() == 3 && !c.is(2, "SYNC") && !c.is(2, "ASYNC"))) {
                        throw new RespError("ERR SCRIPT FLUSH only support SYNC|ASYNC option");
                    }
                    of(c).flush();
                    c.out().ok();
                });
        t.sub(
                script,
                "kill",
                2,
                "noscript allow_busy",
                0,
                0,
                0,
                "Terminates a server-side Lua script during execution.",
                c -> of(c).kill(c, true));
        t.sub(
                script,
                "help",
                2,
                "loading stale",
                0,
                0,
                0,
                "Returns helpful text about the different subcommands.",
                c -> {
                    String[] lines = {
                        "SCRIPT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                        "DEBUG (YES|SYNC|NO)",
                        "    Set the debug mode for subsequent scripts executed.",
                        "EXISTS <sha1> [<sha1> ...]",
                        "    Return information about the existence of the scripts in the script cache.",
                        "FLUSH [ASYNC|SYNC]",
                        "    Flush the Lua scripts cache. Very dangerous on replicas.",
                        "    When called without the optional mode argument, the behavior is determined by the",
                        "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
                        "    * ASYNC: Asynchronously flush the scripts cache.",
                        "    * SYNC: Synchronously flush the scripts cache.",
                        "KILL",
                        "    Kill the currently executing Lua script.",
                        "LOAD <script>",
                        "    Load a script into the scripts cache without executing it.",
                        "HELP",
                        "    Print this help."
                    };
                    c.help(lines);
                });
    }
}
