package dev.minicloud.kv.acl;

import dev.minicloud.kv.engine.CommandSpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The argument positions of the keys a command names, for key permissions. Fixed positions come from
 * the command's first/last/step; commands whose keys move (a {@code numkeys} argument, {@code STREAMS},
 * {@code STORE}) are read here as Redis' key specs read them.
 */
final class AclKeys {
    private static final int[] NONE = new int[0];

    private AclKeys() {
    }

    static int[] positions(CommandSpec spec, byte[][] args, int argc) {
        return switch (spec.fullName()) {
            case "eval", "evalsha", "eval_ro", "evalsha_ro", "fcall", "fcall_ro", "blmpop", "bzmpop" ->
                    counted(args, argc, 2, NONE);
            case "zunion", "zinter", "zdiff", "zintercard", "sintercard", "lmpop", "zmpop" -> counted(args, argc, 1, NONE);
            case "zunionstore", "zinterstore", "zdiffstore" -> counted(args, argc, 2, new int[] {1});
            case "xread", "xreadgroup" -> streams(args, argc);
            case "sort", "georadius", "georadiusbymember" -> withStore(args, argc);
            case "migrate" -> migrate(args, argc);
            default -> fixed(spec, argc);
        };
    }

    private static int[] fixed(CommandSpec spec, int argc) {
        int first = spec.firstKey();
        if (first <= 0 || first >= argc) {
            return NONE;
        }
        int last = spec.lastKey() < 0 ? argc + spec.lastKey() : Math.min(spec.lastKey(), argc - 1);
        int step = Math.max(1, spec.step());
        if (last < first) {
            return NONE;
        }
        int[] out = new int[(last - first) / step + 1];
        for (int i = 0; i < out.length; i++) {
            out[i] = first + i * step;
        }
        return out;
    }

    /** {@code numkeys} at {@code at}, the keys right after it, plus fixed leading positions. */
    private static int[] counted(byte[][] args, int argc, int at, int[] leading) {
        if (at >= argc) {
            return leading;
        }
        long n = number(args[at]);
        if (n <= 0 || at + n >= argc) {
            return leading;
        }
        int[] out = Arrays.copyOf(leading, leading.length + (int) n);
        for (int i = 0; i < n; i++) {
            out[leading.length + i] = at + 1 + i;
        }
        return out;
    }

    private static int[] streams(byte[][] args, int argc) {
        for (int i = 1; i < argc; i++) {
            if (keyword(args[i], "streams")) {
                int n = (argc - i - 1) / 2;
                int[] out = new int[n];
                for (int k = 0; k < n; k++) {
                    out[k] = i + 1 + k;
                }
                return out;
            }
        }
        return NONE;
    }

    private static int[] withStore(byte[][] args, int argc) {
        for (int i = 2; i + 1 < argc; i++) {
            if (keyword(args[i], "store") || keyword(args[i], "storedist")) {
                return new int[] {1, i + 1};
            }
        }
        return argc > 1 ? new int[] {1} : NONE;
    }

    private static int[] migrate(byte[][] args, int argc) {
        if (argc > 3 && args[3].length > 0) {
            return new int[] {3};
        }
        for (int i = 6; i < argc; i++) {
            if (keyword(args[i], "keys")) {
                int[] out = new int[argc - i - 1];
                for (int k = 0; k < out.length; k++) {
                    out[k] = i + 1 + k;
                }
                return out;
            }
        }
        return NONE;
    }

    private static boolean keyword(byte[] arg, String lower) {
        return new String(arg, StandardCharsets.ISO_8859_1).equalsIgnoreCase(lower);
    }

    private static long number(byte[] arg) {
        try {
            return Long.parseLong(new String(arg, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
