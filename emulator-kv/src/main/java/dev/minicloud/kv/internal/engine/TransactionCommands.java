package dev.minicloud.kv.internal.engine;

import java.util.ArrayList;
import java.util.List;

/** MULTI, EXEC, DISCARD, WATCH, UNWATCH. */
final class TransactionCommands {
    private TransactionCommands() {}

    static void register(CommandTable t) {
        String g = "transactions";
        t.add("multi", 1, "noscript loading stale fast tx allow_busy", 0, 0, 0, g, "Starts a transaction.", c -> {
            Client cl = c.client();
            if (cl.inMulti) {
                throw new RespError("ERR MULTI calls can not be nested");
            }
            cl.inMulti = true;
            cl.execAbort = false;
            cl.queued.clear();
            c.out().ok();
        });
        t.add("discard", 1, "noscript loading stale fast tx allow_busy", 0, 0, 0, g, "Discards a transaction.", c -> {
            Client cl = c.client();
            if (!cl.inMulti) {
                throw new RespError("ERR DISCARD without MULTI");
            }
            reset(c);
            c.out().ok();
        });
        t.add(
                "exec",
                1,
                "noscript loading stale skip_slowlog tx",
                0,
                0,
                0,
                g,
                "Executes all commands in a transaction.",
                TransactionCommands::exec);
        t.add(
                "watch",
                -2,
                "noscript loading stale fast tx allow_busy",
                1,
                -1,
                1,
                g,
                "Monitors changes to keys to determine the execution of a transaction.",
                c -> {
                    if (c.client().inMulti) {
                        throw new RespError("ERR WATCH inside MULTI is not allowed");
                    }
                    for (int i = 1; i < c.argc(); i++) {
                        c.engine().watch(c.client(), c.arg(i));
                    }
                    c.out().ok();
                });
        t.add(
                "unwatch",
                1,
                "noscript loading stale fast allow_busy",
                0,
                0,
                0,
                g,
                "Forgets about watched keys of a transaction.",
                c -> {
                    c.engine().unwatchAll(c.client());
                    c.out().ok();
                });
    }

    private static void reset(Call c) {
        Client cl = c.client();
        cl.inMulti = false;
        cl.execAbort = false;
        cl.queued.clear();
        c.engine().unwatchAll(cl);
    }

    private static void exec(Call c) {
        Client cl = c.client();
        KvEngine engine = c.engine();
        if (!cl.inMulti) {
            throw new RespError("ERR EXEC without MULTI");
        }
        if (cl.execAbort) {
            reset(c);
            throw new RespError("EXECABORT Transaction discarded because of previous errors.");
        }
        // a watched key that expired since WATCH counts as modified (lazy expiry reports it)
        for (KvEngine.DbKey k : new ArrayList<>(cl.watched)) {
            engine.keyspace().db(k.db()).peek(k.key());
        }
        if (cl.dirtyCas) {
            reset(c);
            c.out().nullArray();
            return;
        }
        List<Client.Queued> queued = new ArrayList<>(cl.queued);
        cl.inMulti = false;
        cl.queued.clear();
        engine.unwatchAll(cl);
        c.out().array(queued.size());
        cl.inExec = true;
        try {
            for (Client.Queued q : queued) {
                engine.execute(cl, q.args(), q.argc());
            }
        } finally {
            cl.inExec = false;
        }
    }
}
