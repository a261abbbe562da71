package dev.minicloud.dns.internal.health;

import java.util.Locale;

/** A status a test forces on a health check (Java API and admin API), or {@link #AUTO} to let probes decide again. */
public enum HealthStatus {
    HEALTHY,
    UNHEALTHY,
    AUTO;

    /** {@code healthy}, {@code unhealthy} or {@code auto}, any case. */
    public static HealthStatus parse(String text) {
        if (text != null) {
            for (HealthStatus s : values()) {
                if (s.name().equals(text.trim().toUpperCase(Locale.ROOT))) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("status: " + text + " (expected: healthy, unhealthy or auto)");
    }
}
