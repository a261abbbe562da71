package dev.minicloud.s3.internal.api;

import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.aws.checksum.ChecksumAlgorithm;
import dev.minicloud.internal.aws.checksum.ChecksumErrors;
import dev.minicloud.internal.aws.checksum.ChecksumHeader;
import dev.minicloud.internal.aws.checksum.ChecksumType;
import dev.minicloud.internal.aws.chunked.StreamingSignatureCheck;
import dev.minicloud.internal.http.BodyHandler;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.internal.xml.XmlElement;
import dev.minicloud.internal.xml.XmlWriter;
import dev.minicloud.s3.internal.lifecycle.ArchiveState;
import dev.minicloud.s3.internal.lifecycle.LifecycleHeaders;
import dev.minicloud.s3.internal.service.CompletionChecksums;
import dev.minicloud.s3.internal.service.DataDigests;
import dev.minicloud.s3.internal.service.DefaultChecksum;
import dev.minicloud.s3.internal.service.MultipartService;
import dev.minicloud.s3.internal.service.S3Errors;
import dev.minicloud.s3.internal.service.TagSets;
import dev.minicloud.s3.internal.store.Bucket;
import dev.minicloud.s3.internal.store.MultipartUpload;
import dev.minicloud.s3.internal.store.ObjectData;
import dev.minicloud.s3.internal.store.ObjectVersion;
import dev.minicloud.s3.internal.store.StoredChecksum;
import dev.minicloud.s3.internal.store.VersioningState;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The multipart upload operations on the wire: Create, UploadPart (streamed), UploadPartCopy
 * (with {@code x-amz-copy-source-range}), Complete, Abort, ListParts and ListMultipartUploads.
 */
final class MultipartApi {
    private final S3Api api;

    MultipartApi(S3Api api) {
        this.api = api;
    }

    /** CreateMultipartUpload; the request body (some clients send one) is read before answering. */
    BodyHandler create(EdgeRequest r, Bucket b, String key) {
        ObjectApi.checkKey(key);
        var lock = ObjectLockHeaders.requested(r, b, api.clock().instant());
        MultipartUpload u = api.multipart()
                .create(
                        b,
                        key,
                        RequestHeaders.metadata(r),
                        TagSets.parseHeader(r.header("x-amz-tagging")),
                        RequestHeaders.storageClass(r),
                        r.header("x-amz-checksum-algorithm"),
                        r.header("x-amz-checksum-type"),
                        AclApi.forNewObject(r, b),
                        EncryptionApi.forWrite(r, b, api.sseCOverHttp()));
        u.lock(lock);
        return ControlBodies.bytes(r, ignored -> {
            XmlWriter x = S3Xml.document("InitiateMultipartUploadResult");
            x.element("Bucket", b.name()).element("Key", key).element("UploadId", u.uploadId());
            FullHttpResponse resp = xmlResponse(x);
            EncryptionApi.headers(resp.headers(), u.encryption());
            if (u.checksumAlgorithm() != null) {
                resp.headers().set("x-amz-checksum-algorithm", u.checksumAlgorithm());
                resp.headers().set("x-amz-checksum-type", u.checksumType());
            }
            abortHeaders(resp, b, u);
            r.respond(resp);
        });
    }

    BodyHandler uploadPart(EdgeRequest r, Bucket b, String key, StreamingSignatureCheck signatures) {
        int partNumber = MultipartService.checkPartNumber(r.queryParameter("partNumber"));
        MultipartUpload u = api.multipart().require(b, key, r.queryParameter("uploadId"));
        ChecksumAlgorithm algorithm =
                u.checksumAlgorithm() == null ? null : ChecksumAlgorithm.fromName(u.checksumAlgorithm());
        boolean checksumRequired = ChecksumType.COMPOSITE.name().equals(u.checksumType());
        CustomerKey.checkPart(r, u.encryption(), api.sseCOverHttp());
        if (u.lock() != null) {
            // S3 asks the parts of an upload with Object Lock parameters for an integrity header too.
            ObjectLockHeaders.requireIntegrityHeader(r, b, u.lock());
        }
        return UploadBody.part(r, api.store().quota(), algorithm, checksumRequired, signatures, body -> {
            MultipartUpload.Part p = api.multipart()
                    .putPart(u, partNumber, body.data(), body.md5Hex(), body.checksum(), body.defaultChecksum());
            FullHttpResponse resp =
                    new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.EMPTY_BUFFER);
            resp.headers().set("ETag", '"' + p.etag() + '"');
            EncryptionApi.headers(resp.headers(), u.encryption());
            // A part the client sent no checksum for still reports the CRC64NVME S3 computed for it.
            ObjectApi.checksumHeaders(resp, p.checksum() != null ? p.checksum() : p.defaultChecksum());
            resp.headers().remove("x-amz-checksum-type");
            r.respond(resp);
        });
    }

    /** UploadPartCopy: the part shares the source's pages; its MD5 is computed off the event loop. */
    void uploadPartCopy(EdgeRequest r, Bucket b, String key, Function<ObjectApi.CopySource, Bucket> sourceBuckets) {
        int partNumber = MultipartService.checkPartNumber(r.queryParameter("partNumber"));
        MultipartUpload u = api.multipart().require(b, key, r.queryParameter("uploadId"));
        ObjectApi.CopySource src = ObjectApi.CopySource.parse(r.header("x-amz-copy-source"));
        Bucket sourceBucket = sourceBuckets.apply(src);
        ChecksumAlgorithm algorithm =
                u.checksumAlgorithm() == null ? null : ChecksumAlgorithm.fromName(u.checksumAlgorithm());
        CustomerKey.checkPart(r, u.encryption(), api.sseCOverHttp());
        ObjectVersion source;
        ObjectData slice;
        do {
            // The slice is taken here, not on the worker: a concurrent overwrite of the source may
            // release the version's data once it is replaced, and then the lookup is repeated.
            source = api.objects().get(sourceBucket, src.key(), src.versionId());
            RequestHeaders.copySourceConditions(r).evaluateCopySource(source);
            CustomerKey.checkRead(r, source.encryption(), CustomerKey.COPY_SOURCE_PREFIX, api.sseCOverHttp());
            ArchiveState.checkReadable(sourceBucket, source, api.clock().instant());
            long first = 0;
            long count = source.size();
            String range = r.header("x-amz-copy-source-range");
            if (range != null) {
                long[] fl = parseCopyRange(range, source.size());
                first = fl[0];
                count = fl[1] - fl[0] + 1;
            }
            slice = source.data().trySlice(first, count);
        } while (slice == null);
        ObjectVersion copied = source;
        ObjectData part = slice;
        boolean submitted = api.worker().run(r, () -> {
            ObjectData data = part;
            DataDigests digests;
            try {
                // The part's MD5 and its checksum (the upload's algorithm, else S3's default) in one pass.
                digests = DataDigests.of(data, true, algorithm != null ? algorithm : DefaultChecksum.ALGORITHM);
            } catch (RuntimeException e) {
                data.release();
                throw e;
            }
            StoredChecksum checksum = algorithm != null ? digests.checksum() : null;
            MultipartUpload.Part p = api.multipart()
                    .putPart(
                            u,
                            partNumber,
                            data,
                            digests.md5Hex(),
                            checksum,
                            algorithm != null ? null : digests.checksum());
            XmlWriter x = S3Xml.document("CopyPartResult");
            x.element("ETag", '"' + p.etag() + '"').element("LastModified", p.lastModified());
            if (checksum != null) {
                x.element(checksum.xmlName(), checksum.value());
            }
            FullHttpResponse resp = xmlResponse(x);
            EncryptionApi.headers(resp.headers(), u.encryption());
            if (sourceBucket.versioning() != VersioningState.UNVERSIONED) {
                resp.headers().set("x-amz-copy-source-version-id", copied.versionId());
            }
            r.respond(resp);
        });
        if (!submitted) {
            part.release(); // refused (503): the copy never runs
        }
    }

    private static long[] parseCopyRange(String header, long size) {
        String h = header.trim();
        AwsException bad = S3Errors.invalidArgument(
                "Range specified is not valid for source object of size: " + size, "x-amz-copy-source-range", header);
        if (!h.startsWith("bytes=")) {
            throw bad;
        }
        String[] ab = h.substring(6).split("-", -1);
        if (ab.length != 2) {
            throw bad;
        }
        try {
            long a = Long.parseLong(ab[0].trim());
            long e = Long.parseLong(ab[1].trim());
            if (a < 0 || e < a || e >= size) {
                throw bad;
            }
            return new long[] {a, e};
        } catch (NumberFormatException ex) {
            throw bad;
        }
    }

    BodyHandler complete(EdgeRequest r, Bucket b, String key) {
        String uploadId = r.queryParameter("uploadId");
        // x-amz-checksum-* here is the whole object's (checked against the parts), never the XML body's.
        return ControlBodies.xml(r, ControlBodies.Integrity.OBJECT_CHECKSUM, xml -> {
            if (!xml.name().equals("CompleteMultipartUpload")) {
                throw S3Errors.malformedXml();
            }
            List<MultipartService.RequestedPart> parts = new ArrayList<>();
            for (XmlElement p : xml.children("Part")) {
                String number = p.childText("PartNumber");
                String etag = p.childText("ETag");
                if (number == null || etag == null) {
                    throw S3Errors.malformedXml();
                }
                Map<String, String> checksums = new LinkedHashMap<>();
                for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
                    String v = p.childText(a.xmlElementName());
                    if (v != null) {
                        checksums.put(a.algorithmName(), v);
                    }
                }
                int n;
                try {
                    n = Integer.parseInt(number.trim());
                } catch (NumberFormatException e) {
                    throw S3Errors.malformedXml();
                }
                parts.add(new MultipartService.RequestedPart(n, etag, checksums));
            }
            // Read before completing: a completed upload leaves the bucket's table (a repeated Complete finds none).
            MultipartUpload pending = uploadId == null ? null : b.uploads().get(uploadId);
            MultipartService.Completion c = api.multipart()
                    .complete(b, key, uploadId, parts, completionChecksums(r), RequestHeaders.writeConditions(r));
            XmlWriter x = S3Xml.document("CompleteMultipartUploadResult");
            x.element("Location", location(r, b, key));
            x.element("Bucket", b.name()).element("Key", key).element("ETag", '"' + c.etag() + '"');
            if (c.checksum() != null) {
                x.element(c.checksum().xmlName(), c.checksum().value());
                x.element("ChecksumType", c.checksum().type());
            }
            FullHttpResponse resp = xmlResponse(x);
            EncryptionApi.headers(resp.headers(), pending != null ? pending.encryption() : b.defaultEncryption());
            ObjectApi.versionHeader(resp, b, c.versionId());
            ObjectVersion completed = b.latestObject(key);
            if (completed != null && completed.versionId().equals(c.versionId())) {
                ObjectApi.expirationHeader(resp.headers(), b, completed);
            }
            r.respond(resp);
        });
    }

    /**
     * The object's URL in the addressing style of the request, as S3 answers it: path style
     * {@code http://host/bucket/key}, virtual-hosted {@code http://bucket.host/key}; the key URL-encoded.
     */
    static String location(EdgeRequest r, Bucket b, String key) {
        String host = r.header("Host");
        String encoded = S3Xml.urlEncode(key, true);
        if (host == null || host.isBlank()) {
            return "/" + b.name() + "/" + encoded;
        }
        if (S3Address.bucketFromHost(host) != null) {
            return "http://" + host.trim() + "/" + encoded;
        }
        return "http://" + host.trim() + "/" + b.name() + "/" + encoded;
    }

    /** The whole-object checksum headers of a CompleteMultipartUpload: at most one value, and a type. */
    private static CompletionChecksums completionChecksums(EdgeRequest r) {
        ChecksumType type = null;
        String typeHeader = r.header("x-amz-checksum-type");
        if (typeHeader != null) {
            type = ChecksumType.fromName(typeHeader);
            if (type == null) {
                throw ChecksumErrors.invalidType();
            }
        }
        ChecksumHeader header = ChecksumHeader.find(r.headers());
        return new CompletionChecksums(
                type, header == null ? null : header.algorithm(), header == null ? null : header.value());
    }

    void abort(EdgeRequest r, Bucket b, String key) {
        api.multipart().abort(b, key, r.queryParameter("uploadId"));
        r.respondEmpty(HttpResponseStatus.NO_CONTENT);
    }

    void listParts(EdgeRequest r, Bucket b, String key) {
        MultipartUpload u = api.multipart().require(b, key, r.queryParameter("uploadId"));
        int marker = RequestHeaders.intParam(r, "part-number-marker", 0, Integer.MAX_VALUE);
        int maxParts = RequestHeaders.intParam(r, "max-parts", 1000, 1000);
        XmlWriter x = S3Xml.document("ListPartsResult");
        x.element("Bucket", b.name()).element("Key", key).element("UploadId", u.uploadId());
        x.element("PartNumberMarker", marker);
        List<MultipartUpload.Part> parts =
                new ArrayList<>(u.parts().tailMap(marker, false).values());
        // max-parts=0 asks for an empty page, not a truncated one with no marker to go on from.
        boolean truncated = maxParts > 0 && parts.size() > maxParts;
        List<MultipartUpload.Part> page = maxParts == 0 ? List.of() : truncated ? parts.subList(0, maxParts) : parts;
        if (!page.isEmpty()) {
            x.element("NextPartNumberMarker", page.get(page.size() - 1).partNumber());
        }
        x.element("MaxParts", maxParts).element("IsTruncated", truncated);
        for (MultipartUpload.Part p : page) {
            x.start("Part")
                    .element("PartNumber", p.partNumber())
                    .element("LastModified", p.lastModified())
                    .element("ETag", '"' + p.etag() + '"')
                    .element("Size", p.size());
            if (p.checksum() != null) {
                x.element(p.checksum().xmlName(), p.checksum().value());
            }
            x.end();
        }
        S3Xml.owner(x, "Initiator", b.owner());
        S3Xml.owner(x, "Owner", b.owner());
        x.element("StorageClass", u.storageClass());
        x.element("ChecksumAlgorithm", u.checksumAlgorithm());
        x.element("ChecksumType", u.checksumType());
        FullHttpResponse resp = xmlResponse(x);
        abortHeaders(resp, b, u);
        r.respond(resp);
    }

    /** {@code x-amz-abort-date} / {@code x-amz-abort-rule-id} when a lifecycle rule will abort the upload. */
    private static void abortHeaders(FullHttpResponse resp, Bucket b, MultipartUpload u) {
        String[] abort = LifecycleHeaders.abort(b, u);
        if (abort != null) {
            resp.headers().set("x-amz-abort-date", abort[0]);
            resp.headers().set("x-amz-abort-rule-id", abort[1]);
        }
    }

    void listUploads(EdgeRequest r, Bucket b) {
        String prefix = r.queryParameter("prefix");
        String keyMarker = r.queryParameter("key-marker");
        String uploadIdMarker = r.queryParameter("upload-id-marker");
        int max = RequestHeaders.intParam(r, "max-uploads", 1000, 1000);
        List<MultipartUpload> all = new ArrayList<>();
        boolean passedMarker = keyMarker == null || keyMarker.isEmpty();
        for (MultipartUpload u : api.multipart().uploads(b, prefix)) {
            if (!passedMarker) {
                int c = u.key().compareTo(keyMarker);
                if (c < 0 || c == 0 && (uploadIdMarker == null || uploadIdMarker.isEmpty())) {
                    continue;
                }
                if (c == 0 && uploadIdMarker != null) {
                    if (u.uploadId().equals(uploadIdMarker)) {
                        passedMarker = true;
                    }
                    continue;
                }
                passedMarker = true;
            }
            all.add(u);
        }
        // max-uploads=0 asks for an empty page, not a truncated one with no marker to go on from.
        boolean truncated = max > 0 && all.size() > max;
        List<MultipartUpload> page = max == 0 ? List.of() : truncated ? all.subList(0, max) : all;
        XmlWriter x = S3Xml.document("ListMultipartUploadsResult");
        x.element("Bucket", b.name());
        x.element("KeyMarker", keyMarker == null ? "" : keyMarker);
        x.element("UploadIdMarker", uploadIdMarker == null ? "" : uploadIdMarker);
        if (truncated) {
            x.element("NextKeyMarker", page.get(page.size() - 1).key());
            x.element("NextUploadIdMarker", page.get(page.size() - 1).uploadId());
        }
        x.element("Prefix", prefix);
        x.element("MaxUploads", max).element("IsTruncated", truncated);
        for (MultipartUpload u : page) {
            x.start("Upload").element("Key", u.key()).element("UploadId", u.uploadId());
            S3Xml.owner(x, "Initiator", b.owner());
            S3Xml.owner(x, "Owner", b.owner());
            x.element("StorageClass", u.storageClass()).element("Initiated", u.initiated());
            x.element("ChecksumAlgorithm", u.checksumAlgorithm());
            x.element("ChecksumType", u.checksumType());
            x.end();
        }
        r.respond(xmlResponse(x));
    }

    static FullHttpResponse xmlResponse(XmlWriter x) {
        FullHttpResponse resp = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(x.toBytes()));
        resp.headers().set("Content-Type", "application/xml");
        return resp;
    }
}
