package dev.minicloud.internal.aws.checksum;

/**
 * CRC arithmetic in GF(2) for reflected CRCs with all-ones init and xor-out (CRC32, CRC32C,
 * CRC64NVME): {@link #combine} computes crc(A||B) from crc(A), crc(B) and len(B) without the data,
 * which is how S3 derives a FULL_OBJECT multipart checksum from its parts.
 *
 * <p>This is zlib's {@code crc32_combine} (multiply crc(A) by x^(8*len(B)) modulo the polynomial,
 * then add crc(B)), generalised from 32 bits to any width up to 64; the pre/post conditioning
 * cancels out, so it works on finished CRC values.
 */
final class CrcMath {

    private CrcMath() {}

    /** crc(A||B) for a reflected CRC of {@code width} bits with reflected polynomial {@code poly}. */
    static long combine(long crcA, long crcB, long lengthB, long poly, int width) {
        if (lengthB < 0) {
            throw new IllegalArgumentException("lengthB: " + lengthB + " (expected: >= 0)");
        }
        long mask = width == 64 ? -1L : (1L << width) - 1;
        if (lengthB == 0) {
            return crcA & mask;
        }
        return (multModP(xPow8n(lengthB, poly, width), crcA & mask, poly, width) ^ crcB) & mask;
    }

    /**
     * A raw CRC register (no pre/post conditioning) advanced over {@code zeroBytes} zero bytes:
     * {@code register * x^(8*zeroBytes)} modulo the polynomial.
     */
    static long shiftRegister(long register, long zeroBytes, long poly, int width) {
        return multModP(xPow8n(zeroBytes, poly, width), register, poly, width);
    }

    /** a*b modulo p, both in reflected bit order (the top bit is x^0). */
    private static long multModP(long a, long b, long poly, int width) {
        long m = 1L << (width - 1);
        long p = 0;
        while (a != 0) {
            if ((a & m) != 0) {
                p ^= b;
                a ^= m;
            }
            m >>>= 1;
            b = (b & 1) != 0 ? (b >>> 1) ^ poly : b >>> 1;
        }
        return p;
    }

    /** x^(8n) modulo p: square-and-multiply over the bits of n. */
    private static long xPow8n(long n, long poly, int width) {
        long p = 1L << (width - 1); // x^0
        long sq = 1L << (width - 2); // x^1
        for (int i = 0; i < 3; i++) { // x^8 = ((x^2)^2)^2
            sq = multModP(sq, sq, poly, width);
        }
        while (n != 0) {
            if ((n & 1) != 0) {
                p = multModP(sq, p, poly, width);
            }
            n >>>= 1;
            if (n != 0) {
                sq = multModP(sq, sq, poly, width);
            }
        }
        return p;
    }

    static byte[] toBytes(long value, int widthBytes) {
        byte[] out = new byte[widthBytes];
        for (int i = widthBytes - 1; i >= 0; i--) {
            out[i] = (byte) value;
            value >>>= 8;
        }
        return out;
    }

    static long fromBytes(byte[] bytes) {
        long v = 0;
        for (byte b : bytes) {
            v = (v << 8) | (b & 0xFF);
        }
        return v;
    }
}
