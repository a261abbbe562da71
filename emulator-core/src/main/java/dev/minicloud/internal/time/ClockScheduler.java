package dev.minicloud.internal.time;

import dev.minicloud.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs tasks after a delay measured on the instance's injected {@link Clock}, never on the wall
 * clock alone, so that a test moves scheduled work forward with {@link MutableClock#advance} instead
 * of sleeping. A task that falls due is handed to the worker executor (never run on the caller or a
 * timer thread). Two triggers find due tasks:
 * <ul>
 *   <li>a {@link MutableClock}'s advance, synchronously: when {@code advance} returns, everything
 *       due has been handed to the workers;</li>
 *   <li>a wall-time timer armed for the earliest task, which serves the system clock (and re-arms
 *       itself for clocks that move otherwise).</li>
 * </ul>
 */
public final class ClockScheduler implements AutoCloseable {
    /** How long to wait at most before looking again when the clock does not follow wall time. */
    private static final long MAX_TIMER_MILLIS = 60_000;

    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final Executor workers;
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Runnable listener = this::runDue;
    private ScheduledFuture<?> armed;
    private Instant armedFor;
    private boolean closed;

    public ClockScheduler(Clock clock, ScheduledExecutorService timer, Executor workers) {
        this.clock = clock;
        this.timer = timer;
        this.workers = workers;
        if (clock instanceof MutableClock mutable) {
            mutable.onAdvance(listener);
        }
    }

    /** A scheduled task; {@link #cancel()} keeps it from running if it has not been handed over yet. */
    public interface Scheduled {
        void cancel();
    }

    /** Runs {@code task} on a worker once {@code delay} has passed on the clock (at once for zero or less). */
    public Scheduled schedule(Duration delay, Runnable task) {
        Entry e = new Entry(clock.instant().plus(delay), sequence.incrementAndGet(), task);
        synchronized (this) {
            if (closed) {
                throw new RejectedExecutionException("the scheduler is closed");
            }
            queue.add(e);
        }
        runDue();
        return () -> {
            synchronized (ClockScheduler.this) {
                queue.remove(e);
            }
        };
    }

    /** Hands every task due by the clock's present to the workers and re-arms the timer for the next one. */
    public void runDue() {
        List<Entry> due = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            Instant now = clock.instant();
            while (!queue.isEmpty() && !queue.peek().due.isAfter(now)) {
                due.add(queue.poll());
            }
            arm(now);
        }
        for (Entry e : due) {
            try {
                workers.execute(e.task);
            } catch (RejectedExecutionException closing) {
                return; // the instance is shutting down: nothing scheduled runs any more
            }
        }
    }

    /** Tasks waiting for their time. */
    public synchronized int pending() {
        return queue.size();
    }

    private void arm(Instant now) {
        Entry next = queue.peek();
        if (next == null || (armed != null && next.due.equals(armedFor) && !armed.isDone())) {
            return;
        }
        if (armed != null) {
            armed.cancel(false);
        }
        long millis = Math.min(
                MAX_TIMER_MILLIS, Math.max(1, Duration.between(now, next.due).toMillis()));
        try {
            armed = timer.schedule(this::runDue, millis, TimeUnit.MILLISECONDS);
            armedFor = next.due;
        } catch (RejectedExecutionException closing) {
            armed = null;
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            queue.clear();
            if (armed != null) {
                armed.cancel(false);
            }
        }
        if (clock instanceof MutableClock mutable) {
            mutable.removeOnAdvance(listener);
        }
    }

    private record Entry(Instant due, long seq, Runnable task) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = due.compareTo(o.due);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
