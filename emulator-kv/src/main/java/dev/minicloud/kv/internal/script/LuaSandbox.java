package dev.minicloud.kv.internal.script;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.List;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.UpValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.BaseLib;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.VarArgFunction;
import org.luaj.vm2.lib.jse.JseMathLib;

/**
 * One KV instance's Lua state, sandboxed as Redis 7 sandboxes its own: the base library without
 * {@code print}, {@code dofile}, {@code loadfile} (nor LuaJ's {@code rawlen}), {@code table},
 * {@code string}, {@code math}, {@code bit}, {@code cjson}, {@code cmsgpack}, {@code struct} and the {@code redis} table; no
 * {@code os}, {@code io}, {@code package}/{@code require}, {@code debug}, {@code coroutine} (LuaJ
 * runs each coroutine on a JVM thread) and no {@code luajava}, so a script can reach nothing of the
 * JVM. Lua 5.1 names scripts rely on are added ({@code unpack}, {@code loadstring},
 * {@code table.getn}); {@code load}/{@code loadstring} compile text only (no bytecode) in this
 * sandbox; {@code collectgarbage} never triggers a JVM-wide GC.
 *
 * <p>Two tables: LuaJ's {@link Globals} holds the machinery (compiler, loader, the watchdog hook)
 * and is where the libraries are installed; scripts never see it. What they see as their globals
 * ({@code _ENV}, {@code _G}) is a locked {@link ProtectedTable} copy of it in which every table is
 * read-only and reading an unknown name is an error, as in Redis.
 */
final class LuaSandbox {
    static final String CHUNK = "@user_script";
    private static final List<String> REMOVED =
            List.of("print", "dofile", "loadfile", "rawlen", "package", "require", "module");

    private final Globals globals = new Globals();
    private final ScriptWatchdog watchdog = new ScriptWatchdog();
    private final ProtectedTable env;

    LuaSandbox(LuaTable redis, Rand48 random) {
        globals.load(new BaseLib());
        globals.load(new PackageLib());
        globals.load(new TableLib());
        globals.load(new StringLib());
        globals.load(new JseMathLib());
        LuaC.install(globals);
        for (String name : REMOVED) {
            globals.rawset(name, LuaValue.NIL);
        }
        globals.rawset("_VERSION", LuaValue.valueOf("Lua 5.1"));
        LuaTable table = (LuaTable) globals.get("table");
        globals.rawset("unpack", table.get("unpack"));
        table.rawset("getn", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue t) {
                return valueOf(t.checktable().length());
            }
        });
        table.rawset("maxn", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue t) {
                double max = 0;
                LuaValue k = NIL;
                while (true) {
                    k = t.checktable().next(k).arg1();
                    if (k.isnil()) {
                        return valueOf(max);
                    }
                    if (k.isnumber()) {
                        max = Math.max(max, k.todouble());
                    }
                }
            }
        });
        LuaTable math = (LuaTable) globals.get("math");
        math.rawset("log10", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue x) {
                return valueOf(Math.log10(x.checkdouble()));
            }
        });
        math.rawset("random", new MathRandom(random));
        math.rawset("randomseed", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue seed) {
                random.seed(seed.checkint());
                return NONE;
            }
        });
        Load load = new Load();
        globals.rawset("loadstring", load);
        globals.rawset("load", load);
        globals.rawset("collectgarbage", new CollectGarbage());
        globals.rawset("gcinfo", new CollectGarbage());
        globals.rawset("pcall", new Pcall());
        globals.rawset("bit", BitLib.create());
        globals.rawset("cjson", CjsonLib.create());
        globals.rawset("struct", StructLib.create());
        globals.rawset("cmsgpack", CmsgpackLib.create());
        globals.rawset("redis", redis);
        LuaTable string = (LuaTable) globals.get("string");
        string.rawset("rep", new StringRep(string.get("rep")));
        globals.setmetatable(ProtectedTable.nonexistentGlobalIsAnError());
        // _G refers to the globals themselves, so the copy's _G is the copy
        env = ProtectedTable.lockedCopy(globals, new IdentityHashMap<>());
        lockStringMetatable();
        // LuaJ calls the hook of the closure's Globals; the debug library itself stays out of reach
        globals.debuglib = watchdog;
    }

    ScriptWatchdog watchdog() {
        return watchdog;
    }

    /** Compiles a script body (never bytecode); a syntax error is a {@link LuaError} with Lua's message. */
    LuaFunction compile(byte[] body, int offset, String chunkName) {
        return compile(body, offset, chunkName, env);
    }

    /** Compiles with another global environment (function libraries have their own). */
    LuaFunction compile(byte[] body, int offset, String chunkName, LuaValue env) {
        if (body.length > offset && body[offset] == 0x1b) {
            throw new LuaError("attempt to load a binary chunk");
        }
        try {
            Prototype p =
                    globals.compilePrototype(new ByteArrayInputStream(body, offset, body.length - offset), chunkName);
            TailCalls.rewrite(p);
            // bound to LuaJ's globals (so the watchdog sees every call), with env as its _ENV
            LuaClosure f = new LuaClosure(p, globals);
            if (f.upValues.length > 0) {
                f.upValues[0] = new UpValue(new LuaValue[] {env}, 0);
            }
            return f;
        } catch (IOException e) {
            throw new LuaError(e.getMessage());
        }
    }

    void setRunGlobal(LuaValue name, LuaValue v) {
        env.setRun(name, v);
    }

    /** The scripts' globals. */
    LuaTable globals() {
        return env;
    }

    @SuppressWarnings("LockOnNonEnclosingClassLiteral") // LuaJ's own static field is what needs the lock
    private void lockStringMetatable() {
        // LuaJ keeps the string metatable in a static field shared by every Lua state in the JVM; it
        // holds only the (stateless) string functions, so one locked copy serves every instance
        synchronized (LuaString.class) {
            if (!(LuaString.s_metatable instanceof ProtectedTable p && p.locked())) {
                ProtectedTable smt = new ProtectedTable();
                smt.rawset(LuaValue.INDEX, env.get("string"));
                smt.lock();
                LuaString.s_metatable = smt;
            }
        }
    }

    /** Redis' pcall: a Redis error table caught from redis.call comes back as its message. */
    private static final class Pcall extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaValue f = args.checkvalue(1);
            try {
                return varargsOf(TRUE, f.invoke(args.subargs(2)));
            } catch (ScriptWatchdog.MemoryError e) {
                return varargsOf(FALSE, valueOf(ScriptWatchdog.NO_MEMORY));
            } catch (LuaError e) {
                LuaValue o = LuaErrors.object(e);
                String err = LuaErrors.errField(o);
                return varargsOf(FALSE, err != null ? valueOf(err) : o);
            }
        }
    }

    private static final class CollectGarbage extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            String what = args.optjstring(1, "collect");
            if (what.equals("count")) {
                Runtime rt = Runtime.getRuntime();
                return valueOf((rt.totalMemory() - rt.freeMemory()) / 1024.0 % 1e9);
            }
            return valueOf(0);
        }
    }

    /**
     * {@code string.rep} refusing, before it allocates, a result larger than an eighth of the JVM
     * heap: one call could otherwise exhaust the heap before the watchdog's next look. Stateless,
     * because LuaJ's string metatable (method calls on strings) is shared by every instance.
     */
    private static final class StringRep extends VarArgFunction {
        private final LuaValue rep;

        StringRep(LuaValue rep) {
            this.rep = rep;
        }

        @Override
        public Varargs invoke(Varargs args) {
            double n = args.checkdouble(2);
            if (n > 0 && args.checkstring(1).length() * n > Runtime.getRuntime().maxMemory() / 8.0) {
                throw new ScriptWatchdog.MemoryError();
            }
            return rep.invoke(args);
        }
    }

    /** {@code loadstring}/{@code load}: text chunks only, compiled into this sandbox. */
    private final class Load extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaValue src = args.arg1();
            byte[] code;
            if (src.isfunction()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                while (true) {
                    LuaValue piece = src.call();
                    if (piece.isnil() || piece.length() == 0) {
                        break;
                    }
                    byte[] b = LuaToResp.toBytes(piece.checkstring());
                    out.write(b, 0, b.length);
                }
                code = out.toByteArray();
            } else {
                code = LuaToResp.toBytes(src.checkstring());
            }
            String name = args.optjstring(2, "=(load)");
            try {
                return compile(code, 0, name);
            } catch (LuaError e) {
                return varargsOf(NIL, valueOf(LuaErrors.text(e)));
            }
        }
    }

    /** Redis' math.random over {@link Rand48} (lua's own algorithm with rand() replaced). */
    private static final class MathRandom extends VarArgFunction {
        private final Rand48 random;

        MathRandom(Rand48 random) {
            this.random = random;
        }

        @Override
        public Varargs invoke(Varargs args) {
            double r = (double) (random.next() % Rand48.MAX) / Rand48.MAX;
            switch (args.narg()) {
                case 0:
                    return valueOf(r);
                case 1: {
                    int u = args.checkint(1);
                    if (u < 1) {
                        argerror(1, "interval is empty");
                    }
                    return valueOf(Math.floor(r * u) + 1);
                }
                case 2: {
                    int l = args.checkint(1);
                    int u = args.checkint(2);
                    if (l > u) {
                        argerror(2, "interval is empty");
                    }
                    return valueOf(Math.floor(r * (u - l + 1)) + l);
                }
                default:
                    throw new LuaError("wrong number of arguments");
            }
        }
    }
}
