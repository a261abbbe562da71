package dev.minicloud.core.aws.checksum;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.Checksum;

/**
 * CRC-64/NVME (poly 0xAD93D23594C935A9 reflected, init and xor-out all ones; check value for
 * "123456789" is 0xAE8B14860A799888), the CRC S3 uses by default. Slice-by-16 tables: the JDK has
 * no CRC64, and a bytewise loop would make it the slowest checksum on the upload path.
 */
public final class Crc64Nvme implements Checksum {
    /** The reflected polynomial. */
    static final long POLY = 0x9A6C9329AC4BC9B5L;
    private static final long[][] TABLES = tables();
    private static final long[] T0 = TABLES[0];
    private static final long[] T1 = TABLES[1];
    private static final long[] T2 = TABLES[2];
    private static final long[] T3 = TABLES[3];
    private static final long[] T4 = TABLES[4];
    private static final long[] T5 = TABLES[5];
    private static final long[] T6 = TABLES[6];
    private static final long[] T7 = TABLES[7];
    private static final long[] T8 = TABLES[8];
    private static final long[] T9 = TABLES[9];
    private static final long[] T10 = TABLES[10];
    private static final long[] T11 = TABLES[11];
    private static final long[] T12 = TABLES[12];
    private static final long[] T13 = TABLES[13];
    private static final long[] T14 = TABLES[14];
    private static final long[] T15 = TABLES[15];
    /** Reads 8 bytes at once (the CRC is reflected, so little-endian); the JIT makes it one load. */
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private long crc = -1L;

    @Override
    public void update(int b) {
        crc = TABLES[0][(int) ((crc ^ b) & 0xFF)] ^ (crc >>> 8);
    }

    @Override
    public void update(byte[] b, int off, int len) {
        long c = crc;
        int i = off;
        int end = off + len;
        while (end - i >= 16) {
            c = step16(c ^ (long) LONG_LE.get(b, i), (long) LONG_LE.get(b, i + 8));
            i += 16;
        }
        long[] t0 = TABLES[0];
        while (i < end) {
            c = t0[(int) ((c ^ b[i++]) & 0xFF)] ^ (c >>> 8);
        }
        crc = c;
    }

    /** Consumes the buffer's remaining bytes; direct buffers are read in place, 8 bytes at a time. */
    @Override
    public void update(ByteBuffer buffer) {
        if (buffer.hasArray()) {
            update(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
            buffer.position(buffer.limit());
            return;
        }
        ByteBuffer le = buffer.slice().order(ByteOrder.LITTLE_ENDIAN);
        long c = crc;
        int i = 0;
        int end = le.remaining();
        while (end - i >= 16) {
            c = step16(c ^ le.getLong(i), le.getLong(i + 8));
            i += 16;
        }
        long[] t0 = TABLES[0];
        while (i < end) {
            c = t0[(int) ((c ^ le.get(i++)) & 0xFF)] ^ (c >>> 8);
        }
        crc = c;
        buffer.position(buffer.limit());
    }

    /** Slice-by-16: the CRC after 16 more bytes, {@code a} (already xored with the CRC) then {@code b}. */
    private static long step16(long a, long b) {
        return T15[(int) (a & 0xFF)] ^ T14[(int) ((a >>> 8) & 0xFF)] ^ T13[(int) ((a >>> 16) & 0xFF)]
                ^ T12[(int) ((a >>> 24) & 0xFF)] ^ T11[(int) ((a >>> 32) & 0xFF)] ^ T10[(int) ((a >>> 40) & 0xFF)]
                ^ T9[(int) ((a >>> 48) & 0xFF)] ^ T8[(int) (a >>> 56)]
                ^ T7[(int) (b & 0xFF)] ^ T6[(int) ((b >>> 8) & 0xFF)] ^ T5[(int) ((b >>> 16) & 0xFF)]
                ^ T4[(int) ((b >>> 24) & 0xFF)] ^ T3[(int) ((b >>> 32) & 0xFF)] ^ T2[(int) ((b >>> 40) & 0xFF)]
                ^ T1[(int) ((b >>> 48) & 0xFF)] ^ T0[(int) (b >>> 56)];
    }

    @Override
    public long getValue() {
        return ~crc;
    }

    @Override
    public void reset() {
        crc = -1L;
    }

    private static long[][] tables() {
        long[][] t = new long[16][256];
        for (int n = 0; n < 256; n++) {
            long c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ POLY : c >>> 1;
            }
            t[0][n] = c;
        }
        for (int n = 0; n < 256; n++) {
            long c = t[0][n];
            for (int k = 1; k < 16; k++) {
                c = t[0][(int) (c & 0xFF)] ^ (c >>> 8);
                t[k][n] = c;
            }
        }
        return t;
    }
}
