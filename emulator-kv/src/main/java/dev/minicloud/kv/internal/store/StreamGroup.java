package dev.minicloud.kv.internal.store;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A consumer group of a stream (Redis' {@code streamCG}): the last delivered id, the logical read
 * counter {@code entries-read} ({@link #UNKNOWN_ENTRIES_READ} when it cannot be known), the group's
 * pending entries list (PEL) and its consumers, each with its own part of the PEL.
 *
 * <p>PEL: a hash index id -> entry answers XACK and XCLAIM's lookups (an id that is not pending costs
 * one hash lookup), and two {@link PendingEntries} lists, the group's and the owning consumer's, give
 * the id order XPENDING, XAUTOCLAIM, XINFO and XREADGROUP's history need. Each entry knows its
 * consumer and its slot in both lists, so acknowledging or moving one is O(1) amortized.
 */
public final class StreamGroup {
    /** Redis' {@code SCG_INVALID_ENTRIES_READ}. */
    public static final long UNKNOWN_ENTRIES_READ = -1;

    /** A pending (delivered, not acknowledged) entry: Redis' {@code streamNACK}. */
    public static final class Pending {
        final StreamId id;
        Consumer consumer;
        long deliveryTime;
        long deliveryCount;
        /** This entry's slot in the group's list and in its consumer's; -1 once acknowledged. */
        int groupSlot = -1;

        int consumerSlot = -1;

        Pending(StreamId id, Consumer consumer, long deliveryTime, long deliveryCount) {
            this.id = id;
            this.consumer = consumer;
            this.deliveryTime = deliveryTime;
            this.deliveryCount = deliveryCount;
        }

        public StreamId id() {
            return id;
        }

        public Consumer consumer() {
            return consumer;
        }

        public long deliveryTime() {
            return deliveryTime;
        }

        public long deliveryCount() {
            return deliveryCount;
        }

        public void delivered(long now, boolean countIt) {
            deliveryTime = now;
            if (countIt) {
                deliveryCount++;
            }
        }

        public void deliveryTime(long t) {
            deliveryTime = t;
        }

        public void deliveryCount(long n) {
            deliveryCount = n;
        }
    }

    /** A consumer: its name, when it was last seen and last active (Redis 7.2), its own PEL. */
    public static final class Consumer {
        final byte[] name;
        long seenTime;
        long activeTime = -1;
        final PendingEntries pel = new PendingEntries(this);

        Consumer(byte[] name, long now) {
            this.name = name;
            this.seenTime = now;
        }

        public byte[] name() {
            return name;
        }

        public long seenTime() {
            return seenTime;
        }

        /** -1 when it never read or claimed anything. */
        public long activeTime() {
            return activeTime;
        }

        public void seen(long now) {
            seenTime = now;
        }

        public void active(long now) {
            activeTime = now;
        }

        /** This consumer's pending entries, in id order. */
        public PendingEntries pel() {
            return pel;
        }
    }

    private final byte[] name;
    private StreamId lastId;
    private long entriesRead;
    private final Map<StreamId, Pending> pending = new HashMap<>();
    private final PendingEntries pel = new PendingEntries(null);
    private final TreeMap<String, Consumer> consumers = new TreeMap<>();

    StreamGroup(byte[] name, StreamId lastId, long entriesRead) {
        this.name = name;
        this.lastId = lastId;
        this.entriesRead = entriesRead;
    }

    static String key(byte[] name) {
        // ISO-8859-1 maps each byte to one char, so String order is memcmp order (Redis' rax order)
        return new String(name, StandardCharsets.ISO_8859_1);
    }

    public byte[] name() {
        return name;
    }

    public StreamId lastId() {
        return lastId;
    }

    public void lastId(StreamId id) {
        lastId = id;
    }

    public long entriesRead() {
        return entriesRead;
    }

    public void entriesRead(long n) {
        entriesRead = n;
    }

    /** The group's pending entries, in id order. */
    public PendingEntries pel() {
        return pel;
    }

    /** The pending entry of {@code id}, or null: one hash lookup. */
    public Pending pending(StreamId id) {
        return pending.get(id);
    }

    public Map<String, Consumer> consumers() {
        return consumers;
    }

    public Consumer consumer(byte[] name) {
        return consumers.get(key(name));
    }

    /** The consumer, or null if it exists already (XGROUP CREATECONSUMER answers 0 then). */
    public Consumer createConsumer(byte[] name, long now) {
        String k = key(name);
        if (consumers.containsKey(k)) {
            return null;
        }
        Consumer c = new Consumer(name, now);
        consumers.put(k, c);
        return c;
    }

    /** Deletes a consumer and its pending entries; returns how many entries were pending, -1 if none such. */
    public long deleteConsumer(byte[] name) {
        Consumer c = consumers.remove(key(name));
        if (c == null) {
            return -1;
        }
        for (Pending p : c.pel) {
            pending.remove(p.id);
            pel.remove(p);
        }
        return c.pel.size();
    }

    /**
     * Adds a new pending entry owned by {@code c} (XREADGROUP, XCLAIM of a non-pending id with FORCE,
     * RDB loading); {@code id} must not be pending.
     */
    public Pending addPending(StreamId id, Consumer c, long now, long count) {
        Pending p = new Pending(id, c, now, count);
        if (pending.putIfAbsent(id, p) != null) {
            throw new IllegalStateException("already pending: " + id);
        }
        pel.add(p);
        c.pel.add(p);
        return p;
    }

    /** Moves a pending entry to another consumer. */
    public void transfer(Pending p, Consumer to) {
        if (p.consumer != to) {
            p.consumer.pel.remove(p);
            p.consumer = to;
            to.pel.add(p);
        }
    }

    /** Acknowledges (removes) a pending entry; false when it was not pending. */
    public boolean ack(StreamId id) {
        Pending p = pending.remove(id);
        if (p == null) {
            return false;
        }
        pel.remove(p);
        p.consumer.pel.remove(p);
        return true;
    }

    StreamGroup copy() {
        StreamGroup g = new StreamGroup(name, lastId, entriesRead);
        for (Consumer c : consumers.values()) {
            Consumer n = new Consumer(c.name, c.seenTime);
            n.activeTime = c.activeTime;
            g.consumers.put(key(c.name), n);
        }
        for (Pending p : pel) {
            Consumer owner = g.consumers.get(key(p.consumer.name));
            g.addPending(p.id, owner, p.deliveryTime, p.deliveryCount);
        }
        return g;
    }

    long memory() {
        long m = 96L + name.length;
        for (Consumer c : consumers.values()) {
            m += 80 + c.name.length;
        }
        return m + pel.size() * 120L;
    }
}
