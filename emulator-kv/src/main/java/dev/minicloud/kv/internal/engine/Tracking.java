package dev.minicloud.kv.internal.engine;

import dev.minicloud.kv.internal.store.Key;
import dev.minicloud.kv.internal.wire.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Server-assisted client-side caching ({@code CLIENT TRACKING}), as Redis' {@code tracking.c} does it.
 *
 * <p>Default mode: the keys a tracking client reads are remembered in one table (key name to client
 * ids, across databases, as in Redis); the first write to such a key sends each of those clients one
 * {@code invalidate} message and forgets the key. BCAST mode: nothing is remembered; every write to a
 * key under one of a client's prefixes is collected and sent at the end of the command.
 *
 * <p>Cost: {@link #active()} is a field read; with no tracking client a write pays nothing else, and
 * a read pays nothing unless its own client tracks ({@code Client.tracking != null}).
 *
 * <p>Delivery: a RESP3 client (or redirect target) gets a push {@code >2 invalidate [keys]}; a RESP2
 * redirect target in subscriber mode gets a {@code message} on {@code __redis__:invalidate}; a
 * missing redirect target makes a RESP3 client get {@code tracking-redir-broken}. Messages for the
 * client whose command made the change wait until that command's reply is written (Redis 7).
 */
final class Tracking {
    static final byte[] CHANNEL = "__redis__:invalidate".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INVALIDATE = "invalidate".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MESSAGE = "message".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REDIR_BROKEN = "tracking-redir-broken".getBytes(StandardCharsets.US_ASCII);

    /** One client's tracking options (Redis' CLIENT_TRACKING_* flags); null on the client when tracking is off. */
    static final class Options {
        long redirect;
        boolean bcast;
        boolean optin;
        boolean optout;
        boolean noloop;
        /** CLIENT CACHING YES (optin) or NO (optout) for the next command. */
        boolean caching;
        /** Sorted, as Redis keeps them in a radix tree (TRACKINGINFO lists them in this order). */
        final Set<Key> prefixes = new TreeSet<>();
    }

    /** A BCAST prefix: its clients and the keys modified under it since the last broadcast, with who modified them. */
    private static final class Prefix {
        final Set<Client> clients = new LinkedHashSet<>();
        /** Sorted like Redis' radix tree of pending keys, which is the order a broadcast lists them in. */
        final Map<Key, Client> pending = new TreeMap<>();
    }

    /** Read-only script commands: their keys are not remembered, only those of what they run (Redis' call()). */
    private static final Set<String> SCRIPTS = Set.of("eval_ro", "evalsha_ro", "fcall_ro");

    private final KvEngine engine;
    /** Key -> ids of the clients that may cache it (ids, so a closed client is skipped lazily as in Redis). */
    private final TrackingTable table = new TrackingTable();

    private final Map<Key, Prefix> prefixes = new TreeMap<>();
    /** Keys changed by the client executing a command, for that client: sent after its reply (null entry = flush). */
    private final List<Key> selfPending = new ArrayList<>();

    private Client selfTarget;
    private int trackingClients;
    private boolean broadcastPending;

    Tracking(KvEngine engine) {
        this.engine = engine;
    }

    boolean active() {
        return trackingClients > 0;
    }

    int clients() {
        return trackingClients;
    }

    int trackedKeys() {
        return table.size();
    }

    /** Client ids summed over the tracked keys (INFO's tracking_total_items). */
    long trackedItems() {
        return table.items();
    }

    int prefixCount() {
        return prefixes.size();
    }

    void enable(Client c, Options o) {
        if (c.tracking == null) {
            trackingClients++;
        } else if (c.tracking.caching) {
            o.caching = true; // CLIENT CACHING survives a re-enable, as the flag does in Redis
        }
        if (c.tracking != null) {
            o.prefixes.addAll(c.tracking.prefixes);
        }
        for (Key p : o.prefixes) {
            prefixes.computeIfAbsent(p, x -> new Prefix()).clients.add(c);
        }
        c.tracking = o;
    }

    void disable(Client c) {
        Options o = c.tracking;
        if (o == null) {
            return;
        }
        for (Key p : o.prefixes) {
            Prefix state = prefixes.get(p);
            if (state != null) {
                state.clients.remove(c);
                if (state.clients.isEmpty()) {
                    prefixes.remove(p);
                }
            }
        }
        c.tracking = null;
        trackingClients--;
    }

    /** After a read-only command of a tracking client: remember the keys it named (Redis' trackingRememberKeys). */
    void remember(Client c, CommandSpec spec, byte[][] args, int argc) {
        Options o = c.tracking;
        if (o.bcast || (o.optin && !o.caching) || (o.optout && o.caching)) {
            return;
        }
        if (spec.has(CommandFlag.MOVABLEKEYS)) {
            rememberMovable(c, spec, args, argc);
        } else if (spec.firstKey() > 0) {
            int last = spec.lastKey() < 0 ? argc + spec.lastKey() : Math.min(spec.lastKey(), argc - 1);
            int step = Math.max(1, spec.step());
            for (int i = spec.firstKey(); i <= last; i += step) {
                remember(c, args[i]);
            }
        }
        int max = engine.config().trackingTableMaxKeys;
        // over tracking-table-max-keys: random keys go (Redis' trackingLimitUsedSlots), their clients told as if they
        // changed
        while (max > 0 && table.size() > max) {
            Key k = table.randomKey(engine.keyspace().random());
            send(table.remove(k), k, null);
        }
    }

    /**
     * Keys found by the key specs, as Redis' getKeysFromCommandWithSpecs finds them: XREAD's after
     * STREAMS, ZUNION's counted by numkeys. Not the read-only script commands' own keys: Redis
     * remembers those of the commands a script runs instead.
     */
    private void rememberMovable(Client c, CommandSpec spec, byte[][] args, int argc) {
        if (SCRIPTS.contains(spec.fullName())) {
            return;
        }
        try {
            for (KeySpec k : spec.keySpecs()) {
                for (int i : k.positions(args, argc)) {
                    remember(c, args[i]);
                }
            }
        } catch (KeySpec.InvalidArguments e) {
            // cannot happen after the command ran (it would have failed on its numkeys): nothing to remember
        }
    }

    private void remember(Client c, byte[] key) {
        table.track(new Key(key)).add(c.id);
    }

    /** A key was modified by {@code by} (null for expiry/eviction): invalidate it for the clients that may cache it. */
    void invalidate(byte[] key, Client by) {
        if (!prefixes.isEmpty()) {
            Key k = new Key(key);
            for (Map.Entry<Key, Prefix> e : prefixes.entrySet()) {
                byte[] p = e.getKey().bytes();
                if (key.length >= p.length && Arrays.equals(key, 0, p.length, p, 0, p.length)) {
                    e.getValue().pending.put(k, by);
                    broadcastPending = true;
                }
            }
        }
        if (table.isEmpty()) {
            return;
        }
        Key k = new Key(key);
        Set<Long> ids = table.remove(k);
        if (ids != null) {
            send(ids, k, by);
        }
    }

    private void send(Set<Long> ids, Key k, Client by) {
        for (long id : ids) {
            Client target = engine.client(id);
            if (target == null || target.tracking == null || target.tracking.bcast) {
                continue;
            }
            if (target.tracking.noloop && target == by) {
                continue;
            }
            if (target == by && target == engine.currentClient()) {
                selfTarget = target;
                selfPending.add(k);
                continue;
            }
            message(target, List.of(k));
        }
    }

    /** FLUSHDB / FLUSHALL: every tracking client gets a null invalidation, and the table is dropped (Redis frees it too). */
    void flushed(Client by) {
        for (Client c : engine.clients()) {
            if (c.tracking != null) {
                if (c == by) {
                    selfTarget = c;
                    selfPending.add(null);
                } else {
                    message(c, null);
                }
            }
        }
        table.clear();
    }

    /** After a command: the invalidations for its own client, then the BCAST messages collected during it. */
    void afterCommand() {
        if (!selfPending.isEmpty()) {
            Client c = selfTarget;
            List<Key> keys = new ArrayList<>(selfPending);
            selfPending.clear();
            selfTarget = null;
            if (engine.client(c.id) != null && c.tracking != null) {
                for (Key k : keys) {
                    message(c, k == null ? null : List.of(k));
                }
            }
        }
        if (broadcastPending) {
            broadcastPending = false;
            for (Prefix p : prefixes.values()) {
                if (p.pending.isEmpty()) {
                    continue;
                }
                for (Client c : p.clients) {
                    List<Key> keys = new ArrayList<>(p.pending.size());
                    for (Map.Entry<Key, Client> e : p.pending.entrySet()) {
                        if (!(c.tracking.noloop && e.getValue() == c)) {
                            keys.add(e.getKey());
                        }
                    }
                    if (!keys.isEmpty()) {
                        message(c, keys);
                    }
                }
                p.pending.clear();
            }
        }
    }

    /** Sends one invalidation ({@code keys} null = everything) to {@code c} or its redirect target. */
    private void message(Client c, List<Key> keys) {
        Client target = c;
        if (c.tracking.redirect != 0) {
            target = engine.client(c.tracking.redirect);
            if (target == null) {
                if (c.protocol() > 2) {
                    RespWriter w = c.out();
                    w.push(2);
                    w.bulk(REDIR_BROKEN);
                    w.integer(c.tracking.redirect);
                }
                return;
            }
        }
        RespWriter w;
        if (target.protocol() > 2) {
            w = target.out();
            w.push(2);
            w.bulk(INVALIDATE);
        } else if (c.tracking.redirect != 0 && target.subscriptionCount() > 0) {
            w = target.out();
            w.array(3);
            w.bulk(MESSAGE);
            w.bulk(CHANNEL);
        } else {
            return;
        }
        if (keys == null) {
            w.nullBulk();
            return;
        }
        w.array(keys.size());
        for (Key k : keys) {
            w.bulk(k.bytes());
        }
    }

    /** Whether a redirecting client's target is gone (TRACKINGINFO's broken_redirect, CLIENT LIST's R flag). */
    boolean brokenRedirect(Client c) {
        return c.tracking != null && c.tracking.redirect != 0 && engine.client(c.tracking.redirect) == null;
    }

    void reset() {
        table.clear();
        for (Prefix p : prefixes.values()) {
            p.pending.clear();
        }
        selfPending.clear();
        selfTarget = null;
    }
}
