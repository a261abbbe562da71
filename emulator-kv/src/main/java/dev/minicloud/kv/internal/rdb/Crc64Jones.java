package dev.minicloud.kv.internal.rdb;

/**
 * Redis' CRC-64/Jones (crc64.c): reflected polynomial 0x95AC9329AC4BC9B5, initial value 0, no
 * final xor; check value of "123456789" is 0xE9C6D914C4B8D9CA. Guards DUMP payloads.
 */
final class Crc64Jones {
    private static final long POLY = 0x95AC9329AC4BC9B5L;
    private static final long[] TABLE = table();

    private Crc64Jones() {}

    static long of(byte[] b, int off, int len) {
        long crc = 0;
        for (int i = off; i < off + len; i++) {
            crc = TABLE[(int) ((crc ^ b[i]) & 0xff)] ^ (crc >>> 8);
        }
        return crc;
    }

    private static long[] table() {
        long[] t = new long[256];
        for (int n = 0; n < 256; n++) {
            long c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ POLY : c >>> 1;
            }
            t[n] = c;
        }
        return t;
    }
}
