package dev.minicloud.kv.elasticache.internal.model;

import java.time.Instant;

/**
 * A status that moves on by the clock: {@code creating} (or {@code modifying}, {@code rebooting
 * cache cluster nodes}, ...) until a moment, then {@code available}. Read lazily, so nothing has to
 * run for a status to advance: a test advances its {@code MutableClock} and describes again.
 */
public final class Lifecycle {
    private String transition;
    private Instant until;

    public Lifecycle(String transition, Instant until) {
        this.transition = transition;
        this.until = until;
    }

    public String status(Instant now) {
        return now.isBefore(until) ? transition : "available";
    }

    public boolean isAvailable(Instant now) {
        return !now.isBefore(until);
    }

    public void enter(String status, Instant until) {
        this.transition = status;
        this.until = until;
    }
}
