package dev.minicloud.dns.internal.health;

import java.time.Instant;

/**
 * What one probe saw: whether it passed, Route 53's status text for it ({@code Success: HTTP Status
 * Code 200, OK}, {@code Failure: ...}) and when it was made, by the MiniCloud clock.
 */
public record Observation(boolean passed, String status, Instant checkedAt) {

    static Observation success(String detail, Instant at) {
        return new Observation(true, "Success: " + detail, at);
    }

    static Observation failure(String detail, Instant at) {
        return new Observation(false, "Failure: " + detail, at);
    }
}
