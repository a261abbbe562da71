package dev.minicloud.s3.internal.api;

import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.http.BodyHandler;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.internal.xml.XmlElement;
import dev.minicloud.internal.xml.XmlWriter;
import dev.minicloud.s3.internal.lock.DefaultRetention;
import dev.minicloud.s3.internal.lock.ObjectLockConfiguration;
import dev.minicloud.s3.internal.lock.ObjectLocks;
import dev.minicloud.s3.internal.lock.RetentionMode;
import dev.minicloud.s3.internal.lock.VersionLock;
import dev.minicloud.s3.internal.service.S3Errors;
import dev.minicloud.s3.internal.store.Bucket;
import dev.minicloud.s3.internal.store.ObjectVersion;
import dev.minicloud.s3.internal.store.VersioningState;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Instant;

/**
 * S3 Object Lock on the wire: Put/GetObjectLockConfiguration ({@code ?object-lock}),
 * Put/GetObjectRetention ({@code ?retention}) and Put/GetObjectLegalHold ({@code ?legal-hold}), by
 * {@code versionId} or on the current version, with S3's validation. The rules themselves are
 * {@link ObjectLocks}'.
 */
final class ObjectLockApi {
    private final S3Api api;

    ObjectLockApi(S3Api api) {
        this.api = api;
    }

    /** CreateBucket's {@code x-amz-bucket-object-lock-enabled: true}: turns versioning on with the lock. */
    static boolean requestedOnCreate(EdgeRequest r) {
        String v = r.header("x-amz-bucket-object-lock-enabled");
        return v != null && v.trim().equalsIgnoreCase("true");
    }

    void getConfiguration(EdgeRequest r, Bucket b) {
        ObjectLockConfiguration c = b.objectLock();
        if (c == null) {
            throw new AwsException(
                            404,
                            "ObjectLockConfigurationNotFoundError",
                            "Object Lock configuration does not exist for this bucket")
                    .with("BucketName", b.name());
        }
        XmlWriter x = S3Xml.document("ObjectLockConfiguration");
        x.element("ObjectLockEnabled", "Enabled");
        DefaultRetention d = c.defaultRetention();
        if (d != null) {
            x.start("Rule").start("DefaultRetention").element("Mode", d.mode().name());
            if (d.days() > 0) {
                x.element("Days", d.days());
            } else {
                x.element("Years", d.years());
            }
            x.end().end();
        }
        r.respond(HttpResponseStatus.OK, "application/xml", x.toBytes());
    }

    BodyHandler putConfiguration(EdgeRequest r, Bucket b) {
        return ControlBodies.xml(r, xml -> {
            ObjectLockConfiguration parsed = parseConfiguration(xml);
            if (b.objectLock() == null && b.versioning() != VersioningState.ENABLED) {
                // S3 enables Object Lock on an existing bucket only once its versioning is on.
                throw new AwsException(
                                409,
                                "InvalidBucketState",
                                "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration")
                        .with("BucketName", b.name());
            }
            b.objectLock(parsed);
            r.respondEmpty(HttpResponseStatus.OK);
        });
    }

    /** The document, or {@code MalformedXML} / {@code InvalidArgument} as S3 answers a bad one. */
    static ObjectLockConfiguration parseConfiguration(XmlElement xml) {
        if (!xml.name().equals("ObjectLockConfiguration")
                || !"Enabled".equals(trim(xml.childText("ObjectLockEnabled")))) {
            throw S3Errors.malformedXml();
        }
        XmlElement rule = xml.child("Rule");
        if (rule == null) {
            return ObjectLockConfiguration.ENABLED;
        }
        XmlElement retention = rule.child("DefaultRetention");
        if (retention == null) {
            throw S3Errors.malformedXml();
        }
        RetentionMode mode = RetentionMode.fromName(retention.childText("Mode"));
        String days = trim(retention.childText("Days"));
        String years = trim(retention.childText("Years"));
        if (mode == null || (days == null) == (years == null)) {
            throw S3Errors.malformedXml();
        }
        int n = period(days != null ? days : years, days != null ? "Days" : "Years", days != null ? 36_500 : 100);
        return new ObjectLockConfiguration(new DefaultRetention(mode, days != null ? n : 0, days != null ? 0 : n));
    }

    /** A default retention period: a positive integer up to S3's 100 years ({@code max} in its unit). */
    private static int period(String value, String name, int max) {
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw S3Errors.malformedXml();
        }
        if (n <= 0) {
            throw S3Errors.invalidArgument("Default retention period must be a positive integer value.", name, value);
        }
        if (n > max) {
            throw S3Errors.invalidArgument("Default retention period too large.", name, value);
        }
        return (int) n;
    }

    void getRetention(EdgeRequest r, Bucket b, String key) {
        VersionLock lock = lockedVersion(r, b, key).lock();
        if (lock == null || !lock.hasRetention()) {
            throw noLockConfiguration();
        }
        XmlWriter x = S3Xml.document("Retention");
        x.element("Mode", lock.mode().name()).element("RetainUntilDate", lock.retainUntil());
        r.respond(HttpResponseStatus.OK, "application/xml", x.toBytes());
    }

    BodyHandler putRetention(EdgeRequest r, Bucket b, String key) {
        boolean bypass = ObjectLockHeaders.bypass(r, null);
        return ControlBodies.xml(r, xml -> {
            if (!xml.name().equals("Retention")) {
                throw S3Errors.malformedXml();
            }
            String modeText = trim(xml.childText("Mode"));
            String untilText = trim(xml.childText("RetainUntilDate"));
            RetentionMode mode = RetentionMode.fromName(modeText);
            Instant until = ObjectLockHeaders.parseDate(untilText);
            if ((modeText == null) != (untilText == null) || modeText != null && (mode == null || until == null)) {
                throw S3Errors.malformedXml();
            }
            requireLockBucket(b); // S3 reads the document first
            ObjectVersion v = api.objects().updateLock(b, key, r.queryParameter("versionId"), (old, now) -> {
                if (until != null && !until.isAfter(now)) {
                    throw S3Errors.invalidArgument(
                            "The retain until date must be in the future!", "RetainUntilDate", untilText);
                }
                ObjectLocks.checkRetentionChange(old, mode, until, bypass, now);
                return (old == null ? VersionLock.NONE : old).withRetention(mode, until);
            });
            respondVersioned(r, b, v);
        });
    }

    void getLegalHold(EdgeRequest r, Bucket b, String key) {
        VersionLock lock = lockedVersion(r, b, key).lock();
        if (lock == null || lock.legalHold() == null) {
            throw noLockConfiguration();
        }
        XmlWriter x = S3Xml.document("LegalHold");
        x.element("Status", lock.legalHoldOn() ? "ON" : "OFF");
        r.respond(HttpResponseStatus.OK, "application/xml", x.toBytes());
    }

    BodyHandler putLegalHold(EdgeRequest r, Bucket b, String key) {
        return ControlBodies.xml(r, xml -> {
            String status = xml.name().equals("LegalHold") ? trim(xml.childText("Status")) : null;
            if (!"ON".equals(status) && !"OFF".equals(status)) {
                throw S3Errors.malformedXml();
            }
            requireLockBucket(b); // S3 reads the document first
            ObjectVersion v = api.objects()
                    .updateLock(
                            b,
                            key,
                            r.queryParameter("versionId"),
                            (old, now) -> (old == null ? VersionLock.NONE : old).withLegalHold(status.equals("ON")));
            respondVersioned(r, b, v);
        });
    }

    private ObjectVersion lockedVersion(EdgeRequest r, Bucket b, String key) {
        requireLockBucket(b);
        return api.objects().get(b, key, r.queryParameter("versionId"));
    }

    private static void requireLockBucket(Bucket b) {
        if (b.objectLock() == null) {
            throw S3Errors.invalidRequest("Bucket is missing Object Lock Configuration");
        }
    }

    private static AwsException noLockConfiguration() {
        return new AwsException(
                404, "NoSuchObjectLockConfiguration", "The specified object does not have a ObjectLock configuration");
    }

    private static void respondVersioned(EdgeRequest r, Bucket b, ObjectVersion v) {
        FullHttpResponse resp =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.EMPTY_BUFFER);
        ObjectApi.versionHeader(resp, b, v.versionId());
        r.respond(resp);
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
