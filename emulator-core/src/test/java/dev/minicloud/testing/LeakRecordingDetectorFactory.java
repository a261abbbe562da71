package dev.minicloud.testing;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Netty leak detector factory that records every leak report instead of only logging it, so
 * {@link NettyLeakGuard} can fail the build. Installed once per test JVM by
 * {@link LeakDetectionSessionListener}, before any buffer class is loaded.
 */
public final class LeakRecordingDetectorFactory extends ResourceLeakDetectorFactory {
    private final List<String> leaks = new CopyOnWriteArrayList<>();

    /** Leak reports seen so far. */
    public List<String> leaks() {
        return leaks;
    }

    @Override
    @SuppressWarnings("deprecation")
    public <T> ResourceLeakDetector<T> newResourceLeakDetector(
            Class<T> resource, int samplingInterval, long maxActive) {
        return new RecordingDetector<>(resource, samplingInterval);
    }

    @Override
    public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval) {
        return new RecordingDetector<>(resource, samplingInterval);
    }

    private final class RecordingDetector<T> extends ResourceLeakDetector<T> {
        RecordingDetector(Class<T> resource, int samplingInterval) {
            super(resource, samplingInterval);
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            leaks.add("LEAK: " + resourceType + " was not released.\n" + records);
            super.reportTracedLeak(resourceType, records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            leaks.add("LEAK: " + resourceType + " was not released (no records).");
            super.reportUntracedLeak(resourceType);
        }
    }
}
