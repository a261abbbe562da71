package dev.minicloud.kv.script;

import dev.minicloud.kv.engine.Call;
import dev.minicloud.kv.engine.CommandSpec;
import dev.minicloud.kv.engine.CommandTable;
import dev.minicloud.kv.engine.RespError;

/**
 * EVAL, EVALSHA, EVAL_RO, EVALSHA_RO and SCRIPT LOAD|EXISTS|FLUSH|KILL|HELP, with Redis 7's arity,
 * flags and error texts. Each command table gets its own {@link Scripting} (one per KV instance),
 * created on first use and dropped by SCRIPT FLUSH and by the instance's reset.
 */
public final class ScriptingCommands {
    private Scripting scripting;

    private ScriptingCommands() {
    }

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
        String g = "scripting";
        t.onReset(() -> {
            if (scripting != null) {
                scripting.flush();
            }
        });
        t.add("eval", -3, "noscript stale", 0, 0, 0, g, "Executes a server-side Lua script.", c -> of(c).eval(c, false, false));
        t.add("evalsha", -3, "noscript stale", 0, 0, 0, g, "Executes a server-side Lua script by SHA1 digest.",
                c -> of(c).eval(c, true, false));
        t.add("eval_ro", -3, "readonly noscript stale", 0, 0, 0, g, "Executes a read-only server-side Lua script.",
                c -> of(c).eval(c, false, true));
        t.add("evalsha_ro", -3, "readonly noscript stale", 0, 0, 0, g,
                "Executes a read-only server-side Lua script by SHA1 digest.", c -> of(c).eval(c, true, true));
        CommandSpec script = t.add("script", -2, "", 0, 0, 0, g, "A container for Lua scripts management commands.", null);
        t.sub(script, "load", 3, "noscript stale", 0, 0, 0, "Loads a server-side Lua script to the script cache.",
                c -> c.out().bulk(of(c).load(c.arg(2)).sha()));
        t.sub(script, "exists", -3, "noscript", 0, 0, 0, "Determines whether server-side Lua scripts exist in the script cache.", c -> {
            Scripting s = of(c);
            c.out().array(c.argc() - 2);
            for (int i = 2; i < c.argc(); i++) {
                c.out().integer(s.exists(c.str(i)) ? 1 : 0);
            }
        });
        t.sub(script, "flush", -2, "noscript", 0, 0, 0, "Removes all server-side Lua scripts from the script cache.", c -> {
            if (c.argc() > 3 || (c.argc() == 3 && !c.is(2, "SYNC") && !c.is(2, "ASYNC"))) {
                throw new RespError("ERR SCRIPT FLUSH only support SYNC|ASYNC option");
            }
            of(c).flush();
            c.out().ok();
        });
        t.sub(script, "kill", 2, "noscript allow_busy", 0, 0, 0, "Terminates a server-side Lua script during execution.", c -> {
            // scripts run to completion on the KV thread, so none is ever running when this is read
            throw new RespError("NOTBUSY No scripts in execution right now.");
        });
        t.sub(script, "help", 2, "loading stale", 0, 0, 0, "Returns helpful text about the different subcommands.", c -> {
            String[] lines = {"SCRIPT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "DEBUG (YES|SYNC|NO)", "    Set the debug mode for subsequent scripts executed.",
                "EXISTS <sha1> [<sha1> ...]", "    Return information about the existence of the scripts in the script cache.",
                "FLUSH [ASYNC|SYNC]", "    Flush the Lua scripts cache. Very dangerous on replicas.",
                "    When called without the optional mode argument, the behavior is determined by the",
                "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
                "    * ASYNC: Asynchronously flush the scripts cache.", "    * SYNC: Synchronously flush the scripts cache.",
                "KILL", "    Kill the currently executing Lua script.",
                "LOAD <script>", "    Load a script into the scripts cache without executing it.",
                "HELP", "    Print this help."};
            c.out().array(lines.length);
            for (String l : lines) {
                c.out().simple(l);
            }
        });
    }
}
