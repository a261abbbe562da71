package dev.minicloud.internal.admin;

import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;

/**
 * An admin request: method, decoded query parameters, the (small, aggregated) body, and for an
 * endpoint registered by prefix the rest of the path after it ({@code subPath}, empty otherwise).
 */
public record AdminCall(HttpMethod method, Map<String, List<String>> query, byte[] body, String subPath) {
    /** The longest any admin call waits, whatever it asks for. */
    public static final long MAX_TIMEOUT_MILLIS = 5 * 60 * 1000;

    public AdminCall(HttpMethod method, Map<String, List<String>> query, byte[] body) {
        this(method, query, body, "");
    }

    public String param(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /**
     * A timeout parameter in milliseconds, capped at {@link #MAX_TIMEOUT_MILLIS}.
     *
     * @throws IllegalArgumentException (answered 400) for anything but a non-negative integer
     */
    public long timeoutMillis(String name, long fallback) {
        String v = param(name);
        if (v == null) {
            return Math.min(fallback, MAX_TIMEOUT_MILLIS);
        }
        long millis;
        try {
            millis = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    name + ": " + v + " (expected: milliseconds, 0-" + MAX_TIMEOUT_MILLIS + ")");
        }
        if (millis < 0) {
            throw new IllegalArgumentException(
                    name + ": " + v + " (expected: milliseconds, 0-" + MAX_TIMEOUT_MILLIS + ")");
        }
        return Math.min(millis, MAX_TIMEOUT_MILLIS);
    }
}
