package dev.minicloud.dns.internal.health;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Runs the probes of every endpoint health check that is due by the injected clock
 * ({@code RequestInterval} after its last probe; a new check at once).
 *
 * <p>Scheduling: once a second (real time) a tick on the service's event loop hands a probe round to
 * the worker pool; the tick itself does nothing else, so the loop never blocks. A round probes each
 * due check once, at most {@link #MAX_PARALLEL} at a time, each probe on the worker pool; so 16
 * hanging targets take a few workers for a few seconds, never the pool. Disabled checks are not
 * probed, nor are calculated, CloudWatch and recovery-control checks (they have no endpoint).
 *
 * <p>Determinism: {@link #runRound()} runs a round on demand and returns when every check due at the
 * call has been probed (waiting for a background round in progress first), so a test advances a
 * {@code MutableClock} by the interval, runs a round and sees the result, without sleeping.
 *
 * <p>{@link #close()} stops the tick, lets no further probe start and closes the sockets of probes
 * in flight.
 */
public final class HealthChecker implements AutoCloseable {
    static final int MAX_PARALLEL = 4;
    private static final System.Logger LOG = System.getLogger(HealthChecker.class.getName());

    private final HealthCheckRegistry registry;
    private final Clock clock;
    private final Executor workers;
    private final EndpointProber prober;
    private final Semaphore parallel = new Semaphore(MAX_PARALLEL);
    private final ReentrantLock round = new ReentrantLock();
    private final AtomicBoolean backgroundQueued = new AtomicBoolean();
    private volatile boolean closed;
    private ScheduledFuture<?> tick;

    HealthChecker(HealthCheckRegistry registry, Clock clock, Executor workers, EndpointProber prober) {
        this.registry = registry;
        this.clock = clock;
        this.workers = workers;
        this.prober = prober;
    }

    /** A checker probing with a real {@link EndpointProber}; {@code resolver} turns names into IPv4 addresses. */
    public static HealthChecker create(
            HealthCheckRegistry registry, Clock clock, Executor workers, Function<String, InetAddress> resolver) {
        return new HealthChecker(registry, clock, workers, new EndpointProber(clock, resolver));
    }

    /** Starts the background tick on {@code loop} (an event loop: the tick only hands work to the pool). */
    public synchronized void start(ScheduledExecutorService loop) {
        if (tick == null && !closed) {
            tick = loop.scheduleWithFixedDelay(this::queueBackgroundRound, 1, 1, TimeUnit.SECONDS);
        }
    }

    private void queueBackgroundRound() {
        if (closed || !backgroundQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            workers.execute(() -> {
                try {
                    if (round.tryLock()) {
                        try {
                            probeDue();
                        } finally {
                            round.unlock();
                        }
                    }
                } finally {
                    backgroundQueued.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            backgroundQueued.set(false); // a busy or closing pool: the next tick tries again
        }
    }

    /**
     * Probes every check due now and waits for the results; returns how many were probed. Runs on the
     * caller's thread (a test's, or an admin worker's); the probes themselves run on the pool.
     */
    public int runRound() {
        round.lock();
        try {
            return probeDue();
        } finally {
            round.unlock();
        }
    }

    /**
     * As {@link #runRound()}, but waits at most {@code maxWait} for a round in progress to end; empty
     * if it did not. For callers on the worker pool (the admin API): a caller that waited without
     * bound could hold the very workers the running round's probes need.
     */
    public OptionalInt runRound(Duration maxWait) {
        try {
            if (!round.tryLock(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                return OptionalInt.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(probeDue());
        } finally {
            round.unlock();
        }
    }

    private int probeDue() {
        Instant now = clock.instant();
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (HealthCheck check : registry.all()) {
            ProbeState state = registry.state(check.id());
            HealthCheckConfig c = check.config();
            if (closed || state == null || !c.type().isEndpoint() || c.disabled() || !state.isDue(now)) {
                continue;
            }
            parallel.acquireUninterruptibly();
            CompletableFuture<Void> done = new CompletableFuture<>();
            try {
                workers.execute(() -> {
                    try {
                        probe(check, state);
                    } finally {
                        parallel.release();
                        done.complete(null);
                    }
                });
                running.add(done);
            } catch (RejectedExecutionException e) {
                parallel.release(); // the pool is full: this check stays due for the next round
            }
        }
        CompletableFuture.allOf(running.toArray(new CompletableFuture<?>[0])).join();
        return running.size();
    }

    private void probe(HealthCheck check, ProbeState state) {
        if (closed) {
            return;
        }
        Observation o;
        try {
            o = prober.probe(check);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "health check probe failed unexpectedly: " + check.id(), e);
            o = Observation.failure("The health checker could not probe the endpoint.", clock.instant());
        }
        HealthCheckConfig c = check.config();
        state.record(o, c.failureThreshold(), c.requestInterval());
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (tick != null) {
                tick.cancel(false);
            }
        }
        prober.close();
    }
}
