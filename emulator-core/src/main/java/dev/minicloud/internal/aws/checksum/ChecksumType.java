package dev.minicloud.internal.aws.checksum;

import java.util.Locale;

/**
 * How a multipart object's checksum is derived from its parts ({@code x-amz-checksum-type}):
 * COMPOSITE is a checksum of the part checksums with a {@code -N} suffix; FULL_OBJECT is the CRC of
 * the whole object, combined from the part CRCs. Single-part uploads are always FULL_OBJECT.
 */
public enum ChecksumType {
    COMPOSITE,
    FULL_OBJECT;

    /** By header value, case-insensitively; {@code null} if unknown. */
    public static ChecksumType fromName(String name) {
        if (name == null) {
            return null;
        }
        String n = name.trim().toUpperCase(Locale.ROOT);
        for (ChecksumType t : values()) {
            if (t.name().equals(n)) {
                return t;
            }
        }
        return null;
    }
}
