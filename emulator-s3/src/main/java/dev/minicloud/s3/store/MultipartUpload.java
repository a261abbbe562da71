package dev.minicloud.s3.store;

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
    private boolean finished;

    public MultipartUpload(String uploadId, String key, Instant initiated, ObjectMetadata metadata,
                           Map<String, String> tags, String storageClass, String checksumAlgorithm,
                           String checksumType) {
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
    public record Part(int partNumber, ObjectData data, String etag, Instant lastModified, StoredChecksum checksum,
                       StoredChecksum defaultChecksum) {
        public long size() {
            return data.length();
        }
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
        if (finished) {
            return false;
        }
        Part old = parts.put(part.partNumber(), part);
        if (old != null) {
            old.data().release();
        }
        return true;
    }

    /** Ends the upload (completed or aborted) and releases every part's data. */
    public synchronized void finish() {
        if (finished) {
            return;
        }
        finished = true;
        parts.values().forEach(p -> p.data().release());
        parts.clear();
    }

    public synchronized boolean isFinished() {
        return finished;
    }
}
