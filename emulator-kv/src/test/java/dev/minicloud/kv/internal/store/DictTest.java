package dev.minicloud.kv.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DictTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void getAddRemoveByContent() {
        Dict<Dict.Entry> d = new Dict<>();
        d.add(new Dict.Entry(b("a")));
        assertNotNull(d.get(b("a")));
        assertNull(d.get(b("b")));
        assertNotNull(d.remove(b("a")));
        assertEquals(0, d.size());
    }

    @Test
    void fullScanReturnsEveryElementPresentThroughoutDespiteResizes() {
        Dict<Dict.Entry> d = new Dict<>();
        for (int i = 0; i < 1000; i++) {
            d.add(new Dict.Entry(b("k" + i)));
        }
        Set<String> seen = new HashSet<>();
        long cursor = 0;
        int round = 0;
        do {
            cursor = d.scan(cursor, 10, e -> seen.add(new String(e.key(), StandardCharsets.UTF_8)));
            // grow and shrink the table while iterating; k0..k499 stay present throughout
            if (round == 5) {
                for (int i = 1000; i < 5000; i++) {
                    d.add(new Dict.Entry(b("k" + i)));
                }
            }
            if (round == 50) {
                for (int i = 500; i < 5000; i++) {
                    d.remove(b("k" + i));
                }
            }
            round++;
        } while (cursor != 0);
        for (int i = 0; i < 500; i++) {
            assertTrue(seen.contains("k" + i), "k" + i);
        }
    }

    @Test
    void randomReturnsOnlyPresentElements() {
        Dict<Dict.Entry> d = new Dict<>();
        Random rnd = new Random(1);
        assertNull(d.random(rnd));
        for (int i = 0; i < 100; i++) {
            d.add(new Dict.Entry(b("k" + i)));
        }
        for (int i = 0; i < 1000; i++) {
            assertNotNull(d.get(d.random(rnd).key()));
        }
    }

    @Test
    void smallDictsIterateInInsertionOrderUntilTheyGrow() {
        Dict<Dict.Entry> d = new Dict<>();
        d.keepInsertionOrder(3);
        d.add(new Dict.Entry(b("z")));
        d.add(new Dict.Entry(b("a")));
        d.add(new Dict.Entry(b("m")));
        StringBuilder order = new StringBuilder();
        d.forEach(e -> order.append(new String(e.key(), StandardCharsets.UTF_8)));
        assertEquals("zam", order.toString());
        d.add(new Dict.Entry(b("x")));
        assertTrue(!d.isOrdered());
    }
}
