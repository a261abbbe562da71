package dev.minicloud.s3.internal.store;

import dev.minicloud.s3.internal.acl.AccessControlList;
import dev.minicloud.s3.internal.lock.VersionLock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One version of one key: either an object (immutable data plus everything S3 returns about it) or
 * a delete marker. Unversioned buckets hold a single version whose id is {@link #NULL_ID}, as S3
 * does. Records are immutable; changing tags makes a new record that shares the same data.
 *
 * @param etag the ETag without quotes: hex MD5, or {@code hex-N} for multipart objects
 * @param partSizes the sizes of the parts of a multipart object (empty for a simple PUT), for
 *                  {@code ?partNumber=} reads and {@code x-amz-mp-parts-count}
 * @param partChecksums the base64 checksum of each part, in order, of a multipart object with a
 *                      COMPOSITE checksum (GetObjectAttributes lists them); empty otherwise
 * @param replicationStatus reserved for replication ({@code null} when no rule covers the object)
 * @param acl the object's ACL ({@code null}: S3's default, the owner's FULL_CONTROL; always for delete markers)
 * @param encryption how S3 reports the object encrypted ({@code null} for delete markers)
 * @param lock the version's Object Lock retention and legal hold ({@code null}: none; always for delete markers)
 */
public record ObjectVersion(
        String key,
        String versionId,
        boolean deleteMarker,
        ObjectData data,
        String etag,
        Instant lastModified,
        ObjectMetadata metadata,
        Map<String, String> tags,
        String storageClass,
        StoredChecksum checksum,
        List<Long> partSizes,
        List<String> partChecksums,
        String replicationStatus,
        AccessControlList acl,
        ServerSideEncryption encryption,
        VersionLock lock) {

    /** The version id of the version written while versioning is off or suspended. */
    public static final String NULL_ID = "null";

    public ObjectVersion {
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        partSizes = List.copyOf(partSizes);
        partChecksums = List.copyOf(partChecksums);
    }

    /** A version without Object Lock state. */
    public ObjectVersion(
            String key,
            String versionId,
            boolean deleteMarker,
            ObjectData data,
            String etag,
            Instant lastModified,
            ObjectMetadata metadata,
            Map<String, String> tags,
            String storageClass,
            StoredChecksum checksum,
            List<Long> partSizes,
            List<String> partChecksums,
            String replicationStatus,
            AccessControlList acl,
            ServerSideEncryption encryption) {
        this(
                key,
                versionId,
                deleteMarker,
                data,
                etag,
                lastModified,
                metadata,
                tags,
                storageClass,
                checksum,
                partSizes,
                partChecksums,
                replicationStatus,
                acl,
                encryption,
                null);
    }

    /** A delete marker for {@code key}. */
    public static ObjectVersion deleteMarker(String key, String versionId, Instant when) {
        return new ObjectVersion(
                key,
                versionId,
                true,
                ObjectData.EMPTY,
                null,
                when,
                ObjectMetadata.EMPTY,
                Map.of(),
                null,
                null,
                List.of(),
                List.of(),
                null,
                null,
                null);
    }

    public long size() {
        return data.length();
    }

    /** The ETag as sent on the wire: quoted. */
    public String quotedEtag() {
        return '"' + etag + '"';
    }

    public int partsCount() {
        return partSizes.size();
    }

    /** The same version with other tags; shares the data handle (the chain keeps one owner). */
    public ObjectVersion withTags(Map<String, String> newTags) {
        return new ObjectVersion(
                key,
                versionId,
                deleteMarker,
                data,
                etag,
                lastModified,
                metadata,
                newTags,
                storageClass,
                checksum,
                partSizes,
                partChecksums,
                replicationStatus,
                acl,
                encryption,
                lock);
    }

    /** The same version in another storage class (a lifecycle transition); shares the data handle. */
    public ObjectVersion withStorageClass(String newStorageClass) {
        return new ObjectVersion(
                key,
                versionId,
                deleteMarker,
                data,
                etag,
                lastModified,
                metadata,
                tags,
                newStorageClass,
                checksum,
                partSizes,
                partChecksums,
                replicationStatus,
                acl,
                encryption,
                lock);
    }

    /** The same version with another ACL; shares the data handle. */
    public ObjectVersion withAcl(AccessControlList newAcl) {
        return new ObjectVersion(
                key,
                versionId,
                deleteMarker,
                data,
                etag,
                lastModified,
                metadata,
                tags,
                storageClass,
                checksum,
                partSizes,
                partChecksums,
                replicationStatus,
                newAcl,
                encryption,
                lock);
    }

    /** The same version with another Object Lock state; shares the data handle. */
    public ObjectVersion withLock(VersionLock newLock) {
        return new ObjectVersion(
                key,
                versionId,
                deleteMarker,
                data,
                etag,
                lastModified,
                metadata,
                tags,
                storageClass,
                checksum,
                partSizes,
                partChecksums,
                replicationStatus,
                acl,
                encryption,
                newLock);
    }
}
