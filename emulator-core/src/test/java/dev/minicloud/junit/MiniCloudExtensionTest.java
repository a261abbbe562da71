package dev.minicloud.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.minicloud.MiniCloud;
import dev.minicloud.core.testservice.EchoServiceProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The extension's lifecycles, run through the JUnit engine itself (EngineTestKit) so per-class,
 * per-test, shared and parallel behaviour are observed as a user's build would see them. The
 * fixture classes are static nested classes, which Surefire does not run on their own.
 */
class MiniCloudExtensionTest {

    /** Fixture classes report what they saw here; keyed by a run id so runs never mix. */
    static final Map<String, List<MiniCloud>> SEEN = new ConcurrentHashMap<>();

    private static void saw(String fixture, MiniCloud cloud) {
        SEEN.computeIfAbsent(fixture, k -> new CopyOnWriteArrayList<>()).add(cloud);
    }

    private static EngineExecutionResults run(Class<?> fixture, boolean parallel) {
        SEEN.remove(fixture.getSimpleName());
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", String.valueOf(parallel))
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
                .selectors(selectClass(fixture))
                .execute();
        results.testEvents().assertStatistics(stats -> stats.failed(0));
        return results;
    }

    @Test
    void staticFieldGivesOneInstancePerClassClosedAfterIt() {
        run(PerClass.class, false).testEvents().assertStatistics(s -> s.succeeded(3));
        List<MiniCloud> seen = SEEN.get("PerClass");
        assertEquals(3, seen.size());
        assertEquals(1, Set.copyOf(seen).size(), "one instance for the class");
        assertTrue(seen.get(0).isClosed(), "closed after the class");
    }

    @Test
    void instanceFieldGivesEachTestItsOwnInstance() {
        run(PerTest.class, false).testEvents().assertStatistics(s -> s.succeeded(3));
        List<MiniCloud> seen = SEEN.get("PerTest");
        assertEquals(3, Set.copyOf(seen).size(), "one instance per test");
        assertTrue(seen.stream().allMatch(MiniCloud::isClosed), "each closed after its test");
    }

    @Test
    void annotationRunsOneInstanceAndInjectsRuntimeInfo() {
        run(Annotated.class, false).testEvents().assertStatistics(s -> s.succeeded(2));
        List<MiniCloud> seen = SEEN.get("Annotated");
        assertSame(seen.get(0), seen.get(1));
        assertEquals("eu-west-1", seen.get(0).region());
        assertTrue(seen.get(0).isClosed());
    }

    /** Runs fixture classes of one test each in one engine run, so they share its root store. */
    private static void runTogether(Class<?>... fixtures) {
        for (Class<?> f : fixtures) {
            SEEN.remove(f.getSimpleName());
        }
        EngineTestKit.engine("junit-jupiter")
                .selectors(Arrays.stream(fixtures)
                        .map(DiscoverySelectors::selectClass)
                        .toArray(DiscoverySelector[]::new))
                .execute()
                .testEvents()
                .assertStatistics(s -> s.succeeded(fixtures.length).failed(0));
    }

    @Test
    void sharedInstancesAreReusedAcrossClassesWithTheSameConfiguration() {
        runTogether(SharedA.class, SharedB.class);
        MiniCloud a = SEEN.get("SharedA").get(0);
        MiniCloud b = SEEN.get("SharedB").get(0);
        assertSame(a, b, "same configuration, same instance");
        assertTrue(a.isClosed(), "closed when the run ends");
    }

    @Test
    void anExtensionMadeFromAMiniCloudBuilderSharesWithAnEqualConfigurationFromTheExtensionBuilder() {
        runTogether(SharedA.class, SharedViaOf.class);
        assertSame(
                SEEN.get("SharedA").get(0), SEEN.get("SharedViaOf").get(0), "equal configuration values, one instance");
    }

    @Test
    void sharedInstancesAreNotReusedAcrossClassesThatAddDifferentProviders() {
        runTogether(SharedPlain.class, SharedWithEcho.class);
        MiniCloud plain = SEEN.get("SharedPlain").get(0);
        MiniCloud withEcho = SEEN.get("SharedWithEcho").get(0);
        assertNotSame(plain, withEcho, "an added provider is part of the configuration");
        assertTrue(withEcho.service("echo").isPresent(), "the class that added a provider runs it");
        assertFalse(plain.service("echo").isPresent());
    }

    @Test
    void perTestInstancesAreSafeUnderParallelExecution() {
        run(ParallelPerTest.class, true).testEvents().assertStatistics(s -> s.succeeded(8));
        List<MiniCloud> seen = SEEN.get("ParallelPerTest");
        assertEquals(8, Set.copyOf(seen).size());
        assertEquals(8, seen.stream().map(MiniCloud::edgePort).distinct().count(), "every instance has its own ports");
        assertTrue(seen.stream().allMatch(MiniCloud::isClosed));
    }

    @Test
    void aPerClassInstanceServesConcurrentTests() {
        run(ParallelPerClass.class, true).testEvents().assertStatistics(s -> s.succeeded(4));
        assertEquals(1, Set.copyOf(SEEN.get("ParallelPerClass")).size());
    }

    static int health(URI endpoint) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(endpoint.resolve("/_minicloud/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }

    static class PerClass {
        @RegisterExtension
        static MiniCloudExtension cloud = MiniCloudExtension.builder().build();

        @RepeatedTest(3)
        void sees(MiniCloudRuntimeInfo info) throws Exception {
            assertEquals(200, health(info.getEndpoint()));
            assertSame(cloud.getMiniCloud(), info.getMiniCloud());
            saw("PerClass", info.getMiniCloud());
        }
    }

    static class PerTest {
        @RegisterExtension
        MiniCloudExtension cloud = MiniCloudExtension.builder().build();

        @RepeatedTest(3)
        void sees(MiniCloud injected) throws Exception {
            assertSame(cloud.getMiniCloud(), injected);
            assertFalse(injected.isClosed());
            assertEquals(200, health(cloud.getEndpoint()));
            saw("PerTest", injected);
        }
    }

    @MiniCloudTest(region = "eu-west-1")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class Annotated {
        private final MiniCloudRuntimeInfo fromConstructor;

        Annotated(MiniCloudRuntimeInfo info) {
            this.fromConstructor = info;
        }

        @Test
        @Order(1)
        void first(MiniCloudRuntimeInfo info) throws Exception {
            assertEquals("eu-west-1", info.getRegion());
            assertEquals("test", info.getAccessKey());
            assertEquals("test", info.getSecretKey());
            assertEquals("127.0.0.1", info.getEndpoint().getHost(), "an IP literal, so SDKs use path style");
            assertSame(fromConstructor.getMiniCloud(), info.getMiniCloud());
            assertEquals(200, health(info.getEndpoint()));
            saw("Annotated", info.getMiniCloud());
        }

        @Test
        @Order(2)
        void second(MiniCloudRuntimeInfo info) {
            saw("Annotated", info.getMiniCloud());
        }
    }

    static class SharedA {
        @RegisterExtension
        static MiniCloudExtension cloud =
                MiniCloudExtension.builder().shared(true).region("ap-south-1").build();

        @Test
        void sees() {
            assertFalse(cloud.getMiniCloud().isClosed());
            saw("SharedA", cloud.getMiniCloud());
        }
    }

    static class SharedB {
        @RegisterExtension
        static MiniCloudExtension cloud =
                MiniCloudExtension.builder().shared(true).region("ap-south-1").build();

        @Test
        void sees() {
            assertFalse(cloud.getMiniCloud().isClosed(), "still open although SharedA finished");
            saw("SharedB", cloud.getMiniCloud());
        }
    }

    static class SharedViaOf {
        @RegisterExtension
        static MiniCloudExtension cloud =
                MiniCloudExtension.of(MiniCloud.builder().region("ap-south-1")).shared(true);

        @Test
        void sees(MiniCloudRuntimeInfo info) {
            assertEquals("ap-south-1", info.getRegion());
            saw("SharedViaOf", cloud.getMiniCloud());
        }
    }

    static class SharedPlain {
        @RegisterExtension
        static MiniCloudExtension cloud =
                MiniCloudExtension.builder().shared(true).region("sa-east-1").build();

        @Test
        void sees() {
            saw("SharedPlain", cloud.getMiniCloud());
        }
    }

    static class SharedWithEcho {
        @RegisterExtension
        static MiniCloudExtension cloud = MiniCloudExtension.builder()
                .shared(true)
                .region("sa-east-1")
                .configure(b -> b.addProvider(new EchoServiceProvider()))
                .build();

        @Test
        void sees() {
            saw("SharedWithEcho", cloud.getMiniCloud());
        }
    }

    @Execution(ExecutionMode.CONCURRENT)
    static class ParallelPerTest {
        @RegisterExtension
        MiniCloudExtension cloud = MiniCloudExtension.builder().build();

        @RepeatedTest(8)
        void runsAlone(MiniCloudRuntimeInfo info) throws Exception {
            assertEquals(200, health(info.getEndpoint()));
            info.getMiniCloud().reset();
            assertEquals(200, health(info.getEndpoint()));
            saw("ParallelPerTest", info.getMiniCloud());
        }
    }

    @Execution(ExecutionMode.CONCURRENT)
    static class ParallelPerClass {
        @RegisterExtension
        static MiniCloudExtension cloud = MiniCloudExtension.builder().build();

        static final CountDownLatch ALL_RUNNING = new CountDownLatch(4);

        @Test
        void one(MiniCloudRuntimeInfo info) throws Exception {
            concurrently(info);
        }

        @Test
        void two(MiniCloudRuntimeInfo info) throws Exception {
            concurrently(info);
        }

        @Test
        void three(MiniCloudRuntimeInfo info) throws Exception {
            concurrently(info);
        }

        @Test
        void four(MiniCloudRuntimeInfo info) throws Exception {
            concurrently(info);
        }

        private void concurrently(MiniCloudRuntimeInfo info) throws Exception {
            ALL_RUNNING.countDown();
            // Proves the tests really overlap: each waits until all four have started.
            assertTrue(ALL_RUNNING.await(30, TimeUnit.SECONDS), "tests ran concurrently");
            assertEquals(200, health(info.getEndpoint()));
            saw("ParallelPerClass", info.getMiniCloud());
        }
    }
}
