package dev.minicloud.kv.command;

import dev.minicloud.kv.engine.Call;
import dev.minicloud.kv.engine.RespError;
import dev.minicloud.kv.store.Dict;
import dev.minicloud.kv.store.Glob;
import dev.minicloud.kv.wire.RespWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** HSCAN, SSCAN and ZSCAN: one cursor walk over a collection's dictionary, with MATCH and COUNT. */
final class Scans {
    private Scans() {
    }

    /**
     * Replies {@code [cursor, [elements...]]}; {@code small} is the whole collection in order when its
     * encoding is compact (else null); {@code extra} turns an entry into the values that
     * follow its key (a hash value, a zset score), or is null for sets.
     */
    static <E extends Dict.Entry> void scan(Call c, Dict<E> dict, List<E> small, Function<E, byte[]> extra) {
        long cursor = KeyCommands.cursor(c, 2);
        byte[] pattern = null;
        long count = 10;
        boolean noValues = false;
        for (int i = 3; i < c.argc(); i++) {
            if (c.is(i, "MATCH") && i + 1 < c.argc()) {
                pattern = c.arg(++i);
            } else if (c.is(i, "COUNT") && i + 1 < c.argc()) {
                count = c.longArg(++i);
                if (count < 1) {
                    throw RespError.syntax();
                }
            } else if (c.is(i, "NOVALUES") && extra != null) {
                noValues = true;
            } else {
                throw RespError.syntax();
            }
        }
        List<E> found = new ArrayList<>();
        long next;
        if (dict == null) {
            next = 0;
        } else if (small != null) {
            // Redis returns a compact (listpack/intset) encoding whole, in its order, with cursor 0
            found.addAll(small);
            next = 0;
        } else {
            next = dict.scan(cursor, (int) Math.min(count, Integer.MAX_VALUE), found::add);
        }
        List<byte[]> out = new ArrayList<>();
        for (E e : found) {
            if (pattern != null && !Glob.match(pattern, e.key(), false)) {
                continue;
            }
            out.add(e.key());
            if (extra != null && !noValues) {
                out.add(extra.apply(e));
            }
        }
        RespWriter w = c.out();
        w.array(2);
        w.bulk(Long.toUnsignedString(next));
        w.array(out.size());
        for (byte[] b : out) {
            w.bulk(b);
        }
    }
}
