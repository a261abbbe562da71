package dev.minicloud.kv.internal.engine;

import dev.minicloud.kv.internal.store.Database;
import dev.minicloud.kv.internal.store.KeyEntry;
import dev.minicloud.kv.internal.store.Keyspace;
import dev.minicloud.kv.internal.wire.RespWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * MEMORY USAGE, STATS, DOCTOR, MALLOC-STATS, PURGE and HELP (object.c). Sizes are the keyspace's
 * estimate of each key's heap cost (see {@link Keyspace#memoryOf}), the same figures INFO memory
 * and maxmemory use; allocator-level fields report the dataset, since the JVM has no jemalloc.
 */
public final class MemoryCommands {
    /** Redis' DOCTOR says nothing useful below 5 MB. */
    private static final long DOCTOR_MINIMUM = 5L * 1024 * 1024;

    private MemoryCommands() {}

    public static void register(CommandTable t) {
        String g = "server";
        var memory = t.add("memory", -2, "", 0, 0, 0, g, "A container for memory diagnostics commands.", null);
        t.sub(memory, "usage", -3, "readonly", 2, 2, 1, "Estimates the memory usage of a key.", Handler.USAGE);
        t.sub(memory, "stats", 2, "", 0, 0, 0, "Returns details about memory usage.", Handler.STATS);
        t.sub(memory, "doctor", 2, "", 0, 0, 0, "Outputs a memory problems report.", c -> {
            String report = c.keyspace().usedMemory() < DOCTOR_MINIMUM
                    ? "Hi Sam, this instance is empty or is using very little memory, my issues detector can't be used in "
                            + "these conditions. Please, leave for your mission on Earth and fill it with some data. The new Sam "
                            + "and I will be back to our programming as soon as I finished rebooting."
                    : "Hi Sam, I can't find any memory issue in your instance. I can only account for what occurs on this base.";
            c.out().verbatim(report);
        });
        t.sub(memory, "malloc-stats", 2, "", 0, 0, 0, "Returns the allocator statistics.", Handler.MEMORY_MALLOC_STATS);
        t.sub(memory, "purge", 2, "", 0, 0, 0, "Asks the allocator to release memory.", Handler.MEMORY_PURGE);
        t.sub(
                memory,
                "help",
                2,
                "loading stale",
                0,
                0,
                0,
                "Returns helpful text about the different subcommands.",
                c -> ServerCommands.help(
                        c,
                        "MEMORY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                        "DOCTOR",
                        "    Return memory problems reports.",
                        "MALLOC-STATS",
                        "    Return internal statistics report from the memory allocator.",
                        "PURGE",
                        "    Attempt to purge dirty pages for reclamation by the allocator.",
                        "STATS",
                        "    Return information about the memory usage of the server.",
                        "USAGE <key> [SAMPLES <count>]",
                        "    Return memory in bytes used by <key> and its value. Nested values are",
                        "    sampled up to <count> times (default: 5, 0 means sample all).",
                        "HELP",
                        "    Print this help."));
    }

    private static void usage(Call c) {
        if (c.argc() != 3 && !(c.argc() == 5 && c.is(3, "SAMPLES"))) {
            throw RespError.syntax();
        }
        if (c.argc() == 5 && c.longArg(4) < 0) {
            throw RespError.syntax();
        }
        KeyEntry e = c.db().peek(c.arg(2));
        if (e == null) {
            c.out().nullBulk();
            return;
        }
        // our estimate is exact for the model, so SAMPLES changes nothing
        c.out().integer(Keyspace.memoryOf(e));
    }

    private static void stats(Call c) {
        Keyspace ks = c.keyspace();
        long dataset = ks.usedMemory();
        int keys = 0;
        List<Object[]> dbs = new ArrayList<>();
        for (int i = 0; i < Keyspace.DATABASES; i++) {
            Database db = ks.db(i);
            if (db.size() > 0) {
                keys += db.size();
                // a dict slot and entry header per key, one more per key with a TTL: what Redis' overhead fields count
                dbs.add(new Object[] {"db." + i, (long) db.size() * 40, (long) db.volatileCount() * 40});
            }
        }
        long overhead = 0;
        for (Object[] d : dbs) {
            overhead += (long) d[1] + (long) d[2];
        }
        long total = dataset + overhead;
        List<Object[]> fields = new ArrayList<>(List.of(
                new Object[] {"peak.allocated", total},
                new Object[] {"total.allocated", total},
                new Object[] {"startup.allocated", 0L},
                new Object[] {"replication.backlog", 0L},
                new Object[] {"clients.slaves", 0L},
                new Object[] {"clients.normal", (long) c.engine().clients().size() * 20_000},
                new Object[] {"cluster.links", 0L},
                new Object[] {"aof.buffer", 0L},
                new Object[] {"lua.caches", 0L},
                new Object[] {"functions.caches", 0L},
                new Object[] {"overhead.total", overhead}));
        RespWriter w = c.out();
        int tail = 16;
        w.map(fields.size() + dbs.size() + tail);
        for (Object[] f : fields) {
            w.bulk((String) f[0]);
            w.integer((long) f[1]);
        }
        for (Object[] d : dbs) {
            w.bulk((String) d[0]);
            w.map(2);
            w.bulk("overhead.hashtable.main");
            w.integer((long) d[1]);
            w.bulk("overhead.hashtable.expires");
            w.integer((long) d[2]);
        }
        w.bulk("keys.count");
        w.integer(keys);
        w.bulk("keys.bytes-per-key");
        w.integer(keys == 0 ? 0 : total / keys);
        w.bulk("dataset.bytes");
        w.integer(dataset);
        w.bulk("dataset.percentage");
        w.dbl(total == 0 ? 0 : 100.0 * dataset / total);
        w.bulk("peak.percentage");
        w.dbl(100.0);
        w.bulk("allocator.allocated");
        w.integer(total);
        w.bulk("allocator.active");
        w.integer(total);
        w.bulk("allocator.resident");
        w.integer(total);
        w.bulk("allocator-fragmentation.ratio");
        w.dbl(1.0);
        w.bulk("allocator-fragmentation.bytes");
        w.integer(0);
        w.bulk("allocator.rss-ratio");
        w.dbl(1.0);
        w.bulk("allocator.rss-bytes");
        w.integer(0);
        w.bulk("rss-overhead.ratio");
        w.dbl(1.0);
        w.bulk("rss-overhead.bytes");
        w.integer(0);
        w.bulk("fragmentation");
        w.dbl(1.0);
        w.bulk("fragmentation.bytes");
        w.integer(0);
    }

    /**
     * The handlers of the rows above, one constant each, run through one switch: a lambda or method
     * reference per row would cost an invokedynamic bootstrap (a spun class) each at start.
     */
    private enum Handler implements CommandHandler {
        USAGE,
        STATS,
        MEMORY_MALLOC_STATS,
        MEMORY_PURGE;

        @Override
        public void run(Call c) {
            switch (this) {
                case USAGE -> MemoryCommands.usage(c);
                case STATS -> MemoryCommands.stats(c);
                case MEMORY_MALLOC_STATS -> c.out().verbatim("Stats not supported for the current allocator");
                case MEMORY_PURGE -> c.out().ok();
            }
        }
    }
}
