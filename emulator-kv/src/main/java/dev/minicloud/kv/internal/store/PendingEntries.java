package dev.minicloud.kv.internal.store;

import java.util.Arrays;
import java.util.Comparator;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Pending entries in id order: a consumer group's whole PEL, or one consumer's part of it. XACK must
 * cost O(1), so this is not a tree: the entries sit in an array sorted by id, and each entry knows its
 * slot, so removing one only marks the slot dead.
 *
 * <p>Layout: live and dead slots between {@code head} and {@code end}; the first and last slots of
 * that range are always live, so {@link #first()} and {@link #last()} are O(1). A slot is live when
 * the entry it holds still names it as its slot in this list (and, for a consumer's list, still
 * belongs to that consumer): an entry that moved on or was acknowledged leaves a dead slot behind
 * that still holds its id, so binary searches stay valid over dead slots. When dead slots outnumber
 * live ones the array is compacted, which keeps removal O(1) amortized and the array at most twice
 * the live size.
 *
 * <p>Order: XREADGROUP {@code >} always delivers ids greater than any pending, so adding is an
 * append. The few paths that add an older id (XCLAIM ... FORCE, a read after XGROUP SETID moved the
 * group back, an RDB payload listing a PEL consumer by consumer, a transfer to a consumer holding
 * newer ids) append too and mark the list unsorted; the next ordered read sorts it once (the array is
 * then a sorted run plus a short unsorted tail, which Arrays.sort merges in about linear time).
 *
 * <p>Not thread-safe (the KV thread owns it); callers do not change a list while iterating it.
 */
public final class PendingEntries implements Iterable<StreamGroup.Pending> {
    private static final StreamGroup.Pending[] EMPTY = new StreamGroup.Pending[0];
    private static final Comparator<StreamGroup.Pending> BY_ID = Comparator.comparing(StreamGroup.Pending::id);
    /** Below this many slots a list is never compacted for its dead slots alone. */
    private static final int MIN_COMPACT = 16;

    /** The consumer whose entries these are, null for the group's whole PEL. */
    private final StreamGroup.Consumer owner;

    private StreamGroup.Pending[] slots = EMPTY;
    private int head;
    private int end;
    private int live;
    private boolean sorted = true;
    /** Bumped when slots move (compaction, sorting), so an iterator in use notices. */
    private int layout;

    PendingEntries(StreamGroup.Consumer owner) {
        this.owner = owner;
    }

    public int size() {
        return live;
    }

    public boolean isEmpty() {
        return live == 0;
    }

    /** The smallest pending id's entry, or null. */
    public StreamGroup.Pending first() {
        order();
        return live == 0 ? null : slots[head];
    }

    /** The greatest pending id's entry, or null. */
    public StreamGroup.Pending last() {
        order();
        return live == 0 ? null : slots[end - 1];
    }

    /** The entry with the smallest id >= {@code id}, or null. */
    public StreamGroup.Pending ceiling(StreamId id) {
        order();
        int i = nextLive(lowerBound(id));
        return i < end ? slots[i] : null;
    }

    /** The entries with ids >= {@code from}, in id order. */
    public Iterable<StreamGroup.Pending> from(StreamId from) {
        return () -> {
            order();
            return new Walk(lowerBound(from));
        };
    }

    /** All entries in id order. */
    @Override
    public Iterator<StreamGroup.Pending> iterator() {
        order();
        return new Walk(head);
    }

    // ---- changes (StreamGroup's) --------------------------------------------------------------

    void add(StreamGroup.Pending p) {
        if (end == slots.length) {
            // room by compacting when at least half the slots are dead or unused, else by growing
            rebuild(live < slots.length / 2 ? slots.length : Math.max(4, slots.length * 2));
        }
        if (sorted && live > 0 && slots[end - 1].id.compareTo(p.id) > 0) {
            sorted = false;
        }
        slot(p, end);
        slots[end++] = p;
        live++;
    }

    void remove(StreamGroup.Pending p) {
        int i = slotOf(p);
        if (i < head || i >= end || slots[i] != p) {
            throw new IllegalStateException("not in this list: " + p.id);
        }
        slot(p, -1);
        live--;
        if (live == 0) {
            Arrays.fill(slots, head, end, null);
            head = 0;
            end = 0;
            sorted = true;
            return;
        }
        if (i == head) {
            while (!isLive(head)) {
                slots[head++] = null;
            }
        } else if (i == end - 1) {
            while (!isLive(end - 1)) {
                slots[--end] = null;
            }
        }
        if (end - head > MIN_COMPACT && end - head - live > live) {
            rebuild(slots.length);
        }
    }

    // ---- internals ----------------------------------------------------------------------------

    private int slotOf(StreamGroup.Pending p) {
        return owner == null ? p.groupSlot : p.consumerSlot;
    }

    private void slot(StreamGroup.Pending p, int i) {
        if (owner == null) {
            p.groupSlot = i;
        } else {
            p.consumerSlot = i;
        }
    }

    private boolean isLive(int i) {
        StreamGroup.Pending p = slots[i];
        return slotOf(p) == i && (owner == null || p.consumer == owner);
    }

    /** The first live slot at or after {@code i}, or {@code end}. */
    private int nextLive(int i) {
        while (i < end && !isLive(i)) {
            i++;
        }
        return i;
    }

    /** The first slot in [head, end) whose id is >= {@code id} (dead slots keep their ids in order). */
    private int lowerBound(StreamId id) {
        int lo = head;
        int hi = end;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (slots[mid].id.compareTo(id) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Sorts the slots by id if an older id was added since the last ordered read. */
    private void order() {
        if (!sorted) {
            rebuild(slots.length);
            Arrays.sort(slots, 0, end, BY_ID);
            for (int i = 0; i < end; i++) {
                slot(slots[i], i);
            }
            sorted = true;
        }
    }

    /** Copies the live slots, in their order, to the front of a new array of {@code capacity}. */
    private void rebuild(int capacity) {
        StreamGroup.Pending[] next = new StreamGroup.Pending[Math.max(capacity, live)];
        int n = 0;
        for (int i = head; i < end; i++) {
            if (isLive(i)) {
                StreamGroup.Pending p = slots[i];
                slot(p, n);
                next[n++] = p;
            }
        }
        slots = next;
        head = 0;
        end = n;
        layout++;
    }

    /** Live slots from a start slot on; fails fast if the slots moved under it. */
    private final class Walk implements Iterator<StreamGroup.Pending> {
        private final int expectedLayout = layout;
        private int at;

        Walk(int start) {
            at = start;
        }

        @Override
        public boolean hasNext() {
            if (layout != expectedLayout) {
                throw new ConcurrentModificationException();
            }
            at = nextLive(at);
            return at < end;
        }

        @Override
        public StreamGroup.Pending next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return slots[at++];
        }
    }
}
