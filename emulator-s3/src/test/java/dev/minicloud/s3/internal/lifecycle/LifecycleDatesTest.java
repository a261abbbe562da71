package dev.minicloud.s3.internal.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** S3's lifecycle rounding: creation + days, up to the next midnight UTC. */
class LifecycleDatesTest {
    @Test
    void s3sOwnExampleRoundsUpToTheNextMidnight() {
        // "created on 1/15/2014 at 10:30 AM UTC and you specify 3 days ... 1/19/2014 00:00 UTC"
        assertEquals(
                Instant.parse("2014-01-19T00:00:00Z"), LifecycleDates.due(Instant.parse("2014-01-15T10:30:00Z"), 3));
    }

    @Test
    void aMomentPastMidnightWaitsForTheNextOne() {
        // "created at 00:05 UTC on January 2 ... eligible ... at 00:00 UTC on January 4" for 1 day
        assertEquals(
                Instant.parse("2026-01-04T00:00:00Z"), LifecycleDates.due(Instant.parse("2026-01-02T00:05:00Z"), 1));
        assertEquals(
                Instant.parse("2026-01-03T00:00:00Z"),
                LifecycleDates.due(Instant.parse("2026-01-01T23:59:59.999Z"), 1));
    }

    @Test
    void exactlyMidnightStaysThere() {
        assertEquals(
                Instant.parse("2026-01-03T00:00:00Z"), LifecycleDates.due(Instant.parse("2026-01-02T00:00:00Z"), 1));
    }

    @Test
    void isDueAgreesWithDueAroundTheMidnightItRoundsTo() {
        String[] created = {
            "2014-01-15T10:30:00Z",
            "2026-01-02T00:05:00Z",
            "2026-01-01T23:59:59.999Z",
            "2026-01-02T00:00:00Z",
            "2026-01-02T00:00:00.000000001Z",
            "1969-12-31T12:00:00Z"
        };
        for (String c : created) {
            Instant from = Instant.parse(c);
            for (int days : new int[] {1, 3, 365}) {
                Instant due = LifecycleDates.due(from, days);
                assertTrue(LifecycleDates.isDue(due, from, days), c + " + " + days + " is due at " + due);
                assertTrue(LifecycleDates.isDue(due.plusNanos(1), from, days), c + " + " + days + " after " + due);
                assertFalse(LifecycleDates.isDue(due.minusNanos(1), from, days), c + " + " + days + " before " + due);
            }
        }
    }
}
