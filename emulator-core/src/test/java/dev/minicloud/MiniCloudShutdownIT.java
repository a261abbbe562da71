package dev.minicloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.spi.Service;
import dev.minicloud.spi.ServiceContext;
import dev.minicloud.spi.ServiceProvider;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** close() ends every thread of the instance, also when called on one of the instance's own event loops. */
class MiniCloudShutdownIT {

    @Test
    void closeLeavesNoThreadOfTheInstanceBehind() throws Exception {
        LoopCapture capture = new LoopCapture();
        String name = "shutdown-a";
        MiniCloud cloud = MiniCloud.builder()
                .name(name)
                .services("loops")
                .addProvider(capture)
                .start();
        CountDownLatch ran = new CountDownLatch(1);
        capture.context.get().workerExecutor().execute(ran::countDown);
        capture.context.get().scheduler().schedule(Duration.ofHours(1), () -> {});
        assertTrue(ran.await(30, TimeUnit.SECONDS));
        assertTrue(!threadsOf(name).isEmpty(), "the instance runs threads named after it");

        cloud.close();
        assertEquals(List.of(), aliveAfterJoin(threadsOf(name)));
        assertEquals(0, capture.context.get().scheduler().pending());
    }

    @Test
    void closeCalledOnAnEventLoopOfTheInstanceCompletes() throws Exception {
        LoopCapture capture = new LoopCapture();
        String name = "shutdown-b";
        MiniCloud cloud = MiniCloud.builder()
                .name(name)
                .services("loops")
                .addProvider(capture)
                .start();
        EventLoopGroup group = capture.context.get().eventLoopGroup();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        group.next()
                .submit(() -> {
                    try {
                        cloud.close();
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                })
                .await(30, TimeUnit.SECONDS);
        assertEquals(null, failure.get());
        assertTrue(cloud.isClosed());
        assertEquals(List.of(), aliveAfterJoin(threadsOf(name)));
    }

    private static List<Thread> threadsOf(String instance) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(instance + "-") && t.isAlive())
                .toList();
    }

    /** Joins each thread (bounded: a stuck one is reported, not waited for forever) and lists those still alive. */
    private static List<String> aliveAfterJoin(List<Thread> threads) throws InterruptedException {
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
        return threads.stream().filter(Thread::isAlive).map(Thread::getName).toList();
    }

    /** A service that keeps the context it was given, so the test can reach the instance's loops and pools. */
    private static final class LoopCapture implements ServiceProvider {
        final AtomicReference<ServiceContext> context = new AtomicReference<>();

        @Override
        public String name() {
            return "loops";
        }

        @Override
        public Service create(ServiceContext ctx) {
            context.set(ctx);
            return new Service() {
                @Override
                public String name() {
                    return "loops";
                }

                @Override
                public void start() {}

                @Override
                public String endpoint() {
                    return "none";
                }

                @Override
                public void reset() {}

                @Override
                public void close() {}
            };
        }
    }
}
