package dev.minicloud.kv.internal.script;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The {@code cmsgpack} library Redis bundles (lua-cmsgpack 0.4): {@code pack(...)} concatenates
 * the MessagePack encodings of its arguments; {@code unpack(s)} returns every value of {@code s};
 * {@code unpack_one(s [, offset])} and {@code unpack_limit(s, limit [, offset])} return the offset
 * after what they decoded (-1 at the end), then the values. Encoding as lua_cmsgpack.c does it: a
 * number equal to its 64-bit integer is the smallest integer type, else a float32 when that is
 * exact, else a float64; a table whose keys are exactly 1..n is an array, any other a map; tables
 * nested 16 deep, functions and other types are nil. Strings use fixstr/str8/str16/str32;
 * decoding also takes bin8/16/32 as strings.
 */
final class CmsgpackLib {
    private enum Op {
        PACK,
        UNPACK,
        UNPACK_ONE,
        UNPACK_LIMIT
    }

    private static final int MAX_NESTING = 16;

    private CmsgpackLib() {}

    static LuaTable create() {
        return OpFunction.table(Op.values(), Fn::new);
    }

    private static final class Fn extends OpFunction<Op> {
        Fn(Op op) {
            super(op);
        }

        @Override
        public Varargs invoke(Varargs a) {
            return switch (op) {
                case PACK -> pack(a);
                case UNPACK -> unpack(a.checkstring(1), 0, 0, true);
                case UNPACK_ONE -> unpack(a.checkstring(1), 1, a.optint(2, 0), false);
                case UNPACK_LIMIT -> unpack(a.checkstring(1), a.checkint(2), a.optint(3, 0), false);
            };
        }
    }

    // ---- encoding ---------------------------------------------------------------------------

    private static LuaValue pack(Varargs a) {
        if (a.narg() == 0) {
            throw new LuaError("bad argument #0 to 'pack' (MessagePack pack needs input.)");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 1; i <= a.narg(); i++) {
            encode(out, a.arg(i), 0);
        }
        return LuaValue.valueOf(out.toByteArray());
    }

    private static void encode(ByteArrayOutputStream out, LuaValue v, int level) {
        switch (v.type()) {
            case LuaValue.TBOOLEAN -> out.write(v.toboolean() ? 0xc3 : 0xc2);
            case LuaValue.TNUMBER -> number(out, v.todouble());
            case LuaValue.TSTRING -> string(out, v.checkstring());
            case LuaValue.TTABLE -> {
                if (level == MAX_NESTING) {
                    out.write(0xc0);
                } else {
                    table(out, (LuaTable) v, level);
                }
            }
            default -> out.write(0xc0);
        }
    }

    private static void number(ByteArrayOutputStream out, double d) {
        if (!Double.isInfinite(d) && (long) d == d) {
            integer(out, (long) d);
        } else if ((float) d == d || Double.isNaN(d)) {
            out.write(0xca);
            be(out, Float.floatToIntBits((float) d) & 0xffffffffL, 4);
        } else {
            out.write(0xcb);
            be(out, Double.doubleToLongBits(d), 8);
        }
    }

    private static void integer(ByteArrayOutputStream out, long n) {
        if (n >= 0) {
            if (n <= 127) {
                out.write((int) n);
            } else if (n <= 0xff) {
                header(out, 0xcc, n, 1);
            } else if (n <= 0xffff) {
                header(out, 0xcd, n, 2);
            } else if (n <= 0xffffffffL) {
                header(out, 0xce, n, 4);
            } else {
                header(out, 0xcf, n, 8);
            }
        } else if (n >= -32) {
            out.write((int) n & 0xff);
        } else if (n >= -128) {
            header(out, 0xd0, n, 1);
        } else if (n >= -32768) {
            header(out, 0xd1, n, 2);
        } else if (n >= Integer.MIN_VALUE) {
            header(out, 0xd2, n, 4);
        } else {
            header(out, 0xd3, n, 8);
        }
    }

    private static void string(ByteArrayOutputStream out, LuaString s) {
        int len = s.m_length;
        if (len < 32) {
            out.write(0xa0 | len);
        } else if (len <= 0xff) {
            header(out, 0xd9, len, 1);
        } else if (len <= 0xffff) {
            header(out, 0xda, len, 2);
        } else {
            header(out, 0xdb, len, 4);
        }
        out.write(s.m_bytes, s.m_offset, len);
    }

    private static void table(ByteArrayOutputStream out, LuaTable t, int level) {
        int n = arrayLength(t);
        if (n >= 0) {
            container(out, 0x90, 0xdc, 0xdd, n);
            for (int i = 1; i <= n; i++) {
                encode(out, t.rawget(i), level + 1);
            }
            return;
        }
        int count = 0;
        for (LuaValue k = t.next(LuaValue.NIL).arg1(); !k.isnil(); k = t.next(k).arg1()) {
            count++;
        }
        container(out, 0x80, 0xde, 0xdf, count);
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs e = t.next(k);
            k = e.arg1();
            if (k.isnil()) {
                return;
            }
            encode(out, k, level + 1);
            encode(out, e.arg(2), level + 1);
        }
    }

    /** n when the keys are exactly 1..n (table_is_an_array), else -1. */
    private static int arrayLength(LuaTable t) {
        long max = 0;
        int count = 0;
        for (LuaValue k = t.next(LuaValue.NIL).arg1(); !k.isnil(); k = t.next(k).arg1()) {
            if (k.type() != LuaValue.TNUMBER) {
                return -1;
            }
            double d = k.todouble();
            if (d <= 0 || d != (long) d) {
                return -1;
            }
            max = Math.max(max, (long) d);
            count++;
        }
        return max == count ? count : -1;
    }

    private static void container(ByteArrayOutputStream out, int fix, int c16, int c32, int n) {
        if (n < 16) {
            out.write(fix | n);
        } else if (n <= 0xffff) {
            header(out, c16, n, 2);
        } else {
            header(out, c32, n, 4);
        }
    }

    private static void header(ByteArrayOutputStream out, int type, long v, int bytes) {
        out.write(type);
        be(out, v, bytes);
    }

    private static void be(ByteArrayOutputStream out, long v, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }

    // ---- decoding ---------------------------------------------------------------------------

    private static Varargs unpack(LuaString s, int limit, int offset, boolean all) {
        if (offset < 0 || limit < 0) {
            throw new LuaError("Invalid request to unpack with offset of " + offset + " and limit of " + limit + ".");
        }
        if (offset > s.m_length) {
            throw new LuaError("Start offset " + offset + " greater than input length " + s.m_length + ".");
        }
        Decoder d = new Decoder(s.m_bytes, s.m_offset + offset, s.m_offset + s.m_length);
        List<LuaValue> values = new ArrayList<>();
        if (!all) {
            values.add(LuaValue.NIL);
        }
        for (int n = 0; d.pos < d.end && (limit == 0 || n < limit); n++) {
            values.add(d.value());
        }
        if (!all) {
            values.set(0, LuaValue.valueOf(d.pos == d.end ? -1 : d.pos - s.m_offset));
        }
        return LuaValue.varargsOf(values.toArray(new LuaValue[0]));
    }

    private static final class Decoder {
        final byte[] b;
        final int end;
        int pos;

        Decoder(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        LuaValue value() {
            int t = (int) s(1);
            if (t <= 0x7f) {
                return LuaValue.valueOf(t);
            }
            if (t >= 0xe0) {
                return LuaValue.valueOf(t - 256);
            }
            if ((t & 0xe0) == 0xa0) {
                return str(t & 0x1f);
            }
            if ((t & 0xf0) == 0x90) {
                return array(t & 0x0f);
            }
            if ((t & 0xf0) == 0x80) {
                return map(t & 0x0f);
            }
            return switch (t) {
                case 0xc0 -> LuaValue.NIL;
                case 0xc2 -> LuaValue.FALSE;
                case 0xc3 -> LuaValue.TRUE;
                case 0xcc -> LuaValue.valueOf((int) s(1));
                case 0xcd -> LuaValue.valueOf((int) s(2));
                case 0xce -> LuaValue.valueOf((double) s(4));
                case 0xcf -> LuaValue.valueOf(unsigned(s(8)));
                case 0xd0 -> LuaValue.valueOf((byte) s(1));
                case 0xd1 -> LuaValue.valueOf((short) s(2));
                case 0xd2 -> LuaValue.valueOf((int) s(4));
                case 0xd3 -> LuaValue.valueOf((double) s(8));
                case 0xca -> LuaValue.valueOf(Float.intBitsToFloat((int) s(4)));
                case 0xcb -> LuaValue.valueOf(Double.longBitsToDouble(s(8)));
                case 0xd9, 0xc4 -> str(s(1));
                case 0xda, 0xc5 -> str(s(2));
                case 0xdb, 0xc6 -> str(s(4));
                case 0xdc -> array(s(2));
                case 0xdd -> array(length(s(4)));
                case 0xde -> map(s(2));
                case 0xdf -> map(length(s(4)));
                default -> throw new LuaError("Bad data format in input.");
            };
        }

        private static double unsigned(long v) {
            return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
        }

        private int length(long n) {
            if (n > end - pos) {
                throw missing();
            }
            return (int) n;
        }

        private LuaValue str(long n) {
            int len = length(n);
            LuaValue v = LuaValue.valueOf(Arrays.copyOfRange(b, pos, pos + len));
            pos += len;
            return v;
        }

        private LuaValue array(long n) {
            LuaTable t = new LuaTable();
            for (int i = 1; i <= n; i++) {
                t.rawset(i, value());
            }
            return t;
        }

        private LuaValue map(long n) {
            LuaTable t = new LuaTable();
            for (long i = 0; i < n; i++) {
                LuaValue k = value();
                LuaValue v = value();
                if (!k.isnil()) {
                    t.rawset(k, v);
                }
            }
            return t;
        }

        /** The next {@code bytes} bytes, big endian, unsigned below 8 bytes. */
        private long s(int bytes) {
            if (end - pos < bytes) {
                throw missing();
            }
            long v = 0;
            for (int i = 0; i < bytes; i++) {
                v = v << 8 | (b[pos++] & 0xff);
            }
            return v;
        }

        private static LuaError missing() {
            return new LuaError("Missing bytes in input.");
        }
    }
}
