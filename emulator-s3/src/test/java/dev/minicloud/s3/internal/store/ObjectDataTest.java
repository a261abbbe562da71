package dev.minicloud.s3.internal.store;

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
    void fullPagesPackG1RegionsWithoutGaps() {
        // G1 regions are 1 MiB or a larger power of two; a byte[] takes its length plus a 16-byte
        // header. Full pages must divide a region exactly, or every region of stored data wastes its tail.
        int region = 1024 * 1024;
        StorageQuota q = new StorageQuota(0);
        for (long hint : new long[] {8L << 20, -1}) {
            ObjectData d = write(q, random(8 << 20), hint, 1 << 20);
            for (ObjectData.Slice s : d.slices().subList(0, d.slices().size() - 1)) {
                assertEquals(0, region % (s.page().length + 16), "page of " + s.page().length + " bytes");
            }
            d.release();
        }
    }

    @Test
    void aReaderLosingTheRaceWithTheWriterGetsNothingAndTakesNothing() {
        StorageQuota q = new StorageQuota(0);
        ObjectData stored = write(q, random(ObjectDataWriter.MAX_PAGE * 2 + 1), -1, 4096);
        ObjectData reader = stored.tryShare();
        ObjectData range = stored.trySlice(10, 100);
        stored.release(); // the writer replaced the object; live readers keep the pages
        assertTrue(q.used() > 0);
        reader.release();
        range.release();
        assertEquals(0L, q.used());
        assertEquals(null, stored.tryShare(), "released data cannot be taken again");
        assertEquals(null, stored.trySlice(0, 1));
        assertEquals(0L, q.used(), "a failed take leaves no reference behind");
    }

    @Test
    void aFailedTakeGivesBackThePagesItAlreadyHeld() {
        StorageQuota q = new StorageQuota(0);
        ObjectData a = write(q, random(1000), 1000, 1000);
        ObjectData b = write(q, random(2000), 2000, 2000);
        ObjectData joined = ObjectData.tryConcat(List.of(a, b));
        b.release();
        joined.release(); // b's pages are gone; a's still belong to a
        assertEquals(null, joined.tryShare());
        a.release();
        assertEquals(0L, q.used(), "a's page was not kept by the failed take");
    }

    @Test
    void concatenatingAReleasedPartTakesNothingAndLeavesNoReference() {
        StorageQuota q = new StorageQuota(0);
        ObjectData a = write(q, random(1000), 1000, 1000);
        ObjectData b = write(q, random(2000), 2000, 2000);
        b.release(); // a part uploaded again while its upload was being completed
        assertEquals(null, ObjectData.tryConcat(List.of(a, b)));
        a.release();
        assertEquals(0L, q.used(), "a's page was not kept by the failed concatenation");
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
        ObjectData joined = ObjectData.tryConcat(List.of(da, db));
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
