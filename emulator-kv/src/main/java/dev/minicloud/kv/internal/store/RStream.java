package dev.minicloud.kv.internal.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stream value: entries ordered by id plus consumer groups.
 *
 * <p>Layout: as Redis keeps a radix tree of listpack nodes, entries live in nodes of at most
 * {@code stream-node-max-entries} entries (or about {@code stream-node-max-bytes} bytes, both read
 * from the server's {@link EncodingLimits} when a node fills, as Redis reads them), held in a
 * {@link TreeMap} keyed by each node's first ("master") id. XADD appends to the tail node, a range
 * read finds its first node in O(log n) and walks on, and XDEL leaves a tombstone in its node (a node
 * goes when its last live entry does). Keeping Redis' nodes makes approximate trimming
 * ({@code MAXLEN ~}, {@code MINID ~}) remove exactly what Redis removes: only whole nodes.
 *
 * <p>Counters follow Redis 7: {@code entries-added} counts every entry ever added,
 * {@code max-deleted-entry-id} the greatest id XDEL removed; with them a group's {@code lag} is
 * computed (or reported unknown) as {@code streamEstimateDistanceFromFirstEverEntry} does.
 */
public final class RStream {

    /** One entry: its id and field, value, field, value... */
    public record Entry(StreamId id, byte[][] fields) {}

    /** How XTRIM and XADD's trimming option select what goes. */
    public enum TrimStrategy {
        MAXLEN,
        MINID
    }

    private static final class Node {
        StreamId[] ids = new StreamId[8];
        byte[][][] values = new byte[8][][];
        int count;
        int live;
        long bytes;

        void add(StreamId id, byte[][] fv, long size) {
            if (count == ids.length) {
                ids = Arrays.copyOf(ids, count * 2);
                values = Arrays.copyOf(values, count * 2);
            }
            ids[count] = id;
            values[count] = fv;
            count++;
            live++;
            bytes += size;
        }

        /** The first index whose id is >= {@code id}. */
        int lowerBound(StreamId id) {
            int lo = 0;
            int hi = count;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (ids[mid].compareTo(id) < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        int indexOf(StreamId id) {
            int i = lowerBound(id);
            return i < count && ids[i].equals(id) && values[i] != null ? i : -1;
        }

        Node copy() {
            Node n = new Node();
            n.ids = ids.clone();
            n.values = values.clone();
            n.count = count;
            n.live = live;
            n.bytes = bytes;
            return n;
        }
    }

    private final TreeMap<StreamId, Node> nodes = new TreeMap<>();
    private final TreeMap<String, StreamGroup> groups = new TreeMap<>();
    private long length;
    private StreamId lastId = StreamId.MIN;
    private StreamId maxDeletedId = StreamId.MIN;
    private long entriesAdded;
    private long bytes;
    private final EncodingLimits limits;

    public RStream(EncodingLimits limits) {
        this.limits = limits;
    }

    public long length() {
        return length;
    }

    public StreamId lastId() {
        return lastId;
    }

    public void lastId(StreamId id) {
        lastId = id;
    }

    public StreamId maxDeletedId() {
        return maxDeletedId;
    }

    public void maxDeletedId(StreamId id) {
        maxDeletedId = id;
    }

    public long entriesAdded() {
        return entriesAdded;
    }

    public void entriesAdded(long n) {
        entriesAdded = n;
    }

    public int nodeCount() {
        return nodes.size();
    }

    private static long size(byte[][] fv) {
        long s = 8;
        for (byte[] b : fv) {
            s += b.length + 2;
        }
        return s;
    }

    /** Appends an entry whose id is greater than {@link #lastId()} (the caller checks). */
    public void append(StreamId id, byte[][] fv) {
        long size = size(fv);
        Map.Entry<StreamId, Node> tail = nodes.lastEntry();
        Node node = tail == null ? null : tail.getValue();
        if (node == null || node.count >= limits.streamNodeEntries() || node.bytes + size > limits.streamNodeBytes()) {
            node = new Node();
            nodes.put(id, node);
        }
        node.add(id, fv, size);
        length++;
        entriesAdded++;
        lastId = id;
        bytes += size + 32;
    }

    public Entry get(StreamId id) {
        Map.Entry<StreamId, Node> e = nodes.floorEntry(id);
        if (e == null) {
            return null;
        }
        Node n = e.getValue();
        int i = n.indexOf(id);
        return i < 0 ? null : new Entry(id, n.values[i]);
    }

    /** XDEL of one id: true when it was there (then it may become {@code max-deleted-entry-id}). */
    public boolean delete(StreamId id) {
        Map.Entry<StreamId, Node> e = nodes.floorEntry(id);
        if (e == null) {
            return false;
        }
        Node n = e.getValue();
        int i = n.indexOf(id);
        if (i < 0) {
            return false;
        }
        removeAt(e.getKey(), n, i);
        if (id.compareTo(maxDeletedId) > 0) {
            maxDeletedId = id;
        }
        return true;
    }

    private void removeAt(StreamId nodeKey, Node n, int i) {
        bytes -= size(n.values[i]) + 32;
        n.values[i] = null;
        n.live--;
        length--;
        if (n.live == 0) {
            nodes.remove(nodeKey);
        }
    }

    public StreamId firstId() {
        Entry e = first();
        return e == null ? StreamId.MIN : e.id();
    }

    public Entry first() {
        List<Entry> r = range(StreamId.MIN, StreamId.MAX, false, 1);
        return r.isEmpty() ? null : r.get(0);
    }

    public Entry last() {
        List<Entry> r = range(StreamId.MIN, StreamId.MAX, true, 1);
        return r.isEmpty() ? null : r.get(0);
    }

    /** Entries with {@code start <= id <= end}, ascending or (reverse) descending, at most {@code count} (0 = all). */
    public List<Entry> range(StreamId start, StreamId end, boolean reverse, long count) {
        List<Entry> out = new ArrayList<>();
        if (start.compareTo(end) > 0 || nodes.isEmpty()) {
            return out;
        }
        long limit = count <= 0 ? Long.MAX_VALUE : count;
        if (!reverse) {
            Map.Entry<StreamId, Node> e = nodes.floorEntry(start);
            if (e == null) {
                e = nodes.firstEntry();
            }
            while (e != null) {
                Node n = e.getValue();
                for (int i = n.lowerBound(start); i < n.count; i++) {
                    if (n.values[i] == null) {
                        continue;
                    }
                    if (n.ids[i].compareTo(end) > 0 || out.size() >= limit) {
                        return out;
                    }
                    out.add(new Entry(n.ids[i], n.values[i]));
                }
                e = nodes.higherEntry(e.getKey());
            }
            return out;
        }
        Map.Entry<StreamId, Node> e = nodes.floorEntry(end);
        while (e != null) {
            Node n = e.getValue();
            int from = n.lowerBound(end);
            if (from == n.count || !n.ids[from].equals(end)) {
                from--;
            }
            for (int i = from; i >= 0; i--) {
                if (n.values[i] == null) {
                    continue;
                }
                if (n.ids[i].compareTo(start) < 0 || out.size() >= limit) {
                    return out;
                }
                out.add(new Entry(n.ids[i], n.values[i]));
            }
            e = nodes.lowerEntry(e.getKey());
        }
        return out;
    }

    /**
     * Trims as {@code streamTrim} does: whole nodes while they can go; then, unless
     * {@code approx}, entries inside the first remaining node. {@code limit} (approx only, 0 =
     * none) caps the entries removed. Returns how many entries were removed.
     */
    public long trim(TrimStrategy strategy, long maxlen, StreamId minId, boolean approx, long limit) {
        long deleted = 0;
        Map.Entry<StreamId, Node> e = nodes.firstEntry();
        while (e != null) {
            if (strategy == TrimStrategy.MAXLEN && length <= maxlen) {
                break;
            }
            Node n = e.getValue();
            if (limit > 0 && deleted + n.live > limit) {
                break;
            }
            boolean removeNode = strategy == TrimStrategy.MAXLEN
                    ? length - n.live >= maxlen
                    : lastLive(n).compareTo(minId) < 0;
            if (removeNode) {
                for (int i = 0; i < n.count; i++) {
                    if (n.values[i] != null) {
                        bytes -= size(n.values[i]) + 32;
                    }
                }
                length -= n.live;
                deleted += n.live;
                nodes.remove(e.getKey());
                e = nodes.firstEntry();
                continue;
            }
            if (approx) {
                break;
            }
            StreamId key = e.getKey();
            for (int i = 0; i < n.count; i++) {
                if (n.values[i] == null) {
                    continue;
                }
                if (strategy == TrimStrategy.MAXLEN ? length <= maxlen : n.ids[i].compareTo(minId) >= 0) {
                    break;
                }
                removeAt(key, n, i);
                deleted++;
            }
            break;
        }
        return deleted;
    }

    private static StreamId lastLive(Node n) {
        for (int i = n.count - 1; i >= 0; i--) {
            if (n.values[i] != null) {
                return n.ids[i];
            }
        }
        return StreamId.MIN;
    }

    // ---- groups ------------------------------------------------------------------------------

    public StreamGroup group(byte[] name) {
        return groups.get(StreamGroup.key(name));
    }

    /** A new group, or null when one of that name exists. */
    public StreamGroup createGroup(byte[] name, StreamId lastId, long entriesRead) {
        String k = StreamGroup.key(name);
        if (groups.containsKey(k)) {
            return null;
        }
        StreamGroup g = new StreamGroup(name, lastId, entriesRead);
        groups.put(k, g);
        return g;
    }

    public boolean destroyGroup(byte[] name) {
        return groups.remove(StreamGroup.key(name)) != null;
    }

    public Collection<StreamGroup> groups() {
        return groups.values();
    }

    // ---- lag (Redis 7) -------------------------------------------------------------------------

    /** streamRangeHasTombstones(s, start, NULL): whether an XDEL'd id may lie at or after {@code start}. */
    public boolean hasTombstonesFrom(StreamId start) {
        if (length == 0 || maxDeletedId.isZero()) {
            return false;
        }
        if (firstId().compareTo(maxDeletedId) > 0) {
            return false;
        }
        return start.compareTo(maxDeletedId) <= 0;
    }

    /** streamEstimateDistanceFromFirstEverEntry: the logical read counter of {@code id}, or unknown. */
    public long estimateEntriesRead(StreamId id) {
        if (entriesAdded == 0) {
            return 0;
        }
        if (length == 0 && id.compareTo(lastId) <= 0) {
            return entriesAdded;
        }
        int cmpLast = id.compareTo(lastId);
        if (cmpLast == 0) {
            return entriesAdded;
        } else if (cmpLast > 0) {
            return StreamGroup.UNKNOWN_ENTRIES_READ;
        }
        StreamId first = firstId();
        int cmpFirst = id.compareTo(first);
        if (maxDeletedId.isZero() || maxDeletedId.compareTo(first) < 0) {
            if (cmpFirst < 0) {
                return entriesAdded - length;
            } else if (cmpFirst == 0) {
                return entriesAdded - length + 1;
            }
        }
        return StreamGroup.UNKNOWN_ENTRIES_READ;
    }

    /** A group's lag as XINFO reports it, or null when it cannot be known. */
    public Long lag(StreamGroup g) {
        if (entriesAdded == 0) {
            return 0L;
        }
        if (g.entriesRead() != StreamGroup.UNKNOWN_ENTRIES_READ && !hasTombstonesFrom(g.lastId())) {
            return entriesAdded - g.entriesRead();
        }
        long read = estimateEntriesRead(g.lastId());
        return read == StreamGroup.UNKNOWN_ENTRIES_READ ? null : entriesAdded - read;
    }

    /** Called as a group is served an entry past its last id (streamReplyWithRange). */
    public void advance(StreamGroup g, StreamId id) {
        if (g.entriesRead() != StreamGroup.UNKNOWN_ENTRIES_READ && !hasTombstonesFrom(id)) {
            g.entriesRead(g.entriesRead() + 1);
        } else if (entriesAdded > 0) {
            g.entriesRead(estimateEntriesRead(id));
        }
        g.lastId(id);
    }

    // ---- copies and accounting ---------------------------------------------------------------

    public RStream copy() {
        RStream s = new RStream(limits);
        for (Map.Entry<StreamId, Node> e : nodes.entrySet()) {
            s.nodes.put(e.getKey(), e.getValue().copy());
        }
        for (Map.Entry<String, StreamGroup> g : groups.entrySet()) {
            s.groups.put(g.getKey(), g.getValue().copy());
        }
        s.length = length;
        s.lastId = lastId;
        s.maxDeletedId = maxDeletedId;
        s.entriesAdded = entriesAdded;
        s.bytes = bytes;
        return s;
    }

    public long memory() {
        long m = 96 + bytes + nodes.size() * 64L;
        for (StreamGroup g : groups.values()) {
            m += g.memory();
        }
        return m;
    }
}
