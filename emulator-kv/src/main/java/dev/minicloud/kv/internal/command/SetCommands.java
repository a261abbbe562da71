package dev.minicloud.kv.internal.command;

import dev.minicloud.kv.internal.engine.Call;
import dev.minicloud.kv.internal.engine.CommandHandler;
import dev.minicloud.kv.internal.engine.CommandTable;
import dev.minicloud.kv.internal.engine.KeySpec;
import dev.minicloud.kv.internal.engine.Notifications;
import dev.minicloud.kv.internal.engine.RespError;
import dev.minicloud.kv.internal.store.Dict;
import dev.minicloud.kv.internal.store.RSet;
import dev.minicloud.kv.internal.wire.RespWriter;
import java.util.ArrayList;
import java.util.List;

/** The set commands. */
final class SetCommands {
    private SetCommands() {}

    static void register(CommandTable t) {
        String g = "set";
        t.add("sadd", -3, "write denyoom fast", 1, 1, 1, g, "Adds one or more members to a set.", Handler.SADD)
                .keys(KeySpec.range("RW insert", 1, 0, 1));
        t.add("srem", -3, "write fast", 1, 1, 1, g, "Removes one or more members from a set.", Handler.SREM)
                .keys(KeySpec.range("RW delete", 1, 0, 1));
        t.add("smembers", 2, "readonly", 1, 1, 1, g, "Returns all members of a set.", Handler.SMEMBERS)
                .keys(KeySpec.range("RO access", 1, 0, 1))
                .tips("nondeterministic_output_order");
        t.add(
                "sismember",
                3,
                "readonly fast",
                1,
                1,
                1,
                g,
                "Determines whether a member belongs to a set.",
                Handler.SISMEMBER);
        t.add(
                        "smismember",
                        -3,
                        "readonly fast",
                        1,
                        1,
                        1,
                        g,
                        "Determines whether multiple members belong to a set.",
                        Handler.SMISMEMBER)
                .keys(KeySpec.range("RO access", 1, 0, 1));
        t.add("scard", 2, "readonly fast", 1, 1, 1, g, "Returns the number of members in a set.", Handler.SCARD);
        t.add(
                        "spop",
                        -2,
                        "write fast",
                        1,
                        1,
                        1,
                        g,
                        "Returns one or more random members from a set after removing them.",
                        Handler.SPOP)
                .keys(KeySpec.range("RW access delete", 1, 0, 1))
                .tips("nondeterministic_output");
        t.add(
                        "srandmember",
                        -2,
                        "readonly",
                        1,
                        1,
                        1,
                        g,
                        "Get one or multiple random members from a set.",
                        Handler.SRANDMEMBER)
                .keys(KeySpec.range("RO access", 1, 0, 1))
                .tips("nondeterministic_output");
        t.add("smove", 4, "write fast", 1, 2, 1, g, "Moves a member from one set to another.", Handler.SMOVE)
                .keys(KeySpec.range("RW access delete", 1, 0, 1), KeySpec.range("RW insert", 2, 0, 1));
        t.add("sinter", -2, "readonly", 1, -1, 1, g, "Returns the intersect of multiple sets.", Handler.SINTER)
                .keys(KeySpec.range("RO access", 1, -1, 1))
                .tips("nondeterministic_output_order");
        t.add("sunion", -2, "readonly", 1, -1, 1, g, "Returns the union of multiple sets.", Handler.SUNION)
                .keys(KeySpec.range("RO access", 1, -1, 1))
                .tips("nondeterministic_output_order");
        t.add("sdiff", -2, "readonly", 1, -1, 1, g, "Returns the difference of multiple sets.", Handler.SDIFF)
                .keys(KeySpec.range("RO access", 1, -1, 1))
                .tips("nondeterministic_output_order");
        t.add(
                        "sinterstore",
                        -3,
                        "write denyoom",
                        1,
                        -1,
                        1,
                        g,
                        "Stores the intersect of multiple sets in a key.",
                        Handler.SINTERSTORE)
                .keys(KeySpec.range("RW update", 1, 0, 1), KeySpec.range("RO access", 2, -1, 1));
        t.add(
                        "sunionstore",
                        -3,
                        "write denyoom",
                        1,
                        -1,
                        1,
                        g,
                        "Stores the union of multiple sets in a key.",
                        Handler.SUNIONSTORE)
                .keys(KeySpec.range("OW update", 1, 0, 1), KeySpec.range("RO access", 2, -1, 1));
        t.add(
                        "sdiffstore",
                        -3,
                        "write denyoom",
                        1,
                        -1,
                        1,
                        g,
                        "Stores the difference of multiple sets in a key.",
                        Handler.SDIFFSTORE)
                .keys(KeySpec.range("OW update", 1, 0, 1), KeySpec.range("RO access", 2, -1, 1));
        t.add(
                        "sintercard",
                        -3,
                        "readonly",
                        2,
                        -1,
                        1,
                        g,
                        "Returns the number of members of the intersect of multiple sets.",
                        Handler.SINTERCARD)
                .keys(KeySpec.keyNum("RO access", 1));
        t.add("sscan", -3, "readonly", 1, 1, 1, g, "Iterates over members of a set.", Handler.SSCAN)
                .keys(KeySpec.range("RO access", 1, 0, 1))
                .tips("nondeterministic_output");
    }

    private static void sadd(Call c) {
        RSet s = c.set(c.write(c.arg(1)));
        if (s == null) {
            s = c.orAdd(c.arg(1), null, () -> RSet.create(c.keyspace().encodings(), c.arg(2), c.argc() - 2));
        } else {
            s.prepareAdd(c.argc() - 2);
        }
        int n = 0;
        for (int i = 2; i < c.argc(); i++) {
            if (s.add(c.arg(i))) {
                n++;
            }
        }
        if (n > 0) {
            c.modified(c.arg(1));
            c.notify(Notifications.SET, "sadd", c.arg(1));
        }
        c.out().integer(n);
    }

    private static void smembers(Call c) {
        RSet s = c.set(c.read(c.arg(1)));
        RespWriter w = c.out();
        List<byte[]> members = s == null ? List.of() : s.members();
        w.set(members.size());
        for (byte[] m : members) {
            w.bulk(m);
        }
    }

    private static void sismember(Call c) {
        RSet s = c.set(c.read(c.arg(1)));
        c.out().integer(s != null && s.contains(c.arg(2)) ? 1 : 0);
    }

    private static void smismember(Call c) {
        RSet s = c.set(c.read(c.arg(1)));
        RespWriter w = c.out();
        w.array(c.argc() - 2);
        for (int i = 2; i < c.argc(); i++) {
            w.integer(s != null && s.contains(c.arg(i)) ? 1 : 0);
        }
    }

    private static void scard(Call c) {
        RSet s = c.set(c.read(c.arg(1)));
        c.out().integer(s == null ? 0 : s.size());
    }

    private static void smove(Call c) {
        RSet src = c.set(c.write(c.arg(1)));
        RSet dst = c.set(c.write(c.arg(2)));
        if (src == null || !src.contains(c.arg(3))) {
            c.out().integer(0);
            return;
        }
        if (src == dst) {
            c.out().integer(1);
            return;
        }
        src.remove(c.arg(3));
        c.modified(c.arg(1));
        c.notify(Notifications.SET, "srem", c.arg(1));
        c.deleteIfEmpty(c.arg(1), src.size());
        if (dst == null) {
            dst = c.orAdd(c.arg(2), null, () -> RSet.create(c.keyspace().encodings(), c.arg(3), 1));
        }
        dst.add(c.arg(3));
        c.modified(c.arg(2));
        c.notify(Notifications.SET, "sadd", c.arg(2));
        c.out().integer(1);
    }

    private static void sintercard(Call c) {
        InterCardArgs a = InterCardArgs.parse(c);
        c.out().integer(a.reply(combine(c, 2, 2 + a.numkeys(), Op.INTER).size()));
    }

    private static void sscan(Call c) {
        RSet s = c.set(c.read(c.arg(1)));
        Scans.scan(c, s == null ? null : s.dict(), s != null && s.compact() ? s.entries() : null, null);
    }

    enum Op {
        INTER,
        UNION,
        DIFF
    }

    /** Combines the sets named by arguments [from, to); every key is type-checked first. */
    static List<byte[]> combine(Call c, int from, int to, Op op) {
        List<RSet> sets = new ArrayList<>();
        for (int i = from; i < to; i++) {
            sets.add(c.set(c.read(c.arg(i))));
        }
        List<byte[]> out = new ArrayList<>();
        RSet first = sets.get(0);
        if (op == Op.UNION) {
            RSet u = new RSet(c.keyspace().encodings());
            for (RSet s : sets) {
                if (s != null) {
                    for (byte[] m : s.members()) {
                        u.add(m);
                    }
                }
            }
            return u.members();
        }
        if (first == null) {
            return out;
        }
        if (op == Op.INTER) {
            for (RSet s : sets) {
                if (s == null) {
                    return out;
                }
            }
        }
        for (byte[] m : first.members()) {
            boolean keep = true;
            for (int i = 1; i < sets.size() && keep; i++) {
                RSet s = sets.get(i);
                boolean in = s != null && s.contains(m);
                keep = op == Op.INTER ? in : !in;
            }
            if (keep) {
                out.add(m);
            }
        }
        return out;
    }

    private static void reply(Call c, List<byte[]> members) {
        RespWriter w = c.out();
        w.set(members.size());
        for (byte[] m : members) {
            w.bulk(m);
        }
    }

    private static void store(Call c, Op op, String name) {
        List<byte[]> members = combine(c, 2, c.argc(), op);
        byte[] dst = c.arg(1);
        boolean existed = c.db().exists(dst);
        if (existed) {
            c.db().delete(dst);
        }
        if (!members.isEmpty()) {
            RSet s = new RSet(c.keyspace().encodings());
            for (byte[] m : members) {
                s.add(m);
            }
            c.db().add(dst, s);
            c.notify(Notifications.SET, name, dst);
        } else if (existed) {
            c.notify(Notifications.GENERIC, "del", dst);
        }
        c.modified(dst);
        c.out().integer(members.size());
    }

    private static void spop(Call c) {
        RespWriter w;
        if (c.argc() > 3) {
            throw RespError.syntax();
        }
        if (c.argc() == 3) {
            long count = c.longArg(2, "ERR value is out of range, must be positive");
            if (count < 0) {
                throw new RespError("ERR value is out of range, must be positive");
            }
            RSet s = c.set(c.write(c.arg(1)));
            w = c.out();
            if (s == null) {
                w.set(0);
                return;
            }
            int n = (int) Math.min(count, s.size());
            List<byte[]> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                byte[] m = s.dict().random(c.keyspace().random()).key();
                s.remove(m);
                out.add(m);
            }
            if (n > 0) {
                c.modified(c.arg(1));
                c.notify(Notifications.SET, "spop", c.arg(1));
                c.deleteIfEmpty(c.arg(1), s.size());
            }
            w.set(n);
            for (byte[] m : out) {
                w.bulk(m);
            }
            return;
        }
        RSet s = c.set(c.write(c.arg(1)));
        if (s == null) {
            c.out().nullBulk();
            return;
        }
        byte[] m = s.dict().random(c.keyspace().random()).key();
        s.remove(m);
        c.modified(c.arg(1));
        c.notify(Notifications.SET, "spop", c.arg(1));
        c.deleteIfEmpty(c.arg(1), s.size());
        c.out().bulk(m);
    }

    private static void srandmember(Call c) {
        RandomPick args = RandomPick.parse(c, null);
        RSet s = c.set(c.read(c.arg(1)));
        List<Dict.Entry> picked = args.pick(c, s == null ? null : s.dict(), 1, e -> {
            byte[] member = e.key();
            return w -> w.bulk(member);
        });
        if (picked == null) {
            return;
        }
        RespWriter w = c.out();
        w.array(picked.size());
        for (Dict.Entry m : picked) {
            w.bulk(m.key());
        }
    }

    /**
     * The handlers of the rows above, one constant each, run through one switch: a lambda or method
     * reference per row would cost an invokedynamic bootstrap (a spun class) each at start.
     */
    private enum Handler implements CommandHandler {
        SADD,
        SREM,
        SMEMBERS,
        SISMEMBER,
        SMISMEMBER,
        SCARD,
        SPOP,
        SRANDMEMBER,
        SMOVE,
        SINTER,
        SUNION,
        SDIFF,
        SINTERSTORE,
        SUNIONSTORE,
        SDIFFSTORE,
        SINTERCARD,
        SSCAN;

        @Override
        public void run(Call c) {
            switch (this) {
                case SADD -> SetCommands.sadd(c);
                case SREM -> MemberRemoval.run(c, RSet.class, RSet::remove, RSet::size, Notifications.SET, "srem");
                case SMEMBERS -> SetCommands.smembers(c);
                case SISMEMBER -> SetCommands.sismember(c);
                case SMISMEMBER -> SetCommands.smismember(c);
                case SCARD -> SetCommands.scard(c);
                case SPOP -> SetCommands.spop(c);
                case SRANDMEMBER -> SetCommands.srandmember(c);
                case SMOVE -> SetCommands.smove(c);
                case SINTER -> reply(c, combine(c, 1, c.argc(), Op.INTER));
                case SUNION -> reply(c, combine(c, 1, c.argc(), Op.UNION));
                case SDIFF -> reply(c, combine(c, 1, c.argc(), Op.DIFF));
                case SINTERSTORE -> store(c, Op.INTER, "sinterstore");
                case SUNIONSTORE -> store(c, Op.UNION, "sunionstore");
                case SDIFFSTORE -> store(c, Op.DIFF, "sdiffstore");
                case SINTERCARD -> SetCommands.sintercard(c);
                case SSCAN -> SetCommands.sscan(c);
            }
        }
    }
}
