package dev.minicloud.testing;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Turns Netty leak detection to {@code paranoid} and installs the recording factory when the JUnit
 * launcher session opens, i.e. before any test touches a ByteBuf. Registered through
 * {@code META-INF/services}; every module gets it from the emulator-core test jar.
 */
public final class LeakDetectionSessionListener implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        if (!(ResourceLeakDetectorFactory.instance() instanceof LeakRecordingDetectorFactory)) {
            ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new LeakRecordingDetectorFactory());
        }
    }
}
