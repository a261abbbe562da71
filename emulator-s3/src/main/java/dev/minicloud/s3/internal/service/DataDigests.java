package dev.minicloud.s3.internal.service;

import dev.minicloud.internal.aws.checksum.ChecksumAlgorithm;
import dev.minicloud.internal.aws.checksum.Checksummer;
import dev.minicloud.internal.aws.checksum.ContentMd5;
import dev.minicloud.s3.internal.store.ObjectData;
import dev.minicloud.s3.internal.store.StoredChecksum;

/**
 * Digests of stored object data, computed in one pass over its pages, for the writes whose bytes
 * come from another object instead of streaming in (CopyObject, UploadPartCopy): the MD5 of a new
 * single-part ETag and a FULL_OBJECT flexible checksum, each optional. It reads the whole object,
 * so callers run it off the event loop.
 *
 * @param md5Hex the hex MD5, or {@code null} if not asked for
 * @param checksum the checksum, or {@code null} if not asked for
 */
public record DataDigests(String md5Hex, StoredChecksum checksum) {

    /** Digests {@code data}: its MD5 if {@code md5}, and {@code algorithm}'s checksum unless it is {@code null}. */
    public static DataDigests of(ObjectData data, boolean md5, ChecksumAlgorithm algorithm) {
        Checksummer m = md5 ? Checksummer.md5() : null;
        Checksummer c = algorithm == null ? null : algorithm.newChecksummer();
        for (ObjectData.Slice s : data.slices()) {
            // Both digests per page while it is in cache, rather than two passes over the object.
            if (m != null) {
                m.update(s.page(), s.offset(), s.length());
            }
            if (c != null) {
                c.update(s.page(), s.offset(), s.length());
            }
        }
        return new DataDigests(
                m == null ? null : ContentMd5.hex(m.digest()),
                c == null ? null : new StoredChecksum(algorithm.algorithmName(), c.base64(), "FULL_OBJECT"));
    }
}
