package dev.minicloud.s3.internal.api;

import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.internal.xml.XmlWriter;
import dev.minicloud.s3.internal.lifecycle.ArchiveState;
import dev.minicloud.s3.internal.service.ListingService;
import dev.minicloud.s3.internal.service.S3Errors;
import dev.minicloud.s3.internal.store.Bucket;
import dev.minicloud.s3.internal.store.ObjectVersion;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * ListObjects (v1) and ListObjectsV2 on the wire: parameters, {@code encoding-type=url}, the
 * flattened {@code <Contents>} and {@code <CommonPrefixes>} lists, and opaque v2 continuation
 * tokens that resume after the last key or common prefix returned.
 */
final class ListApi {
    private static final int MAX_KEYS = 1000;

    private final S3Api api;

    ListApi(S3Api api) {
        this.api = api;
    }

    void listV1(EdgeRequest r, Bucket b) {
        boolean url = encodingType(r);
        String prefix = r.queryParameter("prefix");
        String delimiter = r.queryParameter("delimiter");
        String marker = r.queryParameter("marker");
        int maxKeys = RequestHeaders.intParam(r, "max-keys", MAX_KEYS, MAX_KEYS);
        ListingService.Page page =
                api.listing().list(b, prefix, delimiter, marker == null || marker.isEmpty() ? null : marker, maxKeys);
        XmlWriter x = S3Xml.document("ListBucketResult");
        x.element("Name", b.name());
        x.element("Prefix", S3Xml.urlEncode(prefix == null ? "" : prefix, url));
        x.element("Marker", S3Xml.urlEncode(marker == null ? "" : marker, url));
        x.element("MaxKeys", maxKeys);
        x.element("Delimiter", S3Xml.urlEncode(emptyToNull(delimiter), url));
        x.element("IsTruncated", page.truncated());
        if (page.truncated()) {
            x.element("NextMarker", S3Xml.urlEncode(page.lastEntry(), url));
        }
        if (url) {
            x.element("EncodingType", "url");
        }
        contents(x, page, true, url, b, restoreStatusAt(r));
        r.respond(HttpResponseStatus.OK, "application/xml", x.toBytes());
    }

    void listV2(EdgeRequest r, Bucket b) {
        boolean url = encodingType(r);
        String prefix = r.queryParameter("prefix");
        String delimiter = r.queryParameter("delimiter");
        String token = r.queryParameter("continuation-token");
        String startAfter = r.queryParameter("start-after");
        int maxKeys = RequestHeaders.intParam(r, "max-keys", MAX_KEYS, MAX_KEYS);
        boolean fetchOwner = "true".equalsIgnoreCase(r.queryParameter("fetch-owner"));
        String after;
        if (token != null) {
            after = decodeToken(token);
        } else {
            after = startAfter == null || startAfter.isEmpty() ? null : startAfter;
        }
        ListingService.Page page = api.listing().list(b, prefix, delimiter, after, maxKeys);
        XmlWriter x = S3Xml.document("ListBucketResult");
        x.element("Name", b.name());
        x.element("Prefix", S3Xml.urlEncode(prefix == null ? "" : prefix, url));
        x.element("KeyCount", page.objects().size() + page.commonPrefixes().size());
        x.element("MaxKeys", maxKeys);
        x.element("Delimiter", S3Xml.urlEncode(emptyToNull(delimiter), url));
        x.element("IsTruncated", page.truncated());
        x.element("ContinuationToken", token);
        if (page.truncated()) {
            x.element("NextContinuationToken", encodeToken(page.lastEntry()));
        }
        x.element("StartAfter", S3Xml.urlEncode(emptyToNull(startAfter), url));
        if (url) {
            x.element("EncodingType", "url");
        }
        contents(x, page, fetchOwner, url, b, restoreStatusAt(r));
        r.respond(HttpResponseStatus.OK, "application/xml", x.toBytes());
    }

    /** The instant to report restores at, when the request asked for {@code RestoreStatus}; else {@code null}. */
    private Instant restoreStatusAt(EdgeRequest r) {
        return ArchiveState.restoreStatusWanted(r.headers().getAll("x-amz-optional-object-attributes"))
                ? api.clock().instant()
                : null;
    }

    private static void contents(
            XmlWriter x, ListingService.Page page, boolean owner, boolean url, Bucket b, Instant restoreAt) {
        String account = b.owner();
        for (ObjectVersion v : page.objects()) {
            x.start("Contents");
            x.element("Key", S3Xml.urlEncode(v.key(), url));
            x.element("LastModified", v.lastModified());
            x.element("ETag", v.quotedEtag());
            if (v.checksum() != null) {
                x.element("ChecksumAlgorithm", v.checksum().algorithm());
                x.element("ChecksumType", v.checksum().type());
            }
            x.element("Size", v.size());
            if (owner) {
                S3Xml.owner(x, "Owner", account);
            }
            x.element("StorageClass", v.storageClass());
            if (restoreAt != null) {
                ArchiveState.restoreStatus(x, b, v, restoreAt);
            }
            x.end();
        }
        for (String p : page.commonPrefixes()) {
            x.start("CommonPrefixes").element("Prefix", S3Xml.urlEncode(p, url)).end();
        }
    }

    private static boolean encodingType(EdgeRequest r) {
        String e = r.queryParameter("encoding-type");
        if (e == null) {
            return false;
        }
        if (!e.equals("url")) {
            throw S3Errors.invalidArgument("Invalid Encoding Method specified in Request", "encoding-type", e);
        }
        return true;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    static String encodeToken(String lastEntry) {
        return Base64.getEncoder().encodeToString(("v1:" + lastEntry).getBytes(StandardCharsets.UTF_8));
    }

    static String decodeToken(String token) {
        try {
            String s = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            if (s.startsWith("v1:")) {
                return s.substring(3);
            }
        } catch (IllegalArgumentException e) {
            // fall through to the S3 error
        }
        throw S3Errors.invalidArgument("The continuation token provided is incorrect", "continuation-token", token);
    }
}
