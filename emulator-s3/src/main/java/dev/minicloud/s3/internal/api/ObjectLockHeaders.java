package dev.minicloud.s3.internal.api;

import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.internal.xml.XmlWriter;
import dev.minicloud.s3.internal.lock.RetentionMode;
import dev.minicloud.s3.internal.lock.VersionLock;
import dev.minicloud.s3.internal.service.S3Errors;
import dev.minicloud.s3.internal.store.Bucket;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * The Object Lock request headers of PutObject, CopyObject and CreateMultipartUpload
 * ({@code x-amz-object-lock-mode}, {@code -retain-until-date}, {@code -legal-hold}), validated with
 * S3's errors, and the headers GET/HEAD answer with a version's lock.
 */
final class ObjectLockHeaders {
    static final String MODE = "x-amz-object-lock-mode";
    static final String RETAIN_UNTIL = "x-amz-object-lock-retain-until-date";
    static final String LEGAL_HOLD = "x-amz-object-lock-legal-hold";
    static final String BYPASS = "x-amz-bypass-governance-retention";

    private ObjectLockHeaders() {}

    /** The lock a write asks for, or {@code null} if it names none; S3's errors for bad values. */
    static VersionLock requested(EdgeRequest r, Bucket b, Instant now) {
        return requested(
                r.headers(), r.header("Authorization") != null || r.queryParameter("X-Amz-Signature") != null, b, now);
    }

    /**
     * {@link #requested(EdgeRequest, Bucket, Instant)} from header-like values (a POST form's fields),
     * {@code signed} when the request carries a SigV4 signature.
     */
    static VersionLock requested(HttpHeaders h, boolean signed, Bucket b, Instant now) {
        String mode = h.get(MODE);
        String until = h.get(RETAIN_UNTIL);
        String hold = h.get(LEGAL_HOLD);
        if (mode == null && until == null && hold == null) {
            return null;
        }
        if (!signed) {
            throw S3Errors.invalidArgument(
                    "Put Object requests with Object Lock parameters require AWS Signature " + "Version 4",
                    "Authorization",
                    "");
        }
        VersionLock lock = parse(mode, until, hold, now);
        // S3 checks the values before it looks at the bucket, and words this one so for object writes.
        if (b.objectLock() == null) {
            throw S3Errors.invalidRequest("Bucket is missing ObjectLockConfiguration");
        }
        return lock;
    }

    private static VersionLock parse(String mode, String until, String hold, Instant now) {
        if ((mode == null) != (until == null)) {
            throw S3Errors.invalidArgument(
                    "x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both " + "be supplied",
                    mode == null ? MODE : RETAIN_UNTIL,
                    "");
        }
        RetentionMode m = null;
        Instant t = null;
        if (mode != null) {
            m = RetentionMode.fromName(mode);
            if (m == null) {
                throw S3Errors.invalidArgument("Unknown wormMode directive.", MODE, mode);
            }
            t = parseDate(until);
            if (t == null) {
                throw S3Errors.invalidArgument(
                        "The retain until date must be provided in ISO 8601 format", RETAIN_UNTIL, until);
            }
            if (!t.isAfter(now)) {
                throw S3Errors.invalidArgument("The retain until date must be in the future!", RETAIN_UNTIL, until);
            }
        }
        Boolean legalHold = null;
        if (hold != null) {
            legalHold = switch (hold.trim()) {
                case "ON" -> true;
                case "OFF" -> false;
                default ->
                    throw S3Errors.invalidArgument("Legal Hold must be either of 'ON' or 'OFF'", LEGAL_HOLD, hold);
            };
        }
        return new VersionLock(m, t, legalHold);
    }

    /**
     * S3 takes an object that will be retained (its own lock parameters or the bucket's default
     * retention) only with an integrity header the body can be checked against.
     */
    static void requireIntegrityHeader(EdgeRequest r, Bucket b, VersionLock requested) {
        boolean locked =
                requested != null || b.objectLock() != null && b.objectLock().defaultRetention() != null;
        // The algorithm header alone is not enough on S3: a value must come (header or trailer).
        if (!locked || r.header("Content-MD5") != null) {
            return;
        }
        for (Map.Entry<String, String> h : r.headers()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith("x-amz-checksum-")
                    && !name.equals("x-amz-checksum-type")
                    && !name.equals("x-amz-checksum-mode")) {
                return;
            }
            if (name.equals("x-amz-trailer")
                    && h.getValue().toLowerCase(Locale.ROOT).contains("x-amz-checksum-")) {
                return;
            }
        }
        throw S3Errors.invalidRequest(
                "Content-MD5 OR x-amz-checksum- HTTP header is required for Put Object requests with Object Lock parameters");
    }

    /**
     * Whether the request bypasses GOVERNANCE retention ({@code x-amz-bypass-governance-retention: true}).
     * With a {@code bucket} (deletes), S3 refuses the header, whatever its value, on a bucket without Object Lock.
     */
    static boolean bypass(EdgeRequest r, Bucket bucket) {
        String v = r.header(BYPASS);
        if (v != null && bucket != null && bucket.objectLock() == null) {
            throw S3Errors.invalidArgument(
                    "x-amz-bypass-governance-retention is only applicable to Object Lock " + "enabled buckets.",
                    BYPASS,
                    v);
        }
        return v != null && v.trim().equalsIgnoreCase("true");
    }

    /** The lock headers of a GET/HEAD answer. */
    static void responseHeaders(HttpHeaders h, VersionLock lock) {
        if (lock == null) {
            return;
        }
        if (lock.hasRetention()) {
            h.set(MODE, lock.mode().name());
            h.set(RETAIN_UNTIL, XmlWriter.formatTimestamp(lock.retainUntil()));
        }
        if (lock.legalHold() != null) {
            h.set(LEGAL_HOLD, lock.legalHoldOn() ? "ON" : "OFF");
        }
    }

    /** An ISO 8601 date-time (with offset, or UTC without), or a plain date at UTC midnight; {@code null} if neither. */
    static Instant parseDate(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            // fall through to the forms without an offset
        }
        try {
            return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // fall through
        }
        try {
            return LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
