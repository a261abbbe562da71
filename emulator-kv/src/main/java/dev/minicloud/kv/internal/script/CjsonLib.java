package dev.minicloud.kv.internal.script;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.OneArgFunction;

/**
 * The {@code cjson} library Redis bundles (lua-cjson 2.1), at its default settings:
 * {@code cjson.encode} writes arrays for tables whose keys are exactly 1..n (Redis' build), objects
 * otherwise, numbers with {@code %.14g}, and fails on excessive nesting (more than 1000) or a
 * cycle; {@code cjson.decode} maps JSON null to {@code cjson.null}.
 */
final class CjsonLib {
    static final int MAX_DEPTH = 1000;

    private CjsonLib() {}

    static LuaTable create() {
        LuaTable t = new LuaTable();
        LuaUserdata nul = new LuaUserdata(new Object());
        t.rawset("null", nul);
        t.rawset("encode", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue v) {
                StringBuilder b = new StringBuilder();
                encode(b, v, nul, 0, new IdentityHashMap<>());
                return LuaValue.valueOf(b.toString().getBytes(StandardCharsets.ISO_8859_1));
            }
        });
        t.rawset("decode", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue v) {
                byte[] s = LuaToResp.toBytes(v.checkstring());
                Decoder d = new Decoder(s, nul);
                LuaValue r = d.value(0);
                d.ws();
                if (d.i != s.length) {
                    d.fail("the end");
                }
                return r;
            }
        });
        return t;
    }

    private static void encode(
            StringBuilder b, LuaValue v, LuaValue nul, int depth, IdentityHashMap<LuaValue, Boolean> seen) {
        switch (v.type()) {
            case LuaValue.TNIL -> b.append("null");
            case LuaValue.TBOOLEAN -> b.append(v.toboolean());
            case LuaValue.TNUMBER -> {
                double d = v.todouble();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new LuaError("Cannot serialise number: must not be NaN or Inf");
                }
                b.append(g14(d));
            }
            case LuaValue.TSTRING -> string(b, LuaToResp.toBytes(v));
            case LuaValue.TTABLE -> {
                if (depth >= MAX_DEPTH) {
                    throw new LuaError("Cannot serialise, excessive nesting (" + (depth + 1) + ")");
                }
                LuaTable t = (LuaTable) v;
                int n = arrayLength(t);
                if (n >= 0) {
                    b.append('[');
                    for (int i = 1; i <= n; i++) {
                        if (i > 1) {
                            b.append(',');
                        }
                        encode(b, t.rawget(i), nul, depth + 1, seen);
                    }
                    b.append(']');
                    return;
                }
                b.append('{');
                boolean first = true;
                LuaValue k = LuaValue.NIL;
                while (true) {
                    Varargs e = t.next(k);
                    k = e.arg1();
                    if (k.isnil()) {
                        break;
                    }
                    if (!first) {
                        b.append(',');
                    }
                    first = false;
                    if (k.type() == LuaValue.TNUMBER) {
                        b.append('"').append(g14(k.todouble())).append('"');
                    } else if (k.type() == LuaValue.TSTRING) {
                        string(b, LuaToResp.toBytes(k));
                    } else {
                        throw new LuaError(
                                "Cannot serialise " + k.typename() + ": table key must be a number or string");
                    }
                    b.append(':');
                    encode(b, e.arg(2), nul, depth + 1, seen);
                }
                b.append('}');
            }
            default -> {
                @SuppressWarnings("ReferenceEquality") // cjson.null is one userdata, compared by identity as in Lua
                boolean isNull = v == nul;
                if (isNull) {
                    b.append("null");
                } else {
                    throw new LuaError("Cannot serialise " + v.typename() + ": type not supported");
                }
            }
        }
    }

    /** n when the keys are exactly 1..n (n > 0), -1 otherwise (an empty table is an object). */
    private static int arrayLength(LuaTable t) {
        int count = 0;
        double max = 0;
        LuaValue k = LuaValue.NIL;
        while (true) {
            k = t.next(k).arg1();
            if (k.isnil()) {
                break;
            }
            if (k.type() != LuaValue.TNUMBER) {
                return -1;
            }
            double d = k.todouble();
            if (d < 1 || d != Math.floor(d)) {
                return -1;
            }
            max = Math.max(max, d);
            count++;
        }
        return count > 0 && max == count ? count : -1;
    }

    static String g14(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e14) {
            return Long.toString((long) d);
        }
        BigDecimal x = new BigDecimal(d).round(new MathContext(14));
        int exp = x.precision() - x.scale() - 1;
        if (exp < -4 || exp >= 14) {
            String m = x.movePointLeft(exp).stripTrailingZeros().toPlainString();
            return m + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        return x.stripTrailingZeros().toPlainString();
    }

    private static void string(StringBuilder b, byte[] s) {
        b.append('"');
        for (byte x : s) {
            int c = x & 0xff;
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '/' -> b.append("\\/");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\u%04x", c));
                    } else {
                        b.append((char) c);
                    }
                }
            }
        }
        b.append('"');
    }

    private static final class Decoder {
        final byte[] s;
        final LuaValue nul;
        int i;

        Decoder(byte[] s, LuaValue nul) {
            this.s = s;
            this.nul = nul;
        }

        void ws() {
            while (i < s.length && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) {
                i++;
            }
        }

        LuaError fail(String expected) {
            throw new LuaError("Expected " + expected + " but found invalid token at character " + (i + 1));
        }

        LuaValue value(int depth) {
            ws();
            if (i >= s.length) {
                throw fail("value");
            }
            if (depth >= MAX_DEPTH) {
                throw new LuaError(
                        "Found too many nested data structures (" + (depth + 1) + ") at character " + (i + 1));
            }
            byte c = s[i];
            switch (c) {
                case '{' -> {
                    i++;
                    LuaTable t = new LuaTable();
                    ws();
                    if (i < s.length && s[i] == '}') {
                        i++;
                        return t;
                    }
                    while (true) {
                        ws();
                        if (i >= s.length || s[i] != '"') {
                            throw fail("object key string");
                        }
                        LuaValue k = str();
                        ws();
                        if (i >= s.length || s[i] != ':') {
                            throw fail("colon");
                        }
                        i++;
                        t.rawset(k, value(depth + 1));
                        ws();
                        if (i < s.length && s[i] == ',') {
                            i++;
                        } else if (i < s.length && s[i] == '}') {
                            i++;
                            return t;
                        } else {
                            throw fail("comma or object end");
                        }
                    }
                }
                case '[' -> {
                    i++;
                    LuaTable t = new LuaTable();
                    ws();
                    if (i < s.length && s[i] == ']') {
                        i++;
                        return t;
                    }
                    for (int n = 1; ; n++) {
                        t.rawset(n, value(depth + 1));
                        ws();
                        if (i < s.length && s[i] == ',') {
                            i++;
                        } else if (i < s.length && s[i] == ']') {
                            i++;
                            return t;
                        } else {
                            throw fail("comma or array end");
                        }
                    }
                }
                case '"' -> {
                    return str();
                }
                default -> {
                    if (match("true")) {
                        return LuaValue.TRUE;
                    }
                    if (match("false")) {
                        return LuaValue.FALSE;
                    }
                    if (match("null")) {
                        return nul;
                    }
                    int start = i;
                    while (i < s.length && "+-0123456789.eE".indexOf(s[i]) >= 0) {
                        i++;
                    }
                    try {
                        return LuaValue.valueOf(
                                Double.parseDouble(new String(s, start, i - start, StandardCharsets.US_ASCII)));
                    } catch (NumberFormatException e) {
                        i = start;
                        throw fail("value");
                    }
                }
            }
        }

        private boolean match(String word) {
            if (i + word.length() > s.length) {
                return false;
            }
            for (int j = 0; j < word.length(); j++) {
                if (s[i + j] != word.charAt(j)) {
                    return false;
                }
            }
            i += word.length();
            return true;
        }

        private LuaValue str() {
            i++;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                if (i >= s.length) {
                    throw fail("string end");
                }
                int c = s[i++] & 0xff;
                if (c == '"') {
                    return LuaValue.valueOf(out.toByteArray());
                }
                if (c != '\\') {
                    out.write(c);
                    continue;
                }
                if (i >= s.length) {
                    throw fail("escape");
                }
                int e = s[i++];
                switch (e) {
                    case 'b' -> out.write('\b');
                    case 'f' -> out.write('\f');
                    case 'n' -> out.write('\n');
                    case 'r' -> out.write('\r');
                    case 't' -> out.write('\t');
                    case 'u' -> {
                        if (i + 4 > s.length) {
                            throw fail("unicode escape");
                        }
                        int cp = Integer.parseInt(new String(s, i, 4, StandardCharsets.US_ASCII), 16);
                        i += 4;
                        byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                        out.write(utf8, 0, utf8.length);
                    }
                    default -> out.write(e);
                }
            }
        }
    }
}
