package dev.minicloud.kv.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The node layout of {@link RStream} checked against a plain sorted map under random operations. */
class RStreamTest {
    private static List<Long> seqs(List<RStream.Entry> entries) {
        List<Long> out = new ArrayList<>();
        for (RStream.Entry e : entries) {
            out.add(e.id().seq());
        }
        return out;
    }

    private static List<Long> expected(TreeMap<Long, Boolean> model, long from, long to, boolean reverse, int count) {
        List<Long> out = new ArrayList<>(
                (reverse ? model.subMap(from, true, to, true).descendingMap() : model.subMap(from, true, to, true))
                        .keySet());
        return count > 0 && out.size() > count ? out.subList(0, count) : out;
    }

    @Test
    void rangesAcrossNodesAndTombstonesMatchASortedMap() {
        Random random = new Random(42);
        RStream s = new RStream(new EncodingLimits());
        TreeMap<Long, Boolean> model = new TreeMap<>();
        for (long i = 1; i <= 1000; i++) {
            s.append(
                    new StreamId(7, i * 2),
                    new byte[][] {"f".getBytes(StandardCharsets.UTF_8), ("v" + i).getBytes(StandardCharsets.UTF_8)});
            model.put(i * 2, true);
        }
        assertEquals(10, s.nodeCount(), "100 entries per node");
        for (int k = 0; k < 600; k++) {
            long victim = 2L * (1 + random.nextInt(1000));
            assertEquals(model.remove(victim) != null, s.delete(new StreamId(7, victim)));
        }
        assertEquals(model.size(), s.length());
        for (int k = 0; k < 300; k++) {
            long a = random.nextInt(2100);
            long b = a + random.nextInt(600);
            int count = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(50);
            boolean reverse = random.nextBoolean();
            assertEquals(
                    expected(model, a, b, reverse, count),
                    seqs(s.range(new StreamId(7, a), new StreamId(7, b), reverse, count)),
                    a + ".." + b + " count " + count + (reverse ? " reverse" : ""));
        }
        assertEquals(model.firstKey(), s.firstId().seq());
        assertEquals(model.lastKey(), s.last().id().seq());
        assertTrue(s.get(new StreamId(7, model.firstKey())) != null);
        assertNull(s.get(new StreamId(7, 1)), "never added");
    }

    @Test
    void trimmingKeepsTheCountersAndRemovesWholeNodesWhenApproximate() {
        RStream s = new RStream(new EncodingLimits());
        for (long i = 1; i <= 250; i++) {
            s.append(
                    new StreamId(i, 0),
                    new byte[][] {"f".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8)});
        }
        assertEquals(
                0, s.trim(RStream.TrimStrategy.MAXLEN, 160, null, true, 10_000), "only 60 could go: no whole node");
        assertEquals(100, s.trim(RStream.TrimStrategy.MAXLEN, 150, null, true, 10_000));
        assertEquals(0, s.trim(RStream.TrimStrategy.MAXLEN, 0, null, true, 50), "LIMIT keeps a 100-entry node");
        assertEquals(140, s.trim(RStream.TrimStrategy.MAXLEN, 10, null, false, 0));
        assertEquals(10, s.length());
        assertEquals(241, s.firstId().ms());
        assertEquals(250, s.entriesAdded(), "trimming is not deleting");
        assertTrue(s.maxDeletedId().isZero());
        assertEquals(5, s.trim(RStream.TrimStrategy.MINID, 0, new StreamId(246, 0), false, 0));
        assertFalse(s.delete(new StreamId(245, 0)));
    }

    @Test
    void idsStepAcrossTheirSequenceAndSpaceBounds() {
        assertEquals(new StreamId(2, 0), new StreamId(1, -1L).next());
        assertNull(StreamId.MAX.next());
        assertEquals(new StreamId(0, -1L), new StreamId(1, 0).previous());
        assertNull(StreamId.MIN.previous());
        assertEquals("18446744073709551615-18446744073709551615", StreamId.MAX.toString());
        assertTrue(new StreamId(-1L, 0).compareTo(new StreamId(1, 0)) > 0, "unsigned order");
    }
}
