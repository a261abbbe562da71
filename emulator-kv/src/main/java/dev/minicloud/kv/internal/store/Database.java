package dev.minicloud.kv.internal.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * One of the 16 numbered databases: the key dictionary plus an index of keys with a TTL, ordered
 * by expiry, which drives active expiry, {@code volatile-*} eviction and {@code INFO keyspace}.
 * Lazy expiry happens in {@link #lookup}; an expired key is deleted there and reported to the
 * {@link Keyspace} (notification, WATCH, stats) before the caller sees a miss.
 */
public final class Database {
    private final int index;
    private final Keyspace keyspace;
    private Dict<KeyEntry> keys = new Dict<>();
    private TreeSet<KeyEntry> expires = new TreeSet<>(Database::compareExpiry);

    Database(int index, Keyspace keyspace) {
        this.index = index;
        this.keyspace = keyspace;
    }

    private static int compareExpiry(KeyEntry a, KeyEntry b) {
        int c = Long.compare(a.expireAt, b.expireAt);
        return c != 0 ? c : Arrays.compareUnsigned(a.key, b.key);
    }

    public int index() {
        return index;
    }

    public int size() {
        return keys.size();
    }

    public int volatileCount() {
        return expires.size();
    }

    Dict<KeyEntry> dict() {
        return keys;
    }

    TreeSet<KeyEntry> expiresIndex() {
        return expires;
    }

    /** The live entry for a key, deleting it first if it has expired; touches the access clock. */
    public KeyEntry lookup(byte[] key) {
        KeyEntry e = keys.get(key);
        if (e == null) {
            return null;
        }
        if (e.expireAt >= 0 && e.expireAt <= keyspace.now()) {
            expireUnlessPaused(e);
            return null;
        }
        keyspace.touchAccess(e);
        return e;
    }

    /** Like {@link #lookup} but without touching the access clock (TYPE-less peeks, OBJECT, NO-TOUCH). */
    public KeyEntry peek(byte[] key) {
        KeyEntry e = keys.get(key);
        if (e != null && e.expireAt >= 0 && e.expireAt <= keyspace.now()) {
            expireUnlessPaused(e);
            return null;
        }
        return e;
    }

    public boolean exists(byte[] key) {
        return peek(key) != null;
    }

    /** Sets a value, creating the key if needed; clears any TTL unless {@code keepTtl}. */
    public KeyEntry put(byte[] key, Object value, boolean keepTtl) {
        KeyEntry e = keys.get(key);
        if (e == null) {
            e = new KeyEntry(key, value);
            keyspace.touchAccess(e);
            keys.add(e);
            keyspace.added(this, key);
            return e;
        }
        e.value = value;
        e.stringEncoding = null;
        if (!keepTtl && e.expireAt >= 0) {
            expires.remove(e);
            e.expireAt = -1;
        }
        keyspace.touchAccess(e);
        return e;
    }

    /** Adds a fresh key known to be absent (or expired: removed first if a pause kept it). */
    public KeyEntry add(byte[] key, Object value) {
        if (keyspace.expiryPaused()) {
            delete(key); // a write during a pause (a replicated one) replaces the expired entry the lookup left
        }
        KeyEntry e = new KeyEntry(key, value);
        keyspace.touchAccess(e);
        keys.add(e);
        keyspace.added(this, key);
        return e;
    }

    public boolean delete(byte[] key) {
        KeyEntry e = keys.remove(key);
        if (e == null) {
            return false;
        }
        if (e.expireAt >= 0) {
            expires.remove(e);
        }
        return true;
    }

    public void setExpire(KeyEntry e, long at) {
        if (e.expireAt >= 0) {
            expires.remove(e);
        }
        e.expireAt = at;
        if (at >= 0) {
            expires.add(e);
        }
    }

    /** Lazy expiry: the key reads as absent either way; during a CLIENT PAUSE it stays until the pause ends. */
    private void expireUnlessPaused(KeyEntry e) {
        if (!keyspace.expiryPaused()) {
            expire(e);
        }
    }

    /** Removes an expired entry and reports it (notification, WATCH, stats). */
    void expire(KeyEntry e) {
        delete(e.key);
        keyspace.onExpired(this, e);
    }

    /** Active expiry: deletes up to {@code budget} keys whose time has come; returns how many. */
    int expireDue(long now, int budget) {
        int n = 0;
        while (n < budget && !expires.isEmpty()) {
            KeyEntry first = expires.first();
            if (first.expireAt > now) {
                break;
            }
            expire(first);
            n++;
        }
        return n;
    }

    /** The keys currently present (expired ones excluded), for KEYS and friends. */
    public List<KeyEntry> liveEntries() {
        long now = keyspace.now();
        List<KeyEntry> out = new ArrayList<>(keys.size());
        keys.forEach(e -> {
            if (e.expireAt < 0 || e.expireAt > now) {
                out.add(e);
            }
        });
        return out;
    }

    public KeyEntry randomLive() {
        // during a pause expired keys stay: when every key has a TTL they may all be past it, and Redis 7.2
        // (dbRandomKey) then answers the 100th pick rather than loop forever (7.0 hangs there)
        boolean mayAllBeExpired = keyspace.expiryPaused() && expires.size() == keys.size();
        for (int tries = 0; tries < 100 && keys.size() > 0; tries++) {
            KeyEntry e = keys.random(keyspace.random());
            if (e.expireAt < 0 || e.expireAt > keyspace.now() || (mayAllBeExpired && tries == 99)) {
                return e;
            }
            if (tries > 50) {
                expireUnlessPaused(e);
            }
        }
        return null;
    }

    public long scan(long cursor, int count, Consumer<KeyEntry> visitor) {
        return keys.scan(cursor, count, visitor);
    }

    public void clear() {
        keys = new Dict<>();
        expires = new TreeSet<>(Database::compareExpiry);
    }

    /** Exchanges contents with another database (SWAPDB). */
    void swapWith(Database other) {
        Dict<KeyEntry> k = keys;
        TreeSet<KeyEntry> x = expires;
        keys = other.keys;
        expires = other.expires;
        other.keys = k;
        other.expires = x;
    }
}
