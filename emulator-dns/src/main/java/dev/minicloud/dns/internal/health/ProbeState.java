package dev.minicloud.dns.internal.health;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the checker knows about one endpoint check between probes: the endpoint's status (before
 * {@code Inverted}), how many probes in a row disagreed with it, when the next probe is due, the last
 * observation and the last failure. Route 53's rule: the status flips only after
 * {@code FailureThreshold} consecutive probes disagree with it; a new check starts healthy.
 *
 * <p>Concurrency: written by the one probe of this check in flight and read by DNS queries;
 * {@link #healthy} is volatile so queries never lock, the rest is guarded by this object. A flip or
 * a forced status moves the registry's status generation, which retires cached answers.
 */
final class ProbeState {
    private final AtomicLong statusGeneration;
    private volatile boolean healthy = true;
    private volatile HealthStatus forced = HealthStatus.AUTO;
    private int disagreeing;
    private Instant nextDue;
    private Observation last;
    private Observation lastFailure;

    ProbeState(Instant firstDue, AtomicLong statusGeneration) {
        this.nextDue = firstDue;
        this.statusGeneration = statusGeneration;
    }

    boolean healthy() {
        return healthy;
    }

    HealthStatus forced() {
        return forced;
    }

    void force(HealthStatus status) {
        forced = status;
        statusGeneration.incrementAndGet();
    }

    synchronized boolean isDue(Instant now) {
        return !nextDue.isAfter(now);
    }

    /** Records a probe's result; the next probe is due {@code interval} seconds after it completed. */
    synchronized void record(Observation o, int failureThreshold, int intervalSeconds) {
        last = o;
        if (!o.passed()) {
            lastFailure = o;
        }
        if (o.passed() == healthy) {
            disagreeing = 0;
        } else if (++disagreeing >= failureThreshold) {
            healthy = o.passed();
            disagreeing = 0;
            statusGeneration.incrementAndGet();
        }
        nextDue = o.checkedAt().plusSeconds(intervalSeconds);
    }

    synchronized Observation last() {
        return last;
    }

    synchronized Observation lastFailure() {
        return lastFailure;
    }
}
