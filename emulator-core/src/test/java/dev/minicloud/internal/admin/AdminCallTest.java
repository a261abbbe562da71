package dev.minicloud.internal.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Admin timeouts are bounded: no wait longer than five minutes, no overflow, a clear 400 for bad numbers. */
class AdminCallTest {

    private static AdminCall withTimeout(String value) {
        return new AdminCall(HttpMethod.POST, Map.of("timeoutMs", List.of(value)), new byte[0]);
    }

    @Test
    void timeoutsAreCappedAtFiveMinutes() {
        assertEquals(1500, withTimeout("1500").timeoutMillis("timeoutMs", 30_000));
        assertEquals(
                AdminCall.MAX_TIMEOUT_MILLIS, withTimeout("9223372036854775807").timeoutMillis("timeoutMs", 30_000));
        assertEquals(30_000, new AdminCall(HttpMethod.POST, Map.of(), new byte[0]).timeoutMillis("timeoutMs", 30_000));
    }

    @Test
    void badNumbersAreRefused() {
        for (String bad : new String[] {"-1", "99999999999999999999", "soon", ""}) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> withTimeout(bad).timeoutMillis("timeoutMs", 30_000), bad);
            assertEquals("timeoutMs: " + bad + " (expected: milliseconds, 0-300000)", e.getMessage());
        }
    }
}
