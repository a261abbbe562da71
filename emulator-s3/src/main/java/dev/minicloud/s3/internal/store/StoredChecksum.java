package dev.minicloud.s3.internal.store;

import java.util.Locale;

/**
 * A flexible checksum stored with an object: the algorithm ({@code CRC32}, {@code CRC32C},
 * {@code CRC64NVME}, {@code SHA1}, {@code SHA256}), the base64 value as S3 returns it (with a
 * {@code -N} suffix for COMPOSITE multipart checksums) and the type ({@code FULL_OBJECT} or
 * {@code COMPOSITE}).
 */
public record StoredChecksum(String algorithm, String value, String type) {

    /** The response header that carries this checksum, e.g. {@code x-amz-checksum-crc32}. */
    public String headerName() {
        return "x-amz-checksum-" + algorithm.toLowerCase(Locale.ROOT);
    }

    /** The XML element name used in listings and multipart documents, e.g. {@code ChecksumCRC32}. */
    public String xmlName() {
        return "Checksum" + algorithm;
    }
}
