package dev.minicloud.kv.internal.engine;

import dev.minicloud.kv.internal.wire.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;

/**
 * SLOWLOG: commands that ran at least {@code slowlog-log-slower-than} microseconds (measured with
 * {@link System#nanoTime}; 0 logs every command, -1 none), newest first, at most
 * {@code slowlog-max-len} entries, arguments shortened as Redis' {@code slowlog.c} does.
 */
final class SlowLog {
    private static final int MAX_ARGC = 32;
    private static final int MAX_STRING = 128;

    private record Entry(long id, long timeSeconds, long micros, byte[][] args, String peer, String name) {}

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long nextId;

    void record(Client c, CommandSpec spec, byte[][] args, int argc, long micros, long nowMillis, int maxLen) {
        int n = Math.min(argc, MAX_ARGC);
        byte[][] kept = new byte[n][];
        for (int i = 0; i < n; i++) {
            if (i == n - 1 && argc > MAX_ARGC) {
                kept[i] = ("... (" + (argc - MAX_ARGC + 1) + " more arguments)").getBytes(StandardCharsets.US_ASCII);
                break;
            }
            byte[] a = CommandLog.shown(spec, args, i);
            if (a.length > MAX_STRING) {
                byte[] more = ("... (" + (a.length - MAX_STRING) + " more bytes)").getBytes(StandardCharsets.US_ASCII);
                byte[] cut = Arrays.copyOf(a, MAX_STRING + more.length);
                System.arraycopy(more, 0, cut, MAX_STRING, more.length);
                a = cut;
            }
            kept[i] = a;
        }
        entries.addFirst(new Entry(
                nextId++,
                nowMillis / 1000,
                micros,
                kept,
                c.channel == null ? "" : c.address(),
                c.name == null ? "" : c.name));
        trim(maxLen);
    }

    void trim(int maxLen) {
        while (entries.size() > maxLen) {
            entries.removeLast();
        }
    }

    int size() {
        return entries.size();
    }

    void reset() {
        entries.clear();
    }

    /** SLOWLOG GET: the newest {@code count} entries (-1: all). */
    void write(RespWriter w, long count) {
        int n = count < 0 ? entries.size() : (int) Math.min(count, entries.size());
        w.array(n);
        Iterator<Entry> it = entries.iterator();
        for (int i = 0; i < n; i++) {
            Entry e = it.next();
            w.array(6);
            w.integer(e.id);
            w.integer(e.timeSeconds);
            w.integer(e.micros);
            w.array(e.args.length);
            for (byte[] a : e.args) {
                w.bulk(a);
            }
            w.bulk(e.peer);
            w.bulk(e.name);
        }
    }
}
