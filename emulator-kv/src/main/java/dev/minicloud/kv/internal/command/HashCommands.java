package dev.minicloud.kv.internal.command;

import dev.minicloud.kv.internal.engine.Call;
import dev.minicloud.kv.internal.engine.CommandHandler;
import dev.minicloud.kv.internal.engine.CommandTable;
import dev.minicloud.kv.internal.engine.KeySpec;
import dev.minicloud.kv.internal.engine.Notifications;
import dev.minicloud.kv.internal.engine.RespError;
import dev.minicloud.kv.internal.store.Encoding;
import dev.minicloud.kv.internal.store.FieldEntry;
import dev.minicloud.kv.internal.store.RHash;
import dev.minicloud.kv.internal.wire.Doubles;
import dev.minicloud.kv.internal.wire.Numbers;
import dev.minicloud.kv.internal.wire.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The hash commands. */
final class HashCommands {
    private HashCommands() {}

    static void register(CommandTable t) {
        String g = "hash";
        t.add(
                        "hset",
                        -4,
                        "write denyoom fast",
                        1,
                        1,
                        1,
                        g,
                        "Creates or modifies the value of a field in a hash.",
                        Handler.HSET)
                .keys(KeySpec.range("RW update", 1, 0, 1));
        t.add("hmset", -4, "write denyoom fast", 1, 1, 1, g, "Sets the values of multiple fields.", Handler.HMSET)
                .keys(KeySpec.range("RW update", 1, 0, 1));
        t.add(
                        "hsetnx",
                        4,
                        "write denyoom fast",
                        1,
                        1,
                        1,
                        g,
                        "Sets the value of a field in a hash only when the field doesn't exist.",
                        Handler.HSETNX)
                .keys(KeySpec.range("RW insert", 1, 0, 1));
        t.add("hget", 3, "readonly fast", 1, 1, 1, g, "Returns the value of a field in a hash.", Handler.HGET)
                .keys(KeySpec.range("RO access", 1, 0, 1));
        t.add("hmget", -3, "readonly fast", 1, 1, 1, g, "Returns the values of all fields in a hash.", Handler.HMGET)
                .keys(KeySpec.range("RO access", 1, 0, 1));
        t.add(
                        "hdel",
                        -3,
                        "write fast",
                        1,
                        1,
                        1,
                        g,
                        "Deletes one or more fields and their values from a hash.",
                        Handler.HDEL)
                .keys(KeySpec.range("RW delete", 1, 0, 1));
        t.add(
                "hexists",
                3,
                "readonly fast",
                1,
                1,
                1,
                g,
                "Determines whether a field exists in a hash.",
                Handler.HEXISTS);
        t.add("hlen", 2, "readonly fast", 1, 1, 1, g, "Returns the number of fields in a hash.", Handler.HLEN);
        t.add(
                "hstrlen",
                3,
                "readonly fast",
                1,
                1,
                1,
                g,
                "Returns the length of the value of a field.",
                Handler.HSTRLEN);
        t.add("hkeys", 2, "readonly", 1, 1, 1, g, "Returns all fields in a hash.", Handler.HKEYS)
                .keys(KeySpec.range("RO access", 1, 0, 1))
                .tips("nondeterministic_output_order");
        t.add("hvals", 2, "readonly", 1, 1, 1, g, "Returns all values in a hash.", Handler.HVALS)
                .keys(KeySpec.range("RO access", 1, 0, 1))
                .tips("nondeterministic_output_order");
        t.add("hgetall", 2, "readonly", 1, 1, 1, g, "Returns all fields and values in a hash.", Handler.HGETALL)
                .keys(KeySpec.range("RO access", 1, 0, 1))
                .tips("nondeterministic_output_order");
        t.add(
                        "hincrby",
                        4,
                        "write denyoom fast",
                        1,
                        1,
                        1,
                        g,
                        "Increments the integer value of a field in a hash by a number.",
                        Handler.HINCRBY)
                .keys(KeySpec.range("RW access update", 1, 0, 1));
        t.add(
                        "hincrbyfloat",
                        4,
                        "write denyoom fast",
                        1,
                        1,
                        1,
                        g,
                        "Increments the floating point value of a field by a number.",
                        Handler.HINCRBYFLOAT)
                .keys(KeySpec.range("RW access update", 1, 0, 1));
        t.add(
                        "hrandfield",
                        -2,
                        "readonly",
                        1,
                        1,
                        1,
                        g,
                        "Returns one or more random fields from a hash.",
                        Handler.HRANDFIELD)
                .keys(KeySpec.range("RO access", 1, 0, 1))
                .tips("nondeterministic_output");
        t.add("hscan", -3, "readonly", 1, 1, 1, g, "Iterates over fields and values of a hash.", Handler.HSCAN)
                .keys(KeySpec.range("RO access", 1, 0, 1))
                .tips("nondeterministic_output");
    }

    private static void hsetnx(Call c) {
        RHash h = c.hash(c.write(c.arg(1)));
        if (h != null && h.get(c.arg(2)) != null) {
            c.out().integer(0);
            return;
        }
        if (h == null) { // the supplier only when creating: no allocation per write
            h = c.orAdd(c.arg(1), null, () -> new RHash(c.keyspace().encodings()));
        }
        h.put(c.arg(2), c.arg(3));
        c.modified(c.arg(1));
        c.notify(Notifications.HASH, "hset", c.arg(1));
        c.out().integer(1);
    }

    private static void hget(Call c) {
        RHash h = c.hash(c.read(c.arg(1)));
        c.out().bulk(h == null ? null : h.get(c.arg(2)));
    }

    private static void hmget(Call c) {
        RHash h = c.hash(c.read(c.arg(1)));
        RespWriter w = c.out();
        w.array(c.argc() - 2);
        for (int i = 2; i < c.argc(); i++) {
            w.bulk(h == null ? null : h.get(c.arg(i)));
        }
    }

    private static void hexists(Call c) {
        RHash h = c.hash(c.read(c.arg(1)));
        c.out().integer(h != null && h.get(c.arg(2)) != null ? 1 : 0);
    }

    private static void hlen(Call c) {
        RHash h = c.hash(c.read(c.arg(1)));
        c.out().integer(h == null ? 0 : h.size());
    }

    private static void hstrlen(Call c) {
        RHash h = c.hash(c.read(c.arg(1)));
        byte[] v = h == null ? null : h.get(c.arg(2));
        c.out().integer(v == null ? 0 : v.length);
    }

    private static void hincrby(Call c) {
        long by = c.longArg(3);
        RHash h = c.hash(c.write(c.arg(1)));
        long cur = 0;
        byte[] old = h == null ? null : h.get(c.arg(2));
        if (old != null) {
            Long v = Numbers.parseLong(old);
            if (v == null) {
                throw new RespError("ERR hash value is not an integer");
            }
            cur = v;
        }
        if ((by > 0 && cur > Long.MAX_VALUE - by) || (by < 0 && cur < Long.MIN_VALUE - by)) {
            throw new RespError("ERR increment or decrement would overflow");
        }
        if (h == null) {
            h = c.orAdd(c.arg(1), null, () -> new RHash(c.keyspace().encodings()));
        }
        h.replace(c.arg(2), Numbers.toBytes(cur + by));
        c.modified(c.arg(1));
        c.notify(Notifications.HASH, "hincrby", c.arg(1));
        c.out().integer(cur + by);
    }

    private static void hincrbyfloat(Call c) {
        double by = c.doubleArg(3);
        RHash h = c.hash(c.write(c.arg(1)));
        double cur = 0;
        byte[] old = h == null ? null : h.get(c.arg(2));
        if (old != null) {
            Double v = Doubles.parse(old);
            if (v == null) {
                throw new RespError("ERR hash value is not a float");
            }
            cur = v;
        }
        double n = cur + by;
        if (Double.isNaN(n) || Double.isInfinite(n)) {
            throw new RespError("ERR increment would produce NaN or Infinity");
        }
        if (h == null) {
            h = c.orAdd(c.arg(1), null, () -> new RHash(c.keyspace().encodings()));
        }
        byte[] v = Doubles.formatHuman(n).getBytes(StandardCharsets.US_ASCII);
        h.replace(c.arg(2), v);
        c.modified(c.arg(1));
        c.notify(Notifications.HASH, "hincrbyfloat", c.arg(1));
        c.out().bulk(v);
    }

    private static void hscan(Call c) {
        RHash h = c.hash(c.read(c.arg(1)));
        List<FieldEntry> small = null;
        if (h != null && h.encoding() != Encoding.HASHTABLE) {
            small = new ArrayList<>();
            h.dict().forEach(small::add);
        }
        Scans.scan(c, h == null ? null : h.dict(), small, FieldEntry::value);
    }

    /** HSET answers how many fields it created; HMSET, its deprecated twin, answers OK. */
    private enum HsetReply {
        CREATED_COUNT,
        OK
    }

    private static void hset(Call c, HsetReply reply) {
        boolean hmset = reply == HsetReply.OK;
        if (c.argc() % 2 != 0) {
            throw RespError.arity(hmset ? "hmset" : "hset");
        }
        RHash h = c.hash(c.write(c.arg(1)));
        if (h == null) {
            h = c.orAdd(c.arg(1), null, () -> new RHash(c.keyspace().encodings()));
        }
        h.prepareWrite((c.argc() - 2) / 2);
        int created = 0;
        for (int i = 2; i < c.argc(); i += 2) {
            if (h.put(c.arg(i), c.arg(i + 1))) {
                created++;
            }
        }
        c.modified(c.arg(1));
        c.notify(Notifications.HASH, "hset", c.arg(1));
        if (hmset) {
            c.out().ok();
        } else {
            c.out().integer(created);
        }
    }

    /** What HKEYS, HVALS and HGETALL return of each entry. */
    private enum Part {
        FIELDS(true, false),
        VALUES(false, true),
        BOTH(true, true);

        private final boolean keys;
        private final boolean values;

        Part(boolean keys, boolean values) {
            this.keys = keys;
            this.values = values;
        }
    }

    private static void all(Call c, Part part) {
        boolean keys = part.keys;
        boolean values = part.values;
        RHash h = c.hash(c.read(c.arg(1)));
        RespWriter w = c.out();
        if (h == null) {
            if (keys && values) {
                w.map(0);
            } else {
                w.array(0);
            }
            return;
        }
        if (keys && values) {
            w.map(h.size());
        } else {
            w.array(h.size());
        }
        h.dict().forEach(e -> {
            if (keys) {
                w.bulk(e.key());
            }
            if (values) {
                w.bulk(e.value());
            }
        });
    }

    private static void hrandfield(Call c) {
        RandomPick args = RandomPick.parse(c, "WITHVALUES");
        RHash h = c.hash(c.read(c.arg(1)));
        boolean withValues = args.with();
        boolean nested = withValues && c.out().resp3();
        List<FieldEntry> picked = args.pick(c, h == null ? null : h.dict(), withValues && !nested ? 2 : 1, e -> {
            byte[] field = e.key();
            byte[] value = e.value();
            if (!withValues) {
                return w -> w.bulk(field);
            }
            return w -> {
                if (nested) {
                    w.array(2);
                }
                w.bulk(field);
                w.bulk(value);
            };
        });
        if (picked == null) {
            return;
        }
        RespWriter w = c.out();
        if (withValues && w.resp3()) {
            w.array(picked.size());
            for (FieldEntry e : picked) {
                w.array(2);
                w.bulk(e.key());
                w.bulk(e.value());
            }
            return;
        }
        w.array(picked.size() * (withValues ? 2 : 1));
        for (FieldEntry e : picked) {
            w.bulk(e.key());
            if (withValues) {
                w.bulk(e.value());
            }
        }
    }

    /**
     * The handlers of the rows above, one constant each, run through one switch: a lambda or method
     * reference per row would cost an invokedynamic bootstrap (a spun class) each at start.
     */
    private enum Handler implements CommandHandler {
        HSET,
        HMSET,
        HSETNX,
        HGET,
        HMGET,
        HDEL,
        HEXISTS,
        HLEN,
        HSTRLEN,
        HKEYS,
        HVALS,
        HGETALL,
        HINCRBY,
        HINCRBYFLOAT,
        HRANDFIELD,
        HSCAN;

        @Override
        public void run(Call c) {
            switch (this) {
                case HSET -> hset(c, HsetReply.CREATED_COUNT);
                case HMSET -> hset(c, HsetReply.OK);
                case HSETNX -> HashCommands.hsetnx(c);
                case HGET -> HashCommands.hget(c);
                case HMGET -> HashCommands.hmget(c);
                case HDEL -> MemberRemoval.run(c, RHash.class, RHash::remove, RHash::size, Notifications.HASH, "hdel");
                case HEXISTS -> HashCommands.hexists(c);
                case HLEN -> HashCommands.hlen(c);
                case HSTRLEN -> HashCommands.hstrlen(c);
                case HKEYS -> all(c, Part.FIELDS);
                case HVALS -> all(c, Part.VALUES);
                case HGETALL -> all(c, Part.BOTH);
                case HINCRBY -> HashCommands.hincrby(c);
                case HINCRBYFLOAT -> HashCommands.hincrbyfloat(c);
                case HRANDFIELD -> HashCommands.hrandfield(c);
                case HSCAN -> HashCommands.hscan(c);
            }
        }
    }
}
