package dev.minicloud.kv.internal.script;

import dev.minicloud.kv.internal.wire.RespWriter;
import java.nio.charset.StandardCharsets;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Writes a script's return value as the reply, with Redis' rules ({@code script_lua.c},
 * luaReplyToRedisReply): a string is a bulk string, a number an integer (truncated toward zero),
 * {@code true} {@code :1} and {@code false} null while the script speaks RESP2 (RESP3 booleans
 * after {@code redis.setresp(3)}), a table with a string {@code err} an error, {@code ok} a status,
 * {@code double}/{@code big_number}/{@code verbatim_string}/{@code map}/{@code set} those RESP3 types,
 * anything else an array that stops at the first nil; nil and other types are null. Nesting
 * deeper than Redis' Lua stack allows (a cyclic table) ends in {@code ERR reached lua stack limit}
 * where Redis' own conversion runs out of its C stack slots (LUAI_MAXCSTACK, 8000): each level
 * holds one slot for an array element, three for a map value and four while a map key or set
 * member is written, so a self-containing array nests 7995 levels deep, as in redis-server.
 */
final class LuaToResp {
    /** Lua's LUAI_MAXCSTACK: the stack slots Redis' conversion may use (it checks for 4 free ones per value). */
    private static final int MAX_SLOTS = 8000;

    private static final int FREE_SLOTS_NEEDED = 4;
    /** Slots in use when the conversion starts (the function's result and its copy). */
    private static final int START_SLOTS = 2;

    private static final int ARRAY_ELEMENT_SLOTS = 1;
    private static final int MAP_VALUE_SLOTS = 3;
    private static final int MAP_KEY_SLOTS = 4;
    private static final LuaValue ERR = LuaValue.valueOf("err");
    private static final LuaValue OK = LuaValue.valueOf("ok");
    private static final LuaValue DOUBLE = LuaValue.valueOf("double");
    private static final LuaValue BIG_NUMBER = LuaValue.valueOf("big_number");
    private static final LuaValue VERBATIM = LuaValue.valueOf("verbatim_string");
    private static final LuaValue MAP = LuaValue.valueOf("map");
    private static final LuaValue SET = LuaValue.valueOf("set");
    private static final LuaValue FORMAT = LuaValue.valueOf("format");
    private static final LuaValue STRING = LuaValue.valueOf("string");

    private LuaToResp() {}

    static void write(RespWriter w, LuaValue v, int scriptResp) {
        write(w, v, scriptResp, START_SLOTS);
    }

    private static void write(RespWriter w, LuaValue v, int scriptResp, int slots) {
        if (slots + FREE_SLOTS_NEEDED > MAX_SLOTS) {
            w.error("ERR reached lua stack limit");
            return;
        }
        switch (v.type()) {
            case LuaValue.TSTRING ->
                w.bulk(v.checkstring().m_bytes, v.checkstring().m_offset, v.checkstring().m_length);
            case LuaValue.TBOOLEAN -> {
                if (scriptResp == 2) {
                    if (v.toboolean()) {
                        w.integer(1);
                    } else {
                        w.nullBulk();
                    }
                } else {
                    w.bool(v.toboolean());
                }
            }
            case LuaValue.TNUMBER -> w.integer(toLong(v.todouble()));
            case LuaValue.TTABLE -> table(w, (LuaTable) v, scriptResp, slots);
            default -> w.nullBulk();
        }
    }

    /** C's (long long) cast of a double, as Redis applies it to Lua numbers. */
    static long toLong(double d) {
        return (long) d;
    }

    private static void table(RespWriter w, LuaTable t, int scriptResp, int slots) {
        LuaValue err = t.rawget(ERR);
        if (err.type() == LuaValue.TSTRING) {
            w.error(err.tojstring());
            return;
        }
        LuaValue ok = t.rawget(OK);
        if (ok.type() == LuaValue.TSTRING) {
            w.simple(ok.tojstring().replace('\r', ' ').replace('\n', ' '));
            return;
        }
        LuaValue dbl = t.rawget(DOUBLE);
        if (dbl.type() == LuaValue.TNUMBER) {
            w.dbl(dbl.todouble());
            return;
        }
        LuaValue big = t.rawget(BIG_NUMBER);
        if (big.type() == LuaValue.TSTRING) {
            String s = big.tojstring().replace('\r', ' ').replace('\n', ' ');
            if (w.resp3()) {
                w.raw(("(" + s + "\r\n").getBytes(StandardCharsets.UTF_8));
            } else {
                w.bulk(s);
            }
            return;
        }
        LuaValue verbatim = t.rawget(VERBATIM);
        if (verbatim instanceof LuaTable vt) {
            LuaValue format = vt.rawget(FORMAT);
            LuaValue str = vt.rawget(STRING);
            if (format.type() == LuaValue.TSTRING && str.type() == LuaValue.TSTRING) {
                byte[] text = str.checkstring().m_length == 0 ? new byte[0] : toBytes(str);
                if (w.resp3()) {
                    String f = (format.tojstring() + "   ").substring(0, 3);
                    w.raw(("=" + (text.length + 4) + "\r\n" + f + ":").getBytes(StandardCharsets.UTF_8));
                    w.raw(text);
                    w.raw(new byte[] {'\r', '\n'});
                } else {
                    w.bulk(text);
                }
                return;
            }
        }
        LuaValue map = t.rawget(MAP);
        if (map instanceof LuaTable mt) {
            w.map(count(mt));
            LuaValue k = LuaValue.NIL;
            while (true) {
                Varargs n = mt.next(k);
                k = n.arg1();
                if (k.isnil()) {
                    break;
                }
                write(w, k, scriptResp, slots + MAP_KEY_SLOTS);
                write(w, n.arg(2), scriptResp, slots + MAP_VALUE_SLOTS);
            }
            return;
        }
        LuaValue set = t.rawget(SET);
        if (set instanceof LuaTable st) {
            w.set(count(st));
            LuaValue k = LuaValue.NIL;
            while (true) {
                Varargs n = st.next(k);
                k = n.arg1();
                if (k.isnil()) {
                    break;
                }
                write(w, k, scriptResp, slots + MAP_KEY_SLOTS);
            }
            return;
        }
        int len = 0;
        while (!t.rawget(len + 1).isnil()) {
            len++;
        }
        w.array(len);
        for (int i = 1; i <= len; i++) {
            write(w, t.rawget(i), scriptResp, slots + ARRAY_ELEMENT_SLOTS);
        }
    }

    private static int count(LuaTable t) {
        int n = 0;
        LuaValue k = LuaValue.NIL;
        while (true) {
            k = t.next(k).arg1();
            if (k.isnil()) {
                return n;
            }
            n++;
        }
    }

    static byte[] toBytes(LuaValue s) {
        var ls = s.checkstring();
        byte[] b = new byte[ls.m_length];
        System.arraycopy(ls.m_bytes, ls.m_offset, b, 0, ls.m_length);
        return b;
    }
}
