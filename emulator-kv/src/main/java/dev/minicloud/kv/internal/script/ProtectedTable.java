package dev.minicloud.kv.internal.script;

import java.util.Map;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * A Lua table that becomes read-only once {@link #lock() locked}, like the tables Redis protects
 * with {@code lua_enablereadonlytable}: every write, including through {@code rawset} and
 * {@code setmetatable}, fails with Redis' {@code Attempt to modify a readonly table}.
 */
class ProtectedTable extends LuaTable {
    static final String READONLY = "Attempt to modify a readonly table";
    private boolean locked;

    void lock() {
        locked = true;
    }

    boolean locked() {
        return locked;
    }

    @Override
    public void rawset(int key, LuaValue value) {
        check();
        super.rawset(key, value);
    }

    @Override
    public void rawset(LuaValue key, LuaValue value) {
        check();
        super.rawset(key, value);
    }

    @Override
    public LuaValue setmetatable(LuaValue metatable) {
        check();
        return super.setmetatable(metatable);
    }

    /** Sets an entry even when locked: KEYS and ARGV of each run, which Redis sets past its own protection. */
    void setRun(LuaValue name, LuaValue value) {
        super.rawset(name, value);
    }

    /**
     * A locked metatable for a globals table: reading a name it does not define is Redis' error
     * (luaProtectedTableError) instead of nil.
     */
    static ProtectedTable nonexistentGlobalIsAnError() {
        ProtectedTable mt = new ProtectedTable();
        mt.rawset(LuaValue.INDEX, new org.luaj.vm2.lib.TwoArgFunction() {
            @Override
            public LuaValue call(LuaValue table, LuaValue key) {
                throw new LuaError("Script attempted to access nonexistent global variable '" + key.tojstring() + "'");
            }
        });
        mt.lock();
        return mt;
    }

    private void check() {
        if (locked) {
            throw new LuaError(READONLY);
        }
    }

    /** A locked copy of {@code source}'s entries (nested tables copied and locked too, once each). */
    static ProtectedTable lockedCopy(LuaTable source, Map<LuaTable, ProtectedTable> seen) {
        ProtectedTable existing = seen.get(source);
        if (existing != null) {
            return existing;
        }
        ProtectedTable copy = new ProtectedTable();
        seen.put(source, copy);
        LuaValue k = LuaValue.NIL;
        while (true) {
            org.luaj.vm2.Varargs n = source.next(k);
            k = n.arg1();
            if (k.isnil()) {
                break;
            }
            LuaValue v = n.arg(2);
            copy.rawset(
                    k,
                    v instanceof LuaTable t && !(v instanceof ProtectedTable p && p.locked) ? lockedCopy(t, seen) : v);
        }
        LuaValue mt = source.getmetatable();
        if (mt instanceof LuaTable m) {
            copy.setmetatable(lockedCopy(m, seen));
        }
        copy.lock();
        return copy;
    }
}
