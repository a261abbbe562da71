package dev.minicloud.s3.internal.service;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Formats instants as HTTP dates ({@code Last-Modified}: IMF-fixdate, two-digit day, GMT). Every GET
 * and HEAD formats one, so years 1000-9999 are written by hand (the {@link DateTimeFormatter} took a
 * few percent of a small GET's CPU); other years go through the formatter, whose output this matches.
 */
public final class HttpDates {
    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };

    private HttpDates() {}

    public static String format(Instant t) {
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
        int year = d.getYear();
        if (year < 1000 || year > 9999) {
            return IMF_FIXDATE.format(t.truncatedTo(ChronoUnit.SECONDS));
        }
        StringBuilder sb =
                new StringBuilder(29).append(DAYS[d.getDayOfWeek().ordinal()]).append(", ");
        twoDigits(sb, d.getDayOfMonth())
                .append(' ')
                .append(MONTHS[d.getMonthValue() - 1])
                .append(' ')
                .append(year)
                .append(' ');
        twoDigits(sb, d.getHour()).append(':');
        twoDigits(sb, d.getMinute()).append(':');
        return twoDigits(sb, d.getSecond()).append(" GMT").toString();
    }

    private static StringBuilder twoDigits(StringBuilder sb, int n) {
        return sb.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }
}
