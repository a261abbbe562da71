package dev.minicloud.kv.internal.script;

import org.luaj.vm2.Lua;
import org.luaj.vm2.Prototype;

/**
 * Turns every tail call of a compiled chunk into a plain call. LuaJ runs a tail call after its
 * caller's frame is gone, so an error raised there (a failing {@code return redis.call(...)}, the
 * most common line of a script) would lose the {@code @user_script:N} position Redis reports. The
 * compiler always emits {@code RETURN A 0} after {@code TAILCALL A B 0}, so {@code CALL A B 0}
 * followed by that same return is equivalent apart from stack depth: deep tail recursion becomes a
 * stack overflow error instead of running in constant space.
 */
final class TailCalls {
    private TailCalls() {}

    static void rewrite(Prototype p) {
        int[] code = p.code;
        for (int pc = 0; pc < code.length; pc++) {
            if (Lua.GET_OPCODE(code[pc]) == Lua.OP_TAILCALL) {
                code[pc] = (code[pc] & Lua.MASK_NOT_OP & Lua.MASK_NOT_C) | (Lua.OP_CALL << Lua.POS_OP);
            }
        }
        if (p.p != null) {
            for (Prototype inner : p.p) {
                rewrite(inner);
            }
        }
    }
}
