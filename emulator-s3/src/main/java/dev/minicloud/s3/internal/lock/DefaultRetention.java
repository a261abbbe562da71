package dev.minicloud.s3.internal.lock;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The default retention of an Object Lock bucket's rule: a mode and a period in whole days or
 * whole years (exactly one of them is positive), applied to every new version that names no
 * retention of its own.
 */
public record DefaultRetention(RetentionMode mode, int days, int years) {

    /** When a version created at {@code created} stops being retained by this rule (calendar days/years, UTC). */
    public Instant retainUntil(Instant created) {
        var t = created.atOffset(ZoneOffset.UTC);
        return (days > 0 ? t.plusDays(days) : t.plusYears(years)).toInstant();
    }
}
