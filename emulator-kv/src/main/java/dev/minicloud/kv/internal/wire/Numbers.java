package dev.minicloud.kv.internal.wire;

import java.nio.charset.StandardCharsets;

/** Strict integer parsing and formatting of Redis arguments (Redis' {@code string2ll}), without String garbage. */
public final class Numbers {
    private static final byte[][] SMALL = new byte[10000][];

    static {
        for (int i = 0; i < SMALL.length; i++) {
            SMALL[i] = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
        }
    }

    private Numbers() {}

    /** The value, or {@code null} when the bytes are not a canonical signed 64-bit integer. */
    public static Long parseLong(byte[] b) {
        int n = b.length;
        if (n == 0 || n > 20) {
            return null;
        }
        if (n == 1 && b[0] >= '0' && b[0] <= '9') {
            return (long) (b[0] - '0');
        }
        int i = 0;
        boolean neg = false;
        if (b[0] == '-') {
            neg = true;
            i = 1;
            if (n == 1) {
                return null;
            }
        }
        if (b[i] < '1' || b[i] > '9') {
            return null; // no leading zeros, no '+', no spaces
        }
        long v = 0;
        for (; i < n; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return null;
            }
            if (neg) {
                if (v < (Long.MIN_VALUE + d) / 10) {
                    return null;
                }
                v = v * 10 - d;
            } else {
                if (v > (Long.MAX_VALUE - d) / 10) {
                    return null;
                }
                v = v * 10 + d;
            }
        }
        return v;
    }

    public static byte[] toBytes(long v) {
        if (v >= 0 && v < SMALL.length) {
            return SMALL[(int) v];
        }
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }
}
