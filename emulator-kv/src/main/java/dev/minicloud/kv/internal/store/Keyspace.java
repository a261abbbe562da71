package dev.minicloud.kv.internal.store;

import java.time.Clock;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * All 16 databases and what spans them: the clock (only source of time for expiry), access
 * tracking for LRU/LFU, memory accounting and eviction, and the hooks through which expiry and
 * eviction reach the rest of the server (keyspace notifications, WATCH invalidation, stats).
 *
 * <p>Concurrency: none. Exactly one thread (the KV event loop) owns a keyspace; see
 * {@code dev.minicloud.kv.internal.server.KvEngine}.
 *
 * <p>Memory: {@link #memoryOf} estimates the bytes a key costs (entry, key bytes, value); the total
 * is tracked incrementally only while {@code maxmemory} is set, and computed on demand otherwise.
 */
public final class Keyspace {
    /** What the server learns from the store: expired and evicted keys. */
    public interface Listener {
        void expired(Database db, byte[] key);

        void evicted(Database db, byte[] key);

        /** A key was created (keyspace event {@code new}); called only while {@link #newKeyEvents} is on. */
        default void added(Database db, byte[] key) {}
    }

    public static final int DATABASES = 16;
    private static final long START_MILLIS = 1_000;

    private final Database[] dbs = new Database[DATABASES];
    private final Clock clock;
    private final long epoch;
    private Listener listener;
    private boolean newKeyEvents;
    private long now;
    private boolean frozenNow;
    private boolean lfu;
    private boolean touchEnabled = true;
    private long expiredKeys;
    /** Until when CLIENT PAUSE holds expiry and eviction (MIN_VALUE: no pause). */
    private long expiryPausedUntil = Long.MIN_VALUE;

    private boolean tracking;
    private long used;
    private long evictedKeys;
    private final RandomGenerator random;
    private final EncodingLimits encodings;
    private final EvictionTuning eviction;

    /**
     * @param random the source of every random choice (LFU counter increments, eviction samples,
     *     random keys and members), from the service context, so a fixed seed repeats them
     */
    public Keyspace(Clock clock, RandomGenerator random) {
        this(clock, random, new EncodingLimits(), new EvictionTuning());
    }

    /**
     * @param encodings the server's encoding limits (the {@code *-max-listpack-*} parameters) every value reads
     * @param eviction the server's {@code maxmemory-samples} and {@code lfu-*} parameters
     */
    public Keyspace(Clock clock, RandomGenerator random, EncodingLimits encodings, EvictionTuning eviction) {
        this.clock = clock;
        this.random = random;
        this.encodings = encodings;
        this.eviction = eviction;
        this.epoch = clock.millis() - START_MILLIS;
        for (int i = 0; i < DATABASES; i++) {
            dbs[i] = new Database(i, this);
        }
    }

    /** The keyspace's random source; commands that pick at random (SPOP, SRANDMEMBER, ...) use it too. */
    public RandomGenerator random() {
        return random;
    }

    /** The limits that decide the encodings of this keyspace's values; pass them to every new value. */
    public EncodingLimits encodings() {
        return encodings;
    }

    public void listener(Listener listener) {
        this.listener = listener;
    }

    /** Whether key creation is reported to the listener (notify-keyspace-events with {@code n}): off, it costs one test. */
    public void newKeyEvents(boolean on) {
        newKeyEvents = on;
    }

    void added(Database db, byte[] key) {
        if (newKeyEvents && listener != null) {
            listener.added(db, key);
        }
    }

    public Database db(int i) {
        return dbs[i];
    }

    /**
     * The current time in epoch millis. Frozen for the duration of one command (as Redis caches
     * mstime per command) so that a command sees one consistent instant.
     */
    /** The clock's time, even while {@link #now()} is frozen. */
    public long clockMillis() {
        return clock.millis();
    }

    public long now() {
        return frozenNow ? now : clock.millis();
    }

    /**
     * CLIENT PAUSE (WRITE or ALL) pauses expiry and eviction until {@code untilMillis} on the clock, as
     * Redis 7's PAUSE_ACTION_EXPIRE and PAUSE_ACTION_EVICT do: a key past its time reads as absent but
     * stays (no {@code expired} event, no DEL to replicas) until the pause ends.
     */
    public void pauseExpiry(long untilMillis) {
        expiryPausedUntil = untilMillis;
    }

    /** CLIENT UNPAUSE: expiry and eviction resume at once. */
    public void resumeExpiry() {
        expiryPausedUntil = Long.MIN_VALUE;
    }

    /** Whether a pause holds expiry and eviction now (its deadline is checked on each call, as isPausedActionsWithUpdate does). */
    public boolean expiryPaused() {
        return expiryPausedUntil != Long.MIN_VALUE && now() < expiryPausedUntil;
    }

    /** Freezes {@link #now()} at the clock's time until {@link #unfreeze()}. */
    public void freeze() {
        now = clock.millis();
        frozenNow = true;
    }

    public void unfreeze() {
        frozenNow = false;
    }

    /** Whether accesses update the LRU/LFU clock ({@code CLIENT NO-TOUCH} turns it off per command). */
    public void touchEnabled(boolean enabled) {
        this.touchEnabled = enabled;
    }

    public void useLfu(boolean lfu) {
        this.lfu = lfu;
    }

    public boolean lfu() {
        return lfu;
    }

    void touchAccess(KeyEntry e) {
        if (!touchEnabled) {
            return;
        }
        if (lfu) {
            int minutes = lfuMinutes();
            int counter = decayed(e, minutes);
            if (counter < 255) {
                // LFULogIncr
                double baseval = Math.max(0, counter - 5);
                double p = 1.0 / (baseval * eviction.lfuLogFactor + 1);
                if (e.access == 0 || random.nextDouble() < p) {
                    counter++;
                }
            }
            if (e.access == 0) {
                counter = Math.max(counter, 5); // LFU_INIT_VAL
            }
            e.access = (minutes << 8) | counter;
        } else {
            e.access = (int) ((now() - epoch) / 1000);
        }
    }

    /**
     * RESTORE's {@code IDLETIME} / {@code FREQ} (objectSetLRUOrLFU): the frequency counts under an
     * LFU policy, the idle time under LRU, the other is ignored; negative means not given.
     */
    public void restoreAccess(KeyEntry e, long idleSeconds, int frequency) {
        if (lfu && frequency >= 0) {
            int minutes = (int) ((now() - epoch) / 60_000) & 0xffff;
            e.access = (minutes << 8) | frequency;
        } else if (!lfu && idleSeconds >= 0) {
            // may go below the instance's start: the idle time then still reads back as given
            e.access = (int) Math.max(Integer.MIN_VALUE + 1L, (now() - epoch) / 1000 - idleSeconds);
        }
    }

    /** Seconds since the key was last accessed (OBJECT IDLETIME). */
    public long idleSeconds(KeyEntry e) {
        return Math.max(0, (now() - epoch) / 1000 - e.access);
    }

    /** The LFU counter as decayed by now (OBJECT FREQ and eviction read it so, as LFUDecrAndReturn). */
    public int frequency(KeyEntry e) {
        return decayed(e, lfuMinutes());
    }

    /** LFUGetTimeInMinutes: the instance's minutes, in the 16 bits the counter's clock keeps. */
    private int lfuMinutes() {
        return (int) ((now() - epoch) / 60_000) & 0xffff;
    }

    /** LFUDecrAndReturn: the counter less one per {@code lfu-decay-time} minutes since its last access. */
    private int decayed(KeyEntry e, int minutes) {
        int counter = e.access & 0xff;
        int elapsed = minutes - ((e.access >>> 8) & 0xffff);
        if (elapsed < 0) {
            elapsed += 0x10000;
        }
        int periods = eviction.lfuDecayTime == 0 ? 0 : elapsed / eviction.lfuDecayTime;
        return Math.max(0, counter - periods);
    }

    void onExpired(Database db, KeyEntry e) {
        byte[] key = e.key;
        if (tracking) {
            used -= memoryOf(e);
        }
        expiredKeys++;
        if (listener != null) {
            listener.expired(db, key);
        }
    }

    /** Active expiry cycle: deletes due keys across all databases, at most {@code budget}. */
    public int expireDue(int budget) {
        if (expiryPaused()) {
            return 0;
        }
        long t = now();
        int n = 0;
        for (Database db : dbs) {
            n += db.expireDue(t, budget - n);
            if (n >= budget) {
                break;
            }
        }
        return n;
    }

    public long expiredKeys() {
        return expiredKeys;
    }

    public long evictedKeys() {
        return evictedKeys;
    }

    public void resetStats() {
        expiredKeys = 0;
        evictedKeys = 0;
    }

    public void flushAll() {
        for (Database db : dbs) {
            db.clear();
        }
    }

    public void swap(int a, int b) {
        dbs[a].swapWith(dbs[b]);
    }

    /** Estimated bytes one key costs: entry object, key bytes, value. */
    public static long memoryOf(KeyEntry e) {
        return 56 + align(e.key.length) + (e.expireAt >= 0 ? 40 : 0) + valueMemory(e.value);
    }

    static long valueMemory(Object v) {
        if (v instanceof byte[] b) {
            return align(b.length);
        } else if (v instanceof RList l) {
            return l.memory();
        } else if (v instanceof RHash h) {
            return h.memory();
        } else if (v instanceof RSet s) {
            return s.memory();
        } else if (v instanceof RZSet z) {
            return z.memory();
        } else if (v instanceof RStream st) {
            return st.memory();
        }
        return 16;
    }

    private static long align(int n) {
        return 16 + ((n + 7) & ~7L);
    }

    /** Starts or stops incremental memory tracking (on while {@code maxmemory} is set). */
    public void tracking(boolean on) {
        tracking = on;
        if (on) {
            used = datasetMemory();
        }
    }

    public boolean tracking() {
        return tracking;
    }

    /** Adds a command's measured change to the tracked total. */
    public void adjustUsed(long delta) {
        used += delta;
    }

    /** Re-measures the tracked total from scratch (after FLUSH*, SWAPDB, cross-db commands). */
    public void recount() {
        if (tracking) {
            used = datasetMemory();
        }
    }

    /** The tracked dataset size while tracking, else a fresh walk. */
    public long usedMemory() {
        return tracking ? used : datasetMemory();
    }

    /** The cost of a key now, 0 if absent or already expired (it is then subtracted when deleted). */
    public long liveMemory(Database db, byte[] key) {
        KeyEntry e = db.dict().get(key);
        if (e == null || (e.expireAt >= 0 && e.expireAt <= now())) {
            return 0;
        }
        return memoryOf(e);
    }

    /** Total estimated dataset bytes, computed by a walk over every key. */
    public long datasetMemory() {
        long[] sum = {0};
        for (Database db : dbs) {
            db.dict().forEach(e -> sum[0] += memoryOf(e));
        }
        return sum[0];
    }

    /** The eviction policies of {@code maxmemory-policy}. */
    public enum Policy {
        NOEVICTION,
        ALLKEYS_LRU,
        ALLKEYS_LFU,
        ALLKEYS_RANDOM,
        VOLATILE_LRU,
        VOLATILE_LFU,
        VOLATILE_RANDOM,
        VOLATILE_TTL;

        public String configName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Policy parse(String s) {
            for (Policy p : values()) {
                if (p.configName().equalsIgnoreCase(s)) {
                    return p;
                }
            }
            return null;
        }

        boolean allKeys() {
            return name().startsWith("ALLKEYS");
        }
    }

    /**
     * Evicts one key chosen by the policy (Redis' approximated algorithms: sample
     * {@code maxmemory-samples} candidates and take the best); returns its estimated size, or -1
     * when nothing can be evicted.
     */
    public long evictOne(Policy policy) {
        if (policy == Policy.NOEVICTION) {
            return -1;
        }
        KeyEntry best = null;
        Database bestDb = null;
        long bestScore = Long.MIN_VALUE;
        for (Database db : dbs) {
            if (db.size() == 0 || (!policy.allKeys() && db.volatileCount() == 0)) {
                continue;
            }
            for (int i = 0; i < eviction.maxmemorySamples; i++) {
                KeyEntry c = policy == Policy.VOLATILE_TTL
                        ? db.expiresIndex().first()
                        : policy.allKeys() ? db.dict().random(random) : randomVolatile(db);
                if (c == null) {
                    break;
                }
                long score = switch (policy) {
                    case ALLKEYS_LRU, VOLATILE_LRU -> idleSeconds(c);
                    case ALLKEYS_LFU, VOLATILE_LFU -> 255 - frequency(c);
                    case VOLATILE_TTL -> -c.expireAt;
                    default -> 0;
                };
                if (best == null || score > bestScore) {
                    best = c;
                    bestDb = db;
                    bestScore = score;
                }
                if (policy == Policy.VOLATILE_TTL) {
                    break; // the index is ordered: its first key is the best
                }
            }
        }
        if (best == null) {
            return -1;
        }
        long size = memoryOf(best);
        bestDb.delete(best.key);
        if (tracking) {
            used -= size;
        }
        evictedKeys++;
        if (listener != null) {
            listener.evicted(bestDb, best.key);
        }
        return size;
    }

    private KeyEntry randomVolatile(Database db) {
        var idx = db.expiresIndex();
        if (idx.isEmpty()) {
            return null;
        }
        // a uniform pick between the first and last expiry, then the next key at or after it
        long lo = idx.first().expireAt;
        long hi = idx.last().expireAt;
        long t = lo + (hi > lo ? random.nextLong(hi - lo + 1) : 0);
        KeyEntry probe = new KeyEntry(new byte[0], null);
        probe.expireAt = t;
        KeyEntry e = idx.ceiling(probe);
        return e != null ? e : idx.first();
    }
}
