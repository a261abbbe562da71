package dev.minicloud.kv.internal.command;

import dev.minicloud.kv.internal.engine.Call;
import dev.minicloud.kv.internal.engine.CommandHandler;
import dev.minicloud.kv.internal.engine.CommandTable;
import dev.minicloud.kv.internal.engine.KeySpec;
import dev.minicloud.kv.internal.engine.Notifications;
import dev.minicloud.kv.internal.engine.RespError;
import dev.minicloud.kv.internal.store.KeyEntry;
import dev.minicloud.kv.internal.store.RList;
import dev.minicloud.kv.internal.wire.RespWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The list commands, including the blocking pops and moves. */
final class ListCommands {
    private ListCommands() {}

    static void register(CommandTable t) {
        String g = "list";
        t.add("lpush", -3, "write denyoom fast", 1, 1, 1, g, "Prepends one or more elements to a list.", Handler.LPUSH)
                .keys(KeySpec.range("RW insert", 1, 0, 1));
        t.add("rpush", -3, "write denyoom fast", 1, 1, 1, g, "Appends one or more elements to a list.", Handler.RPUSH)
                .keys(KeySpec.range("RW insert", 1, 0, 1));
        t.add(
                        "lpushx",
                        -3,
                        "write denyoom fast",
                        1,
                        1,
                        1,
                        g,
                        "Prepends elements to a list only when the list exists.",
                        Handler.LPUSHX)
                .keys(KeySpec.range("RW insert", 1, 0, 1));
        t.add(
                        "rpushx",
                        -3,
                        "write denyoom fast",
                        1,
                        1,
                        1,
                        g,
                        "Appends elements to a list only when the list exists.",
                        Handler.RPUSHX)
                .keys(KeySpec.range("RW insert", 1, 0, 1));
        t.add(
                        "lpop",
                        -2,
                        "write fast",
                        1,
                        1,
                        1,
                        g,
                        "Returns the first elements in a list after removing it.",
                        Handler.LPOP)
                .keys(KeySpec.range("RW access delete", 1, 0, 1));
        t.add("rpop", -2, "write fast", 1, 1, 1, g, "Returns and removes the last elements of a list.", Handler.RPOP)
                .keys(KeySpec.range("RW access delete", 1, 0, 1));
        t.add("llen", 2, "readonly fast", 1, 1, 1, g, "Returns the length of a list.", Handler.LLEN);
        t.add("lrange", 4, "readonly", 1, 1, 1, g, "Returns a range of elements from a list.", Handler.LRANGE)
                .keys(KeySpec.range("RO access", 1, 0, 1));
        t.add("lindex", 3, "readonly", 1, 1, 1, g, "Returns an element from a list by its index.", Handler.LINDEX)
                .keys(KeySpec.range("RO access", 1, 0, 1));
        t.add(
                        "lset",
                        4,
                        "write denyoom",
                        1,
                        1,
                        1,
                        g,
                        "Sets the value of an element in a list by its index.",
                        Handler.LSET)
                .keys(KeySpec.range("RW update", 1, 0, 1));
        t.add(
                        "linsert",
                        5,
                        "write denyoom",
                        1,
                        1,
                        1,
                        g,
                        "Inserts an element before or after another element in a list.",
                        Handler.LINSERT)
                .keys(KeySpec.range("RW insert", 1, 0, 1));
        t.add("lrem", 4, "write", 1, 1, 1, g, "Removes elements from a list.", Handler.LREM)
                .keys(KeySpec.range("RW delete", 1, 0, 1));
        t.add("ltrim", 4, "write", 1, 1, 1, g, "Removes elements from both ends a list.", Handler.LTRIM)
                .keys(KeySpec.range("RW delete", 1, 0, 1));
        t.add("lpos", -3, "readonly", 1, 1, 1, g, "Returns the index of matching elements in a list.", Handler.LPOS)
                .keys(KeySpec.range("RO access", 1, 0, 1));
        t.add(
                        "lmove",
                        5,
                        "write denyoom",
                        1,
                        2,
                        1,
                        g,
                        "Returns an element after popping it from one list and pushing it to another.",
                        Handler.LMOVE)
                .keys(KeySpec.range("RW access delete", 1, 0, 1), KeySpec.range("RW insert", 2, 0, 1));
        t.add(
                        "rpoplpush",
                        3,
                        "write denyoom",
                        1,
                        2,
                        1,
                        g,
                        "Returns the last element of a list after removing and pushing it to another list.",
                        Handler.RPOPLPUSH)
                .keys(KeySpec.range("RW access delete", 1, 0, 1), KeySpec.range("RW insert", 2, 0, 1));
        t.add(
                        "lmpop",
                        -4,
                        "write",
                        2,
                        -1,
                        1,
                        g,
                        "Returns multiple elements from a list after removing them.",
                        Handler.LMPOP)
                .keys(KeySpec.keyNum("RW access delete", 1));
        t.add(
                        "blpop",
                        -3,
                        "write blocking",
                        1,
                        -2,
                        1,
                        g,
                        "Removes and returns the first element in a list. Blocks until an element is available otherwise.",
                        Handler.BLPOP)
                .keys(KeySpec.range("RW access delete", 1, -2, 1));
        t.add(
                        "brpop",
                        -3,
                        "write blocking",
                        1,
                        -2,
                        1,
                        g,
                        "Removes and returns the last element in a list. Blocks until an element is available otherwise.",
                        Handler.BRPOP)
                .keys(KeySpec.range("RW access delete", 1, -2, 1));
        t.add(
                        "blmove",
                        6,
                        "write denyoom blocking",
                        1,
                        2,
                        1,
                        g,
                        "Pops an element from a list, pushes it to another list and returns it. Blocks until an element is available otherwise.",
                        Handler.BLMOVE)
                .keys(KeySpec.range("RW access delete", 1, 0, 1), KeySpec.range("RW insert", 2, 0, 1));
        t.add(
                        "brpoplpush",
                        4,
                        "write denyoom blocking",
                        1,
                        2,
                        1,
                        g,
                        "Pops an element from a list, pushes it to another list and returns it. Block until an element is available otherwise.",
                        Handler.BRPOPLPUSH)
                .keys(KeySpec.range("RW access delete", 1, 0, 1), KeySpec.range("RW insert", 2, 0, 1));
        t.add(
                        "blmpop",
                        -5,
                        "write blocking",
                        3,
                        -1,
                        1,
                        g,
                        "Pops the first element from one of multiple lists. Blocks until an element is available otherwise.",
                        Handler.BLMPOP)
                .keys(KeySpec.keyNum("RW access delete", 2));
    }

    private static void llen(Call c) {
        RList l = c.list(c.read(c.arg(1)));
        c.out().integer(l == null ? 0 : l.size());
    }

    private static void lindex(Call c) {
        long i = c.longArg(2);
        RList l = c.list(c.read(c.arg(1)));
        if (l == null) {
            c.out().nullBulk();
            return;
        }
        if (i < 0) {
            i += l.size();
        }
        c.out().bulk(i < 0 || i >= l.size() ? null : l.get((int) i));
    }

    private static void lset(Call c) {
        long i = c.longArg(2);
        RList l = c.list(c.write(c.arg(1)));
        if (l == null) {
            throw new RespError(RespError.NO_SUCH_KEY);
        }
        if (i < 0) {
            i += l.size();
        }
        if (i < 0 || i >= l.size()) {
            throw new RespError(RespError.OUT_OF_RANGE);
        }
        l.prepareAdd(c.arg(3));
        l.set((int) i, c.arg(3));
        c.modified(c.arg(1));
        c.notify(Notifications.LIST, "lset", c.arg(1));
        c.out().ok();
    }

    private static void linsert(Call c) {
        boolean before = c.either(2, "BEFORE", "AFTER");
        RList l = c.list(c.write(c.arg(1)));
        if (l == null) {
            c.out().integer(0);
            return;
        }
        // Redis converts before it looks for the pivot (it cannot convert while iterating)
        l.prepareAdd(c.arg(4));
        for (int i = 0; i < l.size(); i++) {
            if (Arrays.equals(l.get(i), c.arg(3))) {
                l.insert(before ? i : i + 1, c.arg(4));
                c.modified(c.arg(1));
                c.notify(Notifications.LIST, "linsert", c.arg(1));
                c.out().integer(l.size());
                return;
            }
        }
        c.out().integer(-1);
    }

    private static void lrem(Call c) {
        long count = c.longArg(2);
        RList l = c.list(c.write(c.arg(1)));
        if (l == null) {
            c.out().integer(0);
            return;
        }
        boolean[] keep = new boolean[l.size()];
        Arrays.fill(keep, true);
        long removed = 0;
        long limit = count == 0 ? Long.MAX_VALUE : Math.abs(count);
        if (count >= 0) {
            for (int i = 0; i < l.size() && removed < limit; i++) {
                if (Arrays.equals(l.get(i), c.arg(3))) {
                    keep[i] = false;
                    removed++;
                }
            }
        } else {
            for (int i = l.size() - 1; i >= 0 && removed < limit; i--) {
                if (Arrays.equals(l.get(i), c.arg(3))) {
                    keep[i] = false;
                    removed++;
                }
            }
        }
        if (removed > 0) {
            l.retain(keep);
            c.modified(c.arg(1));
            c.notify(Notifications.LIST, "lrem", c.arg(1));
            c.deleteIfEmpty(c.arg(1), l.size());
        }
        c.out().integer(removed);
    }

    private static void ltrim(Call c) {
        long start = c.longArg(2);
        long end = c.longArg(3);
        RList l = c.list(c.write(c.arg(1)));
        if (l == null) {
            c.out().ok();
            return;
        }
        IndexRange r = IndexRange.ofRanks(start, end, l.size());
        if (r == null) {
            l.trim(1, 0);
        } else {
            l.trim((int) r.first(), (int) r.last());
        }
        c.modified(c.arg(1));
        c.notify(Notifications.LIST, "ltrim", c.arg(1));
        c.deleteIfEmpty(c.arg(1), l.size());
        c.out().ok();
    }

    private static void lmove(Call c) {
        End from = End.of(c, 3);
        End to = End.of(c, 4);
        move(c, from, to, -1);
    }

    private static void blmove(Call c) {
        End from = End.of(c, 3);
        End to = End.of(c, 4);
        move(c, from, to, c.timeoutArg(5));
    }

    /** An end of a list, as LMOVE's LEFT|RIGHT names it (Redis' LIST_HEAD, LIST_TAIL). */
    enum End {
        LEFT("lpop", "lpush"),
        RIGHT("rpop", "rpush");

        private final String popEvent;
        private final String pushEvent;

        End(String popEvent, String pushEvent) {
            this.popEvent = popEvent;
            this.pushEvent = pushEvent;
        }

        /** Argument {@code i}: LEFT or RIGHT, else a syntax error. */
        static End of(Call c, int i) {
            return c.either(i, "LEFT", "RIGHT") ? LEFT : RIGHT;
        }

        static End head(boolean head) {
            return head ? LEFT : RIGHT;
        }

        byte[] pop(RList l) {
            return this == LEFT ? l.removeFirst() : l.removeLast();
        }

        void push(RList l, byte[] v) {
            if (this == LEFT) {
                l.addFirst(v);
            } else {
                l.addLast(v);
            }
        }
    }

    /** What LPUSH/RPUSH do without a list (create it) and LPUSHX/RPUSHX do (nothing). */
    private enum IfMissing {
        CREATE,
        SKIP
    }

    private static void push(Call c, End end, IfMissing ifMissing) {
        byte[] key = c.arg(1);
        KeyEntry e = c.write(key);
        RList l = c.list(e);
        if (l == null) {
            if (ifMissing == IfMissing.SKIP) {
                c.out().integer(0);
                return;
            }
            l = new RList(c.keyspace().encodings());
            c.db().add(key, l);
        }
        long adding = 0;
        for (int i = 2; i < c.argc(); i++) {
            adding += c.arg(i).length;
        }
        l.prepareAdd(adding, c.argc() - 2);
        for (int i = 2; i < c.argc(); i++) {
            end.push(l, c.arg(i));
        }
        int size = l.size();
        c.modified(key);
        c.notify(Notifications.LIST, end.pushEvent, key);
        c.out().integer(size);
    }

    private static void pop(Call c, End end) {
        if (c.argc() > 3) {
            throw RespError.syntax();
        }
        long count = -1;
        if (c.argc() == 3) {
            count = c.longArg(2, "ERR value is out of range, must be positive");
            if (count < 0) {
                throw new RespError("ERR value is out of range, must be positive");
            }
        }
        byte[] key = c.arg(1);
        RList l = c.list(c.write(key));
        RespWriter w = c.out();
        if (l == null) {
            if (count >= 0) {
                w.nullArray();
            } else {
                w.nullBulk();
            }
            return;
        }
        if (count < 0) {
            byte[] v = end.pop(l);
            afterPop(c, key, l, end);
            w.bulk(v);
            return;
        }
        int n = (int) Math.min(count, l.size());
        byte[][] out = new byte[n][];
        for (int i = 0; i < n; i++) {
            out[i] = end.pop(l);
        }
        if (n > 0) {
            afterPop(c, key, l, end);
        }
        w.array(n);
        for (byte[] v : out) {
            w.bulk(v);
        }
    }

    private static void afterPop(Call c, byte[] key, RList l, End end) {
        c.modified(key);
        c.notify(Notifications.LIST, end.popEvent, key);
        c.deleteIfEmpty(key, l.size());
    }

    private static void lrange(Call c) {
        long start = c.longArg(2);
        long end = c.longArg(3);
        RList l = c.list(c.read(c.arg(1)));
        RespWriter w = c.out();
        if (l == null) {
            w.array(0);
            return;
        }
        IndexRange r = IndexRange.ofRanks(start, end, l.size());
        if (r == null) {
            w.array(0);
            return;
        }
        w.array((int) r.count());
        for (int i = (int) r.first(); i <= r.last(); i++) {
            w.bulk(l.get(i));
        }
    }

    private static void lpos(Call c) {
        long rank = 1;
        long count = -1;
        long maxlen = 0;
        for (int i = 3; i < c.argc(); i++) {
            if (c.is(i, "RANK") && i + 1 < c.argc()) {
                rank = c.longArg(++i);
                if (rank == 0) {
                    throw new RespError(
                            "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... "
                                    + "or use negative to start from the end of the list");
                }
                if (rank == Long.MIN_VALUE) {
                    throw new RespError(
                            "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807");
                }
            } else if (c.is(i, "COUNT") && i + 1 < c.argc()) {
                count = c.longArg(++i);
                if (count < 0) {
                    throw new RespError("ERR COUNT can't be negative");
                }
            } else if (c.is(i, "MAXLEN") && i + 1 < c.argc()) {
                maxlen = c.longArg(++i);
                if (maxlen < 0) {
                    throw new RespError("ERR MAXLEN can't be negative");
                }
            } else {
                throw RespError.syntax();
            }
        }
        RList l = c.list(c.read(c.arg(1)));
        RespWriter w = c.out();
        List<Long> found = new ArrayList<>();
        if (l != null) {
            int len = l.size();
            long skip = Math.abs(rank) - 1;
            long limit = count == 0 ? Long.MAX_VALUE : (count < 0 ? 1 : count);
            int scanned = 0;
            for (int k = 0; k < len && found.size() < limit; k++) {
                if (maxlen > 0 && scanned++ >= maxlen) {
                    break;
                }
                int i = rank > 0 ? k : len - 1 - k;
                if (Arrays.equals(l.get(i), c.arg(2))) {
                    if (skip > 0) {
                        skip--;
                    } else {
                        found.add((long) i);
                    }
                }
            }
        }
        if (count < 0) {
            if (found.isEmpty()) {
                w.nullBulk();
            } else {
                w.integer(found.get(0));
            }
            return;
        }
        w.array(found.size());
        for (long v : found) {
            w.integer(v);
        }
    }

    /** LMOVE/RPOPLPUSH and, with a timeout (>= 0), their blocking forms. */
    private static void move(Call c, End from, End to, long timeout) {
        byte[] src = c.arg(1);
        byte[] dst = c.arg(2);
        RList source = c.list(c.write(src));
        c.list(c.write(dst)); // WRONGTYPE on the destination is checked first, as Redis does
        if (source == null) {
            if (timeout >= 0 && c.block(new byte[][] {src}, timeout, w -> w.nullBulk())) {
                return;
            }
            c.out().nullBulk();
            return;
        }
        byte[] v = from.pop(source);
        c.modified(src);
        c.notify(Notifications.LIST, from.popEvent, src);
        c.deleteIfEmpty(src, source.size());
        RList target = c.list(c.db().lookup(dst)); // src may have been dst and been deleted when emptied
        if (target == null) {
            target = c.orAdd(dst, null, () -> new RList(c.keyspace().encodings()));
        }
        target.prepareAdd(v);
        to.push(target, v);
        c.modified(dst);
        c.notify(Notifications.LIST, to.pushEvent, dst);
        c.out().bulk(v);
    }

    /** LMPOP (timeout -1) and BLMPOP; {@code numkeysAt} is the index of the numkeys argument. */
    private static void mpop(Call c, int numkeysAt, long timeout) {
        MultiPopArgs a = MultiPopArgs.parse(c, numkeysAt, "LEFT", "RIGHT");
        FirstNonEmptyPop.run(c, a.keys(), timeout, RList.class, (key, l) -> {
            int n = (int) Math.min(a.count(), l.size());
            byte[][] out = new byte[n][];
            for (int i = 0; i < n; i++) {
                out[i] = End.head(a.head()).pop(l);
            }
            afterPop(c, key, l, End.head(a.head()));
            RespWriter w = c.out();
            w.array(2);
            w.bulk(key);
            w.array(n);
            for (byte[] v : out) {
                w.bulk(v);
            }
        });
    }

    private static void bpop(Call c, End end) {
        long timeout = c.timeoutArg(c.argc() - 1);
        FirstNonEmptyPop.run(c, FirstNonEmptyPop.keysBeforeTimeout(c), timeout, RList.class, (key, l) -> {
            byte[] v = end.pop(l);
            afterPop(c, key, l, end);
            RespWriter w = c.out();
            w.array(2);
            w.bulk(key);
            w.bulk(v);
        });
    }

    /**
     * The handlers of the rows above, one constant each, run through one switch: a lambda or method
     * reference per row would cost an invokedynamic bootstrap (a spun class) each at start.
     */
    private enum Handler implements CommandHandler {
        LPUSH,
        RPUSH,
        LPUSHX,
        RPUSHX,
        LPOP,
        RPOP,
        LLEN,
        LRANGE,
        LINDEX,
        LSET,
        LINSERT,
        LREM,
        LTRIM,
        LPOS,
        LMOVE,
        RPOPLPUSH,
        LMPOP,
        BLPOP,
        BRPOP,
        BLMOVE,
        BRPOPLPUSH,
        BLMPOP;

        @Override
        public void run(Call c) {
            switch (this) {
                case LPUSH -> push(c, End.LEFT, IfMissing.CREATE);
                case RPUSH -> push(c, End.RIGHT, IfMissing.CREATE);
                case LPUSHX -> push(c, End.LEFT, IfMissing.SKIP);
                case RPUSHX -> push(c, End.RIGHT, IfMissing.SKIP);
                case LPOP -> pop(c, End.LEFT);
                case RPOP -> pop(c, End.RIGHT);
                case LLEN -> ListCommands.llen(c);
                case LRANGE -> ListCommands.lrange(c);
                case LINDEX -> ListCommands.lindex(c);
                case LSET -> ListCommands.lset(c);
                case LINSERT -> ListCommands.linsert(c);
                case LREM -> ListCommands.lrem(c);
                case LTRIM -> ListCommands.ltrim(c);
                case LPOS -> ListCommands.lpos(c);
                case LMOVE -> ListCommands.lmove(c);
                case RPOPLPUSH -> move(c, End.RIGHT, End.LEFT, -1);
                case LMPOP -> mpop(c, 1, -1);
                case BLPOP -> bpop(c, End.LEFT);
                case BRPOP -> bpop(c, End.RIGHT);
                case BLMOVE -> ListCommands.blmove(c);
                case BRPOPLPUSH -> move(c, End.RIGHT, End.LEFT, c.timeoutArg(3));
                case BLMPOP -> mpop(c, 2, c.timeoutArg(1));
            }
        }
    }
}
