package dev.minicloud.s3.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import software.amazon.awssdk.crt.checksums.CRC64NVME;

/**
 * Test bodies and the checksums a test expects of them, as S3 sends them (base64 of the big-endian
 * value). The CRCs come from the JDK and the CRT, never from MiniCloud's own implementation.
 */
final class TestBytes {
    private TestBytes() {}

    /** {@code n} reproducible pseudo-random bytes. */
    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    static String crc32(byte[] data) {
        CRC32 c = new CRC32();
        c.update(data);
        return Base64.getEncoder()
                .encodeToString(
                        ByteBuffer.allocate(4).putInt((int) c.getValue()).array());
    }

    static String crc32c(byte[] data) {
        CRC32C c = new CRC32C();
        c.update(data);
        return Base64.getEncoder()
                .encodeToString(
                        ByteBuffer.allocate(4).putInt((int) c.getValue()).array());
    }

    static String crc64nvme(byte[] data) {
        CRC64NVME c = new CRC64NVME();
        c.update(data, 0, data.length);
        return Base64.getEncoder()
                .encodeToString(ByteBuffer.allocate(8).putLong(c.getValue()).array());
    }
}
