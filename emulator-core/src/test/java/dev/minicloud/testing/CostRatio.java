package dev.minicloud.testing;

import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * The cost of a known worst-case request relative to a trivial one on the same instance, for the
 * algorithmic-limit tests: each is timed a few times and the medians are compared, so the bound is
 * a ratio that holds on a slow or busy machine, never a wall-clock threshold. An exponential or
 * unbounded case does not finish at all (the client's read timeout fails the test) or exceeds any
 * fixed ratio by orders of magnitude.
 */
public final class CostRatio {
    private static final int RUNS = 5;

    private CostRatio() {}

    /** Median nanoseconds of {@code RUNS} calls of {@code request} (after one warm-up call). */
    public static long median(Callable<?> request) throws Exception {
        request.call();
        long[] t = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            request.call();
            t[i] = System.nanoTime() - start;
        }
        Arrays.sort(t);
        return Math.max(1, t[RUNS / 2]);
    }

    /** Fails unless {@code worst} costs at most {@code bound} times {@code trivial}. */
    public static void assertAtMost(double bound, String what, Callable<?> trivial, Callable<?> worst)
            throws Exception {
        long base = median(trivial);
        long cost = median(worst);
        double ratio = (double) cost / base;
        if (ratio > bound) {
            throw new AssertionError(what + " cost " + String.format("%.1f", ratio) + "x the trivial request (bound "
                    + bound + "x; medians " + cost / 1000 + " us vs " + base / 1000 + " us)");
        }
    }
}
