package dev.minicloud.kv.internal.rdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minicloud.kv.internal.store.EncodingLimits;
import dev.minicloud.kv.internal.store.RStream;
import dev.minicloud.kv.internal.store.StreamGroup;
import dev.minicloud.kv.internal.store.StreamId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Streams through DUMP's serialization: a faithful round trip, and damaged bodies refused cleanly. */
class StreamRdbTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static RStream sample() {
        RStream s = new RStream(new EncodingLimits());
        for (int i = 1; i <= 230; i++) {
            s.append(new StreamId(1_700_000_000_000L + i, i), new byte[][] {
                b("f" + (i % 4)), b(i % 2 == 0 ? "" + i * 77 : "x".repeat(i * 20))
            });
        }
        s.delete(new StreamId(1_700_000_000_005L, 5));
        StreamGroup g = s.createGroup(b("g"), new StreamId(1_700_000_000_010L, 10), 9);
        StreamGroup.Consumer c = g.createConsumer(b("c"), 1234);
        g.addPending(new StreamId(1_700_000_000_001L, 1), c, 999, 3);
        g.addPending(new StreamId(1_700_000_000_005L, 5), c, 1000, 1); // deleted since: stays pending
        s.createGroup(b("unknown"), StreamId.MIN, StreamGroup.UNKNOWN_ENTRIES_READ);
        return s;
    }

    private static byte[] body(RStream s) {
        return DumpPayload.open(RdbWriter.dump(s));
    }

    @Test
    void roundTripKeepsEntriesCountersGroupsAndPels() {
        RStream s = sample();
        RStream back = (RStream) RdbReader.read(body(s), new EncodingLimits());
        assertEquals(s.length(), back.length());
        assertEquals(s.lastId(), back.lastId());
        assertEquals(s.maxDeletedId(), back.maxDeletedId());
        assertEquals(s.entriesAdded(), back.entriesAdded());
        var a = s.range(StreamId.MIN, StreamId.MAX, false, 0);
        var z = back.range(StreamId.MIN, StreamId.MAX, false, 0);
        assertEquals(a.size(), z.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).id(), z.get(i).id());
            assertEquals(
                    Arrays.deepToString(a.get(i).fields()),
                    Arrays.deepToString(z.get(i).fields()));
        }
        StreamGroup g = back.group(b("g"));
        assertEquals(9, g.entriesRead());
        assertEquals(2, g.pel().size());
        StreamGroup.Pending p = g.pel().first();
        assertEquals(999, p.deliveryTime());
        assertEquals(3, p.deliveryCount());
        assertEquals(2, g.consumer(b("c")).pel().size());
        assertEquals(1234, g.consumer(b("c")).seenTime());
        assertEquals(StreamGroup.UNKNOWN_ENTRIES_READ, back.group(b("unknown")).entriesRead());
    }

    @Test
    void truncatedOrScrambledBodiesAreBadDataNeverAnotherFailure() {
        byte[] body = body(sample());
        for (int n = 0; n < body.length; n += 7) {
            byte[] cut = Arrays.copyOf(body, n);
            assertThrows(RdbFormatException.class, () -> RdbReader.read(cut, new EncodingLimits()), "cut at " + n);
        }
        Random random = new Random(7);
        for (int k = 0; k < 2000; k++) {
            byte[] bad = body.clone();
            bad[1 + random.nextInt(bad.length - 1)] ^= (byte) (1 + random.nextInt(255));
            try {
                RdbReader.read(bad, new EncodingLimits());
            } catch (RdbFormatException expected) {
                // the other possible outcome: a flipped value byte still makes a valid stream
            }
        }
    }
}
