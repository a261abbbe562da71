package dev.minicloud.s3.internal.service;

import dev.minicloud.s3.internal.store.ObjectVersion;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The conditions of a conditional delete (S3, 2024-2025): {@code If-Match} (an ETag or {@code *}),
 * {@code x-amz-if-match-last-modified-time} and {@code x-amz-if-match-size} on DeleteObject, or the
 * {@code ETag}, {@code LastModifiedTime} and {@code Size} of a DeleteObjects entry. Each that is
 * given must hold for the version the delete acts on, else 412 {@code PreconditionFailed}; an
 * {@code If-Match} without any object to match is 404 {@code NoSuchKey}, while the time and size
 * conditions let a delete of nothing succeed, as S3 documents them.
 */
public record DeleteConditions(String ifMatch, Instant lastModified, Long size) {

    public static final DeleteConditions NONE = new DeleteConditions(null, null, null);

    /** From the request's header or element values ({@code null}s for absent ones); bad values are {@code InvalidArgument}. */
    public static DeleteConditions parse(
            String ifMatch, String lastModified, String size, String timeName, String sizeName) {
        Instant t = null;
        if (lastModified != null) {
            t = Preconditions.parseDate(lastModified);
            if (t == null) {
                throw S3Errors.invalidArgument("Invalid " + timeName, timeName, lastModified);
            }
        }
        Long n = null;
        if (size != null) {
            try {
                n = Long.parseLong(size.trim());
            } catch (NumberFormatException e) {
                throw S3Errors.invalidArgument("Invalid " + sizeName, sizeName, size);
            }
        }
        return new DeleteConditions(ifMatch, t, n);
    }

    public boolean isEmpty() {
        return ifMatch == null && lastModified == null && size == null;
    }

    /** Throws unless every given condition holds for {@code target} (the object the delete acts on, or {@code null}). */
    public void evaluate(String key, ObjectVersion target) {
        if (ifMatch != null) {
            if (target == null) {
                throw S3Errors.noSuchKey(key);
            }
            if (!Preconditions.etagMatches(ifMatch, target)) {
                throw S3Errors.preconditionFailed("If-Match");
            }
        }
        if (target == null) {
            return;
        }
        if (lastModified != null
                && !lastModified
                        .truncatedTo(ChronoUnit.SECONDS)
                        .equals(target.lastModified().truncatedTo(ChronoUnit.SECONDS))) {
            throw S3Errors.preconditionFailed("x-amz-if-match-last-modified-time");
        }
        if (size != null && size != target.size()) {
            throw S3Errors.preconditionFailed("x-amz-if-match-size");
        }
    }
}
