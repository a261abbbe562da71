package dev.minicloud.internal.aws.checksum;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.checksums.SdkChecksum;

/**
 * The two-lane slice-by-16 CRC64NVME against a bit-at-a-time reference (the definition), at every
 * length around the lane and block boundaries, from unaligned offsets, over arrays, heap and direct
 * buffers, fed whole and in random pieces; and against the AWS CRT's native implementation.
 */
class Crc64NvmeTest {

    /** CRC-64/NVME by its definition: one bit per step, no tables. */
    private static long reference(byte[] data, int off, int len) {
        long crc = -1L;
        for (int i = off; i < off + len; i++) {
            crc ^= data[i] & 0xFF;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ Crc64Nvme.POLY : crc >>> 1;
            }
        }
        return ~crc;
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static long ofArray(byte[] data, int off, int len) {
        Crc64Nvme crc = new Crc64Nvme();
        crc.update(data, off, len);
        return crc.getValue();
    }

    private static long ofBuffer(ByteBuffer buffer) {
        Crc64Nvme crc = new Crc64Nvme();
        crc.update(buffer);
        return crc.getValue();
    }

    @Test
    void catalogueCheckValue() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xAE8B14860A799888L, ofArray(check, 0, check.length));
        assertEquals(0L, ofArray(check, 0, 0), "empty input");
    }

    @Test
    void everyLengthAroundTheBlockBoundariesMatchesTheDefinition() {
        int block = Crc64Nvme.BLOCK;
        byte[] data = random(3 * block + 64, 7);
        int[] centres = {0, 16, Crc64Nvme.LANE, block, 2 * block, 3 * block};
        for (int centre : centres) {
            for (int len = Math.max(0, centre - 20); len <= centre + 20; len++) {
                for (int off : new int[] {0, 1, 3, 8, 13}) {
                    assertEquals(reference(data, off, len), ofArray(data, off, len), "len " + len + " off " + off);
                }
            }
        }
    }

    @Test
    void heapAndDirectBuffersMatchArraysFromAnyPosition() {
        byte[] data = random(5 * Crc64Nvme.BLOCK + 77, 11);
        for (int from : new int[] {0, 1, 7, 16, 1023, 2049}) {
            for (int to :
                    new int[] {from, from + 15, from + Crc64Nvme.BLOCK, from + Crc64Nvme.BLOCK + 9, data.length}) {
                long expected = reference(data, from, to - from);
                ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data);
                direct.position(from).limit(to);
                assertEquals(expected, ofBuffer(direct), "direct " + from + ".." + to);
                assertEquals(to, direct.position(), "direct buffer consumed");
                // A slice starting one byte in: arrayOffset() is 1.
                int heapFrom = Math.max(from, 1);
                int heapTo = Math.max(to, heapFrom);
                ByteBuffer heap = ByteBuffer.wrap(data, 1, data.length - 1).slice();
                heap.limit(heapTo - 1).position(heapFrom - 1);
                assertEquals(reference(data, heapFrom, heapTo - heapFrom), ofBuffer(heap), "heap " + from + ".." + to);
                assertEquals(heapTo - 1, heap.position(), "heap buffer consumed");
            }
        }
    }

    @Test
    void randomPiecesGiveTheSameValueAsOneUpdate() {
        byte[] data = random(200_003, 3);
        long expected = reference(data, 0, data.length);
        Random pieces = new Random(5);
        for (int round = 0; round < 20; round++) {
            Crc64Nvme crc = new Crc64Nvme();
            ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).flip();
            int i = 0;
            boolean viaDirect = round % 2 == 0;
            while (i < data.length) {
                int n = Math.min(data.length - i, pieces.nextInt(3 * Crc64Nvme.BLOCK));
                if (n % 5 == 0 && n > 0) {
                    crc.update(data[i]);
                    n = 1;
                } else if (viaDirect) {
                    direct.limit(i + n).position(i);
                    crc.update(direct);
                } else {
                    crc.update(data, i, n);
                }
                i += n;
            }
            assertEquals(expected, crc.getValue(), "round " + round);
        }
    }

    @Test
    void resetStartsOver() {
        byte[] data = random(10_000, 9);
        Crc64Nvme crc = new Crc64Nvme();
        crc.update(data, 0, 5000);
        crc.reset();
        crc.update(data, 0, data.length);
        assertEquals(reference(data, 0, data.length), crc.getValue());
    }

    @Test
    void laneShiftEqualsFeedingZeroBytes() {
        Random r = new Random(13);
        for (int i = 0; i < 100; i++) {
            long register = r.nextLong();
            long stepped = register;
            for (int zeroByte = 0; zeroByte < Crc64Nvme.LANE; zeroByte++) {
                for (int k = 0; k < 8; k++) {
                    stepped = (stepped & 1) != 0 ? (stepped >>> 1) ^ Crc64Nvme.POLY : stepped >>> 1;
                }
            }
            assertEquals(stepped, Crc64Nvme.shiftLane(register), Long.toHexString(register));
        }
    }

    @Test
    void matchesTheCrtAtLargeSizes() {
        for (int n : new int[] {4096, 65_536, 1 << 20, (1 << 20) + 13}) {
            byte[] data = random(n, n);
            SdkChecksum crt = SdkChecksum.forAlgorithm(DefaultChecksumAlgorithm.CRC64NVME);
            crt.update(data, 0, data.length);
            Crc64Nvme ours = new Crc64Nvme();
            ours.update(data, 0, data.length);
            assertEquals(ByteBuffer.wrap(crt.getChecksumBytes()).getLong(), ours.getValue(), n + " bytes");
        }
    }
}
