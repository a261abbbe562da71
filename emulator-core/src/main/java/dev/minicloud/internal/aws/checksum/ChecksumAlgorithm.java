package dev.minicloud.internal.aws.checksum;

import java.util.Base64;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The flexible checksum algorithms S3 supports, spelled as AWS spells them: the API name
 * ({@code CRC32}, used in {@code x-amz-sdk-checksum-algorithm}, {@code x-amz-checksum-algorithm}
 * and XML) and the lower-case value header ({@code x-amz-checksum-crc32}). Each knows its digest
 * length, which multipart checksum types it allows, and how to start an incremental checksum.
 */
public enum ChecksumAlgorithm {
    CRC32(4, 0xEDB88320L, true, true),
    CRC32C(4, 0x82F63B78L, true, true),
    CRC64NVME(8, Crc64Nvme.POLY, false, true),
    SHA1(20, 0, true, false),
    SHA256(32, 0, true, false);

    private final int digestLength;
    private final long reflectedPoly;
    private final boolean composite;
    private final boolean fullObject;
    private final String headerName;

    ChecksumAlgorithm(int digestLength, long reflectedPoly, boolean composite, boolean fullObject) {
        this.digestLength = digestLength;
        this.reflectedPoly = reflectedPoly;
        this.composite = composite;
        this.fullObject = fullObject;
        this.headerName = "x-amz-checksum-" + name().toLowerCase(Locale.ROOT);
    }

    /** The API name, e.g. {@code CRC64NVME}. */
    public String algorithmName() {
        return name();
    }

    /** The value header, e.g. {@code x-amz-checksum-crc64nvme} (also the trailer name). */
    public String headerName() {
        return headerName;
    }

    /** The XML element of responses such as CompleteMultipartUpload, e.g. {@code ChecksumCRC64NVME}. */
    public String xmlElementName() {
        return "Checksum" + name();
    }

    /** Bytes in a raw digest (before base64). */
    public int digestLength() {
        return digestLength;
    }

    /** True for the CRCs, whose part values can be combined into a FULL_OBJECT checksum. */
    public boolean isCrc() {
        return reflectedPoly != 0;
    }

    /** Whether S3 allows this algorithm with this multipart checksum type. */
    public boolean supports(ChecksumType type) {
        return type == ChecksumType.COMPOSITE ? composite : fullObject;
    }

    /** The type S3 picks for a multipart upload that names this algorithm but no type. */
    public ChecksumType defaultType() {
        return composite ? ChecksumType.COMPOSITE : ChecksumType.FULL_OBJECT;
    }

    public Checksummer newChecksummer() {
        return switch (this) {
            case CRC32 -> new CrcChecksummer(new CRC32(), 4);
            case CRC32C -> new CrcChecksummer(new CRC32C(), 4);
            case CRC64NVME -> new CrcChecksummer(new Crc64Nvme(), 8);
            case SHA1 -> new DigestChecksummer("SHA-1");
            case SHA256 -> new DigestChecksummer("SHA-256");
        };
    }

    /** The checksum of a whole array, base64; a convenience for small bodies and tests. */
    public String base64Of(byte[] data) {
        return newChecksummer().update(data).base64();
    }

    /**
     * Decodes a base64 value as sent in {@code x-amz-checksum-*}; {@code null} when it is not valid
     * base64 or not exactly {@link #digestLength()} bytes (S3 answers {@code InvalidRequest} then,
     * see {@link ChecksumErrors#invalidHeaderValue}).
     */
    public byte[] decodeValue(String base64) {
        if (base64 == null) {
            return null;
        }
        try {
            byte[] raw = Base64.getDecoder().decode(base64.trim());
            return raw.length == digestLength ? raw : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** By API name, case-insensitively ({@code crc32c}, {@code CRC32C}); {@code null} if unknown. */
    public static ChecksumAlgorithm fromName(String name) {
        if (name == null) {
            return null;
        }
        String n = name.trim().toUpperCase(Locale.ROOT);
        for (ChecksumAlgorithm a : values()) {
            if (a.name().equals(n)) {
                return a;
            }
        }
        return null;
    }

    /** By value header name, case-insensitively ({@code x-amz-checksum-crc32}); {@code null} if unknown. */
    public static ChecksumAlgorithm fromHeaderName(String header) {
        if (header == null) {
            return null;
        }
        String h = header.trim().toLowerCase(Locale.ROOT);
        for (ChecksumAlgorithm a : values()) {
            if (a.headerName.equals(h)) {
                return a;
            }
        }
        return null;
    }

    long reflectedPoly() {
        return reflectedPoly;
    }

    int widthBits() {
        return digestLength * 8;
    }
}
