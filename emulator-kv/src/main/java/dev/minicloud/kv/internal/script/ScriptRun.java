package dev.minicloud.kv.internal.script;

import dev.minicloud.kv.internal.engine.Client;

/**
 * One script execution in progress (Redis' scriptRunCtx): who called it, under which restrictions,
 * whether it has written yet (after which an out-of-memory condition no longer stops it and SCRIPT
 * KILL no longer may), when it started by the instance clock, and whether it has passed
 * {@code busy-reply-threshold} or been killed. Touched only by the KV thread.
 */
final class ScriptRun {
    final Client caller;
    final String name;
    /** FCALL rather than EVAL: decides which KILL command applies and which BUSY text others get. */
    final boolean function;
    /** The command that started it (FUNCTION STATS shows it). */
    final byte[][] command;

    final boolean readOnly;
    final boolean allowOom;
    /** Redis' script_oom: memory was over maxmemory when the script started. */
    final boolean oomAtStart;

    final long startMillis;
    boolean wroteData;
    /** Past busy-reply-threshold: other clients get BUSY. */
    boolean timedOut;

    boolean killed;

    ScriptRun(
            Client caller,
            String name,
            boolean function,
            byte[][] command,
            boolean readOnly,
            boolean allowOom,
            boolean oomAtStart,
            long startMillis) {
        this.caller = caller;
        this.name = name;
        this.function = function;
        this.command = command;
        this.readOnly = readOnly;
        this.allowOom = allowOom;
        this.oomAtStart = oomAtStart;
        this.startMillis = startMillis;
    }
}
