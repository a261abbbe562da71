package dev.minicloud.s3.internal.service;

import dev.minicloud.s3.internal.store.ObjectVersion;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The conditional request headers of a GET/HEAD ({@code If-Match}, {@code If-None-Match},
 * {@code If-Modified-Since}, {@code If-Unmodified-Since}), of a CopyObject source
 * ({@code x-amz-copy-source-if-*}) or of a PUT, evaluated with RFC 7232's precedence as S3 applies
 * it: a true {@code If-Match} overrides a false {@code If-Unmodified-Since}, a false
 * {@code If-None-Match} overrides a true {@code If-Modified-Since}. Unparseable dates are ignored.
 */
public record Preconditions(String ifMatch, String ifNoneMatch, String ifModifiedSince, String ifUnmodifiedSince) {

    public static final Preconditions NONE = new Preconditions(null, null, null, null);

    /** What a read should do after evaluating the conditions. */
    public enum Outcome {
        PROCEED,
        NOT_MODIFIED
    }

    public boolean isEmpty() {
        return ifMatch == null && ifNoneMatch == null && ifModifiedSince == null && ifUnmodifiedSince == null;
    }

    /** For GET/HEAD: proceed, answer 304, or throw 412 {@code PreconditionFailed}. */
    public Outcome evaluateRead(ObjectVersion v) {
        if (ifMatch != null) {
            if (!etagMatches(ifMatch, v)) {
                throw S3Errors.preconditionFailed("If-Match");
            }
        } else if (ifUnmodifiedSince != null) {
            Instant t = parseDate(ifUnmodifiedSince);
            if (t != null && seconds(v.lastModified()).isAfter(t)) {
                throw S3Errors.preconditionFailed("If-Unmodified-Since");
            }
        }
        if (ifNoneMatch != null) {
            if (etagMatches(ifNoneMatch, v)) {
                return Outcome.NOT_MODIFIED;
            }
        } else if (ifModifiedSince != null) {
            Instant t = parseDate(ifModifiedSince);
            if (t != null && !seconds(v.lastModified()).isAfter(t)) {
                return Outcome.NOT_MODIFIED;
            }
        }
        return Outcome.PROCEED;
    }

    /** For a copy source: every failure, including "not modified", is 412 as S3 answers it. */
    public void evaluateCopySource(ObjectVersion v) {
        if (ifMatch != null) {
            if (!etagMatches(ifMatch, v)) {
                throw S3Errors.preconditionFailed("x-amz-copy-source-If-Match");
            }
        } else if (ifUnmodifiedSince != null) {
            Instant t = parseDate(ifUnmodifiedSince);
            if (t != null && seconds(v.lastModified()).isAfter(t)) {
                throw S3Errors.preconditionFailed("x-amz-copy-source-If-Unmodified-Since");
            }
        }
        if (ifNoneMatch != null) {
            if (etagMatches(ifNoneMatch, v)) {
                throw S3Errors.preconditionFailed("x-amz-copy-source-If-None-Match");
            }
        } else if (ifModifiedSince != null) {
            Instant t = parseDate(ifModifiedSince);
            if (t != null && !seconds(v.lastModified()).isAfter(t)) {
                throw S3Errors.preconditionFailed("x-amz-copy-source-If-Modified-Since");
            }
        }
    }

    /**
     * For a write, checked atomically with the commit: {@code If-None-Match: *} fails when the key
     * exists; {@code If-Match} fails on another ETag and answers 404 when there is no object.
     */
    public void evaluateWrite(String key, ObjectVersion current) {
        if (ifNoneMatch != null) {
            if (!ifNoneMatch.trim().equals("*")) {
                throw S3Errors.notImplemented("If-None-Match");
            }
            if (current != null) {
                throw S3Errors.preconditionFailed("If-None-Match");
            }
        }
        if (ifMatch != null) {
            if (current == null) {
                throw S3Errors.noSuchKey(key);
            }
            if (!etagMatches(ifMatch, current)) {
                throw S3Errors.preconditionFailed("If-Match");
            }
        }
    }

    static boolean etagMatches(String header, ObjectVersion v) {
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*")) {
                return true;
            }
            if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) {
                c = c.substring(1, c.length() - 1);
            }
            if (c.equals(v.etag())) {
                return true;
            }
        }
        return false;
    }

    static Instant parseDate(String value) {
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(value.trim());
            } catch (DateTimeParseException e2) {
                return null; // HTTP says: ignore a condition whose date cannot be read
            }
        }
    }

    private static Instant seconds(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS);
    }
}
