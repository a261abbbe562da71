package dev.minicloud.kv.internal.command;

import dev.minicloud.kv.internal.engine.Call;
import dev.minicloud.kv.internal.engine.CommandTable;
import dev.minicloud.kv.internal.engine.RespError;
import dev.minicloud.kv.internal.rdb.RdbWriter;
import dev.minicloud.kv.internal.store.KeyEntry;
import dev.minicloud.kv.internal.wire.Doubles;
import java.util.Locale;

/**
 * DEBUG, the parts that make sense for an in-memory emulator: SLEEP (blocks this KV instance's own
 * loop only, as Redis blocks its server; S3 and DNS run on other loops), OBJECT, SET-ACTIVE-EXPIRE,
 * CHANGE-REPL-ID and HELP, answered as a Redis with {@code enable-debug-command yes}.
 */
final class DebugCommands {
    private DebugCommands() {}

    static void register(CommandTable t) {
        t.add(
                "debug",
                -2,
                "admin noscript loading stale",
                0,
                0,
                0,
                "server",
                "A container for debugging commands.",
                DebugCommands::debug);
    }

    private static void debug(Call c) {
        String sub = c.str(1).toLowerCase(Locale.ROOT);
        switch (sub) {
            case "sleep" -> {
                requireArgc(c, 3);
                Double seconds = Doubles.parse(c.arg(2));
                long micros = seconds == null || seconds.isNaN() || seconds < 0 ? 0 : (long) (seconds * 1_000_000);
                if (micros > 0) {
                    try {
                        Thread.sleep(micros / 1000, (int) (micros % 1000) * 1000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                c.out().ok();
            }
            case "object" -> {
                requireArgc(c, 3);
                KeyEntry e = c.db().peek(c.arg(2));
                if (e == null) {
                    throw new RespError("ERR no such key");
                }
                String encoding = e.encoding().redisName();
                int serialized = Math.max(0, RdbWriter.dump(e.value()).length - 11);
                long idle = c.keyspace().idleSeconds(e);
                c.out()
                        .simple("Value at:0x" + Integer.toHexString(System.identityHashCode(e.value())) + " refcount:"
                                + (encoding.equals("int") ? Integer.MAX_VALUE : 1) + " encoding:" + encoding
                                + " serializedlength:" + serialized
                                + " lru:" + ((c.now() / 1000) & 0xFFFFFF) + " lru_seconds_idle:" + idle);
            }
            case "set-active-expire" -> {
                requireArgc(c, 3);
                c.engine().activeExpire(parsesNonZero(c.str(2)));
                c.out().ok();
            }
            case "change-repl-id" -> {
                requireArgc(c, 2);
                c.out().ok();
            }
            case "help" ->
                c.help(
                        "DEBUG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                        "CHANGE-REPL-ID",
                        "    Change the replication IDs of the instance.",
                        "    Dangerous: should be used only for testing the replication subsystem.",
                        "OBJECT <key>",
                        "    Show low level info about `key` and associated value.",
                        "SET-ACTIVE-EXPIRE <0|1>",
                        "    Setting it to 0 disables expiring keys in background when they are not",
                        "    accessed (otherwise the Redis behavior). Setting it to 1 reenables back the",
                        "    default.",
                        "SLEEP <seconds>",
                        "    Stop the server for <seconds>. Decimals allowed.",
                        "HELP",
                        "    Prints this help.");
            default -> throw unknown(c);
        }
    }

    /** Redis' atoi: the leading integer, 0 when none. */
    private static boolean parsesNonZero(String s) {
        String t = s.trim();
        int end = 0;
        while (end < t.length()
                && (Character.isDigit(t.charAt(end)) || (end == 0 && (t.charAt(0) == '-' || t.charAt(0) == '+')))) {
            end++;
        }
        try {
            return Long.parseLong(t.substring(0, end)) != 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void requireArgc(Call c, int argc) {
        if (c.argc() != argc) {
            throw unknown(c);
        }
    }

    private static RespError unknown(Call c) {
        return new RespError(
                "ERR unknown subcommand or wrong number of arguments for '" + c.str(1) + "'. Try DEBUG HELP.");
    }
}
