package dev.minicloud.kv.internal.command;

import dev.minicloud.kv.internal.engine.Call;
import dev.minicloud.kv.internal.engine.CommandTable;
import dev.minicloud.kv.internal.engine.KeyFinder;
import dev.minicloud.kv.internal.engine.KeySpec;
import dev.minicloud.kv.internal.engine.Notifications;
import dev.minicloud.kv.internal.engine.RespError;
import dev.minicloud.kv.internal.store.KeyEntry;
import dev.minicloud.kv.internal.store.RHash;
import dev.minicloud.kv.internal.store.RList;
import dev.minicloud.kv.internal.store.RSet;
import dev.minicloud.kv.internal.store.RZSet;
import dev.minicloud.kv.internal.store.RZSet.ZEntry;
import dev.minicloud.kv.internal.wire.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * SORT and SORT_RO (sort.c): lists, sets and sorted sets, numerically or {@code ALPHA}, by the
 * elements or by keys and hash fields a {@code BY} pattern names, with {@code LIMIT}, {@code GET}
 * and {@code STORE}. Ties compare the elements themselves, so the order is deterministic, as in Redis.
 */
final class SortCommands {
    private SortCommands() {}

    /** Redis' notes on SORT's key spec for the keys its BY and GET patterns name. */
    private static final String BY_GET_NOTES =
            "For the optional BY/GET keyword. It is marked 'unknown' because the key names derive from the content of the key we sort";

    static void register(CommandTable t) {
        String g = "generic";
        t.add(
                        "sort",
                        -2,
                        "write denyoom",
                        1,
                        1,
                        1,
                        g,
                        "Sorts the elements in a list, a set, or a sorted set, optionally storing the result.",
                        c -> sort(c, Access.READ_WRITE))
                .keys(
                        KeySpec.range("RO access", 1, 0, 1),
                        KeySpec.unknown("RO access", BY_GET_NOTES),
                        KeySpec.unknown(
                                "OW update",
                                "For the optional STORE keyword. It is marked 'unknown' because the keyword can appear anywhere in the argument array"))
                .keys(SortCommands::keys);
        t.add(
                        "sort_ro",
                        -2,
                        "readonly",
                        1,
                        1,
                        1,
                        g,
                        "Returns the sorted elements of a list, a set, or a sorted set.",
                        c -> sort(c, Access.READ_ONLY))
                .keys(KeySpec.range("RO access", 1, 0, 1), KeySpec.unknown("RO access", BY_GET_NOTES))
                .keys(SortCommands::keys);
    }

    /**
     * SORT's keys as Redis' {@code sortGetKeys} finds them: the sorted key, and the last STORE's
     * destination (LIMIT's two arguments and BY's and GET's one are skipped).
     */
    private static List<KeyFinder.Found> keys(byte[][] argv, int argc) {
        List<KeyFinder.Found> keys = new ArrayList<>(2);
        keys.add(new KeyFinder.Found(1, List.of("RO", "access")));
        int store = -1;
        for (int i = 2; i < argc; i++) {
            String arg = new String(argv[i], StandardCharsets.ISO_8859_1);
            if (arg.equalsIgnoreCase("LIMIT")) {
                i += 2;
            } else if (arg.equalsIgnoreCase("GET") || arg.equalsIgnoreCase("BY")) {
                i++;
            } else if (arg.equalsIgnoreCase("STORE") && i + 1 < argc) {
                store = ++i;
            }
        }
        if (store > 0) {
            keys.add(new KeyFinder.Found(store, List.of("OW", "update")));
        }
        return keys;
    }

    /** One element being sorted and what it sorts by. */
    private static final class Item {
        final byte[] element;
        double score;
        byte[] by;

        Item(byte[] element) {
            this.element = element;
        }
    }

    /** SORT may STORE; SORT_RO may not. */
    private enum Access {
        READ_WRITE,
        READ_ONLY
    }

    private static void sort(Call c, Access access) {
        boolean readOnly = access == Access.READ_ONLY;
        boolean desc = false;
        boolean alpha = false;
        boolean dontSort = false;
        long offset = 0;
        long count = -1;
        byte[] byPattern = null;
        byte[] storeKey = null;
        List<byte[]> gets = new ArrayList<>();
        for (int j = 2; j < c.argc(); j++) {
            int left = c.argc() - j - 1;
            if (c.is(j, "ASC")) {
                desc = false;
            } else if (c.is(j, "DESC")) {
                desc = true;
            } else if (c.is(j, "ALPHA")) {
                alpha = true;
            } else if (c.is(j, "LIMIT") && left >= 2) {
                offset = c.longArg(j + 1);
                count = c.longArg(j + 2);
                j += 2;
            } else if (c.is(j, "STORE") && left >= 1 && !readOnly) {
                storeKey = c.arg(j + 1);
                j++;
            } else if (c.is(j, "BY") && left >= 1) {
                byPattern = c.arg(j + 1);
                // a pattern without '*' names one key for all: nothing to sort by (BY nosort)
                if (indexOf(byPattern, (byte) '*', 0) < 0) {
                    dontSort = true;
                }
                j++;
            } else if (c.is(j, "GET") && left >= 1) {
                gets.add(c.arg(j + 1));
                j++;
            } else {
                throw RespError.syntax();
            }
        }
        KeyEntry source = c.read(c.arg(1));
        Object value = source == null ? null : source.value();
        if (value != null && !(value instanceof RList || value instanceof RSet || value instanceof RZSet)) {
            throw RespError.wrongType();
        }
        if (dontSort && value instanceof RSet && storeKey != null) {
            // a set has no order of its own: stored results are sorted so that they repeat
            dontSort = false;
            alpha = true;
            byPattern = null;
        }
        List<Item> items = elements(value);
        if (dontSort && desc && !(value instanceof RSet)) {
            Collections.reverse(items);
        }
        int size = items.size();
        long start = Math.max(0, offset);
        long end = count < 0 ? size - 1 : start + count - 1;
        if (start >= size) {
            start = size - 1L;
            end = size - 2L;
        }
        if (end >= size) {
            end = size - 1L;
        }
        if (!dontSort) {
            boolean numeric = !alpha;
            for (Item it : items) {
                byte[] by = byPattern == null ? it.element : lookup(c, byPattern, it.element);
                if (byPattern != null) {
                    it.by = by;
                }
                if (numeric && by != null) {
                    it.score = score(by);
                }
            }
            Comparator<Item> cmp = Comparison.of(alpha, byPattern != null).comparator;
            items.sort(desc ? cmp.reversed() : cmp);
        }
        List<Item> selected = start > end ? List.of() : items.subList((int) start, (int) end + 1);
        List<byte[]> output = new ArrayList<>();
        for (Item it : selected) {
            if (gets.isEmpty()) {
                output.add(it.element);
            }
            for (byte[] get : gets) {
                output.add(lookup(c, get, it.element));
            }
        }
        if (storeKey != null) {
            store(c, storeKey, output);
            return;
        }
        RespWriter w = c.out();
        w.array(output.size());
        for (byte[] o : output) {
            if (o == null) {
                w.nullBulk();
            } else {
                w.bulk(o);
            }
        }
    }

    /** The elements in their own order: a list's, a set's or a sorted set's. */
    private static List<Item> elements(Object value) {
        List<Item> items = new ArrayList<>();
        if (value instanceof RList l) {
            for (byte[] e : l.toArray()) {
                items.add(new Item(e));
            }
        } else if (value instanceof RSet s) {
            for (byte[] e : s.members()) {
                items.add(new Item(e));
            }
        } else if (value instanceof RZSet z) {
            for (ZEntry e : z.range(0, z.size() - 1)) {
                items.add(new Item(e.member()));
            }
        }
        return items;
    }

    /** How SORT compares: by numeric score (the default), or with ALPHA by the element or by the BY pattern's value. */
    private enum Comparison {
        NUMERIC((a, b) -> {
            int r = Double.compare(a.score, b.score);
            return r != 0 && a.score != b.score ? r : Arrays.compareUnsigned(a.element, b.element);
        }),
        ALPHA_ELEMENT((a, b) -> Arrays.compareUnsigned(a.element, b.element)),
        ALPHA_BY((a, b) -> {
            if (a.by == null || b.by == null) {
                return a.by == b.by ? 0 : a.by == null ? -1 : 1;
            }
            return Arrays.compareUnsigned(a.by, b.by);
        });

        private final Comparator<Item> comparator;

        Comparison(Comparator<Item> comparator) {
            this.comparator = comparator;
        }

        static Comparison of(boolean alpha, boolean byPattern) {
            return !alpha ? NUMERIC : byPattern ? ALPHA_BY : ALPHA_ELEMENT;
        }
    }

    private static double score(byte[] v) {
        String s = new String(v, StandardCharsets.US_ASCII).trim();
        try {
            if (s.length() == v.length
                    && !s.isEmpty()
                    && !s.endsWith("d")
                    && !s.endsWith("f")
                    && !s.endsWith("D")
                    && !s.endsWith("F")) {
                double d = Double.parseDouble(s);
                if (!Double.isNaN(d)) {
                    return d;
                }
            }
        } catch (NumberFormatException e) {
            // falls through to Redis' error
        }
        throw new RespError("ERR One or more scores can't be converted into double");
    }

    /**
     * Redis' lookupKeyByPattern: {@code #} is the element; otherwise the first {@code *} becomes the
     * element and the key is read as a string, or with {@code ->field} as a hash field. Anything
     * missing, or of another type, is {@code null}.
     */
    private static byte[] lookup(Call c, byte[] pattern, byte[] element) {
        if (pattern.length == 1 && pattern[0] == '#') {
            return element;
        }
        int star = indexOf(pattern, (byte) '*', 0);
        if (star < 0) {
            return null;
        }
        int arrow = arrow(pattern, star + 1);
        int keyEnd = arrow >= 0 ? arrow : pattern.length;
        byte[] key = new byte[keyEnd - 1 + element.length];
        System.arraycopy(pattern, 0, key, 0, star);
        System.arraycopy(element, 0, key, star, element.length);
        System.arraycopy(pattern, star + 1, key, star + element.length, keyEnd - star - 1);
        KeyEntry e = c.db().lookup(key);
        if (e == null) {
            return null;
        }
        if (arrow >= 0) {
            if (!(e.value() instanceof RHash h)) {
                return null;
            }
            return h.get(Arrays.copyOfRange(pattern, arrow + 2, pattern.length));
        }
        return e.value() instanceof byte[] b ? b : null;
    }

    /** Where {@code ->} starts after the star, if a field name follows it. */
    private static int arrow(byte[] p, int from) {
        for (int i = from; i + 2 < p.length; i++) {
            if (p[i] == '-' && p[i + 1] == '>') {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] a, byte b, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static void store(Call c, byte[] key, List<byte[]> output) {
        if (output.isEmpty()) {
            if (c.db().delete(key)) {
                c.modified(key);
                c.notify(Notifications.GENERIC, "del", key);
            }
            c.out().integer(0);
            return;
        }
        RList list = new RList(c.keyspace().encodings());
        for (byte[] o : output) {
            list.addLast(o == null ? new byte[0] : o);
        }
        list.settle();
        c.db().delete(key);
        c.db().add(key, list);
        c.modified(key);
        c.notify(Notifications.LIST, "sortstore", key);
        c.out().integer(output.size());
    }
}
