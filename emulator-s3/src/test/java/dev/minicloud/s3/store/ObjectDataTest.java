package dev.minicloud.s3.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Pages, slices, concatenation and the quota bookkeeping behind them. */
class ObjectDataTest {

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static ObjectData write(StorageQuota q, byte[] data, long hint, int piece) {
        ObjectDataWriter w = new ObjectDataWriter(q, hint);
        for (int off = 0; off < data.length; off += piece) {
            w.write(data, off, Math.min(piece, data.length - off));
        }
        return w.finish();
    }

    @Test
    void bytesWrittenInAnyPiecesComeBackExactlyAcrossPages() {
        StorageQuota q = new StorageQuota(0);
        byte[] data = random(3 * ObjectDataWriter.MAX_PAGE + 17);
        for (int piece : new int[] {1, 7, 65536, data.length}) {
            ObjectData d = write(q, data, piece == 7 ? -1 : data.length, piece);
            assertArrayEquals(data, d.toByteArray(), "pieces of " + piece);
            assertTrue(d.slices().size() >= 4, "never one giant array");
            d.release();
        }
        assertEquals(0L, q.used());
    }

    @Test
    void pagesStayUnderHalfOfTheSmallestG1Region() {
        // G1 gives an array of half a region or more whole regions of its own; regions are at least
        // 1 MiB, so bigger pages would make the heap hold up to twice the stored bytes.
        int halfSmallestRegion = 512 * 1024;
        StorageQuota q = new StorageQuota(0);
        for (long hint : new long[] {8L << 20, -1}) {
            ObjectData d = write(q, random(8 << 20), hint, 1 << 20);
            for (ObjectData.Slice s : d.slices()) {
                assertTrue(s.page().length + 16 < halfSmallestRegion, "page of " + s.page().length + " bytes");
            }
            d.release();
        }
    }

    @Test
    void knownLengthReservesExactlyThatMuch() {
        StorageQuota q = new StorageQuota(0);
        ObjectData d = write(q, random(4096), 4096, 1000);
        assertEquals(4096L, q.used());
        d.release();
        assertEquals(0L, q.used());
    }

    @Test
    void slicesAndConcatenationsShareTheSamePages() {
        StorageQuota q = new StorageQuota(0);
        byte[] a = random(ObjectDataWriter.MAX_PAGE + 100);
        byte[] b = random(5000);
        ObjectData da = write(q, a, a.length, 4096);
        ObjectData db = write(q, b, b.length, 4096);
        long before = q.used();
        ObjectData joined = ObjectData.concat(List.of(da, db));
        ObjectData middle = joined.slice(a.length - 10, 20);
        assertEquals(before, q.used(), "no copy was made");
        byte[] expected = new byte[20];
        System.arraycopy(a, a.length - 10, expected, 0, 10);
        System.arraycopy(b, 0, expected, 10, 10);
        assertArrayEquals(expected, middle.toByteArray());
        da.release();
        db.release();
        joined.release();
        assertEquals(before, q.used(), "the slice still holds the pages");
        middle.release();
        assertEquals(0L, q.used());
    }

    @Test
    void quotaRefusesBeyondTheLimitAndAbortReturnsEverything() {
        StorageQuota q = new StorageQuota(100_000);
        ObjectDataWriter w = new ObjectDataWriter(q, -1);
        byte[] chunk = new byte[10_000];
        assertThrows(StorageFullException.class, () -> {
            for (int i = 0; i < 100; i++) {
                w.write(chunk, 0, chunk.length);
            }
        });
        assertTrue(q.used() > 0);
        w.abort();
        w.abort();
        assertEquals(0L, q.used());
    }

    @Test
    void emptyObjectHoldsNothing() {
        StorageQuota q = new StorageQuota(0);
        ObjectData d = write(q, new byte[0], 0, 1);
        assertEquals(0L, d.length());
        assertEquals(0L, q.used());
        assertArrayEquals(new byte[0], d.share().toByteArray());
        assertTrue(Arrays.equals(new byte[0], d.slice(0, 0).toByteArray()));
    }
}
