package dev.minicloud.s3.internal.service;

import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.s3.internal.acl.AccessControlList;
import dev.minicloud.s3.internal.lock.ObjectLocks;
import dev.minicloud.s3.internal.lock.VersionLock;
import dev.minicloud.s3.internal.store.Bucket;
import dev.minicloud.s3.internal.store.BucketRemovedException;
import dev.minicloud.s3.internal.store.ObjectVersion;
import dev.minicloud.s3.internal.store.StorageFullException;
import dev.minicloud.s3.internal.store.VersionChain;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Object-level semantics over the store: commits (last writer wins, conditions checked atomically
 * with the commit), reads by key or version, deletes (idempotent; delete markers where versioning
 * asks for them) and tags. A failed write releases the data it was given, so nothing partial
 * is ever visible or kept.
 */
public final class ObjectService {
    private final Clock clock;
    private final ObjectWriteListener listener;
    private final S3Ids ids;

    public ObjectService(Clock clock) {
        this(clock, ObjectWriteListener.NONE, new S3Ids(new Random()));
    }

    public ObjectService(Clock clock, ObjectWriteListener listener, S3Ids ids) {
        this.clock = clock;
        this.listener = listener;
        this.ids = ids;
    }

    /** Commits {@code obj} as the key's newest version; on any failure its data is released. */
    public ObjectVersion commit(Bucket bucket, NewObject obj, Preconditions conditions) {
        return commit(bucket, obj, conditions, () -> {});
    }

    /**
     * Like {@link #commit(Bucket, NewObject, Preconditions)}, with a last check run under the key's
     * lock once the preconditions hold, just before the version is added; it may throw to commit nothing.
     */
    public ObjectVersion commit(Bucket bucket, NewObject obj, Preconditions conditions, Runnable lastCheck) {
        try {
            return write(bucket, obj.key(), chain -> {
                conditions.evaluateWrite(obj.key(), chain.latestObject());
                lastCheck.run();
                Instant now = clock.instant();
                ObjectVersion v = new ObjectVersion(
                        obj.key(),
                        newVersionId(bucket),
                        false,
                        obj.data(),
                        obj.etag(),
                        now,
                        obj.metadata(),
                        obj.tags(),
                        obj.storageClass() == null ? "STANDARD" : obj.storageClass(),
                        obj.checksum(),
                        obj.partSizes(),
                        obj.partChecksums(),
                        null,
                        obj.acl(),
                        obj.encryption(),
                        ObjectLocks.forNewVersion(bucket.objectLock(), obj.lock(), now));
                // reserved before the listener hears of it: a write the budget refuses is never replicated
                chain.reserve(v);
                ObjectVersion committed;
                try {
                    committed = listener.onWrite(bucket, v, ObjectWriteListener.Kind.OBJECT);
                } catch (RuntimeException e) {
                    chain.unreserve(v);
                    throw e;
                }
                chain.addReserved(committed);
                return committed;
            });
        } catch (RuntimeException e) {
            obj.data().release();
            throw e;
        }
    }

    /** The current object or the named version; 404 {@code NoSuchKey} (or {@code NoSuchVersion}). */
    public ObjectVersion get(Bucket bucket, String key, String versionId) {
        VersionChain chain = bucket.chain(key);
        if (versionId != null && !versionId.isEmpty()) {
            ObjectVersion v = chain == null ? null : chain.find(versionId);
            if (v == null) {
                throw new AwsException(404, "NoSuchVersion", "The specified version does not exist.")
                        .with("Key", key)
                        .with("VersionId", versionId);
            }
            if (v.deleteMarker()) {
                throw S3Errors.methodNotAllowed("GET", "DeleteMarker")
                        .withHeader("x-amz-delete-marker", "true")
                        .withHeader("x-amz-version-id", v.versionId())
                        .withHeader("Last-Modified", HttpDates.format(v.lastModified()));
            }
            return v;
        }
        ObjectVersion latest = chain == null ? null : chain.latest();
        if (latest == null) {
            throw S3Errors.noSuchKey(key);
        }
        if (latest.deleteMarker()) {
            throw S3Errors.noSuchKey(key)
                    .withHeader("x-amz-delete-marker", "true")
                    .withHeader("x-amz-version-id", latest.versionId());
        }
        return latest;
    }

    /** What a delete did: the version it removed or the delete marker it created. */
    public record DeleteResult(String key, String versionId, boolean deleteMarker) {}

    /**
     * Deletes {@code key}: without a version id, removes the {@code null} version (unversioned) or
     * adds a delete marker (versioned); with one, removes that version. Deleting nothing succeeds.
     */
    public DeleteResult delete(Bucket bucket, String key, String versionId) {
        return delete(bucket, key, versionId, DeleteCheck.NONE);
    }

    /**
     * What a delete must hold before it changes anything, checked under the key's lock: the
     * request's conditions and Object Lock. It may throw to delete nothing.
     */
    @FunctionalInterface
    public interface DeleteCheck {
        DeleteCheck NONE = (current, removed, now) -> {};

        /**
         * @param current the key's current object ({@code null}: none, or a delete marker)
         * @param removed the version a delete by id would remove ({@code null} without a version id or if absent)
         */
        void check(ObjectVersion current, ObjectVersion removed, Instant now);
    }

    /** {@link #delete(Bucket, String, String)} once {@code check} passes. */
    public DeleteResult delete(Bucket bucket, String key, String versionId, DeleteCheck check) {
        if (versionId != null && !versionId.isEmpty()) {
            return write(bucket, key, chain -> {
                check.check(chain.latestObject(), chain.find(versionId), clock.instant());
                ObjectVersion removed = chain.remove(versionId);
                return new DeleteResult(key, versionId, removed != null && removed.deleteMarker());
            });
        }
        return switch (bucket.versioning()) {
            case UNVERSIONED ->
                write(bucket, key, chain -> {
                    check.check(chain.latestObject(), null, clock.instant());
                    chain.remove(ObjectVersion.NULL_ID);
                    return new DeleteResult(key, null, false);
                });
            case ENABLED, SUSPENDED ->
                write(bucket, key, chain -> {
                    check.check(chain.latestObject(), null, clock.instant());
                    ObjectVersion marker = ObjectVersion.deleteMarker(key, newVersionId(bucket), clock.instant());
                    chain.reserve(marker); // markers hold no data, but their records count: see VersionChain
                    chain.addReserved(listener.onWrite(bucket, marker, ObjectWriteListener.Kind.DELETE_MARKER));
                    return new DeleteResult(key, marker.versionId(), true);
                });
        };
    }

    /** Replaces the tags of the current (or named) version without changing its data or date. */
    public ObjectVersion putTags(Bucket bucket, String key, String versionId, Map<String, String> tags) {
        TagSets.validate(tags, 10);
        return write(bucket, key, chain -> {
            ObjectVersion v = versionId == null ? chain.latestObject() : chain.find(versionId);
            if (v == null || v.deleteMarker()) {
                throw S3Errors.noSuchKey(key);
            }
            ObjectVersion updated = listener.onWrite(bucket, v.withTags(tags), ObjectWriteListener.Kind.TAGS);
            chain.replace(updated);
            return updated;
        });
    }

    /**
     * Replaces the Object Lock state of the current (or named) version, as {@code change} makes it
     * from the old one ({@code null}: none) at the clock's now; {@code change} may throw to change nothing.
     */
    public ObjectVersion updateLock(
            Bucket bucket, String key, String versionId, BiFunction<VersionLock, Instant, VersionLock> change) {
        return write(bucket, key, chain -> {
            ObjectVersion v = versionId == null ? chain.latest() : chain.find(versionId);
            if (v == null) {
                throw versionId == null ? S3Errors.noSuchKey(key) : noSuchVersion(key, versionId);
            }
            if (v.deleteMarker()) {
                throw S3Errors.methodNotAllowed("PUT", "DeleteMarker");
            }
            ObjectVersion updated = listener.onWrite(
                    bucket, v.withLock(change.apply(v.lock(), clock.instant())), ObjectWriteListener.Kind.LOCK);
            chain.replace(updated);
            return updated;
        });
    }

    private static AwsException noSuchVersion(String key, String versionId) {
        return new AwsException(404, "NoSuchVersion", "The specified version does not exist.")
                .with("Key", key)
                .with("VersionId", versionId);
    }

    /** The instant of the service's clock (Object Lock retention is judged by it). */
    public Instant now() {
        return clock.instant();
    }

    /** Replaces the ACL of the current (or named) version without changing anything else. */
    public ObjectVersion putAcl(Bucket bucket, String key, String versionId, AccessControlList acl) {
        return write(bucket, key, chain -> {
            ObjectVersion v = versionId == null ? chain.latestObject() : chain.find(versionId);
            if (v == null || v.deleteMarker()) {
                throw S3Errors.noSuchKey(key);
            }
            ObjectVersion updated = v.withAcl(acl);
            chain.replace(updated);
            return updated;
        });
    }

    /** {@link Bucket#mutate}, with a bucket removed during the write answered as S3 does: {@code NoSuchBucket}. */
    private static <R> R write(Bucket bucket, String key, Function<VersionChain, R> op) {
        try {
            return bucket.mutate(key, op);
        } catch (BucketRemovedException e) {
            throw S3Errors.noSuchBucket(bucket.name());
        } catch (StorageFullException e) {
            throw S3Errors.insufficientStorage(e.getMessage());
        }
    }

    private String newVersionId(Bucket bucket) {
        if (!bucket.versioning().assignsVersionIds()) {
            return ObjectVersion.NULL_ID;
        }
        return ids.versionId();
    }
}
