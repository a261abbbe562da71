package dev.minicloud.kv.internal.script;

/**
 * Redis' {@code redisLrand48}/{@code redisSrand48} (rand.c): the drand48 generator Redis gives
 * scripts in place of libc's, so {@code math.random} yields the same sequence on every platform.
 */
final class Rand48 {
    static final int MAX = Integer.MAX_VALUE;
    private static final long A = 0x5DEECE66DL;
    private static final long C = 0xB;
    private static final long MASK = (1L << 48) - 1;
    private long x = 0x1234ABCD330EL;

    void seed(int seed) {
        x = (((long) seed & 0xffffffffL) << 16 | 0x330E) & MASK;
    }

    int next() {
        x = (A * x + C) & MASK;
        return (int) (x >>> 17);
    }
}
