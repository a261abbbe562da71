package dev.minicloud.kv.internal.engine;

import dev.minicloud.kv.internal.wire.RespWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Clients parked by BLPOP and friends. Each key has a FIFO queue of waiting clients, so the client
 * that blocked first is served first (Redis' fairness rule). When a write touches a key someone
 * waits on, the key becomes "ready"; after the writing command the engine re-runs each waiter's
 * command in order until the data runs out. Timeouts are checked against the injected clock.
 */
final class Blocking {
    /** A parked command. */
    static final class State {
        final byte[][] args;
        final int argc;
        final CommandSpec spec;
        final List<KvEngine.DbKey> keys;
        final long deadline;
        final long realDeadlineNanos;
        final Consumer<RespWriter> onTimeout;

        State(
                byte[][] args,
                int argc,
                CommandSpec spec,
                List<KvEngine.DbKey> keys,
                long deadline,
                long realDeadlineNanos,
                Consumer<RespWriter> onTimeout) {
            this.args = args;
            this.argc = argc;
            this.spec = spec;
            this.keys = keys;
            this.deadline = deadline;
            this.realDeadlineNanos = realDeadlineNanos;
            this.onTimeout = onTimeout;
        }
    }

    private final KvEngine engine;
    private final Map<KvEngine.DbKey, ArrayDeque<Client>> waiters = new HashMap<>();
    private final LinkedHashSet<KvEngine.DbKey> ready = new LinkedHashSet<>();
    private final LinkedHashSet<Client> blocked = new LinkedHashSet<>();

    Blocking(KvEngine engine) {
        this.engine = engine;
    }

    int blockedCount() {
        return blocked.size();
    }

    void block(
            Client c,
            byte[][] args,
            int argc,
            CommandSpec spec,
            byte[][] keys,
            long timeoutMillis,
            Consumer<RespWriter> onTimeout) {
        List<KvEngine.DbKey> dbKeys = new ArrayList<>(keys.length);
        for (byte[] k : keys) {
            KvEngine.DbKey dk = new KvEngine.DbKey(c.db, k);
            if (!dbKeys.contains(dk)) {
                dbKeys.add(dk);
                waiters.computeIfAbsent(dk, x -> new ArrayDeque<>()).add(c);
            }
        }
        long deadline = timeoutMillis == 0 ? 0 : engine.keyspace().now() + timeoutMillis;
        long realDeadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        c.blocked = new State(args.clone(), argc, spec, dbKeys, deadline, realDeadline, onTimeout);
        blocked.add(c);
        if (deadline > 0) {
            engine.scheduleTimeoutCheck(timeoutMillis);
        }
    }

    boolean hasWaiters() {
        return !waiters.isEmpty();
    }

    /** Called for every modified key while someone waits. */
    void signal(KvEngine.DbKey key) {
        if (!waiters.isEmpty() && waiters.containsKey(key)) {
            ready.add(key);
        }
    }

    /** Every key waited on in database {@code db} (all databases when negative) becomes ready. */
    void signalDb(int db) {
        for (KvEngine.DbKey key : waiters.keySet()) {
            if (db < 0 || key.db() == db) {
                ready.add(key);
            }
        }
    }

    boolean hasReady() {
        return !ready.isEmpty();
    }

    /** Serves waiters of ready keys in blocking order; serving may ready further keys. */
    void serveReady() {
        while (!ready.isEmpty()) {
            KvEngine.DbKey key = ready.iterator().next();
            ready.remove(key);
            ArrayDeque<Client> queue = waiters.get(key);
            if (queue == null) {
                continue;
            }
            for (Client c : new ArrayList<>(queue)) {
                if (c.blocked == null) {
                    continue;
                }
                if (engine.retryBlocked(c)) {
                    unblock(c);
                    engine.resume(c);
                }
            }
        }
    }

    void unblock(Client c) {
        State s = c.blocked;
        if (s == null) {
            return;
        }
        for (KvEngine.DbKey k : s.keys) {
            ArrayDeque<Client> q = waiters.get(k);
            if (q != null) {
                q.remove(c);
                if (q.isEmpty()) {
                    waiters.remove(k);
                }
            }
        }
        blocked.remove(c);
        c.blocked = null;
    }

    /**
     * Times out every client whose deadline has passed, on the keyspace clock (so a test can drive
     * timeouts with a fake clock) or in real elapsed time (so a fake clock nobody advances cannot
     * park a client forever).
     */
    void expireTimeouts(long now) {
        if (blocked.isEmpty()) {
            return;
        }
        long nanos = System.nanoTime();
        for (Client c : new ArrayList<>(blocked)) {
            State s = c.blocked;
            if (s != null && s.deadline > 0 && (s.deadline <= now || nanos - s.realDeadlineNanos >= 0)) {
                unblock(c);
                s.onTimeout.accept(c.out());
                engine.resume(c);
            }
        }
    }

    void clear() {
        for (Client c : new ArrayList<>(blocked)) {
            unblock(c);
        }
        ready.clear();
    }
}
