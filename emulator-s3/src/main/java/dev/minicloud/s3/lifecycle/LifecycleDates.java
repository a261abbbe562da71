package dev.minicloud.s3.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * S3's lifecycle rounding: "adding the number of days specified in the rule to the object creation
 * time and rounding up the resulting time to the next day at midnight UTC" (created 1/15/2014 10:30
 * UTC + 3 days is due 1/19/2014 00:00 UTC). An instant already at midnight stays there.
 */
public final class LifecycleDates {
    private LifecycleDates() {
    }

    /** {@code from + days}, rounded up to midnight UTC. */
    public static Instant due(Instant from, int days) {
        return ceilToMidnight(from.plus(Duration.ofDays(days)));
    }

    public static Instant ceilToMidnight(Instant t) {
        Instant day = t.truncatedTo(ChronoUnit.DAYS);
        return day.equals(t) ? t : day.plus(Duration.ofDays(1));
    }
}
