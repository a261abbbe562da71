package dev.minicloud.internal.http;

import io.netty.handler.codec.DateFormatter;
import java.time.Clock;
import java.util.Date;

/**
 * The {@code Date} response header from the injected clock, formatted once per second: every
 * response carries one, and formatting it was a few percent of a small GET's CPU. One per
 * connection; answers may be sent from more than one thread, so the cached second and its text
 * are published together as one immutable value (a race only formats twice).
 */
final class HttpDateHeader {
    private final Clock clock;
    private Stamp last = new Stamp(Long.MIN_VALUE, "");

    private record Stamp(long second, String text) {}

    HttpDateHeader(Clock clock) {
        this.clock = clock;
    }

    @SuppressWarnings("JavaUtilDate") // Netty's IMF-fixdate formatter takes a Date; nothing else uses one
    String now() {
        long millis = clock.millis();
        long second = Math.floorDiv(millis, 1000);
        Stamp s = last;
        if (s.second() != second) {
            // Netty's HTTP date format (IMF-fixdate: always two-digit days), not RFC_1123_DATE_TIME's "3 Nov".
            s = new Stamp(second, DateFormatter.format(new Date(second * 1000)));
            last = s;
        }
        return s.text();
    }
}
