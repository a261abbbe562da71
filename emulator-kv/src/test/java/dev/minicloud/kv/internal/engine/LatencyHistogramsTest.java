package dev.minicloud.kv.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** LATENCY HISTOGRAM's buckets are the ones redis-server 7 reports (its HDR histogram's logarithmic iterator). */
class LatencyHistogramsTest {
    @Test
    void callsLandInRedisPowerOfTwoBucketsWithTheirHighestEquivalentValues() {
        // a 0 us call is clamped to 1 ns; 1024 ns's equivalent range ends at 1031 ns
        assertEquals(1, LatencyHistograms.bucketMicros(0));
        assertEquals(1, LatencyHistograms.bucketMicros(1));
        assertEquals(2, LatencyHistograms.bucketMicros(2));
        assertEquals(4, LatencyHistograms.bucketMicros(3));
        assertEquals(8, LatencyHistograms.bucketMicros(7)); // redis-server: CONFIG GET in 7 us -> 8
        assertEquals(16, LatencyHistograms.bucketMicros(12)); // SET in 12 us -> 16
        assertEquals(16, LatencyHistograms.bucketMicros(16));
        assertEquals(33, LatencyHistograms.bucketMicros(17));
        assertEquals(33, LatencyHistograms.bucketMicros(33)); // 33000 ns <= 32768 + 256 - 1
        assertEquals(66, LatencyHistograms.bucketMicros(34));
        assertEquals(132, LatencyHistograms.bucketMicros(100));
        assertEquals(4227, LatencyHistograms.bucketMicros(3093)); // DEBUG SLEEP 0.003 took 3093 us -> 4227
        assertEquals(541065, LatencyHistograms.bucketMicros(541_065));
        // past 2^29 ns's range the histogram ends: the cap of 1 s is reported at 2^30 - 1 ns
        assertEquals(1073741, LatencyHistograms.bucketMicros(541_066));
        assertEquals(1073741, LatencyHistograms.bucketMicros(5_000_000));
    }

    @Test
    void everyDurationLandsInTheFirstLevelWhoseRangeCoversIt() {
        for (long micros = 0; micros <= 1_100_000; micros++) {
            long nanos = Math.min(1_000_000_000L, Math.max(1, micros * 1000));
            long expected = 1073741; // past 2^29 ns's range: the histogram's end
            for (int k = 0; k < 20; k++) {
                long level = 1024L << k;
                if (nanos <= level + level / 128 - 1) {
                    expected = (level + level / 128 - 1) / 1000;
                    break;
                }
            }
            assertEquals(expected, LatencyHistograms.bucketMicros(micros), "micros " + micros);
        }
    }
}
