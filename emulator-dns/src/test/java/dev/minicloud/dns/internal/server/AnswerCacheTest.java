package dev.minicloud.dns.internal.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class AnswerCacheTest {

    /** A distinct 12+ byte "query" per number (bytes 0-1, the id, are ignored by the cache). */
    private static byte[] query(int n) {
        return ByteBuffer.allocate(16).putShort((short) 0).putInt(n).array();
    }

    @Test
    void largeTcpAnswersAreBoundedByBytesNotOnlyByCount() {
        AnswerCache cache = new AnswerCache();
        byte[] reply = new byte[60_000];
        for (int i = 0; i < 1_000; i++) {
            cache.put(query(i), false, 1, reply);
            assertTrue(
                    cache.retainedBytes() <= AnswerCache.DEFAULT_MAX_BYTES,
                    cache.retainedBytes() + " bytes retained after " + (i + 1) + " answers");
        }
        assertArrayEquals(reply, cache.get(query(999), false, 1), "the latest answer is kept");
    }

    @Test
    void replacingAnEntryCountsOnlyTheNewReply() {
        AnswerCache cache = new AnswerCache(10, 1_000);
        for (int i = 0; i < 100; i++) {
            cache.put(query(1), true, i, new byte[300]);
        }
        cache.put(query(2), true, 99, new byte[300]);
        cache.put(query(3), true, 99, new byte[300]);
        assertTrue(cache.get(query(1), true, 99) != null, "a replaced entry does not inflate the count into a clear");
        assertTrue(cache.retainedBytes() <= 1_000);
    }

    @Test
    void anAnswerLargerThanTheWholeBoundIsNotCached() {
        AnswerCache cache = new AnswerCache(10, 1_000);
        cache.put(query(1), false, 1, new byte[2_000]);
        assertNull(cache.get(query(1), false, 1));
    }
}
