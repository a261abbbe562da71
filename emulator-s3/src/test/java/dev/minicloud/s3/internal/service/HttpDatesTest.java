package dev.minicloud.s3.internal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written IMF-fixdate against the DateTimeFormatter pattern it replaces on the hot path. */
class HttpDatesTest {
    private static final DateTimeFormatter REFERENCE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    @Test
    void knownDate() {
        assertEquals("Wed, 21 Oct 2015 07:28:00 GMT", HttpDates.format(Instant.parse("2015-10-21T07:28:00.999Z")));
        assertEquals("Fri, 04 Dec 2026 09:05:03 GMT", HttpDates.format(Instant.parse("2026-12-04T09:05:03Z")));
    }

    @Test
    void matchesTheFormatterAcrossYearsAndEveryFieldBoundary() {
        Random r = new Random(17);
        long from = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochSecond(from + Math.floorMod(r.nextLong(), to - from), r.nextInt(1_000_000_000));
            assertEquals(REFERENCE.format(t), HttpDates.format(t), t.toString());
        }
        for (String s : new String[] {
            "1970-01-01T00:00:00Z",
            "1999-12-31T23:59:59Z",
            "2000-02-29T12:00:00Z",
            "0999-12-31T23:59:59Z",
            "1000-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z"
        }) {
            Instant t = Instant.parse(s);
            assertEquals(REFERENCE.format(t), HttpDates.format(t), s);
        }
    }
}
