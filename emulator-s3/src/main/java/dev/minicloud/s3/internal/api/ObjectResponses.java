package dev.minicloud.s3.internal.api;

import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.s3.internal.lifecycle.ArchiveState;
import dev.minicloud.s3.internal.service.HttpDates;
import dev.minicloud.s3.internal.service.MultipartService;
import dev.minicloud.s3.internal.service.Preconditions;
import dev.minicloud.s3.internal.service.S3Errors;
import dev.minicloud.s3.internal.store.Bucket;
import dev.minicloud.s3.internal.store.ObjectData;
import dev.minicloud.s3.internal.store.ObjectMetadata;
import dev.minicloud.s3.internal.store.ObjectVersion;
import dev.minicloud.s3.internal.store.VersioningState;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Instant;
import java.util.Map;

/**
 * Answers GetObject and HeadObject: conditional requests (304/412), ranges (206 with
 * {@code Content-Range}) and {@code ?partNumber=} reads, the stored headers with
 * {@code response-*} overrides, checksums on {@code x-amz-checksum-mode: ENABLED}, and the body
 * streamed from the store's pages with backpressure.
 */
final class ObjectResponses {
    private ObjectResponses() {}

    /**
     * Answers with version {@code v}; {@code false}, with nothing sent, when a concurrent overwrite
     * or delete released v's data after it was looked up: the caller looks the object up again.
     */
    static boolean getOrHead(EdgeRequest r, Bucket bucket, ObjectVersion v, Instant now) {
        if (RequestHeaders.readConditions(r).evaluateRead(v) == Preconditions.Outcome.NOT_MODIFIED) {
            FullHttpResponse resp = new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_MODIFIED, Unpooled.EMPTY_BUFFER);
            resp.headers().set("ETag", v.quotedEtag());
            resp.headers().set("Last-Modified", HttpDates.format(v.lastModified()));
            r.respond(resp);
            return true;
        }
        long size = v.size();
        ByteRange range = null;
        String partParam = r.queryParameter("partNumber");
        if (partParam != null) {
            int part = MultipartService.checkPartNumber(partParam);
            if (r.header("Range") != null) {
                throw S3Errors.invalidRequest("Cannot specify both Range header and partNumber query parameter");
            }
            range = partRange(v, part, size);
        } else {
            range = ByteRange.parse(r.header("Range"), size);
        }
        HttpResponseStatus status = range == null ? HttpResponseStatus.OK : HttpResponseStatus.PARTIAL_CONTENT;
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
        HttpHeaders h = head.headers();
        objectHeaders(h, bucket, v);
        lifecycleHeaders(r, h, bucket, v, now);
        if (partParam != null && v.partsCount() > 0) {
            h.set("x-amz-mp-parts-count", v.partsCount());
        }
        long length = range == null ? size : range.length();
        if (range != null) {
            h.set("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + size);
        }
        if (range == null && v.checksum() != null && "ENABLED".equalsIgnoreCase(r.header("x-amz-checksum-mode"))) {
            h.set(v.checksum().headerName(), v.checksum().value());
            h.set("x-amz-checksum-type", v.checksum().type());
        }
        applyOverrides(r, h);
        h.set("Content-Length", length);
        if (r.method().equals(HttpMethod.HEAD) || length == 0) {
            r.respondHead(head);
            r.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            return true;
        }
        // Taken before anything is sent, so a lost race with a writer costs a second lookup, never a broken response.
        ObjectData body = range == null ? v.data().tryShare() : v.data().trySlice(range.first(), range.length());
        if (body == null) {
            return false;
        }
        r.respondHead(head);
        r.writeAndFlush(new HttpChunkedInput(new ObjectBodyInput(body, r.ctx().channel())));
        return true;
    }

    private static ByteRange partRange(ObjectVersion v, int part, long size) {
        if (v.partsCount() == 0) {
            if (part != 1) {
                throw S3Errors.invalidRange(size, "partNumber=" + part)
                        .with("PartNumberRequested", Integer.toString(part));
            }
            // S3 treats part 1 of a single-part object as a range over all of it: 206 with
            // Content-Range (the SDK's multipart downloader reads that header); an empty object has
            // no byte range to name, so it stays a plain 200.
            return size == 0 ? null : new ByteRange(0, size - 1);
        }
        if (part > v.partsCount()) {
            throw S3Errors.invalidRange(size, "partNumber=" + part).with("PartNumberRequested", Integer.toString(part));
        }
        long start = 0;
        for (int i = 0; i < part - 1; i++) {
            start += v.partSizes().get(i);
        }
        long len = v.partSizes().get(part - 1);
        if (len == 0) {
            return null;
        }
        return new ByteRange(start, start + len - 1);
    }

    /** The headers GET, HEAD and copy results share: representation headers, ETag, metadata, tags. */
    static void objectHeaders(HttpHeaders h, Bucket bucket, ObjectVersion v) {
        ObjectMetadata m = v.metadata();
        h.set("Content-Type", m.contentType() == null ? "binary/octet-stream" : m.contentType());
        setIfPresent(h, "Content-Encoding", m.contentEncoding());
        setIfPresent(h, "Content-Disposition", m.contentDisposition());
        setIfPresent(h, "Content-Language", m.contentLanguage());
        setIfPresent(h, "Cache-Control", m.cacheControl());
        setIfPresent(h, "Expires", m.expires());
        setIfPresent(h, "x-amz-website-redirect-location", m.websiteRedirectLocation());
        h.set("ETag", v.quotedEtag());
        h.set("Last-Modified", HttpDates.format(v.lastModified()));
        h.set("Accept-Ranges", "bytes");
        for (Map.Entry<String, String> e : m.userMetadata().entrySet()) {
            h.set("x-amz-meta-" + e.getKey(), e.getValue());
        }
        if (!"STANDARD".equals(v.storageClass()) && v.storageClass() != null) {
            h.set("x-amz-storage-class", v.storageClass());
        }
        if (!v.tags().isEmpty()) {
            h.set("x-amz-tagging-count", v.tags().size());
        }
        if (bucket.versioning() != VersioningState.UNVERSIONED) {
            h.set("x-amz-version-id", v.versionId());
        }
        if (v.replicationStatus() != null) {
            h.set("x-amz-replication-status", v.replicationStatus());
        }
        EncryptionApi.headers(h, v.encryption());
        ObjectLockHeaders.responseHeaders(h, v.lock());
    }

    /**
     * {@code x-amz-restore} of an archived version, and {@code x-amz-expiration} of the current one
     * (S3 sends none for a GET or HEAD naming a version, even the current one).
     */
    private static void lifecycleHeaders(EdgeRequest r, HttpHeaders h, Bucket bucket, ObjectVersion v, Instant now) {
        String restore = ArchiveState.restoreHeader(bucket, v, now);
        if (restore != null) {
            h.set("x-amz-restore", restore);
        }
        String versionId = r.queryParameter("versionId");
        if (versionId == null || versionId.isEmpty()) {
            ObjectApi.expirationHeader(h, bucket, v);
        }
    }

    private static void applyOverrides(EdgeRequest r, HttpHeaders h) {
        override(r, h, "response-content-type", "Content-Type");
        override(r, h, "response-content-language", "Content-Language");
        override(r, h, "response-expires", "Expires");
        override(r, h, "response-cache-control", "Cache-Control");
        override(r, h, "response-content-disposition", "Content-Disposition");
        override(r, h, "response-content-encoding", "Content-Encoding");
    }

    private static void override(EdgeRequest r, HttpHeaders h, String param, String header) {
        String v = r.queryParameter(param);
        if (v != null) {
            h.set(header, v);
        }
    }

    private static void setIfPresent(HttpHeaders h, String name, String value) {
        if (value != null) {
            h.set(name, value);
        }
    }
}
