package dev.minicloud.s3.internal.store;

import dev.minicloud.s3.internal.acl.AccessControlList;
import dev.minicloud.s3.internal.lock.VersionLock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A multipart upload in progress: what CreateMultipartUpload said about the object to be (metadata,
 * tags, storage class, checksum algorithm and type) and the parts uploaded so far. The upload owns
 * its parts' data; a part uploaded again replaces (and releases) the earlier one.
 *
 * <p>Completion and abort exclude each other: a completion claims the upload first
 * ({@link #beginCompletion}), an abort that arrives meanwhile wins (it answers 204 and the completion
 * fails with {@code NoSuchUpload} before committing anything), and once the completion has passed its
 * commit point ({@link #commitPoint}) an abort finds nothing. So no object is ever committed after an
 * abort answered, and every path ends in {@link #finish()}, which releases the parts.
 */
public final class MultipartUpload {
    private final String uploadId;
    private final String key;
    private final Instant initiated;
    private final ObjectMetadata metadata;
    private final Map<String, String> tags;
    private final String storageClass;
    private final String checksumAlgorithm;
    private final String checksumType;
    private final NavigableMap<Integer, Part> parts = new ConcurrentSkipListMap<>();
    private State state = State.OPEN;
    private boolean abortRequested;

    private enum State {
        OPEN,
        COMPLETING,
        COMMITTED,
        FINISHED
    }

    /** What {@link #abort()} did. */
    public enum AbortOutcome {
        /** The upload is gone (now, or when the completion in progress notices). */
        ABORTED,
        /** Already completed, being committed, or aborted before. */
        NOT_FOUND
    }

    private final AccessControlList acl;
    private final ServerSideEncryption encryption;
    private volatile VersionLock lock;

    public MultipartUpload(
            String uploadId,
            String key,
            Instant initiated,
            ObjectMetadata metadata,
            Map<String, String> tags,
            String storageClass,
            String checksumAlgorithm,
            String checksumType,
            AccessControlList acl,
            ServerSideEncryption encryption) {
        this.acl = acl;
        this.encryption = encryption;
        this.uploadId = uploadId;
        this.key = key;
        this.initiated = initiated;
        this.metadata = metadata;
        this.tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        this.storageClass = storageClass;
        this.checksumAlgorithm = checksumAlgorithm;
        this.checksumType = checksumType;
    }

    /**
     * One uploaded part; {@code etag} is the hex MD5 without quotes, {@code checksum} the one the
     * client sent or the upload's algorithm asked for (listed by ListParts), {@code defaultChecksum}
     * the CRC64NVME S3 computes for every part of an upload created without an algorithm (never
     * listed; Complete combines them), else {@code null}.
     */
    public record Part(
            int partNumber,
            ObjectData data,
            String etag,
            Instant lastModified,
            StoredChecksum checksum,
            StoredChecksum defaultChecksum) {
        public long size() {
            return data.length();
        }
    }

    /** The Object Lock parameters CreateMultipartUpload named ({@code null}: none), given to the object on completion. */
    public VersionLock lock() {
        return lock;
    }

    public void lock(VersionLock requested) {
        this.lock = requested;
    }

    public String uploadId() {
        return uploadId;
    }

    public String key() {
        return key;
    }

    public Instant initiated() {
        return initiated;
    }

    /** The ACL the completed object gets ({@code null}: the owner's FULL_CONTROL). */
    public AccessControlList acl() {
        return acl;
    }

    /** How the completed object is encrypted (decided at creation, as on S3). */
    public ServerSideEncryption encryption() {
        return encryption;
    }

    public ObjectMetadata metadata() {
        return metadata;
    }

    public Map<String, String> tags() {
        return tags;
    }

    public String storageClass() {
        return storageClass;
    }

    /** The checksum algorithm announced at creation, or {@code null}. */
    public String checksumAlgorithm() {
        return checksumAlgorithm;
    }

    /** {@code COMPOSITE} or {@code FULL_OBJECT}, or {@code null} without a checksum algorithm. */
    public String checksumType() {
        return checksumType;
    }

    /** Parts by number, ascending; a live view. */
    public NavigableMap<Integer, Part> parts() {
        return Collections.unmodifiableNavigableMap(parts);
    }

    /** Stores a part; returns {@code false} (and stores nothing) if the upload was completed or aborted. */
    public synchronized boolean putPart(Part part) {
        if (state == State.COMMITTED || state == State.FINISHED || abortRequested) {
            return false;
        }
        Part old = parts.put(part.partNumber(), part);
        if (old != null) {
            old.data().release();
        }
        return true;
    }

    /** Claims the upload for one completion; {@code false} if it is finished or another completion runs. */
    public synchronized boolean beginCompletion() {
        if (state != State.OPEN || abortRequested) {
            return false;
        }
        state = State.COMPLETING;
        return true;
    }

    /**
     * Called inside the commit, under the key's lock: from here on the completion cannot be undone.
     * Returns {@code false} if an abort came first (the caller then commits nothing).
     */
    public synchronized boolean commitPoint() {
        if (state != State.COMPLETING || abortRequested) {
            return false;
        }
        state = State.COMMITTED;
        return true;
    }

    /**
     * The completion failed before its commit point: the upload is open again as it was, unless an
     * abort arrived meanwhile, which it then carries out. Returns {@code true} if the upload was aborted.
     */
    public synchronized boolean cancelCompletion() {
        if (state != State.COMPLETING) {
            return state == State.FINISHED;
        }
        if (abortRequested) {
            finishLocked();
            return true;
        }
        state = State.OPEN;
        return false;
    }

    /** AbortMultipartUpload: ends an open upload now, or one being completed as soon as its completion notices. */
    public synchronized AbortOutcome abort() {
        switch (state) {
            case OPEN -> {
                finishLocked();
                return AbortOutcome.ABORTED;
            }
            case COMPLETING -> {
                if (abortRequested) {
                    return AbortOutcome.NOT_FOUND;
                }
                abortRequested = true;
                return AbortOutcome.ABORTED;
            }
            default -> {
                return AbortOutcome.NOT_FOUND;
            }
        }
    }

    /** Ends the upload (completed, aborted, or its bucket removed) and releases every part's data. */
    public synchronized void finish() {
        finishLocked();
    }

    private void finishLocked() {
        if (state == State.FINISHED) {
            return;
        }
        state = State.FINISHED;
        parts.values().forEach(p -> p.data().release());
        parts.clear();
    }

    /** Completed, aborted (or being aborted), or its bucket removed. */
    public synchronized boolean isFinished() {
        return state == State.FINISHED || abortRequested;
    }
}
