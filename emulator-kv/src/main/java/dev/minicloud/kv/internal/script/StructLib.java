package dev.minicloud.kv.internal.script;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The {@code struct} library Redis bundles (Roberto Ierusalimschy's lua-struct 0.2):
 * {@code struct.pack(fmt, ...)}, {@code struct.unpack(fmt, s [, pos])} (the values, then the next
 * position) and {@code struct.size(fmt)}. Formats: {@code > < = !n} (endianness, alignment),
 * {@code x b B h H l L T i[n] I[n] f d s c[n]}; {@code c0} packs a whole string and unpacks as many
 * bytes as the preceding number said, which is how Redisson frames values. Native order is little
 * endian, sizes those of a 64-bit Redis ({@code l}, {@code L}, {@code T} are 8 bytes).
 */
final class StructLib {
    private enum Op {
        PACK,
        UNPACK,
        SIZE
    }

    private StructLib() {}

    static LuaTable create() {
        return OpFunction.table(Op.values(), Fn::new);
    }

    /** Parse state of one format string. */
    private static final class Format {
        final byte[] f;
        int i;
        boolean little = true;
        int align = 1;

        Format(String fmt) {
            this.f = fmt.getBytes(StandardCharsets.ISO_8859_1);
        }

        boolean more() {
            return i < f.length;
        }

        int number(int dflt) {
            if (i >= f.length || !Character.isDigit(f[i])) {
                return dflt;
            }
            int n = 0;
            while (i < f.length && Character.isDigit(f[i])) {
                n = n * 10 + (f[i++] - '0');
            }
            return n;
        }

        int size(char opt) {
            return switch (opt) {
                case 'B', 'b', 'x' -> 1;
                case 'H', 'h' -> 2;
                case 'L', 'l', 'T', 'd' -> 8;
                case 'f' -> 4;
                case 'c' -> number(1);
                case 'i', 'I' -> {
                    int n = number(4);
                    if (n > 8) {
                        throw new LuaError("integral size " + n + " is larger than limit of 8");
                    }
                    yield n;
                }
                default -> 0;
            };
        }

        /** Applies a control character; true when {@code opt} was one. */
        boolean control(char opt) {
            switch (opt) {
                case ' ' -> {
                    return true;
                }
                case '>' -> little = false;
                case '<', '=' -> little = true;
                case '!' -> align = number(8);
                default -> {
                    return false;
                }
            }
            return true;
        }

        int padding(int pos, int size, char opt) {
            if (size <= 1 || opt == 'c' || opt == 's') {
                return 0;
            }
            int a = Math.min(size, align);
            if ((a & (a - 1)) != 0) {
                throw new LuaError("alignment must be power of 2");
            }
            return (a - (pos & (a - 1))) & (a - 1);
        }
    }

    private static final class Fn extends OpFunction<Op> {
        Fn(Op op) {
            super(op);
        }

        @Override
        public Varargs invoke(Varargs a) {
            return switch (op) {
                case PACK -> pack(a);
                case UNPACK -> unpack(a);
                case SIZE -> size(a);
            };
        }

        private Varargs size(Varargs a) {
            Format fm = new Format(a.checkjstring(1));
            int pos = 0;
            while (fm.more()) {
                char opt = (char) fm.f[fm.i++];
                if (fm.control(opt)) {
                    continue;
                }
                int size = fm.size(opt);
                if (opt == 's' || (opt == 'c' && size == 0)) {
                    argerror(1, "options 'c0' - 's' have undefined sizes");
                }
                pos += fm.padding(pos, size, opt) + size;
            }
            return valueOf(pos);
        }

        private Varargs pack(Varargs a) {
            Format fm = new Format(a.checkjstring(1));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int arg = 2;
            while (fm.more()) {
                char opt = (char) fm.f[fm.i++];
                if (fm.control(opt)) {
                    continue;
                }
                int size = fm.size(opt);
                for (int p = fm.padding(out.size(), size, opt); p > 0; p--) {
                    out.write(0);
                }
                switch (opt) {
                    case 'b', 'B', 'h', 'H', 'l', 'L', 'T', 'i', 'I' -> {
                        double d = a.checkdouble(arg++);
                        long v = (opt == 'B' || opt == 'H' || opt == 'L' || opt == 'T' || opt == 'I') && d >= 0x1p63
                                ? (long) (d - 0x1p64)
                                : (long) d;
                        writeInt(out, v, size, fm.little);
                    }
                    case 'x' -> out.write(0);
                    case 'f' ->
                        writeInt(out, Float.floatToIntBits((float) a.checkdouble(arg++)) & 0xffffffffL, 4, fm.little);
                    case 'd' -> writeInt(out, Double.doubleToLongBits(a.checkdouble(arg++)), 8, fm.little);
                    case 'c', 's' -> {
                        byte[] s = LuaToResp.toBytes(a.checkstring(arg++));
                        int len = s.length;
                        if (opt == 'c' && size != 0) {
                            if (len < size) {
                                argerror(arg - 1, "string too short");
                            }
                            len = size;
                        }
                        out.write(s, 0, len);
                        if (opt == 's') {
                            out.write(0);
                        }
                    }
                    default -> throw new LuaError("invalid format option '" + opt + "'");
                }
            }
            return LuaValue.valueOf(out.toByteArray());
        }

        private Varargs unpack(Varargs a) {
            Format fm = new Format(a.checkjstring(1));
            byte[] data = LuaToResp.toBytes(a.checkstring(2));
            int pos = a.optint(3, 1) - 1;
            if (pos < 0 || pos > data.length) {
                argerror(3, "offset must be 1 or greater");
            }
            List<LuaValue> values = new ArrayList<>();
            long previous = 0;
            while (fm.more()) {
                char opt = (char) fm.f[fm.i++];
                if (fm.control(opt)) {
                    continue;
                }
                int size = fm.size(opt);
                pos += fm.padding(pos, size, opt);
                if (opt != 's' && !(opt == 'c' && size == 0) && pos + size > data.length) {
                    argerror(2, "data string too short");
                }
                switch (opt) {
                    case 'b', 'B', 'h', 'H', 'l', 'L', 'T', 'i', 'I' -> {
                        long v = readInt(data, pos, size, fm.little);
                        boolean signed = Character.isLowerCase(opt);
                        if (signed && size < 8) {
                            int shift = 64 - size * 8;
                            v = (v << shift) >> shift;
                        }
                        double d = !signed && v < 0 ? v + 0x1p64 : v;
                        values.add(valueOf(d));
                        previous = v;
                        pos += size;
                    }
                    case 'x' -> pos += size;
                    case 'f' -> {
                        values.add(valueOf(Float.intBitsToFloat((int) readInt(data, pos, 4, fm.little))));
                        pos += 4;
                    }
                    case 'd' -> {
                        values.add(valueOf(Double.longBitsToDouble(readInt(data, pos, 8, fm.little))));
                        pos += 8;
                    }
                    case 'c' -> {
                        int len = size;
                        if (len == 0) {
                            if (values.isEmpty()) {
                                throw new LuaError("format 'c0' needs a previous size");
                            }
                            len = (int) previous;
                            values.remove(values.size() - 1);
                            if (pos + len > data.length) {
                                argerror(2, "data string too short");
                            }
                        }
                        values.add(LuaValue.valueOf(Arrays.copyOfRange(data, pos, pos + len)));
                        pos += len;
                    }
                    case 's' -> {
                        int end = pos;
                        while (end < data.length && data[end] != 0) {
                            end++;
                        }
                        if (end >= data.length) {
                            argerror(2, "unfinished string in data");
                        }
                        values.add(LuaValue.valueOf(Arrays.copyOfRange(data, pos, end)));
                        pos = end + 1;
                    }
                    default -> throw new LuaError("invalid format option '" + opt + "'");
                }
            }
            values.add(valueOf(pos + 1));
            return LuaValue.varargsOf(values.toArray(new LuaValue[0]));
        }
    }

    private static void writeInt(ByteArrayOutputStream out, long v, int size, boolean little) {
        for (int k = 0; k < size; k++) {
            int shift = 8 * (little ? k : size - 1 - k);
            out.write(shift < 64 ? (int) (v >>> shift) & 0xff : (v < 0 ? 0xff : 0));
        }
    }

    private static long readInt(byte[] d, int pos, int size, boolean little) {
        long v = 0;
        for (int k = 0; k < size; k++) {
            int b = d[pos + (little ? size - 1 - k : k)] & 0xff;
            v = (v << 8) | b;
        }
        return v;
    }
}
