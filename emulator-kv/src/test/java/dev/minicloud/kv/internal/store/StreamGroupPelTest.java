package dev.minicloud.kv.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The PEL of {@link StreamGroup} (hash index plus {@link PendingEntries} lists) checked against plain
 * sorted maps, the group's and each consumer's, under random acks, transfers, out-of-order adds and
 * consumer deletions.
 */
class StreamGroupPelTest {
    private static final String[] NAMES = {"alice", "bob", "carol", "dave"};

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static StreamId id(long n) {
        return new StreamId(n / 3, n % 3);
    }

    private static List<StreamId> ids(Iterable<StreamGroup.Pending> pel) {
        List<StreamId> out = new ArrayList<>();
        for (StreamGroup.Pending p : pel) {
            out.add(p.id());
        }
        return out;
    }

    /** Every ordered and hashed view of the group equals the model's. */
    private static void check(StreamGroup g, TreeMap<StreamId, String> model, Random random) {
        assertEquals(new ArrayList<>(model.keySet()), ids(g.pel()));
        assertEquals(model.size(), g.pel().size());
        assertEquals(
                model.isEmpty() ? null : model.firstKey(),
                g.pel().first() == null ? null : g.pel().first().id());
        assertEquals(
                model.isEmpty() ? null : model.lastKey(),
                g.pel().last() == null ? null : g.pel().last().id());
        for (String name : NAMES) {
            StreamGroup.Consumer c = g.consumer(b(name));
            List<StreamId> own = new ArrayList<>();
            model.forEach((k, v) -> {
                if (v.equals(name)) {
                    own.add(k);
                }
            });
            if (c == null) {
                assertTrue(own.isEmpty(), name);
                continue;
            }
            assertEquals(own, ids(c.pel()), name);
            assertEquals(own.size(), c.pel().size(), name);
        }
        for (int k = 0; k < 5; k++) {
            StreamId probe = id(random.nextInt(700));
            Map.Entry<StreamId, String> ceiling = model.ceilingEntry(probe);
            StreamGroup.Pending p = g.pel().ceiling(probe);
            assertEquals(ceiling == null ? null : ceiling.getKey(), p == null ? null : p.id(), "ceiling of " + probe);
            NavigableMap<StreamId, String> tail = model.tailMap(probe, true);
            assertEquals(new ArrayList<>(tail.keySet()), ids(g.pel().from(probe)));
            StreamGroup.Pending hashed = g.pending(probe);
            assertEquals(
                    model.get(probe),
                    hashed == null ? null : new String(hashed.consumer().name(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void randomAcksTransfersAndOutOfOrderAddsMatchSortedMaps() {
        Random random = new Random(7);
        StreamGroup g = new StreamGroup(b("g"), StreamId.MIN, 0);
        TreeMap<StreamId, String> model = new TreeMap<>();
        long next = 100;
        for (int step = 0; step < 20_000; step++) {
            int op = random.nextInt(100);
            String name = NAMES[random.nextInt(NAMES.length)];
            StreamGroup.Consumer c = g.consumer(b(name));
            if (c == null) {
                c = g.createConsumer(b(name), step);
            }
            if (op < 40) {
                // XREADGROUP >: a new greatest id
                StreamId id = id(next++);
                g.addPending(id, c, step, 1);
                model.put(id, name);
            } else if (op < 45) {
                // XCLAIM FORCE, or a read after XGROUP SETID moved back: an older id, if not pending
                StreamId id = id(random.nextInt((int) next));
                if (g.pending(id) == null) {
                    g.addPending(id, c, step, 1);
                    model.put(id, name);
                }
            } else if (op < 80) {
                StreamId id = id(random.nextInt((int) next + 10));
                assertEquals(model.remove(id) != null, g.ack(id), "ack " + id);
            } else if (op < 97) {
                StreamId id = id(random.nextInt((int) next));
                StreamGroup.Pending p = g.pending(id);
                if (p != null) {
                    g.transfer(p, c);
                    model.put(id, name);
                }
            } else if (op < 99) {
                long had = model.values().stream().filter(name::equals).count();
                assertEquals(had, g.deleteConsumer(b(name)));
                model.values().removeIf(name::equals);
            } else {
                check(g, model, random);
            }
        }
        check(g, model, random);
        check(g.copy(), model, random);
    }

    @Test
    void ackingEverythingInRandomOrderEmptiesEveryList() {
        Random random = new Random(11);
        StreamGroup g = new StreamGroup(b("g"), StreamId.MIN, 0);
        StreamGroup.Consumer c = g.createConsumer(b("c"), 0);
        List<StreamId> all = new ArrayList<>();
        for (long n = 1; n <= 5000; n++) {
            all.add(new StreamId(n, 0));
            g.addPending(new StreamId(n, 0), c, 0, 1);
        }
        Collections.shuffle(all, random);
        TreeMap<StreamId, String> model = new TreeMap<>();
        all.forEach(id -> model.put(id, "c"));
        for (StreamId id : all) {
            assertTrue(g.ack(id));
            assertFalse(g.ack(id), "a second ack finds nothing");
            model.remove(id);
            if (model.size() % 997 == 0) {
                assertEquals(new ArrayList<>(model.keySet()), ids(c.pel()));
            }
        }
        assertTrue(g.pel().isEmpty());
        assertTrue(c.pel().isEmpty());
        assertNull(g.pel().first());
        assertNull(g.pel().ceiling(StreamId.MIN));
        g.addPending(new StreamId(3, 3), c, 0, 1);
        assertEquals(List.of(new StreamId(3, 3)), ids(c.pel()));
    }

    @Test
    void aTransferToAConsumerHoldingNewerIdsKeepsItsListInOrder() {
        StreamGroup g = new StreamGroup(b("g"), StreamId.MIN, 0);
        StreamGroup.Consumer a = g.createConsumer(b("a"), 0);
        StreamGroup.Consumer z = g.createConsumer(b("z"), 0);
        StreamGroup.Pending old = g.addPending(new StreamId(1, 0), a, 0, 1);
        g.addPending(new StreamId(2, 0), z, 0, 1);
        g.addPending(new StreamId(3, 0), z, 0, 1);
        g.transfer(old, z);
        assertEquals(List.of(new StreamId(1, 0), new StreamId(2, 0), new StreamId(3, 0)), ids(z.pel()));
        assertTrue(a.pel().isEmpty());
        // and back: the slot it left in a's list must not count as live again
        g.transfer(old, a);
        g.transfer(old, z);
        g.transfer(old, a);
        assertEquals(List.of(new StreamId(1, 0)), ids(a.pel()));
        assertEquals(List.of(new StreamId(2, 0), new StreamId(3, 0)), ids(z.pel()));
        assertSame(a, g.pending(new StreamId(1, 0)).consumer());
    }

    @Test
    void anIteratorFailsFastWhenTheListIsCompactedUnderIt() {
        StreamGroup g = new StreamGroup(b("g"), StreamId.MIN, 0);
        StreamGroup.Consumer c = g.createConsumer(b("c"), 0);
        for (long n = 1; n <= 100; n++) {
            g.addPending(new StreamId(n, 0), c, 0, 1);
        }
        Iterator<StreamGroup.Pending> it = g.pel().iterator();
        it.next();
        for (long n = 2; n <= 99; n++) {
            g.ack(new StreamId(n, 0)); // middle slots: compaction when most are dead
        }
        assertThrows(ConcurrentModificationException.class, it::hasNext);
        assertEquals(List.of(new StreamId(1, 0), new StreamId(100, 0)), ids(g.pel()));
        Map<StreamId, Long> counts = new HashMap<>();
        for (StreamGroup.Pending p : c.pel()) {
            counts.put(p.id(), p.deliveryCount());
        }
        assertEquals(Map.of(new StreamId(1, 0), 1L, new StreamId(100, 0), 1L), counts);
    }
}
