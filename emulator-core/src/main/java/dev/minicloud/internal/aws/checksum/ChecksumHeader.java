package dev.minicloud.internal.aws.checksum;

import java.util.Locale;
import java.util.Map;

/**
 * The one flexible-checksum value header of a request ({@code x-amz-checksum-crc32: ...} and the
 * like), as S3 reads it: the {@code -type}, {@code -mode} and {@code -algorithm} headers are not
 * values; an unknown algorithm or two different ones are S3's errors.
 *
 * @param algorithm the algorithm the header names
 * @param value the header's raw value (not yet decoded)
 */
public record ChecksumHeader(ChecksumAlgorithm algorithm, String value) {

    /** The request's checksum value header, or {@code null} if it has none. */
    public static ChecksumHeader find(Iterable<Map.Entry<String, String>> headers) {
        ChecksumHeader found = null;
        for (Map.Entry<String, String> e : headers) {
            String key = e.getKey();
            if (!key.regionMatches(true, 0, "x-amz-checksum-", 0, 15)) {
                continue; // most headers: no lower-case copy of their name
            }
            String name = key.toLowerCase(Locale.ROOT);
            if (!name.startsWith("x-amz-checksum-")
                    || name.equals("x-amz-checksum-type")
                    || name.equals("x-amz-checksum-mode")
                    || name.equals("x-amz-checksum-algorithm")) {
                continue;
            }
            ChecksumAlgorithm a = ChecksumAlgorithm.fromHeaderName(name);
            if (a == null) {
                throw ChecksumErrors.unknownChecksumHeader();
            }
            if (found != null && found.algorithm() != a) {
                throw ChecksumErrors.multipleChecksums();
            }
            found = new ChecksumHeader(a, e.getValue());
        }
        return found;
    }
}
