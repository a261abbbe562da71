package dev.minicloud.s3.api;

import dev.minicloud.s3.store.ObjectData;
import dev.minicloud.s3.store.StoredChecksum;

/**
 * A fully received and verified upload body: the decoded bytes (owned by the receiver until
 * committed), their hex MD5 (the ETag) and the flexible checksum the client sent, if any.
 */
record UploadedBody(ObjectData data, String md5Hex, StoredChecksum checksum) {
}
