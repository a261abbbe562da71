package dev.minicloud.s3.internal.service;

import dev.minicloud.s3.internal.acl.AccessControlList;
import dev.minicloud.s3.internal.lock.VersionLock;
import dev.minicloud.s3.internal.store.ObjectData;
import dev.minicloud.s3.internal.store.ObjectMetadata;
import dev.minicloud.s3.internal.store.ServerSideEncryption;
import dev.minicloud.s3.internal.store.StoredChecksum;
import java.util.List;
import java.util.Map;

/**
 * Everything a write (PUT, copy, multipart completion) knows about the object it is about to
 * commit. {@code data} is owned by the write until the commit succeeds; {@code partSizes} and
 * {@code partChecksums}, {@code acl} and {@code encryption} are as in {@link dev.minicloud.s3.internal.store.ObjectVersion};
 * {@code lock} is the Object Lock the request asked for ({@code null}: none; the bucket's default
 * retention is added at commit).
 */
public record NewObject(
        String key,
        ObjectData data,
        String etag,
        ObjectMetadata metadata,
        Map<String, String> tags,
        String storageClass,
        StoredChecksum checksum,
        List<Long> partSizes,
        List<String> partChecksums,
        AccessControlList acl,
        ServerSideEncryption encryption,
        VersionLock lock) {

    /** A write that names no Object Lock parameters. */
    public NewObject(
            String key,
            ObjectData data,
            String etag,
            ObjectMetadata metadata,
            Map<String, String> tags,
            String storageClass,
            StoredChecksum checksum,
            List<Long> partSizes,
            List<String> partChecksums,
            AccessControlList acl,
            ServerSideEncryption encryption) {
        this(key, data, etag, metadata, tags, storageClass, checksum, partSizes, partChecksums, acl, encryption, null);
    }
}
