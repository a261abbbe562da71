package dev.minicloud.kv.script;

import dev.minicloud.kv.engine.Client;

/**
 * One script execution in progress (Redis' scriptRunCtx): who called it, under which restrictions,
 * and whether it has written yet (after which an out-of-memory condition no longer stops it).
 */
final class ScriptRun {
    final Client caller;
    final String name;
    final boolean readOnly;
    final boolean allowOom;
    /** Redis' script_oom: memory was over maxmemory when the script started. */
    final boolean oomAtStart;
    boolean wroteData;

    ScriptRun(Client caller, String name, boolean readOnly, boolean allowOom, boolean oomAtStart) {
        this.caller = caller;
        this.name = name;
        this.readOnly = readOnly;
        this.allowOom = allowOom;
        this.oomAtStart = oomAtStart;
    }
}
