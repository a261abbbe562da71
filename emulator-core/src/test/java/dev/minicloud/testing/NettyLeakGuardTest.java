package dev.minicloud.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The leak guard really fails a class that leaks a buffer: a leak cannot slip through the build. */
class NettyLeakGuardTest {

    @Test
    void aClassThatLeaksABufferFails() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .selectors(selectClass(Leaky.class))
                .execute();
        results.testEvents().assertStatistics(s -> s.succeeded(1));
        Optional<Throwable> failure = results.containerEvents().failed().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable())
                .flatMap(Optional::stream)
                .findFirst();
        assertTrue(failure.isPresent(), "the leaking class failed");
        assertTrue(failure.get().getMessage().contains("LEAK"), failure.get().getMessage());
    }

    static class Leaky {
        @Test
        void dropsABufferWithoutReleasingIt() {
            ByteBuf leaked = PooledByteBufAllocator.DEFAULT.buffer(16);
            leaked.writeInt(42);
            assertTrue(leaked.refCnt() == 1);
            // no release(): the guard must notice once the buffer is collected
        }
    }
}
