package dev.minicloud.kv.internal.script;

import dev.minicloud.kv.internal.engine.Call;
import dev.minicloud.kv.internal.engine.Client;
import dev.minicloud.kv.internal.engine.KvEngine;
import dev.minicloud.kv.internal.engine.RespError;
import dev.minicloud.kv.internal.engine.ScriptClient;
import dev.minicloud.kv.internal.wire.Numbers;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * The scripting state of one KV instance: its Lua sandbox, the EVAL script cache (SHA1 to compiled
 * chunk) and the run in progress. Created lazily on the first scripting command, on the KV thread
 * (which is the only thread that touches it); {@link #flush()} drops everything (SCRIPT FLUSH,
 * reset), FLUSHALL does not, as in Redis.
 *
 * <p>Memory: a compiled chunk is kept once per distinct script body; a run adds nothing that
 * outlives it ({@code KEYS}/{@code ARGV} are replaced on the next run).
 */
final class Scripting {
    /** A cached EVAL script. */
    record EvalScript(String sha, Set<ScriptFlag> flags, boolean compat, LuaFunction function) {}

    private final KvEngine engine;
    private final ScriptClient client;
    private final RedisApi api;
    private final Rand48 random = new Rand48();
    private final Map<String, EvalScript> scripts = new HashMap<>();
    /** EVAL hashes every body it gets, as Redis does: one digest, reused on the KV thread. */
    private final MessageDigest sha1 = Sha1Hex.digest();

    private LuaSandbox sandbox;
    private final FunctionLibraries functions;

    Scripting(KvEngine engine) {
        this.engine = engine;
        this.functions = new FunctionLibraries(
                this::sandbox, engine::clockMillis, () -> engine.config().luaMemoryLimit());
        this.client = new ScriptClient(engine);
        this.api = new RedisApi(client);
    }

    private LuaSandbox sandbox() {
        if (sandbox == null) {
            sandbox = new LuaSandbox(api.table(), random);
        }
        return sandbox;
    }

    boolean running() {
        return api.current() != null;
    }

    /** SCRIPT FLUSH: a fresh Lua state, as Redis' scriptingReset (function libraries stay). */
    void flush() {
        scripts.clear();
        sandbox = null;
    }

    /** The instance's reset: scripts and function libraries. */
    void reset() {
        flush();
        functions.flush();
    }

    FunctionLibraries functions() {
        return functions;
    }

    /** FCALL, FCALL_RO. */
    void fcall(Call c, boolean readOnlyCommand) {
        FunctionLibraries.Function f = functions.function(c.str(1));
        if (f == null) {
            throw new RespError("ERR Function not found");
        }
        Long numkeys = Numbers.parseLong(c.arg(2));
        if (numkeys == null) {
            throw new RespError("ERR Bad number of keys provided");
        }
        if (numkeys > c.argc() - 3) {
            throw new RespError("ERR Number of keys can't be greater than number of args");
        }
        if (numkeys < 0) {
            throw new RespError("ERR Number of keys can't be negative");
        }
        Client caller = c.client();
        if (!f.flags().contains(ScriptFlag.ALLOW_OOM) && client.outOfMemory(caller)) {
            throw new RespError(
                    "OOM allow-oom flag is not set on the script, can not run it when used memory > 'maxmemory'");
        }
        if (!f.flags().contains(ScriptFlag.NO_WRITES) && readOnlyCommand) {
            throw new RespError("ERR Can not execute a script with write flag using *_ro command.");
        }
        boolean readOnly = readOnlyCommand || f.flags().contains(ScriptFlag.NO_WRITES);
        ScriptRun run = new ScriptRun(
                caller,
                f.name(),
                true,
                command(c),
                readOnly,
                f.flags().contains(ScriptFlag.ALLOW_OOM),
                client.outOfMemory(caller),
                engine.clockMillis());
        int n = numkeys.intValue();
        sandbox();
        execute(c, run, f.callback(), LuaValue.varargsOf(array(c, 3, n), array(c, 3 + n, c.argc() - 3 - n)));
    }

    boolean exists(String sha) {
        return scripts.containsKey(sha.toLowerCase(Locale.ROOT));
    }

    /** SCRIPT LOAD / EVAL of a new body: compiles and caches it; Redis' errors on a bad shebang or syntax. */
    EvalScript load(byte[] body) {
        String sha = Sha1Hex.of(sha1, body);
        EvalScript s = scripts.get(sha);
        if (s != null) {
            return s;
        }
        Shebang shebang = Shebang.parse(body);
        LuaFunction f;
        try {
            f = sandbox().compile(body, shebang.bodyOffset(), LuaSandbox.CHUNK);
        } catch (LuaError e) {
            throw new RespError("ERR Error compiling script (new function): " + LuaErrors.syntax(e));
        }
        s = new EvalScript(sha, shebang.flags(), shebang.compat(), f);
        scripts.put(sha, s);
        return s;
    }

    /** EVAL, EVALSHA, EVAL_RO, EVALSHA_RO. */
    void eval(Call c, boolean bySha, boolean readOnlyCommand) {
        EvalScript s;
        if (bySha && c.arg(1).length != 40) {
            throw new RespError(NOSCRIPT);
        }
        long numkeys = c.longArg(2);
        if (numkeys > c.argc() - 3) {
            throw new RespError("ERR Number of keys can't be greater than number of args");
        }
        if (numkeys < 0) {
            throw new RespError("ERR Number of keys can't be negative");
        }
        if (bySha) {
            String sha = new String(c.arg(1), StandardCharsets.ISO_8859_1);
            s = scripts.get(sha);
            if (s == null) {
                s = scripts.get(sha.toLowerCase(Locale.ROOT));
            }
            if (s == null) {
                throw new RespError(NOSCRIPT);
            }
        } else {
            s = load(c.arg(1));
        }
        Client caller = c.client();
        if (!s.compat()) {
            if (!s.flags().contains(ScriptFlag.ALLOW_OOM) && client.outOfMemory(caller)) {
                throw new RespError(
                        "OOM allow-oom flag is not set on the script, can not run it when used memory > 'maxmemory'");
            }
            if (!s.flags().contains(ScriptFlag.NO_WRITES) && readOnlyCommand) {
                throw new RespError("ERR Can not execute a script with write flag using *_ro command.");
            }
        }
        boolean readOnly = readOnlyCommand || (!s.compat() && s.flags().contains(ScriptFlag.NO_WRITES));
        boolean allowOom = !s.compat() && s.flags().contains(ScriptFlag.ALLOW_OOM);
        ScriptRun run = new ScriptRun(
                caller, s.sha(), false, null, readOnly, allowOom, client.outOfMemory(caller), engine.clockMillis());
        int n = (int) numkeys;
        LuaSandbox box = sandbox();
        box.setRunGlobal(KEYS, array(c, 3, n));
        box.setRunGlobal(ARGV, array(c, 3 + n, c.argc() - 3 - n));
        execute(c, run, s.function(), LuaValue.NONE);
    }

    static final String NOSCRIPT = "NOSCRIPT No matching script. Please use EVAL.";
    private static final LuaValue KEYS = LuaValue.valueOf("KEYS");
    private static final LuaValue ARGV = LuaValue.valueOf("ARGV");
    static final String BUSY_SCRIPT =
            "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.";
    static final String BUSY_FUNCTION =
            "BUSY Redis is busy running a function. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.";
    static final String KILLED = "Script killed by user with SCRIPT KILL...";
    private static final String SHUTTING_DOWN = "Script killed because the server is shutting down";

    /** Runs a script function and writes its result (or Redis' error) as the caller's reply. */
    void execute(Call c, ScriptRun run, LuaFunction f, org.luaj.vm2.Varargs args) {
        client.prepare(run.caller);
        api.begin(run);
        ScriptWatchdog watchdog = sandbox().watchdog();
        watchdog.begin(engine.config().luaMemoryLimit(), () -> interrupt(run, watchdog), args);
        ByteBuf reply = c.out().buffer();
        int mark = reply.writerIndex();
        try {
            LuaValue result = f.invoke(args).arg1();
            LuaToResp.write(c.out(), result, client.resp());
        } catch (ScriptWatchdog.MemoryError e) {
            // Lua's memory error reaches Redis as a plain string, without a position
            reply.writerIndex(mark);
            c.out().error("ERR Error running script " + run.name + ", " + ScriptWatchdog.NO_MEMORY);
        } catch (LuaError e) {
            reply.writerIndex(mark);
            c.out().error(LuaErrors.reply(e, run.name));
        } catch (StackOverflowError e) {
            // the watchdog's depth limit should come first; a half-written reply would break the framing
            reply.writerIndex(mark);
            c.out().error("ERR Error running script " + run.name + ", stack overflow");
        } finally {
            watchdog.end();
            api.end();
            client.finish();
            if (run.timedOut) {
                engine.leaveBusy();
            }
        }
    }

    /**
     * The watchdog's periodic call (Redis' scriptInterrupt): once the run has lasted
     * busy-reply-threshold by the instance clock, other clients are answered from here with BUSY
     * (or served, for allow_busy commands such as SCRIPT KILL) on every call; a kill raises
     * Redis' error, on every instruction from then on so that pcall cannot keep the script alive.
     */
    private void interrupt(ScriptRun run, ScriptWatchdog watchdog) {
        if (engine.stopping()) {
            // the instance is closing: a script that never ends must not keep its thread alive
            watchdog.raiseAlways(() -> RedisApi.raise(SHUTTING_DOWN));
            throw RedisApi.raise(SHUTTING_DOWN);
        }
        if (!run.timedOut) {
            if (engine.clockMillis() - run.startMillis < engine.busyReplyThreshold()) {
                return;
            }
            run.timedOut = true;
            engine.enterBusy(run.caller, run.function ? BUSY_FUNCTION : BUSY_SCRIPT);
        }
        engine.serveWhileBusy();
        if (run.killed) {
            watchdog.raiseAlways(() -> RedisApi.raise(KILLED));
            throw RedisApi.raise(KILLED);
        }
    }

    /** SCRIPT KILL ({@code eval}) or FUNCTION KILL, with Redis' checks in scriptKill's order. */
    void kill(Call c, boolean eval) {
        ScriptRun run = api.current();
        if (run == null) {
            throw new RespError("NOTBUSY No scripts in execution right now.");
        }
        if (run.wroteData) {
            throw new RespError(
                    "UNKILLABLE Sorry the script already executed write commands against the dataset. "
                            + "You can either wait the script termination or kill the server in a hard way using the SHUTDOWN NOSAVE command.");
        }
        if (eval && run.function) {
            throw new RespError(BUSY_FUNCTION);
        }
        if (!eval && !run.function) {
            throw new RespError(BUSY_SCRIPT);
        }
        run.killed = true;
        c.out().ok();
    }

    /** The run in progress (only another client's allow_busy command can see one), or null. */
    ScriptRun current() {
        return api.current();
    }

    private static byte[][] command(Call c) {
        byte[][] a = new byte[c.argc()][];
        for (int i = 0; i < a.length; i++) {
            a[i] = c.arg(i);
        }
        return a;
    }

    private static LuaTable array(Call c, int from, int n) {
        LuaTable t = new LuaTable(n, 0);
        for (int i = 0; i < n; i++) {
            t.rawset(i + 1, LuaValue.valueOf(c.arg(from + i)));
        }
        return t;
    }

    KvEngine engine() {
        return engine;
    }
}
