package dev.minicloud.s3.internal.lifecycle;

import dev.minicloud.s3.internal.service.HttpDates;
import dev.minicloud.s3.internal.store.Bucket;
import dev.minicloud.s3.internal.store.MultipartUpload;
import dev.minicloud.s3.internal.store.ObjectVersion;
import java.time.Instant;

/**
 * The lifecycle headers S3 sends with objects and uploads: {@code x-amz-expiration}
 * ({@code expiry-date="<HTTP date>", rule-id="<id>"}, the enabled expiration rule covering the
 * current version that falls due first) and {@code x-amz-abort-date} / {@code x-amz-abort-rule-id}
 * for an incomplete multipart upload. A rule of {@code ExpiredObjectDeleteMarker} alone gives no
 * header; the rule id is sent as it is, as every recorded S3 answer shows it.
 */
public final class LifecycleHeaders {
    private LifecycleHeaders() {}

    /** The expiration rule covering a current version that falls due first, and when. */
    record Due(LifecycleRule rule, Instant date) {}

    /** Whether {@code rule} is an enabled expiration of current versions whose filter takes {@code v}. */
    static boolean expiresCurrent(LifecycleRule rule, ObjectVersion v) {
        LifecycleRule.Expiration e = rule.expiration();
        return rule.enabled()
                && e != null
                && e.expiredObjectDeleteMarker() == null
                && rule.filter().matches(v.key(), v.tags(), v.size());
    }

    /** The first expiration of current version {@code v} under {@code config}, or {@code null}. */
    static Due firstExpiration(LifecycleConfiguration config, ObjectVersion v) {
        Due best = null;
        for (LifecycleRule rule : config.rules()) {
            if (!expiresCurrent(rule, v)) {
                continue;
            }
            LifecycleRule.Expiration e = rule.expiration();
            Instant due = e.date() != null ? e.date() : LifecycleDates.due(v.lastModified(), e.days());
            if (best == null || due.isBefore(best.date())) {
                best = new Due(rule, due);
            }
        }
        return best;
    }

    /** {@code x-amz-expiration} for the current version {@code v}, or {@code null}. */
    public static String expiration(Bucket b, ObjectVersion v) {
        LifecycleConfiguration config = b.lifecycle();
        Due due = config == null || v.deleteMarker() ? null : firstExpiration(config, v);
        return due == null
                ? null
                : "expiry-date=\"" + HttpDates.format(due.date()) + "\", rule-id=\""
                        + due.rule().id() + "\"";
    }

    /** The abort rule covering {@code upload}, or {@code null}: {@code [date, rule id]}. */
    public static String[] abort(Bucket b, MultipartUpload upload) {
        LifecycleConfiguration config = b.lifecycle();
        if (config == null) {
            return null;
        }
        LifecycleRule best = null;
        Instant bestDate = null;
        for (LifecycleRule rule : config.rules()) {
            if (!rule.enabled()
                    || rule.abortDaysAfterInitiation() == null
                    || !upload.key().startsWith(rule.filter().prefix())) {
                continue;
            }
            Instant due = LifecycleDates.due(upload.initiated(), rule.abortDaysAfterInitiation());
            if (bestDate == null || due.isBefore(bestDate)) {
                best = rule;
                bestDate = due;
            }
        }
        return best == null ? null : new String[] {HttpDates.format(bestDate), best.id()};
    }
}
