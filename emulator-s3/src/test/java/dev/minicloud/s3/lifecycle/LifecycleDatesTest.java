package dev.minicloud.s3.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** S3's lifecycle rounding: creation + days, up to the next midnight UTC. */
class LifecycleDatesTest {
    @Test
    void s3sOwnExampleRoundsUpToTheNextMidnight() {
        // "created on 1/15/2014 at 10:30 AM UTC and you specify 3 days ... 1/19/2014 00:00 UTC"
        assertEquals(Instant.parse("2014-01-19T00:00:00Z"), LifecycleDates.due(Instant.parse("2014-01-15T10:30:00Z"), 3));
    }

    @Test
    void aMomentPastMidnightWaitsForTheNextOne() {
        // "created at 00:05 UTC on January 2 ... eligible ... at 00:00 UTC on January 4" for 1 day
        assertEquals(Instant.parse("2026-01-04T00:00:00Z"), LifecycleDates.due(Instant.parse("2026-01-02T00:05:00Z"), 1));
        assertEquals(Instant.parse("2026-01-03T00:00:00Z"),
                LifecycleDates.due(Instant.parse("2026-01-01T23:59:59.999Z"), 1));
    }

    @Test
    void exactlyMidnightStaysThere() {
        assertEquals(Instant.parse("2026-01-03T00:00:00Z"), LifecycleDates.due(Instant.parse("2026-01-02T00:00:00Z"), 1));
    }
}
