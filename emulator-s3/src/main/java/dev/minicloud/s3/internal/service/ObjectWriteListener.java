package dev.minicloud.s3.internal.service;

import dev.minicloud.s3.internal.store.Bucket;
import dev.minicloud.s3.internal.store.ObjectVersion;

/**
 * Sees every user-initiated write to a key while the key's chain is held, and may decorate the
 * record before it is stored: replication uses it to mark new versions {@code PENDING} and queue
 * them, atomically with the commit. Writes made by replication itself bypass it, which is what
 * keeps replicas from being replicated again.
 */
@FunctionalInterface
public interface ObjectWriteListener {
    /** What kind of write produced the version. */
    enum Kind {
        /** A new object version (PUT, copy, multipart completion). */
        OBJECT,
        /** A delete marker created by a DELETE without a version id. */
        DELETE_MARKER,
        /** New tags on an existing version. */
        TAGS,
        /** New Object Lock retention or legal hold on an existing version. */
        LOCK
    }

    /** A listener that stores every version unchanged. */
    ObjectWriteListener NONE = (bucket, version, kind) -> version;

    /** Called inside the key's lock; returns the record to store (the same or a decorated copy). */
    ObjectVersion onWrite(Bucket bucket, ObjectVersion version, Kind kind);
}
