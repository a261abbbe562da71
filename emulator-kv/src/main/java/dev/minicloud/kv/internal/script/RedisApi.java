package dev.minicloud.kv.internal.script;

import dev.minicloud.kv.internal.engine.CommandFlag;
import dev.minicloud.kv.internal.engine.CommandSpec;
import dev.minicloud.kv.internal.engine.KvEngine;
import dev.minicloud.kv.internal.engine.RespError;
import dev.minicloud.kv.internal.engine.ScriptClient;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The {@code redis} table scripts see (script_lua.c, luaRegisterRedisAPI): {@code call},
 * {@code pcall}, {@code error_reply}, {@code status_reply}, {@code sha1hex}, {@code log} and its
 * levels, {@code setresp}, {@code set_repl} and {@code replicate_commands} (accepted: there is no
 * replication stream to shape), {@code REDIS_VERSION}/{@code REDIS_VERSION_NUM},
 * {@code acl_check_cmd}, {@code breakpoint}/{@code debug} (no debugger: inert). Commands run through
 * the {@link ScriptClient} with Redis' pre-checks, each error with Redis' text.
 */
final class RedisApi {
    private static final Logger LOG = System.getLogger("dev.minicloud.kv.internal.script");
    private static final Level[] LEVELS = {Level.DEBUG, Level.DEBUG, Level.INFO, Level.WARNING};

    private final ScriptClient client;
    private ScriptRun run;

    RedisApi(ScriptClient client) {
        this.client = client;
    }

    void begin(ScriptRun r) {
        this.run = r;
    }

    void end() {
        this.run = null;
    }

    ScriptRun current() {
        return run;
    }

    LuaTable table() {
        LuaTable t = OpFunction.table(Api.values(), Fn::new);
        t.rawset("LOG_DEBUG", 0);
        t.rawset("LOG_VERBOSE", 1);
        t.rawset("LOG_NOTICE", 2);
        t.rawset("LOG_WARNING", 3);
        t.rawset("REPL_NONE", 0);
        t.rawset("REPL_AOF", 1);
        t.rawset("REPL_SLAVE", 2);
        t.rawset("REPL_REPLICA", 2);
        t.rawset("REPL_ALL", 3);
        t.rawset("REDIS_VERSION", KvEngine.VERSION);
        t.rawset("REDIS_VERSION_NUM", versionNum(KvEngine.VERSION));
        return t;
    }

    static int versionNum(String v) {
        String[] p = v.split("\\.");
        return Integer.parseInt(p[0]) << 16 | Integer.parseInt(p[1]) << 8 | Integer.parseInt(p[2]);
    }

    private enum Api {
        CALL,
        PCALL,
        ERROR_REPLY,
        STATUS_REPLY,
        SHA1HEX,
        LOG,
        SETRESP,
        SET_REPL,
        REPLICATE_COMMANDS,
        ACL_CHECK_CMD,
        BREAKPOINT,
        DEBUG
    }

    /** Raises a Redis error table, as luaPushError + luaError do. */
    static LuaError raise(String message) {
        return new LuaError(RespToLua.errorTable(message));
    }

    private final class Fn extends OpFunction<Api> {
        Fn(Api api) {
            super(api);
        }

        @Override
        public Varargs invoke(Varargs a) {
            return switch (op) {
                case CALL -> command(a, true);
                case PCALL -> command(a, false);
                case ERROR_REPLY -> {
                    if (a.narg() != 1 || a.arg1().type() != TSTRING) {
                        yield RespToLua.errorTable("wrong number or type of arguments");
                    }
                    String e = a.arg1().tojstring();
                    yield RespToLua.errorTable(e.startsWith("-") ? e : "-" + e);
                }
                case STATUS_REPLY -> {
                    if (a.narg() != 1 || a.arg1().type() != TSTRING) {
                        yield RespToLua.errorTable("wrong number or type of arguments");
                    }
                    LuaTable t = new LuaTable();
                    t.rawset("ok", a.arg1());
                    yield t;
                }
                case SHA1HEX -> {
                    if (a.narg() != 1) {
                        throw raise("wrong number of arguments");
                    }
                    LuaValue s = a.arg1();
                    byte[] b = s.isstring() ? LuaToResp.toBytes(s.checkstring()) : new byte[0];
                    yield valueOf(Sha1Hex.of(b));
                }
                case LOG -> log(a);
                case SETRESP -> {
                    requireRun("redis.setresp can only be called inside a script invocation");
                    if (a.narg() != 1) {
                        throw raise("redis.setresp() requires one argument.");
                    }
                    int resp = (int) a.arg1().optdouble(0);
                    if (resp != 2 && resp != 3) {
                        throw raise("RESP version must be 2 or 3.");
                    }
                    client.resp(resp);
                    yield NONE;
                }
                case SET_REPL -> {
                    requireRun("redis.set_repl can only be called inside a script invocation");
                    if (a.narg() != 1) {
                        throw raise("redis.set_repl() requires two arguments.");
                    }
                    int flags = (int) a.arg1().optdouble(0);
                    if ((flags & ~3) != 0) {
                        throw raise("Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE.");
                    }
                    yield NONE;
                }
                case REPLICATE_COMMANDS -> TRUE;
                case ACL_CHECK_CMD -> {
                    requireRun("redis.acl_check_cmd can only be called inside a script invocation");
                    byte[][] argv = argv(a);
                    if (client.lookup(argv, argv.length) == null) {
                        throw raise("Invalid command passed to redis.acl_check_cmd()");
                    }
                    yield TRUE;
                }
                case BREAKPOINT -> FALSE;
                case DEBUG -> NONE;
            };
        }
    }

    private void requireRun(String message) {
        if (run == null) {
            throw raise(message);
        }
    }

    /** redis.log on its own, for the function-library load environment. */
    static final class Log extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs a) {
            return log(a);
        }
    }

    private static Varargs log(Varargs a) {
        int argc = a.narg();
        if (argc < 2) {
            throw raise("redis.log() requires two arguments or more.");
        }
        if (!a.arg1().isnumber()) {
            throw raise("First argument must be a number (log level).");
        }
        int level = (int) a.arg1().todouble();
        if (level < 0 || level > 3) {
            throw raise("Invalid debug level.");
        }
        StringBuilder b = new StringBuilder();
        for (int i = 2; i <= argc; i++) {
            if (a.arg(i).isstring()) {
                if (b.length() > 0) {
                    b.append(' ');
                }
                b.append(a.arg(i).tojstring());
            }
        }
        LOG.log(LEVELS[level], b.toString());
        return LuaValue.NONE;
    }

    private byte[][] argv(Varargs a) {
        int argc = a.narg();
        if (argc == 0) {
            throw raise("Please specify at least one argument for this redis lib call");
        }
        byte[][] argv = new byte[argc][];
        for (int i = 0; i < argc; i++) {
            LuaValue v = a.arg(i + 1);
            if (v.type() == LuaValue.TNUMBER) {
                argv[i] = LuaNumbers.g17(v.todouble());
            } else if (v.type() == LuaValue.TSTRING) {
                argv[i] = LuaToResp.toBytes(v);
            } else {
                throw raise("Lua redis lib command arguments must be strings or integers");
            }
        }
        return argv;
    }

    /** redis.call / redis.pcall (luaRedisGenericCommand + scriptCall). */
    private LuaValue command(Varargs a, boolean raiseErrors) {
        if (run == null) {
            throw raise("redis.call/pcall can only be called inside a script invocation");
        }
        byte[][] argv;
        try {
            argv = argv(a);
        } catch (LuaError e) {
            if (raiseErrors) {
                throw e;
            }
            return e.getMessageObject();
        }
        CommandSpec spec = client.lookup(argv, argv.length);
        String refused = refuse(spec, argv);
        if (refused != null) {
            LuaTable err = RespToLua.errorTable(refused);
            if (raiseErrors) {
                throw new LuaError(err);
            }
            return err;
        }
        if (spec.has(CommandFlag.WRITE)) {
            run.wroteData = true;
        }
        client.run(spec, argv, argv.length);
        var replies = client.replies();
        boolean error = RespToLua.isError(replies);
        LuaValue v = RespToLua.parse(replies);
        if (error && raiseErrors) {
            throw new LuaError(v);
        }
        return v;
    }

    /** Why a command may not run from this script (scriptCall's checks, in its order), or null. */
    private String refuse(CommandSpec spec, byte[][] argv) {
        if (spec == null) {
            return "Unknown Redis command called from script";
        }
        if (!spec.arityOk(argv.length)) {
            return "Wrong number of args calling Redis command from script";
        }
        if (spec.has(CommandFlag.NOSCRIPT)) {
            return "This Redis command is not allowed from script";
        }
        String acl = client.aclRefusal(run.caller, spec, argv, argv.length);
        if (acl != null) {
            return acl;
        }
        if (spec.has(CommandFlag.WRITE) && run.readOnly) {
            return "Write commands are not allowed from read-only scripts.";
        }
        if (!run.allowOom && run.oomAtStart && !run.wroteData && spec.has(CommandFlag.DENYOOM)) {
            return "-" + RespError.OOM;
        }
        return null;
    }
}
