package dev.minicloud.dns.internal.health;

/**
 * What the DNS answer path knows of health checks: whether one passes, and a generation that moves
 * whenever any check's DNS-visible status may have changed. Answers that health decided (failover,
 * weighted without randomness, latency and geolocation by the endpoint) are cached under the
 * generation they were computed at, so a flip of any check retires them at once. Read on every
 * query: both must be lock-free.
 */
public interface HealthView {
    /** Every check passes and nothing ever changes (zones without health checks, tests). */
    HealthView ALWAYS_HEALTHY = new HealthView() {
        @Override
        public boolean passes(String healthCheckId) {
            return true;
        }

        @Override
        public long generation() {
            return 0;
        }
    };

    /** Whether the health check with this id counts as healthy for DNS answers. */
    boolean passes(String healthCheckId);

    /** Moves (never back) whenever the status of some check may have changed. */
    long generation();
}
