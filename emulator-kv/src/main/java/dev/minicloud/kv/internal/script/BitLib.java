package dev.minicloud.kv.internal.script;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The {@code bit} library Redis bundles (LuaBitOp 1.0): 32-bit operations whose results are
 * signed 32-bit numbers; arguments are rounded to an integer and wrapped modulo 2^32 as
 * {@code bit.tobit} does.
 */
final class BitLib {
    private enum Op {
        TOBIT,
        TOHEX,
        BNOT,
        BAND,
        BOR,
        BXOR,
        LSHIFT,
        RSHIFT,
        ARSHIFT,
        ROL,
        ROR,
        BSWAP
    }

    private BitLib() {}

    static LuaTable create() {
        return OpFunction.table(Op.values(), Fn::new);
    }

    static int tobit(LuaValue v, int arg, String fn) {
        double d = v.checkdouble();
        return (int) (long) Math.rint(d);
    }

    private static final class Fn extends OpFunction<Op> {
        Fn(Op op) {
            super(op);
        }

        @Override
        public Varargs invoke(Varargs a) {
            int x = tobit(a.arg1(), 1, name);
            return switch (op) {
                case TOBIT -> valueOf(x);
                case BNOT -> valueOf(~x);
                case BAND, BOR, BXOR -> {
                    int r = x;
                    for (int i = 2; i <= a.narg(); i++) {
                        int y = tobit(a.arg(i), i, name);
                        r = op == Op.BAND ? r & y : op == Op.BOR ? r | y : r ^ y;
                    }
                    yield valueOf(r);
                }
                case LSHIFT -> valueOf(x << (tobit(a.arg(2), 2, name) & 31));
                case RSHIFT -> valueOf(x >>> (tobit(a.arg(2), 2, name) & 31));
                case ARSHIFT -> valueOf(x >> (tobit(a.arg(2), 2, name) & 31));
                case ROL -> valueOf(Integer.rotateLeft(x, tobit(a.arg(2), 2, name) & 31));
                case ROR -> valueOf(Integer.rotateRight(x, tobit(a.arg(2), 2, name) & 31));
                case BSWAP -> valueOf(Integer.reverseBytes(x));
                case TOHEX -> {
                    int n = a.isnoneornil(2) ? 8 : tobit(a.arg(2), 2, name);
                    boolean upper = n < 0;
                    n = Math.min(8, Math.abs(n));
                    String h = String.format(upper ? "%08X" : "%08x", x);
                    yield valueOf(h.substring(8 - n));
                }
            };
        }
    }
}
