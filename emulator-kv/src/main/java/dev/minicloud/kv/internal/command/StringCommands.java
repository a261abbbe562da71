package dev.minicloud.kv.internal.command;

import dev.minicloud.kv.internal.engine.Call;
import dev.minicloud.kv.internal.engine.CommandHandler;
import dev.minicloud.kv.internal.engine.CommandTable;
import dev.minicloud.kv.internal.engine.KeyFinder;
import dev.minicloud.kv.internal.engine.KeySpec;
import dev.minicloud.kv.internal.engine.Notifications;
import dev.minicloud.kv.internal.engine.RespError;
import dev.minicloud.kv.internal.store.Database;
import dev.minicloud.kv.internal.store.Encoding;
import dev.minicloud.kv.internal.store.KeyEntry;
import dev.minicloud.kv.internal.wire.Doubles;
import dev.minicloud.kv.internal.wire.Numbers;
import dev.minicloud.kv.internal.wire.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The string commands: SET and its variants, GET*, counters, ranges, LCS. */
final class StringCommands {
    static final long MAX_STRING = 512L * 1024 * 1024;

    private StringCommands() {}

    static void register(CommandTable t) {
        String g = "string";
        t.add("get", 2, "readonly fast", 1, 1, 1, g, "Returns the string value of a key.", Handler.GET)
                .keys(KeySpec.range("RO access", 1, 0, 1));
        t.add("set", -3, "write denyoom", 1, 1, 1, g, "Sets the string value of a key.", Handler.SET)
                .keys(KeySpec.range("RW access update variable_flags", 1, 0, 1)
                        .notes("RW and ACCESS due to the optional `GET` argument"))
                .keys(StringCommands::setKeys);
        t.add(
                        "setnx",
                        3,
                        "write denyoom fast",
                        1,
                        1,
                        1,
                        g,
                        "Set the string value of a key only when the key doesn't exist.",
                        Handler.SETNX)
                .keys(KeySpec.range("OW insert", 1, 0, 1));
        t.add(
                        "setex",
                        4,
                        "write denyoom",
                        1,
                        1,
                        1,
                        g,
                        "Sets the string value and expiration time of a key.",
                        Handler.SETEX)
                .keys(KeySpec.range("OW update", 1, 0, 1));
        t.add(
                        "psetex",
                        4,
                        "write denyoom",
                        1,
                        1,
                        1,
                        g,
                        "Sets the string value and expiration time in milliseconds of a key.",
                        Handler.PSETEX)
                .keys(KeySpec.range("OW update", 1, 0, 1));
        t.add(
                        "getex",
                        -2,
                        "write fast",
                        1,
                        1,
                        1,
                        g,
                        "Returns the string value of a key after setting its expiration time.",
                        Handler.GETEX)
                .keys(KeySpec.range("RW access update", 1, 0, 1).notes("RW and UPDATE because it changes the TTL"));
        t.add(
                        "getdel",
                        2,
                        "write fast",
                        1,
                        1,
                        1,
                        g,
                        "Returns the string value of a key after deleting the key.",
                        Handler.GETDEL)
                .keys(KeySpec.range("RW access delete", 1, 0, 1));
        t.add(
                        "getset",
                        3,
                        "write denyoom fast",
                        1,
                        1,
                        1,
                        g,
                        "Returns the previous string value of a key after setting it to a new value.",
                        Handler.GETSET)
                .keys(KeySpec.range("RW access update", 1, 0, 1));
        t.add(
                        "mget",
                        -2,
                        "readonly fast",
                        1,
                        -1,
                        1,
                        g,
                        "Atomically returns the string values of one or more keys.",
                        Handler.MGET)
                .keys(KeySpec.range("RO access", 1, -1, 1))
                .tips("request_policy:multi_shard");
        t.add(
                        "mset",
                        -3,
                        "write denyoom",
                        1,
                        -1,
                        2,
                        g,
                        "Atomically creates or modifies the string values of one or more keys.",
                        Handler.MSET)
                .keys(KeySpec.range("OW update", 1, -1, 2))
                .tips("request_policy:multi_shard", "response_policy:all_succeeded");
        t.add(
                        "msetnx",
                        -3,
                        "write denyoom",
                        1,
                        -1,
                        2,
                        g,
                        "Atomically modifies the string values of one or more keys only when all keys don't exist.",
                        Handler.MSETNX)
                .keys(KeySpec.range("OW insert", 1, -1, 2))
                .tips("request_policy:multi_shard", "response_policy:agg_min");
        t.add(
                        "incr",
                        2,
                        "write denyoom fast",
                        1,
                        1,
                        1,
                        g,
                        "Increments the integer value of a key by one.",
                        Handler.INCR)
                .keys(KeySpec.range("RW access update", 1, 0, 1));
        t.add(
                        "decr",
                        2,
                        "write denyoom fast",
                        1,
                        1,
                        1,
                        g,
                        "Decrements the integer value of a key by one.",
                        Handler.DECR)
                .keys(KeySpec.range("RW access update", 1, 0, 1));
        t.add(
                        "incrby",
                        3,
                        "write denyoom fast",
                        1,
                        1,
                        1,
                        g,
                        "Increments the integer value of a key by a number.",
                        Handler.INCRBY)
                .keys(KeySpec.range("RW access update", 1, 0, 1));
        t.add(
                        "decrby",
                        3,
                        "write denyoom fast",
                        1,
                        1,
                        1,
                        g,
                        "Decrements a number from the integer value of a key.",
                        Handler.DECRBY)
                .keys(KeySpec.range("RW access update", 1, 0, 1));
        t.add(
                        "incrbyfloat",
                        3,
                        "write denyoom fast",
                        1,
                        1,
                        1,
                        g,
                        "Increment the floating point value of a key by a number.",
                        Handler.INCRBYFLOAT)
                .keys(KeySpec.range("RW access update", 1, 0, 1));
        t.add("append", 3, "write denyoom fast", 1, 1, 1, g, "Appends a string to the value of a key.", Handler.APPEND)
                .keys(KeySpec.range("RW insert", 1, 0, 1));
        t.add("strlen", 2, "readonly fast", 1, 1, 1, g, "Returns the length of a string value.", Handler.STRLEN);
        t.add(
                        "getrange",
                        4,
                        "readonly",
                        1,
                        1,
                        1,
                        g,
                        "Returns a substring of the string stored at a key.",
                        Handler.GETRANGE)
                .keys(KeySpec.range("RO access", 1, 0, 1));
        t.add("substr", 4, "readonly", 1, 1, 1, g, "Returns a substring from a string value.", Handler.GETRANGE)
                .keys(KeySpec.range("RO access", 1, 0, 1));
        t.add(
                        "setrange",
                        4,
                        "write denyoom",
                        1,
                        1,
                        1,
                        g,
                        "Overwrites a part of a string value with another by an offset.",
                        Handler.SETRANGE)
                .keys(KeySpec.range("RW update", 1, 0, 1));
        t.add("lcs", -3, "readonly", 1, 2, 1, g, "Finds the longest common substring.", Handler.LCS)
                .keys(KeySpec.range("RO access", 1, 1, 1));
    }

    /** SET's key and its flags as Redis' {@code setGetKeys} gives them: GET makes it read the old value. */
    private static List<KeyFinder.Found> setKeys(byte[][] argv, int argc) {
        for (int i = 3; i < argc; i++) {
            if (new String(argv[i], StandardCharsets.ISO_8859_1).equalsIgnoreCase("GET")) {
                return List.of(new KeyFinder.Found(1, List.of("RW", "access", "update")));
            }
        }
        return List.of(new KeyFinder.Found(1, List.of("OW", "update")));
    }

    private static void get(Call c) {
        KeyEntry e = c.read(c.arg(1));
        c.out().bulk(c.string(e));
    }

    /** When SET writes: always, only if the key is absent (NX), only if present (XX). */
    private enum Condition {
        ALWAYS,
        IF_ABSENT,
        IF_PRESENT
    }

    /** What SET answers: OK (or nil when the condition fails), the old value (GET), or SETNX's 1/0. */
    private enum Reply {
        OK,
        OLD_VALUE,
        ONE_OR_ZERO
    }

    /** What SET does to the key's TTL: drops it, keeps it (KEEPTTL), or sets {@code expireAt}. */
    private enum Ttl {
        CLEAR,
        KEEP,
        SET
    }

    /** SET's parsed options, as Redis' {@code setGenericCommand} takes them in its flags. */
    private record SetOptions(Condition condition, Reply reply, Ttl ttl, long expireAt) {

        static SetOptions expiringAt(long expireAt) {
            return new SetOptions(Condition.ALWAYS, Reply.OK, Ttl.SET, expireAt);
        }
    }

    private static void set(Call c) {
        byte[] key = c.arg(1);
        if (c.argc() == 3) {
            c.db().put(key, c.arg(2), false);
            c.modified(key);
            c.notify(Notifications.STRING, "set", key);
            c.out().ok();
            return;
        }
        Condition condition = Condition.ALWAYS;
        Reply reply = Reply.OK;
        Ttl ttl = Ttl.CLEAR;
        long expireAt = -1;
        for (int i = 3; i < c.argc(); i++) {
            boolean hasNext = i + 1 < c.argc();
            Expiry form = Expiry.of(c, i);
            if (c.is(i, "NX") && condition != Condition.IF_PRESENT) {
                condition = Condition.IF_ABSENT;
            } else if (c.is(i, "XX") && condition != Condition.IF_ABSENT) {
                condition = Condition.IF_PRESENT;
            } else if (c.is(i, "GET")) {
                reply = Reply.OLD_VALUE;
            } else if (c.is(i, "KEEPTTL") && ttl == Ttl.CLEAR) {
                ttl = Ttl.KEEP;
            } else if (form != null && ttl == Ttl.CLEAR && hasNext) {
                expireAt = form.at(c, i + 1, "set");
                ttl = Ttl.SET;
                i++;
            } else {
                throw RespError.syntax();
            }
        }
        setGeneric(c, key, c.arg(2), new SetOptions(condition, reply, ttl, expireAt));
    }

    private static void setnx(Call c) {
        setGeneric(c, c.arg(1), c.arg(2), new SetOptions(Condition.IF_ABSENT, Reply.ONE_OR_ZERO, Ttl.CLEAR, -1));
    }

    /** SETEX and PSETEX: SET with a relative expiry in {@code form}'s unit. */
    private static void setex(Call c, Expiry form) {
        String command = form == Expiry.EX ? "setex" : "psetex";
        setGeneric(c, c.arg(1), c.arg(3), SetOptions.expiringAt(form.at(c, 2, command)));
    }

    private static void setGeneric(Call c, byte[] key, byte[] value, SetOptions o) {
        Database db = c.db();
        boolean get = o.reply() == Reply.OLD_VALUE;
        KeyEntry existing = get ? c.read(key) : c.write(key);
        byte[] old = get ? c.string(existing) : null;
        if ((o.condition() == Condition.IF_ABSENT && existing != null)
                || (o.condition() == Condition.IF_PRESENT && existing == null)) {
            switch (o.reply()) {
                case OLD_VALUE -> c.out().bulk(old);
                case ONE_OR_ZERO -> c.out().integer(0);
                case OK -> c.out().nullBulk();
            }
            return;
        }
        KeyEntry e = db.put(key, value, o.ttl() == Ttl.KEEP);
        if (o.ttl() == Ttl.SET) {
            db.setExpire(e, o.expireAt());
        }
        c.modified(key);
        c.notify(Notifications.STRING, "set", key);
        if (o.ttl() == Ttl.SET) {
            c.notify(Notifications.GENERIC, "expire", key);
        }
        switch (o.reply()) {
            case OLD_VALUE -> c.out().bulk(old);
            case ONE_OR_ZERO -> c.out().integer(1);
            case OK -> c.out().ok();
        }
    }

    private static void getset(Call c) {
        byte[] old = c.string(c.write(c.arg(1)));
        c.db().put(c.arg(1), c.arg(2), false);
        c.modified(c.arg(1));
        c.notify(Notifications.STRING, "set", c.arg(1));
        c.out().bulk(old);
    }

    private static void mget(Call c) {
        RespWriter w = c.out();
        int n = c.argc() - 1;
        byte[][] values = new byte[n][];
        for (int i = 0; i < n; i++) {
            KeyEntry e = c.read(c.arg(i + 1));
            values[i] = e != null && e.value() instanceof byte[] b ? b : null;
        }
        w.array(n);
        for (byte[] v : values) {
            w.bulk(v);
        }
    }

    private static void mset(Call c) {
        if (c.argc() % 2 == 0) {
            throw RespError.arity("mset");
        }
        for (int i = 1; i < c.argc(); i += 2) {
            c.db().put(c.arg(i), c.arg(i + 1), false);
            c.modified(c.arg(i));
            c.notify(Notifications.STRING, "set", c.arg(i));
        }
        c.out().ok();
    }

    private static void msetnx(Call c) {
        if (c.argc() % 2 == 0) {
            throw RespError.arity("msetnx");
        }
        for (int i = 1; i < c.argc(); i += 2) {
            if (c.db().exists(c.arg(i))) {
                c.out().integer(0);
                return;
            }
        }
        for (int i = 1; i < c.argc(); i += 2) {
            c.db().put(c.arg(i), c.arg(i + 1), false);
            c.modified(c.arg(i));
            c.notify(Notifications.STRING, "set", c.arg(i));
        }
        c.out().integer(1);
    }

    private static void decrby(Call c) {
        long d = c.longArg(2);
        if (d == Long.MIN_VALUE) {
            throw new RespError("ERR decrement would overflow");
        }
        incr(c, -d);
    }

    private static void append(Call c) {
        byte[] old = c.string(c.write(c.arg(1)));
        byte[] add = c.arg(2);
        byte[] v;
        if (old == null) {
            v = add;
            c.db().put(c.arg(1), v, false);
        } else {
            checkSize(old.length + (long) add.length);
            v = Arrays.copyOf(old, old.length + add.length);
            System.arraycopy(add, 0, v, old.length, add.length);
            c.db().put(c.arg(1), v, true).stringEncoding(Encoding.RAW); // appended in place
        }
        c.modified(c.arg(1));
        c.notify(Notifications.STRING, "append", c.arg(1));
        c.out().integer(v.length);
    }

    private static void strlen(Call c) {
        byte[] v = c.string(c.read(c.arg(1)));
        c.out().integer(v == null ? 0 : v.length);
    }

    private static void getex(Call c) {
        long expireAt = -2;
        boolean persist = false;
        for (int i = 2; i < c.argc(); i++) {
            boolean hasNext = i + 1 < c.argc();
            Expiry form = Expiry.of(c, i);
            if (form != null && hasNext && expireAt == -2 && !persist) {
                expireAt = form.at(c, i + 1, "getex");
                i++;
            } else if (c.is(i, "PERSIST") && expireAt == -2 && !persist) {
                persist = true;
            } else {
                throw RespError.syntax();
            }
        }
        KeyEntry e = c.read(c.arg(1));
        byte[] v = c.string(e);
        if (e != null) {
            if (expireAt >= 0) {
                c.db().setExpire(e, expireAt);
                c.modified(c.arg(1));
                c.notify(Notifications.GENERIC, "expire", c.arg(1));
            } else if (persist && e.expireAt() >= 0) {
                c.db().setExpire(e, -1);
                c.modified(c.arg(1));
                c.notify(Notifications.GENERIC, "persist", c.arg(1));
            }
        }
        c.out().bulk(v);
    }

    private static void getdel(Call c) {
        KeyEntry e = c.read(c.arg(1));
        byte[] v = c.string(e);
        if (v != null) {
            c.db().delete(c.arg(1));
            c.modified(c.arg(1));
            c.notify(Notifications.GENERIC, "del", c.arg(1));
        }
        c.out().bulk(v);
    }

    private static void incr(Call c, long by) {
        byte[] key = c.arg(1);
        KeyEntry e = c.write(key);
        long cur = 0;
        if (e != null) {
            Long v = Numbers.parseLong(c.string(e));
            if (v == null) {
                throw RespError.notInteger();
            }
            cur = v;
        }
        if ((by > 0 && cur > Long.MAX_VALUE - by) || (by < 0 && cur < Long.MIN_VALUE - by)) {
            throw new RespError("ERR increment or decrement would overflow");
        }
        long n = cur + by;
        c.db().put(key, Numbers.toBytes(n), true);
        c.modified(key);
        c.notify(Notifications.STRING, "incrby", key);
        c.out().integer(n);
    }

    private static void incrbyfloat(Call c) {
        byte[] key = c.arg(1);
        KeyEntry e = c.write(key);
        double by = c.doubleArg(2);
        double cur = 0;
        if (e != null) {
            Double v = Doubles.parse(c.string(e));
            if (v == null) {
                throw new RespError(RespError.NOT_FLOAT);
            }
            cur = v;
        }
        double n = cur + by;
        if (Double.isNaN(n) || Double.isInfinite(n)) {
            throw new RespError("ERR increment would produce NaN or Infinity");
        }
        byte[] v = Doubles.formatHuman(n).getBytes(StandardCharsets.US_ASCII);
        c.db().put(key, v, true).stringEncoding(Encoding.plainString(v)); // createStringObject: never int
        c.modified(key);
        c.notify(Notifications.STRING, "incrbyfloat", key);
        c.out().bulk(v);
    }

    private static void getrange(Call c) {
        long start = c.longArg(2);
        long end = c.longArg(3);
        byte[] v = c.string(c.read(c.arg(1)));
        if (v == null || v.length == 0) {
            c.out().bulk(new byte[0]);
            return;
        }
        int len = v.length;
        if (start < 0 && end < 0 && start > end) {
            c.out().bulk(new byte[0]);
            return;
        }
        IndexRange r = IndexRange.ofBytes(start, end, len);
        if (r == null) {
            c.out().bulk(new byte[0]);
            return;
        }
        c.out().bulk(v, (int) r.first(), (int) r.count());
    }

    static void checkSize(long size) {
        if (size > MAX_STRING) {
            throw new RespError("ERR string exceeds maximum allowed size (proto-max-bulk-len)");
        }
    }

    private static void setrange(Call c) {
        long offset = c.longArg(2);
        if (offset < 0) {
            throw new RespError("ERR offset is out of range");
        }
        byte[] add = c.arg(3);
        KeyEntry e = c.write(c.arg(1));
        byte[] old = c.string(e);
        if (old == null) {
            if (add.length == 0) {
                c.out().integer(0);
                return;
            }
            checkSize(offset + add.length);
            byte[] v = new byte[(int) offset + add.length];
            System.arraycopy(add, 0, v, (int) offset, add.length);
            c.db().put(c.arg(1), v, false).stringEncoding(Encoding.RAW);
        } else {
            if (add.length == 0) {
                c.out().integer(old.length);
                return;
            }
            checkSize(offset + add.length);
            byte[] v = Arrays.copyOf(old, (int) Math.max(old.length, offset + add.length));
            System.arraycopy(add, 0, v, (int) offset, add.length);
            c.db().put(c.arg(1), v, true).stringEncoding(Encoding.RAW);
        }
        c.modified(c.arg(1));
        c.notify(Notifications.STRING, "setrange", c.arg(1));
        c.out().integer(c.string(c.db().peek(c.arg(1))).length);
    }

    private static void lcs(Call c) {
        boolean len = false;
        boolean idx = false;
        boolean withLen = false;
        long minLen = 0;
        for (int i = 3; i < c.argc(); i++) {
            if (c.is(i, "LEN")) {
                len = true;
            } else if (c.is(i, "IDX")) {
                idx = true;
            } else if (c.is(i, "WITHMATCHLEN")) {
                withLen = true;
            } else if (c.is(i, "MINMATCHLEN") && i + 1 < c.argc()) {
                minLen = Math.max(0, c.longArg(++i));
            } else {
                throw RespError.syntax();
            }
        }
        byte[] a = c.string(c.read(c.arg(1)));
        byte[] b = c.string(c.read(c.arg(2)));
        if (a == null) {
            a = new byte[0];
        }
        if (b == null) {
            b = new byte[0];
        }
        if (len && idx) {
            throw new RespError("ERR If you want both the length and indexes, please just use IDX.");
        }
        // Redis' bound: the n*m table is transient memory and may not outgrow proto-max-bulk-len
        long cells = (long) (a.length + 1) * (b.length + 1);
        if (cells > c.engine().config().protoMaxBulkLen() / Integer.BYTES) {
            throw new RespError("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len");
        }
        if (len) {
            c.out().integer(lcsLength(a, b));
            return;
        }
        int cols = b.length + 1;
        int[] dp = new int[(int) cells];
        for (int i = 1; i <= a.length; i++) {
            for (int j = 1; j <= b.length; j++) {
                dp[i * cols + j] = a[i - 1] == b[j - 1]
                        ? dp[(i - 1) * cols + j - 1] + 1
                        : Math.max(dp[(i - 1) * cols + j], dp[i * cols + j - 1]);
            }
        }
        int total = dp[a.length * cols + b.length];
        byte[] res = new byte[total];
        List<long[]> matches = new ArrayList<>();
        int i = a.length;
        int j = b.length;
        int k = total;
        long[] cur = null;
        while (i > 0 && j > 0) {
            if (a[i - 1] == b[j - 1]) {
                res[--k] = a[i - 1];
                if (cur != null && cur[0] == i && cur[2] == j) {
                    cur[0] = i - 1L;
                    cur[2] = j - 1L;
                } else {
                    if (cur != null) {
                        matches.add(cur);
                    }
                    cur = new long[] {i - 1, i - 1, j - 1, j - 1};
                }
                i--;
                j--;
            } else if (dp[(i - 1) * cols + j] > dp[i * cols + j - 1]) {
                i--;
            } else {
                j--;
            }
        }
        if (cur != null) {
            matches.add(cur);
        }
        if (!idx) {
            c.out().bulk(res);
            return;
        }
        final long min = minLen;
        List<long[]> kept = matches.stream().filter(m -> m[1] - m[0] + 1 >= min).toList();
        RespWriter w = c.out();
        w.map(2);
        w.bulk("matches");
        w.array(kept.size());
        for (long[] m : kept) {
            w.array(withLen ? 3 : 2);
            w.array(2);
            w.integer(m[0]);
            w.integer(m[1]);
            w.array(2);
            w.integer(m[2]);
            w.integer(m[3]);
            if (withLen) {
                w.integer(m[1] - m[0] + 1);
            }
        }
        w.bulk("len");
        w.integer(total);
    }

    /** The LCS length alone, in two rows of the table (LEN needs no backtracking). */
    private static int lcsLength(byte[] a, byte[] b) {
        int[] prev = new int[b.length + 1];
        int[] row = new int[b.length + 1];
        for (int i = 1; i <= a.length; i++) {
            for (int j = 1; j <= b.length; j++) {
                row[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], row[j - 1]);
            }
            int[] t = prev;
            prev = row;
            row = t;
        }
        return prev[b.length];
    }

    /**
     * The handlers of the rows above, one constant each, run through one switch: a lambda or method
     * reference per row would cost an invokedynamic bootstrap (a spun class) each at start.
     */
    private enum Handler implements CommandHandler {
        GET,
        SET,
        SETNX,
        SETEX,
        PSETEX,
        GETEX,
        GETDEL,
        GETSET,
        MGET,
        MSET,
        MSETNX,
        INCR,
        DECR,
        INCRBY,
        DECRBY,
        INCRBYFLOAT,
        APPEND,
        STRLEN,
        GETRANGE,
        SETRANGE,
        LCS;

        @Override
        public void run(Call c) {
            switch (this) {
                case GET -> StringCommands.get(c);
                case SET -> StringCommands.set(c);
                case SETNX -> StringCommands.setnx(c);
                case SETEX -> setex(c, Expiry.EX);
                case PSETEX -> setex(c, Expiry.PX);
                case GETEX -> StringCommands.getex(c);
                case GETDEL -> StringCommands.getdel(c);
                case GETSET -> StringCommands.getset(c);
                case MGET -> StringCommands.mget(c);
                case MSET -> StringCommands.mset(c);
                case MSETNX -> StringCommands.msetnx(c);
                case INCR -> incr(c, 1);
                case DECR -> incr(c, -1);
                case INCRBY -> incr(c, c.longArg(2));
                case DECRBY -> StringCommands.decrby(c);
                case INCRBYFLOAT -> StringCommands.incrbyfloat(c);
                case APPEND -> StringCommands.append(c);
                case STRLEN -> StringCommands.strlen(c);
                case GETRANGE -> StringCommands.getrange(c);
                case SETRANGE -> StringCommands.setrange(c);
                case LCS -> StringCommands.lcs(c);
            }
        }
    }
}
