package dev.minicloud.s3.service;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The flexible checksum algorithms S3 accepts, each with an incremental calculator and S3's rule for
 * its default multipart checksum type (CRC64NVME is always FULL_OBJECT; the others default to
 * COMPOSITE, and the CRCs may also be FULL_OBJECT).
 *
 * <p>Stand-in until the shared {@code dev.minicloud.core.aws.checksum} package reaches main; it
 * only uses the JDK (plus a table-driven CRC64/NVME), and is meant to be replaced by that package.
 */
public enum ChecksumAlgorithm {
    CRC32,
    CRC32C,
    CRC64NVME,
    SHA1,
    SHA256;

    /** The algorithm named (case-insensitively) by a header value, or {@code null}. */
    public static ChecksumAlgorithm parse(String name) {
        if (name == null) {
            return null;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The header carrying this checksum, e.g. {@code x-amz-checksum-crc32}. */
    public String headerName() {
        return "x-amz-checksum-" + name().toLowerCase(Locale.ROOT);
    }

    public boolean supportsFullObject() {
        return this != SHA1 && this != SHA256;
    }

    public boolean supportsComposite() {
        return this != CRC64NVME;
    }

    public String defaultMultipartType() {
        return this == CRC64NVME ? "FULL_OBJECT" : "COMPOSITE";
    }

    /** An incremental calculator for this algorithm. */
    public Calculator newCalculator() {
        return switch (this) {
            case CRC32 -> new CrcCalculator(new CRC32(), 4);
            case CRC32C -> new CrcCalculator(new CRC32C(), 4);
            case CRC64NVME -> new Crc64Calculator();
            case SHA1 -> new DigestCalculator("SHA-1");
            case SHA256 -> new DigestCalculator("SHA-256");
        };
    }

    /** Feeds bytes incrementally; {@link #base64()} ends the calculation. */
    public interface Calculator {
        void update(ByteBuffer bytes);

        void update(byte[] bytes, int offset, int length);

        byte[] digest();

        default String base64() {
            return Base64.getEncoder().encodeToString(digest());
        }
    }

    private static final class CrcCalculator implements Calculator {
        private final Checksum crc;
        private final int width;

        CrcCalculator(Checksum crc, int width) {
            this.crc = crc;
            this.width = width;
        }

        @Override
        public void update(ByteBuffer bytes) {
            crc.update(bytes);
        }

        @Override
        public void update(byte[] bytes, int offset, int length) {
            crc.update(bytes, offset, length);
        }

        @Override
        public byte[] digest() {
            long v = crc.getValue();
            byte[] out = new byte[width];
            for (int i = width - 1; i >= 0; i--) {
                out[i] = (byte) v;
                v >>>= 8;
            }
            return out;
        }
    }

    private static final class DigestCalculator implements Calculator {
        private final MessageDigest md;

        DigestCalculator(String name) {
            try {
                md = MessageDigest.getInstance(name);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(name + " is required by the Java platform", e);
            }
        }

        @Override
        public void update(ByteBuffer bytes) {
            md.update(bytes);
        }

        @Override
        public void update(byte[] bytes, int offset, int length) {
            md.update(bytes, offset, length);
        }

        @Override
        public byte[] digest() {
            return md.digest();
        }
    }

    /** CRC-64/NVME: reflected polynomial 0x9A6C9329AC4BC9B5, init and xorout all ones. */
    private static final class Crc64Calculator implements Calculator {
        private static final long[] TABLE = table();
        private long crc = -1L;

        private static long[] table() {
            long[] t = new long[256];
            for (int i = 0; i < 256; i++) {
                long c = i;
                for (int k = 0; k < 8; k++) {
                    c = (c & 1) != 0 ? (c >>> 1) ^ 0x9A6C9329AC4BC9B5L : c >>> 1;
                }
                t[i] = c;
            }
            return t;
        }

        @Override
        public void update(ByteBuffer bytes) {
            while (bytes.hasRemaining()) {
                crc = TABLE[(int) ((crc ^ bytes.get()) & 0xFF)] ^ (crc >>> 8);
            }
        }

        @Override
        public void update(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                crc = TABLE[(int) ((crc ^ bytes[i]) & 0xFF)] ^ (crc >>> 8);
            }
        }

        @Override
        public byte[] digest() {
            long v = ~crc;
            byte[] out = new byte[8];
            for (int i = 7; i >= 0; i--) {
                out[i] = (byte) v;
                v >>>= 8;
            }
            return out;
        }
    }
}
