package dev.minicloud.kv.internal.script;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * Reads a LuaJ error the way Redis' error handler ({@code __redis__err__handler}) sees a Lua 5.1
 * one. LuaJ reports a position as {@code @user_script:3 message}; Lua 5.1 as
 * {@code user_script:3: message}, which is what scripts and clients see in Redis.
 */
final class LuaErrors {
    private static final Pattern POSITION = Pattern.compile("^@([^:\\s]+):(\\d+|\\?) (.*)$", Pattern.DOTALL);
    private static final LuaValue ERR = LuaValue.valueOf("err");
    /** LuaJ names a reserved token by its number; Lua 5.1 says {@code near '<eof>'}. */
    private static final Pattern LUAJ_TOKEN = Pattern.compile("unexpected symbol (\\d+) \\(.\\)");

    private static final String[] TOKENS = {
        "and",
        "break",
        "do",
        "else",
        "elseif",
        "end",
        "false",
        "for",
        "function",
        "goto",
        "if",
        "in",
        "local",
        "nil",
        "not",
        "or",
        "repeat",
        "return",
        "then",
        "true",
        "until",
        "while",
        "..",
        "...",
        "==",
        ">=",
        "<=",
        "~=",
        "::",
        "<eof>",
        "<number>",
        "<name>",
        "<string>"
    };

    private LuaErrors() {}

    /** Where the error was raised, e.g. {@code @user_script:1}; null when unknown. */
    static String position(LuaError e) {
        String m = message(e);
        if (m == null) {
            return null;
        }
        Matcher p = POSITION.matcher(m);
        return p.matches() ? "@" + p.group(1) + ":" + p.group(2) : null;
    }

    /**
     * LuaJ's message of {@code e}, without the line break LuaJ puts before the (empty, see
     * {@link ScriptWatchdog#traceback}) traceback.
     */
    static String message(LuaError e) {
        String m = e.getMessage();
        return m != null && m.endsWith("\n") ? m.substring(0, m.length() - 1) : m;
    }

    /** The error value a Lua 5.1 {@code pcall} would return. */
    static LuaValue object(LuaError e) {
        LuaValue o = e.getMessageObject();
        if (o != null && !o.isstring()) {
            return o;
        }
        return LuaValue.valueOf(text(e));
    }

    /** A syntax error as Lua 5.1's compiler words it where LuaJ differs. */
    static String syntax(LuaError e) {
        String m = text(e);
        Matcher t = LUAJ_TOKEN.matcher(m);
        if (!t.find()) {
            return m;
        }
        int token = Integer.parseInt(t.group(1));
        String name = token >= 257 && token - 257 < TOKENS.length ? TOKENS[token - 257] : String.valueOf((char) token);
        return m.substring(0, t.start()) + "unexpected symbol near '" + name + "'" + m.substring(t.end());
    }

    /** A string error's message with a Lua 5.1 position prefix. */
    static String text(LuaError e) {
        String m = message(e);
        if (m == null) {
            return "nil";
        }
        Matcher p = POSITION.matcher(m);
        return p.matches() ? p.group(1) + ":" + p.group(2) + ": " + p.group(3) : m;
    }

    /** The {@code err} string of a Redis error table, or null when {@code v} is not one. */
    static String errField(LuaValue v) {
        if (v instanceof LuaTable t) {
            LuaValue err = t.rawget(ERR);
            if (err.isstring()) {
                return err.tojstring();
            }
        }
        return null;
    }

    /**
     * The reply of a script that failed, as luaCallFunction formats it:
     * {@code <msg> script: <name>, on @user_script:<line>.}; a non-table error becomes
     * {@code ERR <text>} first.
     */
    static String reply(LuaError e, String scriptName) {
        LuaValue o = e.getMessageObject();
        String msg = o != null && !o.isstring() ? errField(o) : null;
        if (msg == null) {
            msg = "ERR " + (o != null && !o.isstring() ? o.tojstring() : text(e));
        }
        String at = position(e);
        return at == null ? msg : msg + " script: " + scriptName + ", on " + at + ".";
    }
}
