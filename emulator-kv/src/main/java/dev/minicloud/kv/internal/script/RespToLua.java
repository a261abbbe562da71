package dev.minicloud.kv.internal.script;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * Turns a command's RESP reply (written by the script client) into the Lua value {@code redis.call}
 * returns, with Redis' rules ({@code script_lua.c}, redisProtocolToLuaType): integers become
 * numbers, bulk strings strings, a null bulk or null array {@code false}, a status {@code {ok=...}},
 * an error {@code {err=...}}; under RESP3 a map {@code {map={...}}}, a set {@code {set={k=true}}},
 * null {@code nil}, booleans booleans, a double {@code {double=n}}, a big number
 * {@code {big_number="..."}}, a verbatim string {@code {verbatim_string={format=..., string=...}}};
 * attributes are skipped.
 */
final class RespToLua {
    private static final LuaValue OK = LuaValue.valueOf("ok");
    private static final LuaValue ERR = LuaValue.valueOf("err");

    private RespToLua() {}

    /** Whether the reply is an error (redis.call raises it). */
    static boolean isError(ByteBuf reply) {
        return reply.readableBytes() > 0 && reply.getByte(reply.readerIndex()) == '-';
    }

    static LuaValue parse(ByteBuf in) {
        byte type = in.readByte();
        switch (type) {
            case ':' -> {
                return LuaValue.valueOf((double) Long.parseLong(line(in)));
            }
            case '$' -> {
                int len = Integer.parseInt(line(in));
                if (len < 0) {
                    return LuaValue.FALSE;
                }
                byte[] b = new byte[len];
                in.readBytes(b);
                in.skipBytes(2);
                return LuaValue.valueOf(b);
            }
            case '+' -> {
                LuaTable t = new LuaTable();
                t.rawset(OK, LuaValue.valueOf(lineBytes(in)));
                return t;
            }
            case '-' -> {
                return errorTable("-" + line(in));
            }
            case '*', '>' -> {
                int n = Integer.parseInt(line(in));
                if (n < 0) {
                    return LuaValue.FALSE;
                }
                LuaTable t = new LuaTable(n, 0);
                for (int i = 1; i <= n; i++) {
                    t.rawset(i, parse(in));
                }
                return t;
            }
            case '%' -> {
                int n = Integer.parseInt(line(in));
                LuaTable m = new LuaTable();
                for (int i = 0; i < n; i++) {
                    LuaValue k = parse(in);
                    LuaValue v = parse(in);
                    m.rawset(k, v);
                }
                return single("map", m);
            }
            case '~' -> {
                int n = Integer.parseInt(line(in));
                LuaTable s = new LuaTable();
                for (int i = 0; i < n; i++) {
                    s.rawset(parse(in), LuaValue.TRUE);
                }
                return single("set", s);
            }
            case '_' -> {
                in.skipBytes(2);
                return LuaValue.NIL;
            }
            case '#' -> {
                boolean v = in.readByte() == 't';
                in.skipBytes(2);
                return LuaValue.valueOf(v);
            }
            case ',' -> {
                String s = line(in);
                double d = switch (s) {
                    case "inf" -> Double.POSITIVE_INFINITY;
                    case "-inf" -> Double.NEGATIVE_INFINITY;
                    case "nan" -> Double.NaN;
                    default -> Double.parseDouble(s);
                };
                return single("double", LuaValue.valueOf(d));
            }
            case '(' -> {
                return single("big_number", LuaValue.valueOf(lineBytes(in)));
            }
            case '=' -> {
                int len = Integer.parseInt(line(in));
                byte[] b = new byte[len];
                in.readBytes(b);
                in.skipBytes(2);
                LuaTable v = new LuaTable();
                v.rawset("string", LuaValue.valueOf(Arrays.copyOfRange(b, 4, b.length)));
                v.rawset("format", LuaValue.valueOf(Arrays.copyOfRange(b, 0, 3)));
                return single("verbatim_string", v);
            }
            case '|' -> {
                int n = Integer.parseInt(line(in));
                for (int i = 0; i < n * 2; i++) {
                    parse(in);
                }
                return parse(in);
            }
            default ->
                throw new IllegalStateException("reply type: " + (char) type + " (expected: a RESP type marker)");
        }
    }

    /**
     * The {@code {err=...}} table of an error message, as luaPushErrorBuff shapes it: a message with
     * a leading {@code -} keeps its own code, any other gets {@code ERR}; trailing CR/LF is trimmed.
     */
    static LuaTable errorTable(String withOrWithoutDash) {
        String code;
        String msg;
        if (withOrWithoutDash.startsWith("-")) {
            int sp = withOrWithoutDash.indexOf(' ');
            if (sp < 0) {
                code = "ERR";
                msg = withOrWithoutDash.substring(1);
            } else {
                code = withOrWithoutDash.substring(1, sp);
                msg = withOrWithoutDash.substring(sp + 1);
            }
        } else {
            code = "ERR";
            msg = withOrWithoutDash;
        }
        msg = msg.replaceAll("^[\r\n]+|[\r\n]+$", "");
        LuaTable t = new LuaTable();
        t.rawset(ERR, LuaValue.valueOf(code + " " + msg));
        return t;
    }

    private static LuaTable single(String key, LuaValue v) {
        LuaTable t = new LuaTable();
        t.rawset(key, v);
        return t;
    }

    private static String line(ByteBuf in) {
        return new String(lineBytes(in), StandardCharsets.UTF_8);
    }

    private static byte[] lineBytes(ByteBuf in) {
        int start = in.readerIndex();
        int cr = in.indexOf(start, in.writerIndex(), (byte) '\r');
        byte[] b = new byte[cr - start];
        in.readBytes(b);
        in.skipBytes(2);
        return b;
    }
}
