package dev.minicloud.kv.script;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;

/**
 * The global table of an instance's Lua state. Once {@link #lock() locked} it is read-only as in
 * Redis 7: assignments fail with {@code Attempt to modify a readonly table}, and reading a name
 * that does not exist fails with {@code Script attempted to access nonexistent global variable}
 * (the metatable doing that is itself locked). {@code KEYS} and {@code ARGV} are set per run
 * through {@link #setRun}, which bypasses the lock as Redis does.
 */
final class SandboxGlobals extends Globals {
    private boolean locked;

    void lock() {
        locked = true;
    }

    void setRun(String name, LuaValue value) {
        super.rawset(LuaValue.valueOf(name), value);
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

    /** For {@link #setmetatable} at build time, before the lock. */
    void installMetatable(LuaValue metatable) {
        super.setmetatable(metatable);
    }

    private void check() {
        if (locked) {
            throw new LuaError(ProtectedTable.READONLY);
        }
    }
}
