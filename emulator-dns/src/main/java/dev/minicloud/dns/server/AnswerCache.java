package dev.minicloud.dns.server;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Complete replies by exact query bytes (after the 2-byte id) and transport. A reply depends only
 * on those and on the zones, so an entry is valid while the zone index generation it was computed
 * under is current; a change batch makes every older entry stale at once. Bounded: when full it is
 * simply emptied (random-name floods must not grow it without limit).
 */
final class AnswerCache {
    private static final int MAX_ENTRIES = 50_000;

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    /** A copy of the cached reply with the query's id, or {@code null}. */
    byte[] get(byte[] query, boolean udp, long generation) {
        byte[] shared = peek(query, udp, generation);
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
    byte[] peek(byte[] query, boolean udp, long generation) {
        Entry e = entries.get(new Key(query, udp));
        return e == null || e.generation != generation ? null : e.reply;
    }

    void put(byte[] query, boolean udp, long generation, byte[] reply) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(new Key(query, udp), new Entry(reply.clone(), generation));
    }

    void clear() {
        entries.clear();
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
            return o instanceof Key k && k.udp == udp && k.hash == hash
                    && Arrays.equals(bytes, 2, bytes.length, k.bytes, 2, k.bytes.length);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private record Entry(byte[] reply, long generation) {
    }
}
