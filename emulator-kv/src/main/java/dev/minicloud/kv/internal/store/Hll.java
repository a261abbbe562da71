package dev.minicloud.kv.internal.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * HyperLogLog as Redis stores it: a string value starting with {@code HYLL}, 16384 six-bit
 * registers (dense encoding only), MurmurHash64A and Ertl's improved estimator, which gives Redis'
 * standard error of 0.81%.
 */
public final class Hll {
    private static final int P = 14;
    private static final int M = 1 << P;
    private static final int Q = 64 - P;
    private static final int HEADER = 16;
    private static final int SIZE = HEADER + (M * 6 + 7) / 8;
    private static final byte[] MAGIC = "HYLL".getBytes(StandardCharsets.US_ASCII);
    private static final double ALPHA_INF = 0.7213475204444817;

    private Hll() {}

    public static byte[] create() {
        byte[] b = new byte[SIZE];
        System.arraycopy(MAGIC, 0, b, 0, 4);
        return b;
    }

    public static boolean isValid(byte[] b) {
        return b.length == SIZE && b[0] == 'H' && b[1] == 'Y' && b[2] == 'L' && b[3] == 'L' && b[4] == 0;
    }

    static int get(byte[] b, int reg) {
        int bit = reg * 6;
        int byteIdx = HEADER + bit / 8;
        int shift = bit & 7;
        int b0 = b[byteIdx] & 0xff;
        int b1 = byteIdx + 1 < b.length ? b[byteIdx + 1] & 0xff : 0;
        return ((b0 >>> shift) | (b1 << (8 - shift))) & 63;
    }

    static void set(byte[] b, int reg, int val) {
        int bit = reg * 6;
        int byteIdx = HEADER + bit / 8;
        int shift = bit & 7;
        int v = val & 63;
        b[byteIdx] = (byte) ((b[byteIdx] & ~(63 << shift)) | (v << shift));
        if (shift > 2) {
            b[byteIdx + 1] = (byte) ((b[byteIdx + 1] & ~(63 >>> (8 - shift))) | (v >>> (8 - shift)));
        }
    }

    /** Adds an element to a (mutable, copied by the caller) HLL; true when a register changed. */
    public static boolean add(byte[] hll, byte[] element) {
        long hash = murmur64a(element, 0xadc83b19L);
        int index = (int) (hash & (M - 1));
        hash >>>= P;
        hash |= 1L << Q;
        int count = Long.numberOfTrailingZeros(hash) + 1;
        if (get(hll, index) < count) {
            set(hll, index, count);
            invalidate(hll);
            return true;
        }
        return false;
    }

    /** Register-wise max of {@code src} into {@code dst}. */
    public static void merge(byte[] dst, byte[] src) {
        for (int i = 0; i < M; i++) {
            int v = get(src, i);
            if (v > get(dst, i)) {
                set(dst, i, v);
            }
        }
        invalidate(dst);
    }

    private static void invalidate(byte[] hll) {
        hll[15] |= (byte) 0x80;
    }

    public static long count(byte[] hll) {
        int[] histo = new int[64];
        for (int i = 0; i < M; i++) {
            histo[get(hll, i)]++;
        }
        double z = M * tau((M - histo[Q + 1]) / (double) M);
        for (int j = Q; j >= 1; --j) {
            z += histo[j];
            z *= 0.5;
        }
        z += M * sigma(histo[0] / (double) M);
        return Math.round(ALPHA_INF * M * M / z);
    }

    private static double sigma(double x) {
        if (x == 1.0) {
            return Double.POSITIVE_INFINITY;
        }
        double zPrime;
        double y = 1;
        double z = x;
        do {
            x *= x;
            zPrime = z;
            z += x * y;
            y += y;
        } while (zPrime != z);
        return z;
    }

    private static double tau(double x) {
        if (x == 0.0 || x == 1.0) {
            return 0.0;
        }
        double zPrime;
        double y = 1.0;
        double z = 1 - x;
        do {
            x = Math.sqrt(x);
            zPrime = z;
            y *= 0.5;
            z -= Math.pow(1 - x, 2) * y;
        } while (zPrime != z);
        return z / 3;
    }

    static long murmur64a(byte[] key, long seed) {
        final long m = 0xc6a4a7935bd1e995L;
        final int r = 47;
        int len = key.length;
        long h = seed ^ (len * m);
        int nblocks = len / 8;
        for (int i = 0; i < nblocks; i++) {
            int o = i * 8;
            long k = (key[o] & 0xffL)
                    | (key[o + 1] & 0xffL) << 8
                    | (key[o + 2] & 0xffL) << 16
                    | (key[o + 3] & 0xffL) << 24
                    | (key[o + 4] & 0xffL) << 32
                    | (key[o + 5] & 0xffL) << 40
                    | (key[o + 6] & 0xffL) << 48
                    | (key[o + 7] & 0xffL) << 56;
            k *= m;
            k ^= k >>> r;
            k *= m;
            h ^= k;
            h *= m;
        }
        int tail = nblocks * 8;
        int rest = len & 7;
        if (rest > 0) {
            // the tail bytes, highest first, as MurmurHash64A's fall-through switch does
            for (int j = rest - 1; j >= 0; j--) {
                h ^= (key[tail + j] & 0xffL) << (8 * j);
            }
            h *= m;
        }
        h ^= h >>> r;
        h *= m;
        h ^= h >>> r;
        return h;
    }

    public static byte[] copy(byte[] hll) {
        return Arrays.copyOf(hll, hll.length);
    }
}
