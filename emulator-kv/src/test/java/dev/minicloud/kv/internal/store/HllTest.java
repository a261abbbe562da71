package dev.minicloud.kv.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HllTest {

    @Test
    void estimateIsWithinOnePercentForLargeCardinalities() {
        byte[] h = Hll.create();
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            Hll.add(h, ("element:" + i).getBytes(StandardCharsets.US_ASCII));
        }
        double error = Math.abs(Hll.count(h) - n) / (double) n;
        assertTrue(error < 0.01, "error " + error);
    }

    @Test
    void smallCardinalitiesAreExact() {
        byte[] h = Hll.create();
        for (int i = 0; i < 10; i++) {
            Hll.add(h, ("e" + i).getBytes(StandardCharsets.US_ASCII));
            Hll.add(h, ("e" + i).getBytes(StandardCharsets.US_ASCII));
        }
        assertEquals(10, Hll.count(h));
    }

    @Test
    void mergeIsTheUnion() {
        byte[] a = Hll.create();
        byte[] b = Hll.create();
        for (int i = 0; i < 1000; i++) {
            Hll.add(a, ("x" + i).getBytes(StandardCharsets.US_ASCII));
            Hll.add(b, ("x" + (i + 500)).getBytes(StandardCharsets.US_ASCII));
        }
        Hll.merge(a, b);
        assertTrue(Math.abs(Hll.count(a) - 1500) < 30);
    }
}
