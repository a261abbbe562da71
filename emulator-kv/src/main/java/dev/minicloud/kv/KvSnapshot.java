package dev.minicloud.kv;

import java.util.List;

/**
 * A point-in-time copy of a KV server's data (an ElastiCache snapshot): every live key of every
 * database as a DUMP payload (Redis' RDB value encoding) with its absolute expiry. Immutable once
 * taken: restoring it into another node copies the values again, so the two never share state.
 */
public record KvSnapshot(List<Entry> entries) {
    /** One key: its database, name, RDB-encoded value and expiry (epoch millis, -1 = none). */
    public record Entry(int db, byte[] key, byte[] payload, long expireAt) {}

    public KvSnapshot {
        entries = List.copyOf(entries);
    }

    /** Bytes of keys and values, what ElastiCache reports as a node snapshot's size. */
    public long bytes() {
        long n = 0;
        for (Entry e : entries) {
            n += e.key().length + e.payload().length;
        }
        return n;
    }
}
