package dev.minicloud;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that tests move by hand, so expiry, TTLs and presigned-URL windows are tested
 * without sleeping. Thread-safe; hand it to {@code MiniCloud.builder().clock(...)}. Work that an
 * instance schedules on its clock (delayed replication, periodic passes) falls due inside
 * {@link #advance}/{@link #set}: when they return, that work has been handed to the instance's workers.
 */
public final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;
    /** Shared with the clock's other-zone views, which are the same clock. */
    private final List<Runnable> listeners;

    private MutableClock(AtomicReference<Instant> now, ZoneId zone, List<Runnable> listeners) {
        this.now = now;
        this.zone = zone;
        this.listeners = listeners;
    }

    public static MutableClock startingAt(Instant start) {
        return new MutableClock(new AtomicReference<>(start), ZoneOffset.UTC, new CopyOnWriteArrayList<>());
    }

    public static MutableClock fromSystemTime() {
        return startingAt(Instant.now());
    }

    public void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
        moved();
    }

    public void set(Instant instant) {
        now.set(instant);
        moved();
    }

    /**
     * Calls {@code listener} on the moving thread after every {@link #advance}/{@link #set}; an
     * instance's scheduler registers here (and unregisters on close), users need not.
     */
    public void onAdvance(Runnable listener) {
        listeners.add(listener);
    }

    public void removeOnAdvance(Runnable listener) {
        listeners.remove(listener);
    }

    private void moved() {
        for (Runnable l : listeners) {
            l.run();
        }
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new MutableClock(now, newZone, listeners);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public long millis() {
        return now.get().toEpochMilli();
    }
}
