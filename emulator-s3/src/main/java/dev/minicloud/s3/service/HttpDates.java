package dev.minicloud.s3.service;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Formats instants as HTTP dates ({@code Last-Modified}: IMF-fixdate, two-digit day, GMT). */
public final class HttpDates {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private HttpDates() {
    }

    public static String format(Instant t) {
        return IMF_FIXDATE.format(t.truncatedTo(ChronoUnit.SECONDS));
    }
}
