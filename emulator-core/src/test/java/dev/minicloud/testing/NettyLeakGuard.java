package dev.minicloud.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reported a leaked buffer while (or before) it ran. Auto-registered
 * (JUnit extension auto-detection is switched on in the parent POM). After each class it collects
 * garbage and allocates a few tracked buffers, which makes Netty drain its queue of leaked references.
 */
public final class NettyLeakGuard implements AfterAllCallback {
    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        if (!(ResourceLeakDetectorFactory.instance() instanceof LeakRecordingDetectorFactory factory)) {
            return; // run outside the launcher session listener (e.g. an IDE without it): nothing recorded
        }
        for (int round = 0; round < 3 && factory.leaks().isEmpty(); round++) {
            System.gc();
            Thread.sleep(20); // lets the reference handler enqueue collected buffers; not a timing assertion
            for (int i = 0; i < 32; i++) {
                ByteBuf a = PooledByteBufAllocator.DEFAULT.buffer(8);
                ByteBuf b = UnpooledByteBufAllocator.DEFAULT.heapBuffer(8);
                a.release();
                b.release();
            }
        }
        List<String> leaks = List.copyOf(factory.leaks());
        if (!leaks.isEmpty()) {
            factory.leaks().clear();
            throw new AssertionError("Netty reported " + leaks.size() + " leaked buffer(s) by the end of "
                    + context.getDisplayName() + ":\n" + String.join("\n", leaks));
        }
    }
}
