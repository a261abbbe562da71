package dev.minicloud.kv.internal.command;

import dev.minicloud.kv.internal.engine.Call;
import dev.minicloud.kv.internal.store.Dict;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** HSCAN, SSCAN and ZSCAN: one cursor walk over a collection's dictionary, with MATCH and COUNT. */
final class Scans {
    private Scans() {}

    /**
     * Replies {@code [cursor, [elements...]]}; {@code small} is the whole collection in order when its
     * encoding is compact (else null); {@code extra} turns an entry into the values that
     * follow its key (a hash value, a zset score), or is null for sets.
     */
    static <E extends Dict.Entry> void scan(Call c, Dict<E> dict, List<E> small, Function<E, byte[]> extra) {
        ScanArgs a = ScanArgs.parse(c, 2, extra == null ? ScanArgs.Extra.NONE : ScanArgs.Extra.NOVALUES);
        List<E> found = new ArrayList<>();
        long next;
        if (dict == null) {
            next = 0;
        } else if (small != null) {
            // Redis returns a compact (listpack/intset) encoding whole, in its order, with cursor 0
            found.addAll(small);
            next = 0;
        } else {
            next = dict.scan(a.cursor(), a.batch(), found::add);
        }
        List<byte[]> out = new ArrayList<>();
        for (E e : found) {
            if (!a.matches(e.key())) {
                continue;
            }
            out.add(e.key());
            if (extra != null && !a.noValues()) {
                out.add(extra.apply(e));
            }
        }
        ScanArgs.reply(c, next, out);
    }
}
