package dev.minicloud.internal.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClockSchedulerTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void aMutableClockReleasesTasksInDueOrderWhenItIsAdvanced() {
        try (ClockScheduler s = new ClockScheduler(clock, timer, Runnable::run)) {
            s.schedule(Duration.ofSeconds(5), () -> ran.add("five"));
            s.schedule(Duration.ofSeconds(2), () -> ran.add("two"));
            s.schedule(Duration.ofSeconds(5), () -> ran.add("five again"));
            clock.advance(Duration.ofSeconds(1));
            assertEquals(List.of(), ran);
            clock.advance(Duration.ofSeconds(1));
            assertEquals(List.of("two"), ran);
            clock.advance(Duration.ofSeconds(10));
            assertEquals(List.of("two", "five", "five again"), ran);
            assertEquals(0, s.pending());
        }
    }

    @Test
    void aCancelledTaskNeverRunsAndAZeroDelayRunsAtOnce() {
        try (ClockScheduler s = new ClockScheduler(clock, timer, Runnable::run)) {
            s.schedule(Duration.ofSeconds(1), () -> ran.add("cancelled")).cancel();
            s.schedule(Duration.ZERO, () -> ran.add("now"));
            clock.advance(Duration.ofMinutes(1));
            assertEquals(List.of("now"), ran);
        }
    }

    @Test
    void aClosedSchedulerRefusesWorkAndNoLongerListensToTheClock() {
        ClockScheduler s = new ClockScheduler(clock, timer, Runnable::run);
        s.schedule(Duration.ofSeconds(1), () -> ran.add("dropped"));
        s.close();
        clock.advance(Duration.ofMinutes(1));
        assertEquals(List.of(), ran);
        assertThrows(RejectedExecutionException.class, () -> s.schedule(Duration.ZERO, () -> ran.add("late")));
    }

    @Test
    void theSystemClockIsServedByTheTimer() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        try (ClockScheduler s = new ClockScheduler(Clock.systemUTC(), timer, Runnable::run)) {
            s.schedule(Duration.ofMillis(1), done::countDown);
            // waits for the timer thread to hand the task over, not for time to pass in the test
            assertTrue(done.await(30, TimeUnit.SECONDS));
        }
    }
}
