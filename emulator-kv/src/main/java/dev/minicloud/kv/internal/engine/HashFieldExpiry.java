package dev.minicloud.kv.internal.engine;

import dev.minicloud.kv.internal.store.Database;
import dev.minicloud.kv.internal.store.Key;
import dev.minicloud.kv.internal.store.KeyEntry;
import dev.minicloud.kv.internal.store.RHash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Expires hash fields (Redis 7.4): lazily, when a command reaches a hash whose earliest field is due
 * ({@link Call#hash}), and actively from the cron, over the hashes that were given a field TTL.
 * Expired fields are reported as one {@code hexpired} event per hash; a hash left empty is deleted
 * ({@code del}), as Redis deletes it.
 *
 * <p>The active side tracks a hash by its database and key when it gets its first TTL; an entry
 * whose key no longer holds that hash (deleted, overwritten, renamed) is dropped, and a renamed hash's
 * fields then expire when a command reaches them.
 */
final class HashFieldExpiry {
    private static final byte[] HDEL = "HDEL".getBytes(StandardCharsets.US_ASCII);
    private final KvEngine engine;
    private final Map<Integer, Map<Key, RHash>> tracked = new HashMap<>();

    HashFieldExpiry(KvEngine engine) {
        this.engine = engine;
    }

    /** Called when a field of the hash at {@code key} gets a TTL. */
    void track(int db, byte[] key, RHash hash) {
        tracked.computeIfAbsent(db, d -> new HashMap<>()).put(new Key(key), hash);
    }

    /**
     * Removes the due fields of one hash; true when the hash is gone with them. At most
     * {@code budget} fields go in one call.
     */
    boolean expire(int db, byte[] key, RHash hash, long now, int budget) {
        Replication replication = engine.replication();
        // replicas delete the fields the primary expired, as Redis 7.4 propagates HDEL
        int removed = replication.active()
                ? hash.removeExpired(now, budget, field -> replication.record(db, new byte[][] {HDEL, key, field}, 3))
                : hash.removeExpired(now, budget, field -> {});
        if (removed == 0) {
            return false;
        }
        engine.stats().expiredSubkeys += removed;
        engine.notify(db, Notifications.HASH, "hexpired", key);
        engine.modified(db, key);
        if (hash.size() == 0) {
            engine.keyspace().db(db).delete(key);
            engine.notify(db, Notifications.GENERIC, "del", key);
            return true;
        }
        return false;
    }

    /** The active cycle: due fields of tracked hashes, at most {@code budget} fields in all. */
    int expireDue(long now, int budget) {
        int done = 0;
        for (Map.Entry<Integer, Map<Key, RHash>> byDb : tracked.entrySet()) {
            Database db = engine.keyspace().db(byDb.getKey());
            List<Key> finished = new ArrayList<>();
            for (Iterator<Map.Entry<Key, RHash>> it = byDb.getValue().entrySet().iterator();
                    it.hasNext() && done < budget; ) {
                Map.Entry<Key, RHash> e = it.next();
                KeyEntry current = db.peek(e.getKey().bytes());
                RHash hash = e.getValue();
                if (current == null || current.value() != hash || !hash.hasVolatileFields()) {
                    finished.add(e.getKey());
                    continue;
                }
                if (hash.nextExpiry() <= now) {
                    int before = hash.size();
                    boolean gone = expire(byDb.getKey(), e.getKey().bytes(), hash, now, budget - done);
                    done += gone ? before : before - hash.size();
                    if (gone) {
                        finished.add(e.getKey());
                    }
                }
            }
            finished.forEach(byDb.getValue()::remove);
        }
        return done;
    }
}
