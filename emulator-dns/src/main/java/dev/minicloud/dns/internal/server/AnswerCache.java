package dev.minicloud.dns.internal.server;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Complete replies by exact query bytes (after the 2-byte id) and transport. A reply depends only
 * on those and on the zones, so an entry is valid while the zone index generation it was computed
 * under is current; a change batch makes every older entry stale at once. A reply that health checks
 * decided also keeps the health generation it was computed at, and is stale once that moves. Bounded by entries and by
 * bytes (a TCP answer may be 64 KiB, so a count alone would allow gigabytes): when either bound would
 * be passed it is simply emptied, so random-name floods cannot grow it. Lookups never lock; puts,
 * which follow a cache miss, are serialized so the byte count stays exact.
 */
final class AnswerCache {
    static final int DEFAULT_MAX_ENTRIES = 50_000;
    static final long DEFAULT_MAX_BYTES = 16L << 20;
    /** The health generation of a reply that no health check decided: valid whatever health does. */
    static final long ANY_HEALTH = -1;

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final long maxBytes;
    private long bytes;

    AnswerCache() {
        this(DEFAULT_MAX_ENTRIES, DEFAULT_MAX_BYTES);
    }

    AnswerCache(int maxEntries, long maxBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /** A copy of the cached reply with the query's id, or {@code null}. */
    byte[] get(byte[] query, boolean udp, long generation) {
        return get(query, udp, generation, ANY_HEALTH);
    }

    /** As {@link #get(byte[], boolean, long)}, with the current health generation. */
    byte[] get(byte[] query, boolean udp, long generation, long health) {
        byte[] shared = peek(query, udp, generation, health);
        if (shared == null) {
            return null;
        }
        byte[] out = shared.clone();
        out[0] = query[0];
        out[1] = query[1];
        return out;
    }

    /**
     * The cached reply itself, or {@code null}: the caller must not modify it, and must replace its
     * id (bytes 0-1, another query's) with the query's own in its copy.
     */
    byte[] peek(byte[] query, boolean udp, long generation, long health) {
        Entry e = entries.get(new Key(query, udp));
        return e == null || e.generation != generation || e.health != ANY_HEALTH && e.health != health ? null : e.reply;
    }

    synchronized void put(byte[] query, boolean udp, long generation, byte[] reply) {
        put(query, udp, generation, ANY_HEALTH, reply);
    }

    /** Keeps a reply valid while the zones hold and, unless {@code health} is {@link #ANY_HEALTH}, health too. */
    synchronized void put(byte[] query, boolean udp, long generation, long health, byte[] reply) {
        long size = cost(query, reply);
        if (size > maxBytes) {
            return;
        }
        if (entries.size() >= maxEntries || bytes + size > maxBytes) {
            clear();
        }
        Key key = new Key(query, udp);
        Entry old = entries.put(key, new Entry(reply.clone(), generation, health));
        bytes += size - (old == null ? 0 : cost(key.bytes, old.reply));
    }

    synchronized void clear() {
        entries.clear();
        bytes = 0;
    }

    /** The bytes the entries hold, counted afresh (for tests of the bound). */
    long retainedBytes() {
        long sum = 0;
        for (Map.Entry<Key, Entry> e : entries.entrySet()) {
            sum += cost(e.getKey().bytes, e.getValue().reply);
        }
        return sum;
    }

    private static long cost(byte[] query, byte[] reply) {
        return (long) query.length + reply.length;
    }

    /** Query bytes after the id, plus the transport (UDP truncation differs). Owns {@code bytes}. */
    private static final class Key {
        private final byte[] bytes;
        private final boolean udp;
        private final int hash;

        Key(byte[] query, boolean udp) {
            this.bytes = query;
            this.udp = udp;
            int h = udp ? 1 : 2;
            for (int i = 2; i < query.length; i++) {
                h = 31 * h + query[i];
            }
            this.hash = h;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k
                    && k.udp == udp
                    && k.hash == hash
                    && Arrays.equals(bytes, 2, bytes.length, k.bytes, 2, k.bytes.length);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private record Entry(byte[] reply, long generation, long health) {}
}
