package dev.minicloud.kv.internal.engine;

import java.nio.charset.StandardCharsets;

/**
 * What MONITOR and SLOWLOG show of a command: its arguments with the secrets Redis redacts
 * replaced by {@code (redacted)} (every AUTH argument, the user and password after HELLO's AUTH).
 */
final class CommandLog {
    static final byte[] REDACTED = "(redacted)".getBytes(StandardCharsets.US_ASCII);

    private CommandLog() {}

    /** The argument as logged: {@link #REDACTED} where Redis' redactClientCommandArgument would put it. */
    static byte[] shown(CommandSpec spec, byte[][] args, int i) {
        String name = spec.fullName();
        if (name.equals("auth") && i > 0) {
            return REDACTED;
        }
        if (name.equals("hello") && isAuthArgument(args, i)) {
            return REDACTED;
        }
        return args[i];
    }

    /** HELLO [protover [AUTH user pass] [SETNAME name]]: true for the two arguments after an AUTH token. */
    private static boolean isAuthArgument(byte[][] args, int i) {
        for (int j = 2; j < i; j++) {
            if (new String(args[j], StandardCharsets.US_ASCII).equalsIgnoreCase("auth") && (i == j + 1 || i == j + 2)) {
                return true;
            }
        }
        return false;
    }

    /** Redis' sdscatrepr: a double-quoted string with C escapes and \xHH for other non-printable bytes. */
    static void repr(StringBuilder b, byte[] s) {
        b.append('"');
        for (byte x : s) {
            int ch = x & 0xff;
            switch (ch) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case 7 -> b.append("\\a");
                case 8 -> b.append("\\b");
                default -> {
                    if (ch >= 32 && ch < 127) {
                        b.append((char) ch);
                    } else {
                        b.append(String.format("\\x%02x", ch));
                    }
                }
            }
        }
        b.append('"');
    }
}
