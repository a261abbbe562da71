package dev.minicloud.kv.internal.command;

import dev.minicloud.kv.internal.engine.Call;
import dev.minicloud.kv.internal.engine.CommandTable;
import dev.minicloud.kv.internal.engine.KeySpec;
import dev.minicloud.kv.internal.engine.Notifications;
import dev.minicloud.kv.internal.engine.RespError;
import dev.minicloud.kv.internal.store.Hll;
import dev.minicloud.kv.internal.store.KeyEntry;

/** PFADD, PFCOUNT, PFMERGE over {@link Hll} strings. */
final class HyperLogLogCommands {
    private static final String INVALID = "WRONGTYPE Key is not a valid HyperLogLog string value.";

    private HyperLogLogCommands() {}

    static void register(CommandTable t) {
        String g = "hyperloglog";
        t.add(
                        "pfadd",
                        -2,
                        "write denyoom fast",
                        1,
                        1,
                        1,
                        g,
                        "Adds elements to a HyperLogLog key. Creates the key if it doesn't exist.",
                        HyperLogLogCommands::pfadd)
                .keys(KeySpec.range("RW insert", 1, 0, 1));
        t.add(
                        "pfcount",
                        -2,
                        "readonly",
                        1,
                        -1,
                        1,
                        g,
                        "Returns the approximated cardinality of the set(s) observed by the HyperLogLog key(s).",
                        HyperLogLogCommands::pfcount)
                .keys(
                        KeySpec.range("RW access", 1, -1, 1)
                                .notes(
                                        "RW because it may change the internal representation of the key, and propagate to replicas"));
        t.add(
                        "pfmerge",
                        -2,
                        "write denyoom",
                        1,
                        -1,
                        1,
                        g,
                        "Merges one or more HyperLogLog values into a single key.",
                        HyperLogLogCommands::pfmerge)
                .keys(KeySpec.range("RW access insert", 1, 0, 1), KeySpec.range("RO access", 2, -1, 1));
    }

    private static void pfadd(Call c) {
        byte[] cur = hll(c.write(c.arg(1)));
        boolean changed = cur == null;
        byte[] next = cur == null ? Hll.create() : Hll.copy(cur);
        for (int i = 2; i < c.argc(); i++) {
            changed |= Hll.add(next, c.arg(i));
        }
        if (changed) {
            c.db().put(c.arg(1), next, true);
            c.modified(c.arg(1));
            c.notify(Notifications.STRING, "pfadd", c.arg(1));
        }
        c.out().integer(changed ? 1 : 0);
    }

    private static void pfcount(Call c) {
        if (c.argc() == 2) {
            byte[] h = hll(c.read(c.arg(1)));
            c.out().integer(h == null ? 0 : Hll.count(h));
            return;
        }
        byte[] acc = Hll.create();
        for (int i = 1; i < c.argc(); i++) {
            byte[] h = hll(c.read(c.arg(i)));
            if (h != null) {
                Hll.merge(acc, h);
            }
        }
        c.out().integer(Hll.count(acc));
    }

    private static void pfmerge(Call c) {
        byte[] dst = hll(c.write(c.arg(1)));
        byte[] acc = dst == null ? Hll.create() : Hll.copy(dst);
        for (int i = 2; i < c.argc(); i++) {
            byte[] h = hll(c.read(c.arg(i)));
            if (h != null) {
                Hll.merge(acc, h);
            }
        }
        c.db().put(c.arg(1), acc, true);
        c.modified(c.arg(1));
        c.notify(Notifications.STRING, "pfadd", c.arg(1));
        c.out().ok();
    }

    private static byte[] hll(KeyEntry e) {
        if (e == null) {
            return null;
        }
        if (!(e.value() instanceof byte[] b)) {
            throw RespError.wrongType();
        }
        if (!Hll.isValid(b)) {
            throw new RespError(INVALID);
        }
        return b;
    }
}
