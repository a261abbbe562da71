package dev.minicloud.s3.internal.api;

import dev.minicloud.s3.internal.store.ObjectData;
import dev.minicloud.s3.internal.store.StoredChecksum;

/**
 * A fully received and verified upload body: the decoded bytes (owned by the receiver until
 * committed), their hex MD5 (the ETag), the flexible checksum the client sent (or a part's upload
 * algorithm), and S3's default CRC64NVME where S3 computes one (a PUT without a checksum, every part
 * of an upload created without an algorithm), else {@code null}.
 */
record UploadedBody(ObjectData data, String md5Hex, StoredChecksum checksum, StoredChecksum defaultChecksum) {

    /** What a PutObject stores: the client's checksum, else S3's default. */
    StoredChecksum objectChecksum() {
        return checksum != null ? checksum : defaultChecksum;
    }
}
