package dev.minicloud.kv.internal.script;

import java.util.Locale;
import java.util.function.Function;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * A library function that is one constant of an enum of operations ({@code bit.band},
 * {@code struct.pack}, {@code redis.call}, ...): named after the constant in lower case, which is
 * both its key in the library table and the name Lua's error messages show.
 */
abstract class OpFunction<E extends Enum<E>> extends VarArgFunction {
    protected final E op;

    OpFunction(E op) {
        this.op = op;
        this.name = op.name().toLowerCase(Locale.ROOT);
    }

    /** A library table with one function per operation. */
    static <E extends Enum<E>> LuaTable table(E[] ops, Function<E, OpFunction<E>> function) {
        LuaTable t = new LuaTable();
        for (E op : ops) {
            OpFunction<E> f = function.apply(op);
            t.rawset(f.name, f);
        }
        return t;
    }
}
