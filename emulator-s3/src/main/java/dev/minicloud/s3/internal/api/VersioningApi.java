package dev.minicloud.s3.internal.api;

import dev.minicloud.internal.http.BodyHandler;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.internal.xml.XmlWriter;
import dev.minicloud.s3.internal.lifecycle.ArchiveState;
import dev.minicloud.s3.internal.replication.ReplicationConfigs;
import dev.minicloud.s3.internal.service.S3Errors;
import dev.minicloud.s3.internal.store.Bucket;
import dev.minicloud.s3.internal.store.ObjectVersion;
import dev.minicloud.s3.internal.versioning.VersionListing;
import dev.minicloud.s3.internal.versioning.VersioningService;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.time.Instant;

/**
 * PutBucketVersioning and ListObjectVersions on the wire ({@code ?versioning}, {@code ?versions}):
 * the {@code VersioningConfiguration} document, and the {@code ListVersionsResult} with its
 * {@code Version} and {@code DeleteMarker} entries interleaved in listing order, as S3 writes them.
 */
final class VersioningApi {
    private static final int MAX_KEYS = 1000;

    private final VersioningService versioning = new VersioningService();
    private final VersionListing listing = new VersionListing();
    private final ReplicationConfigs replication;
    private final Clock clock;

    /** {@code clock} dates the restores a listing reports ({@code RestoreStatus}). */
    VersioningApi(ReplicationConfigs replication, Clock clock) {
        this.clock = clock;
        this.replication = replication;
    }

    BodyHandler put(EdgeRequest r, Bucket b) {
        return ControlBodies.xml(r, xml -> {
            if (!xml.name().equals("VersioningConfiguration")) {
                throw S3Errors.malformedXml();
            }
            String status = xml.childText("Status");
            String mfa = xml.childText("MfaDelete");
            versioning.set(
                    b,
                    status == null ? null : status.trim(),
                    mfa == null ? null : mfa.trim(),
                    replication.get(b) != null);
            r.respondEmpty(HttpResponseStatus.OK);
        });
    }

    void list(EdgeRequest r, Bucket b) {
        boolean url = "url".equals(r.queryParameter("encoding-type"));
        if (r.queryParameter("encoding-type") != null && !url) {
            throw S3Errors.invalidArgument(
                    "Invalid Encoding Method specified in Request", "encoding-type", r.queryParameter("encoding-type"));
        }
        String prefix = r.queryParameter("prefix");
        String delimiter = r.queryParameter("delimiter");
        String keyMarker = r.queryParameter("key-marker");
        String versionIdMarker = r.queryParameter("version-id-marker");
        int maxKeys = RequestHeaders.intParam(r, "max-keys", MAX_KEYS, MAX_KEYS);
        Instant restoreAt = ArchiveState.restoreStatusWanted(r.headers().getAll("x-amz-optional-object-attributes"))
                ? clock.instant()
                : null;
        VersionListing.Page page = listing.list(b, prefix, delimiter, keyMarker, versionIdMarker, maxKeys);
        XmlWriter x = S3Xml.document("ListVersionsResult");
        x.element("Name", b.name());
        x.element("Prefix", S3Xml.urlEncode(prefix == null ? "" : prefix, url));
        x.element("KeyMarker", S3Xml.urlEncode(keyMarker == null ? "" : keyMarker, url));
        x.element("VersionIdMarker", versionIdMarker == null ? "" : versionIdMarker);
        if (page.truncated()) {
            x.element("NextKeyMarker", S3Xml.urlEncode(page.nextKeyMarker(), url));
            x.element("NextVersionIdMarker", page.nextVersionIdMarker());
        }
        x.element("MaxKeys", maxKeys);
        if (delimiter != null && !delimiter.isEmpty()) {
            x.element("Delimiter", S3Xml.urlEncode(delimiter, url));
        }
        x.element("IsTruncated", page.truncated());
        if (url) {
            x.element("EncodingType", "url");
        }
        for (VersionListing.Entry e : page.entries()) {
            ObjectVersion v = e.version();
            x.start(v.deleteMarker() ? "DeleteMarker" : "Version");
            x.element("Key", S3Xml.urlEncode(v.key(), url));
            x.element("VersionId", v.versionId());
            x.element("IsLatest", e.latest());
            x.element("LastModified", v.lastModified());
            if (!v.deleteMarker()) {
                x.element("ETag", v.quotedEtag());
                if (v.checksum() != null) {
                    x.element("ChecksumAlgorithm", v.checksum().algorithm());
                    x.element("ChecksumType", v.checksum().type());
                }
                x.element("Size", v.size());
                x.element("StorageClass", v.storageClass());
            }
            S3Xml.owner(x, "Owner", b.owner());
            if (restoreAt != null && !v.deleteMarker()) {
                ArchiveState.restoreStatus(x, b, v, restoreAt);
            }
            x.end();
        }
        for (String p : page.commonPrefixes()) {
            x.start("CommonPrefixes").element("Prefix", S3Xml.urlEncode(p, url)).end();
        }
        r.respond(HttpResponseStatus.OK, "application/xml", x.toBytes());
    }
}
