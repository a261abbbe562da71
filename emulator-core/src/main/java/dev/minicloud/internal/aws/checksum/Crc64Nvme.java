package dev.minicloud.internal.aws.checksum;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.Checksum;

/**
 * CRC-64/NVME (poly 0xAD93D23594C935A9 reflected, init and xor-out all ones; check value for
 * "123456789" is 0xAE8B14860A799888), the CRC S3 uses by default. The JDK has no CRC64 and Java 17
 * no carry-less multiply, so this is table-driven, arranged for the CPU rather than the reader.
 *
 * <p>How it is fast:
 * <ul>
 *   <li>Slice-by-16: one step consumes 16 bytes with 16 independent table lookups. The 16 tables
 *       are one flat array, so every lookup is one load at a constant displacement from one base
 *       register, and the index ({@code byte + k*256}) is provably in bounds, so no range checks.</li>
 *   <li>Two lanes: a single CRC is one long dependency chain (each step needs the previous CRC), so
 *       the CPU waits on load latency. Blocks of {@link #BLOCK} bytes are split into two halves whose
 *       CRC registers advance in one interleaved loop, the second starting from zero; the first
 *       lane's register is then shifted past the second half ({@link #shiftLane}: multiplication by
 *       x^(8*{@link #LANE}) modulo the polynomial, as 8 more table lookups) and xored in. CRC is
 *       linear, so this equals the serial CRC exactly.</li>
 *   <li>Each step's 16 lookups are xored as a balanced tree ({@link #step16}).</li>
 *   <li>Longs are read little-endian (the CRC is reflected) through a VarHandle on arrays and
 *       {@link ByteBuffer#getLong(int)} on direct buffers: one load each once compiled.</li>
 * </ul>
 * The rest after the whole blocks goes through one lane of slice-by-16, then bytewise. Measured
 * (1 MiB, CPU time, best of 30): about 2x the single-chain slice-by-16 this replaced on arrays
 * (2.5 -> 4.6-5.3 GB/s), 1.7x on direct buffers; one balanced lane alone is 1.5x.
 */
public final class Crc64Nvme implements Checksum {
    /** The reflected polynomial. */
    static final long POLY = 0x9A6C9329AC4BC9B5L;
    /** Bytes per lane; a block is two lanes. A multiple of 16. */
    static final int LANE = 1024;

    static final int BLOCK = 2 * LANE;
    /** {@code T[k*256 + n]}: the register after byte {@code n} followed by {@code k} zero bytes. */
    private static final long[] T = sliceTables(16);
    /** {@code S[k*256 + n]}: register {@code n << 8k} advanced over {@link #LANE} zero bytes. */
    private static final long[] S = shiftTables(LANE);

    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private long crc = -1L;

    @Override
    public void update(int b) {
        crc = T[(int) ((crc ^ b) & 0xFF)] ^ (crc >>> 8);
    }

    @Override
    public void update(byte[] b, int off, int len) {
        int end = off + len;
        int blocksEnd = off + len / BLOCK * BLOCK;
        long c = crc;
        if (blocksEnd > off) {
            c = blocks(c, b, off, blocksEnd);
        }
        crc = tail(c, b, blocksEnd, end);
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
        int end = le.remaining();
        int blocksEnd = end / BLOCK * BLOCK;
        long c = crc;
        if (blocksEnd > 0) {
            c = blocks(c, le, blocksEnd);
        }
        crc = tail(c, le, blocksEnd, end);
        buffer.position(buffer.limit());
    }

    /** Whole blocks from {@code i} to {@code end} (a multiple of {@link #BLOCK} apart). */
    private static long blocks(long c, byte[] b, int i, int end) {
        for (; i < end; i += BLOCK) {
            long c0 = c;
            long c1 = 0;
            int stop = i + LANE;
            for (int j = i; j < stop; j += 16) {
                c0 = step16(c0 ^ (long) LONG_LE.get(b, j), (long) LONG_LE.get(b, j + 8));
                c1 = step16(c1 ^ (long) LONG_LE.get(b, j + LANE), (long) LONG_LE.get(b, j + LANE + 8));
            }
            c = shiftLane(c0) ^ c1;
        }
        return c;
    }

    private static long tail(long c, byte[] b, int i, int end) {
        while (end - i >= 16) {
            c = step16(c ^ (long) LONG_LE.get(b, i), (long) LONG_LE.get(b, i + 8));
            i += 16;
        }
        while (i < end) {
            c = T[(int) ((c ^ b[i++]) & 0xFF)] ^ (c >>> 8);
        }
        return c;
    }

    private static long blocks(long c, ByteBuffer le, int end) {
        for (int i = 0; i < end; i += BLOCK) {
            long c0 = c;
            long c1 = 0;
            int stop = i + LANE;
            for (int j = i; j < stop; j += 16) {
                c0 = step16(c0 ^ le.getLong(j), le.getLong(j + 8));
                c1 = step16(c1 ^ le.getLong(j + LANE), le.getLong(j + LANE + 8));
            }
            c = shiftLane(c0) ^ c1;
        }
        return c;
    }

    private static long tail(long c, ByteBuffer le, int i, int end) {
        while (end - i >= 16) {
            c = step16(c ^ le.getLong(i), le.getLong(i + 8));
            i += 16;
        }
        while (i < end) {
            c = T[(int) ((c ^ le.get(i++)) & 0xFF)] ^ (c >>> 8);
        }
        return c;
    }

    /**
     * Slice-by-16: the register after 16 more bytes, {@code a} (already xored with it) then {@code b}.
     * The xors are grouped as a balanced tree on purpose: C2 does not reassociate them, and written
     * as one chain the CPU would wait for 15 xors in a row on the lane's critical path (only the
     * lookups from {@code a} depend on the previous register; those from {@code b} run ahead).
     */
    private static long step16(long a, long b) {
        long fromRegister = ((T[15 * 256 + (int) (a & 0xFF)] ^ T[14 * 256 + (int) ((a >>> 8) & 0xFF)])
                        ^ (T[13 * 256 + (int) ((a >>> 16) & 0xFF)] ^ T[12 * 256 + (int) ((a >>> 24) & 0xFF)]))
                ^ ((T[11 * 256 + (int) ((a >>> 32) & 0xFF)] ^ T[10 * 256 + (int) ((a >>> 40) & 0xFF)])
                        ^ (T[9 * 256 + (int) ((a >>> 48) & 0xFF)] ^ T[8 * 256 + (int) (a >>> 56)]));
        long fromData = ((T[7 * 256 + (int) (b & 0xFF)] ^ T[6 * 256 + (int) ((b >>> 8) & 0xFF)])
                        ^ (T[5 * 256 + (int) ((b >>> 16) & 0xFF)] ^ T[4 * 256 + (int) ((b >>> 24) & 0xFF)]))
                ^ ((T[3 * 256 + (int) ((b >>> 32) & 0xFF)] ^ T[2 * 256 + (int) ((b >>> 40) & 0xFF)])
                        ^ (T[256 + (int) ((b >>> 48) & 0xFF)] ^ T[(int) (b >>> 56)]));
        return fromRegister ^ fromData;
    }

    /** The register {@code c} advanced over {@link #LANE} zero bytes (a GF(2)-linear map, by bytes). */
    static long shiftLane(long c) {
        return ((S[(int) (c & 0xFF)] ^ S[256 + (int) ((c >>> 8) & 0xFF)])
                        ^ (S[512 + (int) ((c >>> 16) & 0xFF)] ^ S[768 + (int) ((c >>> 24) & 0xFF)]))
                ^ ((S[1024 + (int) ((c >>> 32) & 0xFF)] ^ S[1280 + (int) ((c >>> 40) & 0xFF)])
                        ^ (S[1536 + (int) ((c >>> 48) & 0xFF)] ^ S[1792 + (int) (c >>> 56)]));
    }

    @Override
    public long getValue() {
        return ~crc;
    }

    @Override
    public void reset() {
        crc = -1L;
    }

    private static long[] sliceTables(int slices) {
        long[] t = new long[slices * 256];
        for (int n = 0; n < 256; n++) {
            long c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ POLY : c >>> 1;
            }
            t[n] = c;
        }
        for (int n = 0; n < 256; n++) {
            long c = t[n];
            for (int k = 1; k < slices; k++) {
                c = t[(int) (c & 0xFF)] ^ (c >>> 8);
                t[k * 256 + n] = c;
            }
        }
        return t;
    }

    /**
     * Advancing a register over zero bytes is linear, so the map is fixed by its value on the 64 single
     * bits (each computed as a multiplication modulo the polynomial); a byte's entry is the xor of
     * its bits' images, built from the entry with its lowest bit cleared.
     */
    private static long[] shiftTables(int zeroBytes) {
        long[] image = new long[64];
        for (int bit = 0; bit < 64; bit++) {
            image[bit] = CrcMath.shiftRegister(1L << bit, zeroBytes, POLY, 64);
        }
        long[] s = new long[8 * 256];
        for (int k = 0; k < 8; k++) {
            for (int n = 1; n < 256; n++) {
                s[k * 256 + n] = s[k * 256 + (n & (n - 1))] ^ image[8 * k + Integer.numberOfTrailingZeros(n)];
            }
        }
        return s;
    }
}
