package dev.minicloud.kv.internal.engine;

import dev.minicloud.kv.internal.wire.RespWriter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * LATENCY HISTOGRAM: per command (each subcommand apart), how many calls ran and how long each took,
 * kept while {@code latency-tracking} is on and emptied by {@code CONFIG RESETSTAT}, as Redis 7 keeps
 * them in every command's {@code latency_histogram}.
 *
 * <p>Buckets: Redis records each call's duration (whole microseconds, as nanoseconds clamped to 1 ns ..
 * 1 s) in an HDR histogram of 2 significant digits and reports it through a logarithmic iterator that
 * starts at 1024 ns and doubles. Each report is the cumulative count of calls up to the highest value
 * equivalent to 1024 * 2^k ns (that bucket's width is 1/128 of it), printed in microseconds: 1, 2, 4,
 * 8, 16, 33, 66, 132, ... So a call lands in the first level whose equivalent range covers it, and a
 * level is shown only where the cumulative count grew, which is what this keeps and shows.
 */
final class LatencyHistograms {
    private static final long FIRST_LEVEL_NANOS = 1024;
    private static final long MAX_NANOS = 1_000_000_000L;
    /**
     * Levels 1024 ns .. 2^29 ns, then one more: the histogram's range ends with the bucket that holds
     * the 1 s cap ([2^29, 2^30) ns), so calls past 2^29 ns's equivalent range are reported at its end,
     * 2^30 - 1 ns, where Redis' iterator runs out of buckets.
     */
    private static final int LEVELS = 21;

    private static final long LAST_HIGHEST_NANOS = (1L << 30) - 1;

    /** One command's calls, counted per level. */
    private static final class Histogram {
        long calls;
        final long[] counts = new long[LEVELS];
    }

    private final Map<CommandSpec, Histogram> bySpec = new IdentityHashMap<>();

    /** Records one call of {@code spec} that took {@code micros} microseconds. */
    void record(CommandSpec spec, long micros) {
        Histogram h = bySpec.computeIfAbsent(spec, s -> new Histogram());
        h.calls++;
        h.counts[level(micros)]++;
    }

    /** The level a duration is counted in: the first whose highest equivalent value is at least it. */
    static int level(long micros) {
        long nanos = Math.min(MAX_NANOS, Math.max(1, micros * 1000));
        // level k starts at 2^(10+k) ns: start from the power of two below, step up if past its equivalent range
        int k = Math.max(0, 63 - Long.numberOfLeadingZeros(nanos) - 10);
        if (k < LEVELS - 1 && nanos > highestNanos(k)) {
            k++;
        }
        return Math.min(k, LEVELS - 1);
    }

    /** The bucket a call of {@code micros} is reported under, in microseconds (1, 2, 4, 8, 16, 33, 66, ...). */
    static long bucketMicros(long micros) {
        return highestNanos(level(micros)) / 1000;
    }

    /** The highest value HDR treats as equal to level {@code k}'s 1024 * 2^k ns (2 significant digits). */
    private static long highestNanos(int k) {
        if (k == LEVELS - 1) {
            return LAST_HIGHEST_NANOS;
        }
        long level = FIRST_LEVEL_NANOS << k;
        return level + level / 128 - 1;
    }

    void reset() {
        bySpec.clear();
    }

    /** LATENCY HISTOGRAM with no names: every command and subcommand that has calls, in table order. */
    void writeAll(RespWriter w, CommandTable table) {
        List<CommandSpec> with = new ArrayList<>();
        for (CommandSpec s : table.all()) {
            collect(s, with);
        }
        write(w, with);
    }

    /**
     * LATENCY HISTOGRAM name...: each named command (a {@code container|sub} name picks one
     * subcommand) that has calls, then its subcommands that have; unknown names are skipped and a
     * name given twice is answered twice, as Redis' latencySpecificCommandsFillCDF does.
     */
    void writeNamed(RespWriter w, CommandTable table, List<String> names) {
        List<CommandSpec> with = new ArrayList<>();
        for (String name : names) {
            CommandSpec s = lookup(table, name);
            if (s != null) {
                collect(s, with);
            }
        }
        write(w, with);
    }

    private static CommandSpec lookup(CommandTable table, String name) {
        int bar = name.indexOf('|');
        if (bar < 0) {
            return table.lookup(name);
        }
        CommandSpec parent = table.lookup(name.substring(0, bar));
        return parent == null
                ? null
                : parent.subcommands().get(name.substring(bar + 1).toLowerCase(Locale.ROOT));
    }

    private void collect(CommandSpec s, List<CommandSpec> into) {
        if (bySpec.containsKey(s)) {
            into.add(s);
        }
        for (CommandSpec sub : s.subcommands().values()) {
            if (bySpec.containsKey(sub)) {
                into.add(sub);
            }
        }
    }

    /** The map Redis answers: name -> {calls, histogram_usec: {bucket: cumulative count}} (flat arrays in RESP2). */
    private void write(RespWriter w, List<CommandSpec> specs) {
        w.map(specs.size());
        for (CommandSpec s : specs) {
            Histogram h = bySpec.get(s);
            w.bulk(s.fullName());
            w.map(2);
            w.bulk("calls");
            w.integer(h.calls);
            w.bulk("histogram_usec");
            int shown = 0;
            for (long c : h.counts) {
                if (c > 0) {
                    shown++;
                }
            }
            w.map(shown);
            long cumulative = 0;
            for (int k = 0; k < LEVELS; k++) {
                if (h.counts[k] > 0) {
                    cumulative += h.counts[k];
                    w.integer(highestNanos(k) / 1000);
                    w.integer(cumulative);
                }
            }
        }
    }
}
