package dev.minicloud.s3.internal.service;

import dev.minicloud.internal.aws.checksum.ChecksumAlgorithm;
import dev.minicloud.internal.aws.checksum.ChecksumType;
import dev.minicloud.internal.aws.checksum.MultipartChecksum;
import dev.minicloud.s3.internal.acl.AccessControlList;
import dev.minicloud.s3.internal.store.Bucket;
import dev.minicloud.s3.internal.store.BucketRemovedException;
import dev.minicloud.s3.internal.store.MultipartUpload;
import dev.minicloud.s3.internal.store.ObjectData;
import dev.minicloud.s3.internal.store.ObjectMetadata;
import dev.minicloud.s3.internal.store.ObjectVersion;
import dev.minicloud.s3.internal.store.ServerSideEncryption;
import dev.minicloud.s3.internal.store.StoredChecksum;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Multipart uploads: create, store parts, complete (S3's validation: ascending part numbers,
 * matching ETags, 5 MiB minimum for all but the last part; the object's ETag is
 * {@code md5(concat(part md5s))-N}; checksums COMPOSITE {@code <b64>-N} or FULL_OBJECT), abort,
 * and listings. Completing builds the object from the parts' pages without copying a byte.
 */
public final class MultipartService {
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    public static final int MAX_PART_NUMBER = 10_000;

    private final Clock clock;
    private final ObjectService objects;
    private final S3Ids ids;

    public MultipartService(Clock clock, ObjectService objects, S3Ids ids) {
        this.ids = ids;
        this.clock = clock;
        this.objects = objects;
    }

    /**
     * Starts an upload; {@code algorithmHeader} and {@code typeHeader} are the raw
     * {@code x-amz-checksum-algorithm} / {@code x-amz-checksum-type} values (either may be null),
     * resolved and validated with S3's defaults and errors.
     */
    public MultipartUpload create(
            Bucket bucket,
            String key,
            ObjectMetadata metadata,
            Map<String, String> tags,
            String storageClass,
            String algorithmHeader,
            String typeHeader,
            AccessControlList acl,
            ServerSideEncryption encryption) {
        ChecksumType resolved = MultipartChecksum.resolveType(algorithmHeader, typeHeader);
        ChecksumAlgorithm algorithm = algorithmHeader == null ? null : ChecksumAlgorithm.fromName(algorithmHeader);
        String type = resolved == null ? null : resolved.name();
        String id = ids.uploadId();
        MultipartUpload u = new MultipartUpload(
                id,
                key,
                clock.instant(),
                metadata,
                tags,
                storageClass,
                algorithm == null ? null : algorithm.algorithmName(),
                type,
                acl,
                encryption);
        try {
            bucket.addUpload(u);
        } catch (BucketRemovedException e) {
            throw S3Errors.noSuchBucket(bucket.name());
        }
        return u;
    }

    /** The upload, or 404 {@code NoSuchUpload} (also when it belongs to another key). */
    public MultipartUpload require(Bucket bucket, String key, String uploadId) {
        MultipartUpload u = uploadId == null ? null : bucket.uploads().get(uploadId);
        if (u == null || !u.key().equals(key) || u.isFinished()) {
            throw S3Errors.noSuchUpload(uploadId);
        }
        return u;
    }

    public static int checkPartNumber(String value) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException | NullPointerException e) {
            n = -1;
        }
        if (n < 1 || n > MAX_PART_NUMBER) {
            throw S3Errors.invalidArgument(
                    "Part number must be an integer between 1 and 10000, inclusive", "partNumber", value);
        }
        return n;
    }

    /**
     * Stores a part; the part's data is released if the upload is gone by now.
     *
     * @param checksum the client's checksum or the upload algorithm's, or {@code null}
     * @param defaultChecksum the part's CRC64NVME in an upload created without an algorithm, else {@code null}
     */
    public MultipartUpload.Part putPart(
            MultipartUpload upload,
            int partNumber,
            ObjectData data,
            String md5Hex,
            StoredChecksum checksum,
            StoredChecksum defaultChecksum) {
        MultipartUpload.Part part =
                new MultipartUpload.Part(partNumber, data, md5Hex, clock.instant(), checksum, defaultChecksum);
        if (!upload.putPart(part)) {
            data.release();
            throw S3Errors.noSuchUpload(upload.uploadId());
        }
        return part;
    }

    /** A part named in a CompleteMultipartUpload body. */
    public record RequestedPart(int partNumber, String etag, Map<String, String> checksums) {}

    /**
     * What Complete answered; {@code checksum} is the one in the answer, which for an upload created
     * without an algorithm is S3's default CRC64NVME that the object itself does not keep.
     */
    public record Completion(String key, String etag, String versionId, StoredChecksum checksum) {}

    /**
     * Completes an upload; {@code claimed} is what the request's checksum headers say about the
     * object ({@link CompletionChecksums#NONE} for none), checked with S3's rules before anything
     * is committed.
     */
    public Completion complete(
            Bucket bucket,
            String key,
            String uploadId,
            List<RequestedPart> requested,
            CompletionChecksums claimed,
            Preconditions conditions) {
        if (requested.isEmpty()) {
            throw S3Errors.malformedXml();
        }
        String fingerprint = fingerprint(requested);
        MultipartUpload upload = bucket.uploads().get(uploadId);
        if (upload == null || !upload.key().equals(key) || !upload.beginCompletion()) {
            Bucket.CompletedUpload done = bucket.completedUploads().get(uploadId);
            if (done != null
                    && done.key().equals(key)
                    && done.partsFingerprint().equals(fingerprint)) {
                return new Completion(key, done.etag(), done.versionId(), done.checksum());
            }
            throw S3Errors.noSuchUpload(uploadId);
        }
        Completion completion;
        try {
            completion = completeClaimed(bucket, upload, requested, fingerprint, claimed, conditions);
        } catch (RuntimeException e) {
            if (upload.cancelCompletion()) {
                throw S3Errors.noSuchUpload(
                        uploadId); // an abort arrived first: it answered 204, so nothing was committed
            }
            throw e;
        }
        bucket.uploads().remove(uploadId);
        upload.finish();
        return completion;
    }

    /** Validates and commits an upload this thread has claimed with {@link MultipartUpload#beginCompletion()}. */
    private Completion completeClaimed(
            Bucket bucket,
            MultipartUpload upload,
            List<RequestedPart> requested,
            String fingerprint,
            CompletionChecksums claimed,
            Preconditions conditions) {
        String uploadId = upload.uploadId();
        String key = upload.key();
        claimed.checkRequest(upload, requested);
        List<MultipartUpload.Part> parts = new ArrayList<>();
        int previous = 0;
        for (RequestedPart rp : requested) {
            if (rp.partNumber() <= previous) {
                throw S3Errors.invalidPartOrder(uploadId);
            }
            previous = rp.partNumber();
            MultipartUpload.Part p = upload.parts().get(rp.partNumber());
            if (p == null || !p.etag().equals(unquote(rp.etag())) || !checksumsAgree(p, rp)) {
                throw S3Errors.invalidPart(uploadId, rp.partNumber(), rp.etag());
            }
            parts.add(p);
        }
        for (int i = 0; i < parts.size() - 1; i++) {
            MultipartUpload.Part p = parts.get(i);
            if (p.size() < MIN_PART_SIZE) {
                throw S3Errors.entityTooSmall(p.size(), p.partNumber(), p.etag());
            }
        }
        List<byte[]> partMd5s = new ArrayList<>();
        List<ObjectData> datas = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (MultipartUpload.Part p : parts) {
            partMd5s.add(HexFormat.of().parseHex(p.etag()));
            datas.add(p.data());
            sizes.add(p.size());
        }
        String etag = MultipartChecksum.multipartEtag(partMd5s);
        ObjectData data = ObjectData.tryConcat(datas);
        if (data == null) {
            // A part was uploaded again (or its upload ended) since it was looked up: its old data is gone.
            MultipartUpload.Part replaced = parts.stream()
                    .filter(p -> isReplaced(upload, p))
                    .findFirst()
                    .orElse(parts.get(0));
            throw S3Errors.invalidPart(uploadId, replaced.partNumber(), replaced.etag());
        }
        StoredChecksum checksum;
        StoredChecksum answered;
        try {
            checksum = combinedChecksum(upload, parts);
            claimed.checkFullObject(checksum);
            answered = upload.checksumAlgorithm() == null ? DefaultChecksum.ofParts(parts) : checksum;
        } catch (RuntimeException e) {
            data.release();
            throw e;
        }
        ObjectVersion v = objects.commit(
                bucket,
                new NewObject(
                        key,
                        data,
                        etag,
                        upload.metadata(),
                        upload.tags(),
                        upload.storageClass(),
                        checksum,
                        sizes,
                        partChecksums(checksum, parts),
                        upload.acl(),
                        upload.encryption(),
                        upload.lock()),
                conditions,
                () -> {
                    if (!upload.commitPoint()) {
                        throw S3Errors.noSuchUpload(uploadId);
                    }
                });
        bucket.completedUploads()
                .put(uploadId, new Bucket.CompletedUpload(key, etag, fingerprint, v.versionId(), answered));
        return new Completion(key, etag, v.versionId(), answered);
    }

    /**
     * The parts' checksums an object keeps: those a COMPOSITE checksum is made of (GetObjectAttributes
     * lists them, as S3 does); none for a FULL_OBJECT checksum or none at all.
     */
    private static List<String> partChecksums(StoredChecksum objectChecksum, List<MultipartUpload.Part> parts) {
        if (objectChecksum == null || !ChecksumType.COMPOSITE.name().equals(objectChecksum.type())) {
            return List.of();
        }
        return parts.stream().map(p -> p.checksum().value()).toList();
    }

    /** A checksum named for a part in the Complete request must be the one the part was stored with. */
    private static boolean checksumsAgree(MultipartUpload.Part p, RequestedPart rp) {
        for (Map.Entry<String, String> e : rp.checksums().entrySet()) {
            if (p.checksum() != null
                    && p.checksum().algorithm().equals(e.getKey())
                    && !p.checksum().value().equals(e.getValue().trim())) {
                return false;
            }
        }
        return true;
    }

    private static StoredChecksum combinedChecksum(MultipartUpload upload, List<MultipartUpload.Part> parts) {
        ChecksumAlgorithm algorithm =
                upload.checksumAlgorithm() == null ? null : ChecksumAlgorithm.fromName(upload.checksumAlgorithm());
        if (algorithm == null) {
            return null;
        }
        for (MultipartUpload.Part p : parts) {
            if (p.checksum() == null || !p.checksum().algorithm().equals(algorithm.algorithmName())) {
                return null; // a part stored without the checksum: S3 stores none for the object
            }
        }
        if (ChecksumType.FULL_OBJECT.name().equals(upload.checksumType())) {
            List<MultipartChecksum.Part> crcs = new ArrayList<>();
            for (MultipartUpload.Part p : parts) {
                crcs.add(new MultipartChecksum.Part(
                        Base64.getDecoder().decode(p.checksum().value()), p.size()));
            }
            return new StoredChecksum(
                    algorithm.algorithmName(),
                    MultipartChecksum.fullObject(algorithm, crcs),
                    ChecksumType.FULL_OBJECT.name());
        }
        List<byte[]> raw = new ArrayList<>();
        for (MultipartUpload.Part p : parts) {
            raw.add(Base64.getDecoder().decode(p.checksum().value()));
        }
        return new StoredChecksum(
                algorithm.algorithmName(), MultipartChecksum.composite(algorithm, raw), ChecksumType.COMPOSITE.name());
    }

    /** AbortMultipartUpload; an upload being completed is aborted unless the completion has already committed. */
    public void abort(Bucket bucket, String key, String uploadId) {
        MultipartUpload u = require(bucket, key, uploadId);
        if (u.abort() == MultipartUpload.AbortOutcome.NOT_FOUND) {
            throw S3Errors.noSuchUpload(uploadId);
        }
        bucket.uploads().remove(uploadId, u);
    }

    /** Uploads of a bucket sorted by key then initiation time, as ListMultipartUploads returns them. */
    public List<MultipartUpload> uploads(Bucket bucket, String prefix) {
        return bucket.uploads().values().stream()
                .filter(u -> !u.isFinished() && (prefix == null || u.key().startsWith(prefix)))
                .sorted((a, b) -> {
                    int c = a.key().compareTo(b.key());
                    return c != 0 ? c : a.initiated().compareTo(b.initiated());
                })
                .toList();
    }

    private static String fingerprint(List<RequestedPart> parts) {
        StringBuilder b = new StringBuilder();
        for (RequestedPart p : parts) {
            b.append(p.partNumber()).append(':').append(unquote(p.etag())).append(';');
        }
        return b.toString();
    }

    static String unquote(String etag) {
        if (etag == null) {
            return "";
        }
        String e = etag.trim();
        if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
            return e.substring(1, e.length() - 1);
        }
        return e;
    }

    /** Whether the upload now holds another record (a re-upload) or none for the part's number. */
    @SuppressWarnings("ReferenceEquality") // the very record looked up, not an equal one
    private static boolean isReplaced(MultipartUpload upload, MultipartUpload.Part part) {
        return upload.parts().get(part.partNumber()) != part;
    }
}
