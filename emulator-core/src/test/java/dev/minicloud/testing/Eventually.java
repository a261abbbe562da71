package dev.minicloud.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * For effects that arrive asynchronously on another thread (a replica applying its stream): re-reads
 * until the value is the expected one, bounded by a deadline that only guards against a hang. Not
 * a way to wait for time to pass: tests of timed behaviour advance a {@code MutableClock} instead.
 */
public final class Eventually {
    private static final Duration DEADLINE = Duration.ofSeconds(5);

    private Eventually() {}

    /** Re-reads until {@code read} gives {@code expected}, then asserts it (failing after the deadline). */
    public static <T> void assertEventually(T expected, Supplier<T> read) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        T last = read.get();
        while (!expected.equals(last) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            last = read.get();
        }
        assertEquals(expected, last);
    }
}
