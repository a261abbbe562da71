package dev.minicloud.kv.internal.engine;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Where a command's keys are in its arguments, as a Redis 7 key specification
 * (https://redis.io/docs/latest/develop/reference/key-specs/): a begin search (a fixed index, or
 * the argument after a keyword such as {@code STREAMS}) then a find-keys rule (a range, or a count
 * read from an argument such as {@code numkeys}), plus the flags {@code COMMAND INFO} and
 * {@code COMMAND GETKEYSANDFLAGS} report ({@code RW}, {@code RO}, {@code OW}, {@code access},
 * {@code update}, ...), and the spec's notes where Redis gives some.
 */
public record KeySpec(List<String> flags, BeginSearch begin, FindKeys find, String notes) {
    /** Redis' notes on EVAL's and FCALL's key spec. */
    public static final String SCRIPT_RW_NOTES =
            "We cannot tell how the keys will be used so we assume the worst, RW and UPDATE";
    /** Redis' notes on EVAL_RO's and FCALL_RO's key spec. */
    public static final String SCRIPT_RO_NOTES =
            "We cannot tell how the keys will be used so we assume the worst, RO and ACCESS";

    /** Where the search for keys starts. */
    public sealed interface BeginSearch permits Index, Keyword, Unknown {}

    /** The keys start at argument {@code index} (0 is the command name). */
    public record Index(int index) implements BeginSearch {}

    /**
     * The keys start after {@code keyword}, searched from argument {@code startFrom} forwards
     * (negative: from the end backwards).
     */
    public record Keyword(String keyword, int startFrom) implements BeginSearch {}

    /** Which arguments from the start are keys. */
    public sealed interface FindKeys permits Range, KeyNum, Unknown {}

    /**
     * Keys up to {@code lastKey} arguments after the start (negative: counted from the end), every
     * {@code keyStep}th; with {@code limit} > 1, only the first 1/limit of the remaining arguments
     * (XREAD's keys are the first half of what follows STREAMS).
     */
    public record Range(int lastKey, int keyStep, int limit) implements FindKeys {}

    /**
     * Keys no rule can find (SORT's BY/GET patterns name keys by the sorted values, its STORE may
     * come anywhere): Redis lists such a spec as {@code unknown}, and finding keys skips it.
     */
    public record Unknown() implements BeginSearch, FindKeys {}

    /** Argument {@code keyNumIdx} after the start counts the keys, which begin {@code firstKey} after the start. */
    public record KeyNum(int keyNumIdx, int firstKey, int keyStep) implements FindKeys {}

    /** {@code "RO access"} style flags, an index start and a range. */
    public static KeySpec range(String flags, int index, int lastKey, int keyStep) {
        return new KeySpec(flagList(flags), new Index(index), new Range(lastKey, keyStep, 0), null);
    }

    /** Keys after {@code keyword}, a fraction 1/limit of what follows it (XREAD's {@code STREAMS}). */
    public static KeySpec keyword(String flags, String keyword, int startFrom, int lastKey, int keyStep, int limit) {
        return new KeySpec(flagList(flags), new Keyword(keyword, startFrom), new Range(lastKey, keyStep, limit), null);
    }

    /** Keys counted by the argument at {@code index} ({@code numkeys}), starting right after it. */
    public static KeySpec keyNum(String flags, int index) {
        return new KeySpec(flagList(flags), new Index(index), new KeyNum(0, 1, 1), null);
    }

    /** This spec with Redis' {@code notes}. */
    public KeySpec notes(String text) {
        return new KeySpec(flags, begin, find, text);
    }

    /** Keys counted by argument {@code keyNumIdx} after {@code index}, the first {@code firstKey} after it, every {@code keyStep}th. */
    public static KeySpec keyNum(String flags, int index, int keyNumIdx, int firstKey, int keyStep) {
        return new KeySpec(flagList(flags), new Index(index), new KeyNum(keyNumIdx, firstKey, keyStep), null);
    }

    /** Keys no rule can find, with Redis' notes on why. */
    public static KeySpec unknown(String flags, String notes) {
        return new KeySpec(flagList(flags), new Unknown(), new Unknown(), notes);
    }

    private static List<String> flagList(String flags) {
        return List.of(flags.trim().split("\\s+"));
    }

    /** Redis' {@code not_key}: the arguments are shard channels, not keys (ACL and GETKEYS skip them). */
    public boolean notKey() {
        return flags.contains("not_key");
    }

    /** Whether keys can move between calls: Redis flags such commands {@code movablekeys}. */
    public boolean movable() {
        return !(begin instanceof Index) || !(find instanceof Range r) || r.limit() > 1;
    }

    /** Thrown when the arguments do not hold the keys the spec says they do (a bad numkeys). */
    static final class InvalidArguments extends Exception {
        InvalidArguments() {
            super(null, null, false, false);
        }
    }

    /**
     * The argument positions of this spec's keys in {@code args[0..argc)}, as Redis'
     * {@code getKeysUsingKeySpecs} finds them; none when a keyword is absent.
     */
    int[] positions(byte[][] args, int argc) throws InvalidArguments {
        if (begin instanceof Unknown || find instanceof Unknown) {
            return new int[0];
        }
        int first;
        if (begin instanceof Index i) {
            first = i.index();
        } else {
            Keyword k = (Keyword) begin;
            first = keywordEnd(k, args, argc);
            if (first < 0) {
                return new int[0];
            }
        }
        int last;
        int step;
        if (find instanceof Range r) {
            if (r.lastKey() >= 0) {
                last = first + r.lastKey();
            } else if (r.limit() <= 1) {
                last = argc + r.lastKey();
            } else {
                last = first + ((argc - first) / r.limit() + r.lastKey());
            }
            step = r.keyStep();
        } else {
            KeyNum n = (KeyNum) find;
            int countAt = first + n.keyNumIdx();
            if (countAt >= argc) {
                throw new InvalidArguments();
            }
            long count;
            try {
                count = Long.parseLong(new String(args[countAt], StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new InvalidArguments();
            }
            if (count < 0 || count > argc) {
                throw new InvalidArguments();
            }
            first += n.firstKey();
            step = n.keyStep();
            last = (int) (first + (count - 1) * step);
            if (count == 0) {
                return new int[0];
            }
        }
        if (first >= argc || last >= argc || last < first) {
            throw new InvalidArguments();
        }
        int[] out = new int[(last - first) / step + 1];
        for (int i = 0; i < out.length; i++) {
            out[i] = first + i * step;
        }
        return out;
    }

    private static int keywordEnd(Keyword k, byte[][] args, int argc) {
        byte[] word = k.keyword().getBytes(StandardCharsets.US_ASCII);
        if (k.startFrom() >= 0) {
            for (int i = k.startFrom(); i < argc; i++) {
                if (equalsIgnoreCase(args[i], word)) {
                    return i + 1;
                }
            }
        } else {
            for (int i = argc + k.startFrom(); i > 0; i--) {
                if (equalsIgnoreCase(args[i], word)) {
                    return i + 1;
                }
            }
        }
        return -1;
    }

    private static boolean equalsIgnoreCase(byte[] a, byte[] word) {
        if (a.length != word.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (Character.toUpperCase(a[i]) != word[i]) {
                return false;
            }
        }
        return true;
    }
}
