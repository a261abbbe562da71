package dev.minicloud.s3.internal.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * S3's lifecycle rounding: "adding the number of days specified in the rule to the object creation
 * time and rounding up the resulting time to the next day at midnight UTC" (created 1/15/2014 10:30
 * UTC + 3 days is due 1/19/2014 00:00 UTC). An instant already at midnight stays there.
 */
public final class LifecycleDates {
    private static final long SECONDS_PER_DAY = 86_400;

    private LifecycleDates() {}

    /** {@code from + days}, rounded up to midnight UTC. */
    public static Instant due(Instant from, int days) {
        return ceilToMidnight(from.plus(Duration.ofDays(days)));
    }

    /**
     * Whether {@link #due due(from, days)} has come at {@code now}, computed on epoch seconds so
     * that a pass over a million keys makes no {@code Instant} per key.
     */
    public static boolean isDue(Instant now, Instant from, int days) {
        long seconds = from.getEpochSecond() + days * SECONDS_PER_DAY;
        long dueSecond = from.getNano() == 0 && Math.floorMod(seconds, SECONDS_PER_DAY) == 0
                ? seconds
                : (Math.floorDiv(seconds, SECONDS_PER_DAY) + 1) * SECONDS_PER_DAY;
        return now.getEpochSecond() >= dueSecond;
    }

    public static Instant ceilToMidnight(Instant t) {
        Instant day = t.truncatedTo(ChronoUnit.DAYS);
        return day.equals(t) ? t : day.plus(Duration.ofDays(1));
    }
}
