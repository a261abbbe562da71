package dev.minicloud.kv.internal.script;

import dev.minicloud.kv.internal.engine.KvEngine;
import dev.minicloud.kv.internal.engine.RespError;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Redis 7 function libraries (functions.c, function_lua.c): FUNCTION LOAD parses the
 * {@code #!lua name=...} metadata, runs the code once in the load environment, where the only
 * global is a {@code redis} table with {@code register_function}, {@code log} and the version, and
 * keeps the callbacks it registered. At FCALL time the same code sees the full scripting globals
 * (libraries and {@code redis} API, no {@code KEYS}/{@code ARGV}), read-only as for EVAL. Errors are
 * Redis' texts.
 */
final class FunctionLibraries {
    static final String CHUNK = "@user_function";

    /** A registered function. */
    record Function(String name, String library, LuaFunction callback, Set<ScriptFlag> flags, String description) {}

    /** A loaded library and its functions, in registration order. */
    record Library(String name, byte[] code, Map<String, Function> functions) {}

    private final Map<String, Library> libraries = new LinkedHashMap<>();
    private final Map<String, Function> functions = new HashMap<>();
    /** Redis' LOAD_TIMEOUT_MS: how long a library's top-level code may run. */
    private static final long LOAD_TIMEOUT_MILLIS = 500;

    private static final String LOAD_TIMEOUT = "FUNCTION LOAD timeout";

    private final Supplier<LuaSandbox> sandbox;
    private final LongSupplier clock;
    private final LongSupplier memoryLimit;
    private final FunctionGlobals env = new FunctionGlobals();
    private final LuaTable loadApi;
    /** The library being loaded (register_function adds to it), null outside FUNCTION LOAD. */
    private Map<String, Function> loading;

    private String loadingName;

    FunctionLibraries(Supplier<LuaSandbox> sandbox, LongSupplier clock, LongSupplier memoryLimit) {
        this.sandbox = sandbox;
        this.clock = clock;
        this.memoryLimit = memoryLimit;
        ProtectedTable redis = new ProtectedTable();
        redis.rawset("register_function", new RegisterFunction());
        redis.rawset("log", new RedisApi.Log());
        redis.rawset("LOG_DEBUG", 0);
        redis.rawset("LOG_VERBOSE", 1);
        redis.rawset("LOG_NOTICE", 2);
        redis.rawset("LOG_WARNING", 3);
        redis.rawset("REDIS_VERSION", KvEngine.VERSION);
        redis.rawset("REDIS_VERSION_NUM", RedisApi.versionNum(KvEngine.VERSION));
        redis.setmetatable(errorMetatable());
        redis.lock();
        ProtectedTable api = new ProtectedTable();
        api.rawset("redis", redis);
        api.setmetatable(errorMetatable());
        api.lock();
        this.loadApi = api;
    }

    Collection<Library> libraries() {
        return libraries.values();
    }

    Function function(String name) {
        return functions.get(name);
    }

    int functionCount() {
        return functions.size();
    }

    void flush() {
        libraries.clear();
        functions.clear();
    }

    /** FUNCTION DELETE. */
    void delete(String name) {
        Library l = libraries.remove(name);
        if (l == null) {
            throw new RespError("ERR Library not found");
        }
        l.functions().keySet().forEach(functions::remove);
    }

    /** FUNCTION LOAD: the library's name, or Redis' error. */
    String load(byte[] code, boolean replace) {
        Library lib = create(code, replace ? null : libraries);
        Library old = libraries.get(lib.name());
        for (Function f : lib.functions().values()) {
            Function existing = functions.get(f.name());
            if (existing != null && (old == null || !existing.library().equals(old.name()))) {
                throw new RespError("ERR Function " + f.name() + " already exists");
            }
        }
        if (old != null) {
            old.functions().keySet().forEach(functions::remove);
        }
        link(lib);
        return lib.name();
    }

    private void link(Library lib) {
        libraries.put(lib.name(), lib);
        functions.putAll(lib.functions());
    }

    /** Parses and runs a library's code; {@code existing} set = refuse a name already loaded. */
    private Library create(byte[] code, Map<String, Library> existing) {
        String text = new String(code, StandardCharsets.ISO_8859_1);
        if (!text.startsWith("#!")) {
            throw new RespError("ERR Missing library metadata");
        }
        int nl = text.indexOf('\n');
        if (nl < 0) {
            throw new RespError("ERR Invalid library metadata");
        }
        String[] parts = text.substring(0, nl).trim().split("\\s+");
        String engine = parts[0].substring(2);
        String name = null;
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].regionMatches(true, 0, "name=", 0, 5)) {
                if (name != null) {
                    throw new RespError("ERR Invalid metadata value, name argument was given multiple times");
                }
                name = parts[i].substring(5);
                continue;
            }
            throw new RespError("ERR Invalid metadata value given: " + parts[i]);
        }
        if (name == null) {
            throw new RespError("ERR Library name was not given");
        }
        if (!validName(name)) {
            throw new RespError(
                    "ERR Library names can only contain letters, numbers, or underscores(_) and must be at least one character long");
        }
        if (!engine.toUpperCase(Locale.ROOT).equals("LUA")) {
            throw new RespError("ERR Engine '" + engine + "' not found");
        }
        if (existing != null && existing.containsKey(name)) {
            throw new RespError("ERR Library '" + name + "' already exists");
        }
        LuaFunction chunk;
        try {
            chunk = sandbox.get().compile(code, nl, CHUNK, env);
        } catch (LuaError e) {
            throw new RespError("ERR Error compiling function: " + LuaErrors.syntax(e));
        }
        Map<String, Function> registered = new LinkedHashMap<>();
        loading = registered;
        loadingName = name;
        env.current = loadApi;
        ScriptWatchdog watchdog = sandbox.get().watchdog();
        long start = clock.getAsLong();
        // luaEngineLoadHook: past the timeout by the instance clock, every instruction raises
        watchdog.begin(
                memoryLimit.getAsLong(),
                () -> {
                    if (clock.getAsLong() - start > LOAD_TIMEOUT_MILLIS) {
                        watchdog.raiseAlways(() -> RedisApi.raise(LOAD_TIMEOUT));
                        throw RedisApi.raise(LOAD_TIMEOUT);
                    }
                },
                LuaValue.NONE);
        try {
            chunk.call();
        } catch (LuaError e) {
            LuaValue o = e.getMessageObject();
            String err = o != null && !o.isstring() ? LuaErrors.errField(o) : null;
            throw new RespError("ERR Error registering functions: " + (err != null ? err : "ERR " + LuaErrors.text(e)));
        } catch (StackOverflowError e) {
            throw new RespError("ERR Error registering functions: ERR stack overflow");
        } finally {
            watchdog.end();
            loading = null;
            loadingName = null;
            env.current = null;
        }
        if (registered.isEmpty()) {
            throw new RespError("ERR No functions registered");
        }
        return new Library(name, code, registered);
    }

    static boolean validName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    // ---- DUMP / RESTORE -------------------------------------------------------------------

    private static final byte[] MAGIC = "MCFN".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    /**
     * FUNCTION DUMP: our own payload (Redis' is RDB-encoded; clients treat it as opaque and only
     * hand it back to RESTORE): magic, version, each library's code length-prefixed, CRC32.
     */
    byte[] dump() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(MAGIC, 0, MAGIC.length);
        out.write(VERSION);
        for (Library l : libraries.values()) {
            out.write(ByteBuffer.allocate(4).putInt(l.code().length).array(), 0, 4);
            out.write(l.code(), 0, l.code().length);
        }
        CRC32 crc = new CRC32();
        crc.update(out.toByteArray());
        out.write(ByteBuffer.allocate(8).putLong(crc.getValue()).array(), 0, 8);
        return out.toByteArray();
    }

    /** How RESTORE treats libraries that already exist. */
    enum RestorePolicy {
        APPEND,
        REPLACE,
        FLUSH
    }

    void restore(byte[] payload, RestorePolicy policy) {
        List<byte[]> codes = parseDump(payload);
        Map<String, Library> restored = new LinkedHashMap<>();
        for (byte[] code : codes) {
            Library l = create(code, restored);
            restored.put(l.name(), l);
        }
        if (policy == RestorePolicy.FLUSH) {
            flush();
            restored.values().forEach(this::link);
            return;
        }
        Map<String, Library> kept = new LinkedHashMap<>(libraries);
        for (Library l : restored.values()) {
            if (kept.containsKey(l.name())) {
                if (policy == RestorePolicy.APPEND) {
                    throw new RespError("ERR Library " + l.name() + " already exists");
                }
                kept.remove(l.name());
            }
        }
        Set<String> names = new HashSet<>();
        kept.values().forEach(l -> names.addAll(l.functions().keySet()));
        for (Library l : restored.values()) {
            for (String f : l.functions().keySet()) {
                if (!names.add(f)) {
                    throw new RespError("ERR Function " + f + " already exists");
                }
            }
        }
        flush();
        kept.values().forEach(this::link);
        restored.values().forEach(this::link);
    }

    private static List<byte[]> parseDump(byte[] p) {
        RespError bad = new RespError("ERR DUMP payload version or checksum are wrong");
        if (p.length < MAGIC.length + 1 + 8) {
            throw bad;
        }
        ByteBuffer b = ByteBuffer.wrap(p);
        CRC32 crc = new CRC32();
        crc.update(p, 0, p.length - 8);
        if (b.getLong(p.length - 8) != crc.getValue()
                || p[MAGIC.length] != VERSION
                || !Arrays.equals(p, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw bad;
        }
        List<byte[]> out = new ArrayList<>();
        int at = MAGIC.length + 1;
        while (at < p.length - 8) {
            int len = b.getInt(at);
            at += 4;
            if (len < 0 || at + len > p.length - 8) {
                throw bad;
            }
            out.add(Arrays.copyOfRange(p, at, at + len));
            at += len;
        }
        return out;
    }

    // ---- Lua side ------------------------------------------------------------------------

    LuaValue env() {
        return env;
    }

    private static ProtectedTable errorMetatable() {
        return ProtectedTable.nonexistentGlobalIsAnError();
    }

    /**
     * The globals function code runs with: empty and read-only; names resolve in the load API during
     * FUNCTION LOAD and in the scripting globals otherwise (function_lua.c swaps the globals'
     * {@code __index} the same way).
     */
    private final class FunctionGlobals extends ProtectedTable {
        LuaTable current;

        FunctionGlobals() {
            ProtectedTable mt = new ProtectedTable();
            mt.rawset(LuaValue.INDEX, new TwoArgFunction() {
                @Override
                public LuaValue call(LuaValue table, LuaValue key) {
                    if (current != null) {
                        return current.get(key);
                    }
                    String k = key.tojstring();
                    if (k.equals("KEYS") || k.equals("ARGV")) {
                        throw new LuaError("Script attempted to access nonexistent global variable '" + k + "'");
                    }
                    return sandbox.get().globals().get(key);
                }
            });
            mt.lock();
            setmetatable(mt);
            lock();
        }
    }

    /** redis.register_function (luaRegisterFunction), both the positional and the named form. */
    private final class RegisterFunction extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs a) {
            if (loading == null) {
                throw RedisApi.raise("redis.register_function can only be called on FUNCTION LOAD command");
            }
            int argc = a.narg();
            if (argc < 1 || argc > 2) {
                throw RedisApi.raise("wrong number of arguments to redis.register_function");
            }
            String name;
            String desc = null;
            LuaFunction callback = null;
            Set<ScriptFlag> flags = EnumSet.noneOf(ScriptFlag.class);
            if (argc == 1) {
                if (!(a.arg1() instanceof LuaTable t)) {
                    throw RedisApi.raise(
                            "calling redis.register_function with a single argument is only applicable to Lua table "
                                    + "(representing named arguments).");
                }
                name = null;
                LuaValue k = NIL;
                while (true) {
                    Varargs n = t.next(k);
                    k = n.arg1();
                    if (k.isnil()) {
                        break;
                    }
                    LuaValue v = n.arg(2);
                    if (!k.isstring()) {
                        throw RedisApi.raise("named argument key given to redis.register_function is not a string");
                    }
                    switch (k.tojstring().toLowerCase(Locale.ROOT)) {
                        case "function_name" -> {
                            if (!v.isstring()) {
                                throw RedisApi.raise(
                                        "function_name argument given to redis.register_function must be a string");
                            }
                            name = v.tojstring();
                        }
                        case "description" -> {
                            if (!v.isstring()) {
                                throw RedisApi.raise(
                                        "description argument given to redis.register_function must be a string");
                            }
                            desc = v.tojstring();
                        }
                        case "callback" -> {
                            if (!(v instanceof LuaFunction f)) {
                                throw RedisApi.raise(
                                        "callback argument given to redis.register_function must be a function");
                            }
                            callback = f;
                        }
                        case "flags" -> {
                            if (!(v instanceof LuaTable ft)) {
                                throw RedisApi.raise(
                                        "flags argument to redis.register_function must be a table representing function flags");
                            }
                            for (int i = 1; !ft.get(i).isnil(); i++) {
                                ScriptFlag f = ft.get(i).isstring()
                                        ? ScriptFlag.parse(ft.get(i).tojstring().toLowerCase(Locale.ROOT))
                                        : null;
                                if (f == null) {
                                    throw RedisApi.raise("unknown flag given");
                                }
                                flags.add(f);
                            }
                        }
                        default -> throw RedisApi.raise("unknown argument given to redis.register_function");
                    }
                }
                if (name == null) {
                    throw RedisApi.raise("redis.register_function must get a function name argument");
                }
                if (callback == null) {
                    throw RedisApi.raise("redis.register_function must get a callback argument");
                }
            } else {
                if (!a.arg1().isstring()) {
                    throw RedisApi.raise("first argument to redis.register_function must be a string");
                }
                if (!(a.arg(2) instanceof LuaFunction f)) {
                    throw RedisApi.raise("second argument to redis.register_function must be a function");
                }
                name = a.arg1().tojstring();
                callback = f;
            }
            if (!validName(name)) {
                throw RedisApi.raise(
                        "Function names can only contain letters, numbers, or underscores(_) and must be at least one character long");
            }
            if (loading.containsKey(name)) {
                throw RedisApi.raise("Function already exists in the library");
            }
            loading.put(name, new Function(name, loadingName, callback, flags, desc));
            return NONE;
        }
    }
}
