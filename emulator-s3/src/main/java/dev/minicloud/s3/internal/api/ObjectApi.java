package dev.minicloud.s3.internal.api;

import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.aws.MalformedUriException;
import dev.minicloud.internal.aws.UriComponents;
import dev.minicloud.internal.aws.checksum.ChecksumAlgorithm;
import dev.minicloud.internal.aws.checksum.ChecksumErrors;
import dev.minicloud.internal.aws.chunked.StreamingSignatureCheck;
import dev.minicloud.internal.http.BodyHandler;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.internal.xml.XmlElement;
import dev.minicloud.internal.xml.XmlWriter;
import dev.minicloud.s3.internal.acl.AccessControlList;
import dev.minicloud.s3.internal.lifecycle.ArchiveState;
import dev.minicloud.s3.internal.lifecycle.LifecycleHeaders;
import dev.minicloud.s3.internal.lock.ObjectLocks;
import dev.minicloud.s3.internal.lock.VersionLock;
import dev.minicloud.s3.internal.service.DataDigests;
import dev.minicloud.s3.internal.service.DefaultChecksum;
import dev.minicloud.s3.internal.service.DeleteConditions;
import dev.minicloud.s3.internal.service.HttpDates;
import dev.minicloud.s3.internal.service.NewObject;
import dev.minicloud.s3.internal.service.ObjectService;
import dev.minicloud.s3.internal.service.Preconditions;
import dev.minicloud.s3.internal.service.S3Errors;
import dev.minicloud.s3.internal.service.TagSets;
import dev.minicloud.s3.internal.store.Bucket;
import dev.minicloud.s3.internal.store.ObjectData;
import dev.minicloud.s3.internal.store.ObjectMetadata;
import dev.minicloud.s3.internal.store.ObjectVersion;
import dev.minicloud.s3.internal.store.ServerSideEncryption;
import dev.minicloud.s3.internal.store.StoredChecksum;
import dev.minicloud.s3.internal.store.VersioningState;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The object operations on the wire: PutObject (streamed), GetObject/HeadObject, DeleteObject,
 * DeleteObjects, CopyObject, object tagging, GetObjectAttributes and a read-only ACL.
 */
final class ObjectApi {
    static final int MAX_KEY_BYTES = 1024;

    private final S3Api api;

    ObjectApi(S3Api api) {
        this.api = api;
    }

    static void checkKey(String key) {
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new AwsException(400, "KeyTooLongError", "Your key is too long")
                    .with("Size", Integer.toString(key.getBytes(StandardCharsets.UTF_8).length))
                    .with("MaxSizeAllowed", Integer.toString(MAX_KEY_BYTES));
        }
    }

    BodyHandler put(EdgeRequest r, Bucket b, String key, StreamingSignatureCheck signatures) {
        checkKey(key);
        ObjectMetadata metadata = RequestHeaders.metadata(r);
        Map<String, String> tags = TagSets.parseHeader(r.header("x-amz-tagging"));
        String storageClass = RequestHeaders.storageClass(r);
        Preconditions conditions = RequestHeaders.writeConditions(r);
        AccessControlList acl = AclApi.forNewObject(r, b);
        ServerSideEncryption encryption = EncryptionApi.forWrite(r, b, api.sseCOverHttp());
        VersionLock lock = ObjectLockHeaders.requested(r, b, api.clock().instant());
        ObjectLockHeaders.requireIntegrityHeader(r, b, lock);
        // Fail fast, before the body is read, when the condition already cannot hold; checked again at commit.
        conditions.evaluateWrite(key, b.latestObject(key));
        return UploadBody.object(r, api.store().quota(), signatures, body -> {
            ObjectVersion v = api.objects()
                    .commit(
                            b,
                            new NewObject(
                                    key,
                                    body.data(),
                                    body.md5Hex(),
                                    metadata,
                                    tags,
                                    storageClass,
                                    body.objectChecksum(),
                                    List.of(),
                                    List.of(),
                                    acl,
                                    encryption,
                                    lock),
                            conditions);
            FullHttpResponse resp =
                    new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.EMPTY_BUFFER);
            resp.headers().set("ETag", v.quotedEtag());
            EncryptionApi.headers(resp.headers(), v.encryption());
            checksumHeaders(resp, v.checksum());
            versionHeader(resp, b, v.versionId());
            expirationHeader(resp.headers(), b, v);
            r.respond(resp);
        });
    }

    /** {@code x-amz-expiration} when a lifecycle rule will expire the current version {@code v}. */
    static void expirationHeader(HttpHeaders h, Bucket b, ObjectVersion v) {
        String expiration = LifecycleHeaders.expiration(b, v);
        if (expiration != null) {
            h.set("x-amz-expiration", expiration);
        }
    }

    void get(EdgeRequest r, Bucket b, String key) {
        // Each retry finds a newer version than the one whose data was just released, so this ends.
        while (!ObjectResponses.getOrHead(
                r,
                b,
                readable(r, b, api.objects().get(b, key, r.queryParameter("versionId"))),
                api.clock().instant())) {
            Thread.onSpinWait();
        }
    }

    /**
     * An SSE-C object is read only with its key, as on S3; an archived one (GLACIER, DEEP_ARCHIVE)
     * by GET only once restored, while HEAD shows it.
     */
    private ObjectVersion readable(EdgeRequest r, Bucket b, ObjectVersion v) {
        CustomerKey.checkRead(r, v.encryption(), CustomerKey.PREFIX, api.sseCOverHttp());
        if (r.method().equals(HttpMethod.GET)) {
            ArchiveState.checkReadable(b, v, api.clock().instant());
        }
        return v;
    }

    void delete(EdgeRequest r, Bucket b, String key) {
        String versionId = r.queryParameter("versionId");
        DeleteConditions conditions = DeleteConditions.parse(
                r.header("If-Match"),
                r.header("x-amz-if-match-last-modified-time"),
                r.header("x-amz-if-match-size"),
                "x-amz-if-match-last-modified-time",
                "x-amz-if-match-size");
        ObjectService.DeleteResult d = api.objects()
                .delete(b, key, versionId, deleteCheck(key, versionId, conditions, ObjectLockHeaders.bypass(r, b)));
        FullHttpResponse resp =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT, Unpooled.EMPTY_BUFFER);
        if (d.deleteMarker()) {
            resp.headers().set("x-amz-delete-marker", "true");
        }
        if (d.versionId() != null) {
            resp.headers().set("x-amz-version-id", d.versionId());
        }
        r.respond(resp);
    }

    /**
     * A delete's checks under the key's lock: its conditions against the version it acts on (the named
     * version, else the current object), then Object Lock on a version it would remove for good.
     */
    private static ObjectService.DeleteCheck deleteCheck(
            String key, String versionId, DeleteConditions conditions, boolean bypass) {
        boolean byId = versionId != null && !versionId.isEmpty();
        return (current, removed, now) -> {
            conditions.evaluate(key, byId ? (removed == null || removed.deleteMarker() ? null : removed) : current);
            if (byId) {
                ObjectLocks.checkRemoval(removed, bypass, now);
            }
        };
    }

    /** DeleteObjects; {@code mayDelete} throws {@code AccessDenied} for a key (and version) the caller may not delete. */
    BodyHandler deleteObjects(EdgeRequest r, Bucket b, BiConsumer<String, String> mayDelete) {
        boolean bypass = ObjectLockHeaders.bypass(r, b);
        return ControlBodies.xml(r, ControlBodies.Integrity.REQUIRED, xml -> {
            if (!xml.name().equals("Delete")) {
                throw S3Errors.malformedXml();
            }
            boolean quiet = "true"
                    .equalsIgnoreCase(
                            xml.childText("Quiet") == null
                                    ? ""
                                    : xml.childText("Quiet").trim());
            List<XmlElement> objects = xml.children("Object");
            if (objects.isEmpty() || objects.size() > 1000) {
                throw S3Errors.malformedXml();
            }
            XmlWriter x = S3Xml.document("DeleteResult");
            for (XmlElement o : objects) {
                String key = o.childText("Key");
                String versionId = o.childText("VersionId");
                if (key == null) {
                    throw S3Errors.malformedXml();
                }
                try {
                    mayDelete.accept(key, versionId);
                    DeleteConditions conditions = DeleteConditions.parse(
                            o.childText("ETag"),
                            o.childText("LastModifiedTime"),
                            o.childText("Size"),
                            "LastModifiedTime",
                            "Size");
                    ObjectService.DeleteResult d =
                            api.objects().delete(b, key, versionId, deleteCheck(key, versionId, conditions, bypass));
                    if (!quiet) {
                        x.start("Deleted").element("Key", key);
                        if (versionId != null) {
                            x.element("VersionId", versionId);
                        }
                        if (d.deleteMarker()) {
                            x.element("DeleteMarker", true);
                            x.element("DeleteMarkerVersionId", d.versionId());
                        }
                        x.end();
                    }
                } catch (AwsException e) {
                    x.start("Error")
                            .element("Key", key)
                            .element("VersionId", versionId)
                            .element("Code", e.code())
                            .element("Message", e.getMessage())
                            .end();
                }
            }
            r.respond(HttpResponseStatus.OK, "application/xml", x.toBytes());
        });
    }

    /**
     * CopyObject: shares the source's pages. The copy keeps the source's FULL_OBJECT checksum; it
     * gets a new one computed over the data for {@code x-amz-checksum-algorithm}, a COMPOSITE source
     * (same algorithm) or a source without one (S3's default CRC64NVME). That pass, and hashing a
     * multipart source for its new single-part ETag, run off the event loop.
     */
    void copy(EdgeRequest r, Bucket target, String key, Function<CopySource, Bucket> sourceBuckets) {
        checkKey(key);
        CopySource src = CopySource.parse(r.header("x-amz-copy-source"));
        Bucket sourceBucket = sourceBuckets.apply(src);
        ObjectVersion found;
        ObjectData held;
        do {
            // Hold the source's data from the lookup on: a concurrent overwrite may release the
            // version's data once it is replaced, and then the lookup is repeated.
            found = copySource(sourceBucket, src);
            held = found.data().tryShare();
        } while (held == null);
        ObjectVersion source = found;
        ObjectData sourceData = held;
        Runnable copy;
        try {
            copy = planCopy(r, target, key, sourceBucket, source, sourceData, src);
        } catch (RuntimeException e) {
            sourceData.release();
            throw e;
        }
        copy.run();
    }

    /**
     * Validates a CopyObject whose source is found and held, and returns the work that makes the
     * copy; that work owns {@code sourceData} (releases it on failure, or stores it).
     */
    private Runnable planCopy(
            EdgeRequest r,
            Bucket target,
            String key,
            Bucket sourceBucket,
            ObjectVersion source,
            ObjectData sourceData,
            CopySource src) {
        RequestHeaders.copySourceConditions(r).evaluateCopySource(source);
        CustomerKey.checkRead(r, source.encryption(), CustomerKey.COPY_SOURCE_PREFIX, api.sseCOverHttp());
        // An archived source is copied only once restored, as it is read.
        ArchiveState.checkReadable(sourceBucket, source, api.clock().instant());
        String metadataDirective = directive(r, "x-amz-metadata-directive");
        String taggingDirective = directive(r, "x-amz-tagging-directive");
        ChecksumAlgorithm requested = copyChecksumAlgorithm(r.header("x-amz-checksum-algorithm"));
        boolean sameObject = sourceBucket == target && src.key().equals(key);
        // Copying in place is how S3 users change an object's checksum algorithm, so that counts as a change.
        if (sameObject
                && metadataDirective.equals("COPY")
                && r.header("x-amz-storage-class") == null
                && r.header("x-amz-server-side-encryption") == null
                && taggingDirective.equals("COPY")
                && requested == null) {
            throw S3Errors.invalidRequest("This copy request is illegal because it is trying to copy an object to "
                    + "itself without changing the object's metadata, storage class, website redirect location or "
                    + "encryption attributes.");
        }
        ObjectMetadata metadata = metadataDirective.equals("REPLACE") ? RequestHeaders.metadata(r) : source.metadata();
        Map<String, String> tags =
                taggingDirective.equals("REPLACE") ? TagSets.parseHeader(r.header("x-amz-tagging")) : source.tags();
        String storageClass = RequestHeaders.storageClass(r);
        Preconditions conditions = RequestHeaders.writeConditions(r);
        // S3 never copies the source's ACL: the copy gets the one the request names, or the default.
        AccessControlList acl = AclApi.forNewObject(r, target);
        // Nor its encryption: the copy is encrypted as the request asks, else as the target bucket's default.
        ServerSideEncryption encryption = EncryptionApi.forWrite(r, target, api.sseCOverHttp());
        // Nor its Object Lock: the copy is locked as the request asks, else by the target's default retention.
        VersionLock lock = ObjectLockHeaders.requested(r, target, api.clock().instant());
        // A multipart source becomes a single-part object: its ETag is the MD5 of the bytes.
        boolean hashEtag = source.partsCount() > 0;
        StoredChecksum kept = keptChecksum(source.checksum(), requested);
        ChecksumAlgorithm recompute = kept != null
                ? null
                : requested != null
                        ? requested
                        : source.checksum() != null
                                ? ChecksumAlgorithm.fromName(source.checksum().algorithm())
                                : DefaultChecksum.ALGORITHM;
        Runnable work = () -> {
            ObjectData data = sourceData;
            String etag;
            StoredChecksum checksum;
            try {
                DataDigests digests = hashEtag || recompute != null ? DataDigests.of(data, hashEtag, recompute) : null;
                etag = hashEtag ? digests.md5Hex() : source.etag();
                checksum = kept != null ? kept : digests.checksum();
            } catch (RuntimeException e) {
                data.release();
                throw e;
            }
            ObjectVersion v = api.objects()
                    .commit(
                            target,
                            new NewObject(
                                    key,
                                    data,
                                    etag,
                                    metadata,
                                    tags,
                                    storageClass,
                                    checksum,
                                    List.of(),
                                    List.of(),
                                    acl,
                                    encryption,
                                    lock),
                            conditions);
            XmlWriter x = S3Xml.document("CopyObjectResult");
            x.element("ETag", v.quotedEtag()).element("LastModified", v.lastModified());
            if (checksum != null) {
                x.element("ChecksumType", checksum.type());
                x.element(checksum.xmlName(), checksum.value());
            }
            FullHttpResponse resp = new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(x.toBytes()));
            resp.headers().set("Content-Type", "application/xml");
            EncryptionApi.headers(resp.headers(), v.encryption());
            versionHeader(resp, target, v.versionId());
            expirationHeader(resp.headers(), target, v);
            if (sourceBucket.versioning() != VersioningState.UNVERSIONED) {
                resp.headers().set("x-amz-copy-source-version-id", source.versionId());
            }
            r.respond(resp);
        };
        if (!hashEtag && recompute == null) {
            return work;
        }
        return () -> {
            if (!api.worker().run(r, work)) {
                sourceData.release(); // refused (503): the work that owned the data never runs
            }
        };
    }

    /** {@code x-amz-checksum-algorithm} of a CopyObject: {@code null} if absent, S3's error if unknown. */
    private static ChecksumAlgorithm copyChecksumAlgorithm(String header) {
        if (header == null) {
            return null;
        }
        ChecksumAlgorithm a = ChecksumAlgorithm.fromName(header);
        if (a == null) {
            throw ChecksumErrors.unsupportedAlgorithm();
        }
        return a;
    }

    /** The source's checksum if the copy can keep it as is: FULL_OBJECT, and the algorithm asked for (if any). */
    private static StoredChecksum keptChecksum(StoredChecksum source, ChecksumAlgorithm requested) {
        if (source == null || !"FULL_OBJECT".equals(source.type())) {
            return null;
        }
        return requested == null || requested.algorithmName().equals(source.algorithm()) ? source : null;
    }

    /** The copy's source version; naming a delete marker by id is S3's 400 {@code InvalidRequest}, not a 405. */
    private ObjectVersion copySource(Bucket sourceBucket, CopySource src) {
        try {
            return api.objects().get(sourceBucket, src.key(), src.versionId());
        } catch (AwsException e) {
            if (e.code().equals("MethodNotAllowed")) {
                throw S3Errors.invalidRequest(
                        "The source of a copy request may not specifically refer to a delete marker by version id.");
            }
            throw e;
        }
    }

    private static String directive(EdgeRequest r, String header) {
        String v = r.header(header);
        if (v == null) {
            return "COPY";
        }
        String d = v.trim().toUpperCase(Locale.ROOT);
        if (!d.equals("COPY") && !d.equals("REPLACE")) {
            throw S3Errors.invalidArgument("Unknown " + header, header, v);
        }
        return d;
    }

    BodyHandler putTags(EdgeRequest r, Bucket b, String key) {
        return ControlBodies.xml(r, xml -> {
            ObjectVersion v = api.objects().putTags(b, key, r.queryParameter("versionId"), Tagging.parse(xml));
            FullHttpResponse resp =
                    new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.EMPTY_BUFFER);
            versionHeader(resp, b, v.versionId());
            r.respond(resp);
        });
    }

    void getTags(EdgeRequest r, Bucket b, String key) {
        ObjectVersion v = api.objects().get(b, key, r.queryParameter("versionId"));
        FullHttpResponse resp = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(Tagging.render(v.tags())));
        resp.headers().set("Content-Type", "application/xml");
        versionHeader(resp, b, v.versionId());
        r.respond(resp);
    }

    void deleteTags(EdgeRequest r, Bucket b, String key) {
        ObjectVersion v = api.objects().putTags(b, key, r.queryParameter("versionId"), Map.of());
        FullHttpResponse resp =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT, Unpooled.EMPTY_BUFFER);
        versionHeader(resp, b, v.versionId());
        r.respond(resp);
    }

    void attributes(EdgeRequest r, Bucket b, String key) {
        ObjectVersion v = api.objects().get(b, key, r.queryParameter("versionId"));
        // Clients send the list as one comma-separated header or as repeated headers.
        Set<String> wanted = new HashSet<>();
        for (String header : r.headers().getAll("x-amz-object-attributes")) {
            for (String a : header.split(",")) {
                if (!a.isBlank()) {
                    wanted.add(a.trim());
                }
            }
        }
        if (wanted.isEmpty()) {
            throw S3Errors.invalidArgument("Invalid attribute name specified.", "x-amz-object-attributes", "");
        }
        int maxParts = RequestHeaders.intHeader(r, "x-amz-max-parts", 1000, 1000);
        int partNumberMarker = RequestHeaders.intHeader(r, "x-amz-part-number-marker", 0, Integer.MAX_VALUE);
        XmlWriter x = ObjectAttributes.render(v, wanted, maxParts, partNumberMarker);
        FullHttpResponse resp = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(x.toBytes()));
        resp.headers().set("Content-Type", "application/xml");
        resp.headers().set("Last-Modified", HttpDates.format(v.lastModified()));
        versionHeader(resp, b, v.versionId());
        r.respond(resp);
    }

    static void checksumHeaders(FullHttpResponse resp, StoredChecksum checksum) {
        if (checksum != null) {
            resp.headers().set(checksum.headerName(), checksum.value());
            resp.headers().set("x-amz-checksum-type", checksum.type());
        }
    }

    static void versionHeader(FullHttpResponse resp, Bucket b, String versionId) {
        if (b.versioning() != VersioningState.UNVERSIONED && versionId != null) {
            resp.headers().set("x-amz-version-id", versionId);
        }
    }

    /** The parsed {@code x-amz-copy-source} header: {@code [/]bucket/key[?versionId=id]}, URL-encoded. */
    record CopySource(String bucket, String key, String versionId) {
        static CopySource parse(String header) {
            if (header == null || header.isEmpty()) {
                throw S3Errors.invalidArgument(
                        "Copy Source must mention the source bucket and key: sourcebucket/sourcekey",
                        "x-amz-copy-source",
                        header);
            }
            String h = header;
            String versionId = null;
            int q = h.indexOf('?');
            if (q >= 0) {
                String query = h.substring(q + 1);
                h = h.substring(0, q);
                for (String p : query.split("&")) {
                    if (p.startsWith("versionId=")) {
                        versionId = p.substring("versionId=".length());
                    }
                }
            }
            String decoded;
            try {
                decoded = UriComponents.decode(h, false);
            } catch (MalformedUriException e) {
                throw S3Errors.invalidArgument("Invalid copy source encoding", "x-amz-copy-source", header);
            }
            if (decoded.startsWith("/")) {
                decoded = decoded.substring(1);
            }
            int slash = decoded.indexOf('/');
            if (slash <= 0 || slash == decoded.length() - 1) {
                throw S3Errors.invalidArgument(
                        "Copy Source must mention the source bucket and key: sourcebucket/sourcekey",
                        "x-amz-copy-source",
                        header);
            }
            return new CopySource(decoded.substring(0, slash), decoded.substring(slash + 1), versionId);
        }
    }
}
