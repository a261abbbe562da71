package dev.minicloud;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * Runs the steps of a start side by side without threads of its own: every step but the first is
 * offered to the common pool, the calling thread runs the first, then each step no pool thread has
 * taken yet, then waits for those already running. So a start never waits behind a busy pool, and a
 * warm start creates no thread for this (creating the instance's worker threads only to build
 * services cost more than the building). Steps run with the caller's context class loader.
 */
final class SideBySide {
    private SideBySide() {}

    /** What one step gave: its value, or what it threw. */
    record Outcome<T>(T value, Throwable failure) {}

    static <T> List<Outcome<T>> run(List<Supplier<T>> steps) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        List<FutureTask<T>> tasks = new ArrayList<>();
        for (Supplier<T> step : steps) {
            tasks.add(new FutureTask<>(() -> withLoader(loader, step)));
        }
        for (int i = 1; i < tasks.size(); i++) {
            ForkJoinPool.commonPool().execute(tasks.get(i));
        }
        List<Outcome<T>> outcomes = new ArrayList<>();
        boolean interrupted = false;
        for (FutureTask<T> task : tasks) {
            task.run(); // does nothing when a pool thread has started it already
            while (true) {
                try {
                    outcomes.add(new Outcome<>(task.get(), null));
                    break;
                } catch (ExecutionException e) {
                    outcomes.add(new Outcome<>(null, e.getCause()));
                    break;
                } catch (InterruptedException e) {
                    // The steps bind sockets and must all end before the caller can clean up: finish waiting.
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return outcomes;
    }

    private static <T> T withLoader(ClassLoader loader, Supplier<T> step) {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            return step.get();
        } finally {
            t.setContextClassLoader(previous);
        }
    }
}
