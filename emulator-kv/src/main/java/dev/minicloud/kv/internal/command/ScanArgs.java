package dev.minicloud.kv.internal.command;

import dev.minicloud.kv.internal.engine.Call;
import dev.minicloud.kv.internal.engine.RespError;
import dev.minicloud.kv.internal.store.Glob;
import dev.minicloud.kv.internal.wire.RespWriter;
import java.util.List;
import java.util.Locale;

/**
 * The arguments of SCAN, HSCAN, SSCAN and ZSCAN: {@code cursor [MATCH pattern] [COUNT count]} plus
 * the one option each allows beyond those (TYPE for SCAN, NOVALUES for HSCAN and ZSCAN), and the
 * {@code [cursor, [elements...]]} reply they all give.
 *
 * @param cursor the unsigned 64-bit cursor
 * @param pattern the MATCH glob, or null
 * @param count the COUNT hint (at least 1, default 10)
 * @param type the TYPE filter in lower case, or null
 * @param noValues whether NOVALUES was given
 */
record ScanArgs(long cursor, byte[] pattern, long count, String type, boolean noValues) {

    /** Which option a scan command takes besides MATCH and COUNT. */
    enum Extra {
        NONE,
        TYPE,
        NOVALUES
    }

    /** Parses from {@code cursorAt} (the index of the cursor) to the end. */
    static ScanArgs parse(Call c, int cursorAt, Extra extra) {
        long cursor = cursor(c, cursorAt);
        byte[] pattern = null;
        long count = 10;
        String type = null;
        boolean noValues = false;
        for (int i = cursorAt + 1; i < c.argc(); i++) {
            if (c.is(i, "MATCH") && i + 1 < c.argc()) {
                pattern = c.arg(++i);
            } else if (c.is(i, "COUNT") && i + 1 < c.argc()) {
                count = c.longArg(++i);
                if (count < 1) {
                    throw RespError.syntax();
                }
            } else if (extra == Extra.TYPE && c.is(i, "TYPE") && i + 1 < c.argc()) {
                type = c.str(++i).toLowerCase(Locale.ROOT);
            } else if (extra == Extra.NOVALUES && c.is(i, "NOVALUES")) {
                noValues = true;
            } else {
                throw RespError.syntax();
            }
        }
        return new ScanArgs(cursor, pattern, count, type, noValues);
    }

    /** Parses a SCAN cursor: an unsigned 64-bit decimal. */
    private static long cursor(Call c, int i) {
        String s = c.str(i);
        try {
            if (s.isEmpty() || s.charAt(0) == '-' || s.charAt(0) == '+') {
                throw new NumberFormatException(s);
            }
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            throw new RespError("ERR invalid cursor");
        }
    }

    /** The COUNT hint as a batch size for a dictionary walk. */
    int batch() {
        return (int) Math.min(count, Integer.MAX_VALUE);
    }

    /** Whether a key (or member, or field) passes MATCH. */
    boolean matches(byte[] key) {
        // Redis skips matching for a lone "*", which the matcher itself would refuse on an empty key
        return pattern == null || (pattern.length == 1 && pattern[0] == '*') || Glob.match(pattern, key, false);
    }

    /** Writes the scan reply: the next cursor (0 when done) and the elements found. */
    static void reply(Call c, long next, List<byte[]> elements) {
        RespWriter w = c.out();
        w.array(2);
        w.bulk(Long.toUnsignedString(next));
        w.array(elements.size());
        for (byte[] b : elements) {
            w.bulk(b);
        }
    }
}
