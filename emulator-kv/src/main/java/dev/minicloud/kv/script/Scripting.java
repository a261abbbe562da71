package dev.minicloud.kv.script;

import dev.minicloud.kv.engine.Call;
import dev.minicloud.kv.engine.Client;
import dev.minicloud.kv.engine.KvEngine;
import dev.minicloud.kv.engine.RespError;
import dev.minicloud.kv.engine.ScriptClient;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
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
    record EvalScript(String sha, Set<ScriptFlag> flags, boolean compat, LuaFunction function) {
    }

    private final KvEngine engine;
    private final ScriptClient client;
    private final RedisApi api;
    private final Rand48 random = new Rand48();
    private final Map<String, EvalScript> scripts = new HashMap<>();
    private LuaSandbox sandbox;
    private final FunctionLibraries functions = new FunctionLibraries(this::sandbox);

    Scripting(KvEngine engine) {
        this.engine = engine;
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
        Long numkeys = dev.minicloud.kv.wire.Numbers.parseLong(c.arg(2));
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
            throw new RespError("OOM allow-oom flag is not set on the script, can not run it when used memory > 'maxmemory'");
        }
        if (!f.flags().contains(ScriptFlag.NO_WRITES) && readOnlyCommand) {
            throw new RespError("ERR Can not execute a script with write flag using *_ro command.");
        }
        boolean readOnly = readOnlyCommand || f.flags().contains(ScriptFlag.NO_WRITES);
        ScriptRun run = new ScriptRun(caller, f.name(), readOnly, f.flags().contains(ScriptFlag.ALLOW_OOM), client.outOfMemory(caller));
        int n = numkeys.intValue();
        sandbox();
        execute(c, run, f.callback(), LuaValue.varargsOf(array(c, 3, n), array(c, 3 + n, c.argc() - 3 - n)));
    }

    boolean exists(String sha) {
        return scripts.containsKey(sha.toLowerCase(Locale.ROOT));
    }

    /** SCRIPT LOAD / EVAL of a new body: compiles and caches it; Redis' errors on a bad shebang or syntax. */
    EvalScript load(byte[] body) {
        String sha = Sha1Hex.of(body);
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
            s = scripts.get(new String(c.arg(1), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT));
            if (s == null) {
                throw new RespError(NOSCRIPT);
            }
        } else {
            s = load(c.arg(1));
        }
        Client caller = c.client();
        if (!s.compat()) {
            if (!s.flags().contains(ScriptFlag.ALLOW_OOM) && client.outOfMemory(caller)) {
                throw new RespError("OOM allow-oom flag is not set on the script, can not run it when used memory > 'maxmemory'");
            }
            if (!s.flags().contains(ScriptFlag.NO_WRITES) && readOnlyCommand) {
                throw new RespError("ERR Can not execute a script with write flag using *_ro command.");
            }
        }
        boolean readOnly = readOnlyCommand || (!s.compat() && s.flags().contains(ScriptFlag.NO_WRITES));
        boolean allowOom = !s.compat() && s.flags().contains(ScriptFlag.ALLOW_OOM);
        ScriptRun run = new ScriptRun(caller, s.sha(), readOnly, allowOom, client.outOfMemory(caller));
        int n = (int) numkeys;
        LuaSandbox box = sandbox();
        box.setRunGlobal("KEYS", array(c, 3, n));
        box.setRunGlobal("ARGV", array(c, 3 + n, c.argc() - 3 - n));
        execute(c, run, s.function(), LuaValue.NONE);
    }

    static final String NOSCRIPT = "NOSCRIPT No matching script. Please use EVAL.";

    /** Runs a script function and writes its result (or Redis' error) as the caller's reply. */
    void execute(Call c, ScriptRun run, LuaFunction f, org.luaj.vm2.Varargs args) {
        client.prepare(run.caller);
        api.begin(run);
        ByteBuf reply = c.out().buffer();
        int mark = reply.writerIndex();
        try {
            LuaValue result = f.invoke(args).arg1();
            LuaToResp.write(c.out(), result, client.resp());
        } catch (LuaError e) {
            reply.writerIndex(mark);
            c.out().error(LuaErrors.reply(e, run.name));
        } catch (StackOverflowError e) {
            // a half-written reply would break the framing: the error replaces it
            reply.writerIndex(mark);
            c.out().error("ERR Error running script " + run.name + ", stack overflow");
        } finally {
            api.end();
        }
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
