package dev.minicloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.spi.ResolvableNames;
import dev.minicloud.spi.Service;
import dev.minicloud.spi.ServiceContext;
import dev.minicloud.spi.ServiceProvider;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code cloud.resolve(name)} (the Java 17 helper) asks every service that serves names, through the
 * SPI core knows; {@link JvmResolverRegistry} finds registered, running instances only.
 */
class ResolveHelperTest {

    /** A service that serves a fixed table of names, as ElastiCache, S3 and DNS do theirs. */
    private record Names(String name, Map<String, List<InetAddress>> table) implements ServiceProvider {
        @Override
        public Service create(ServiceContext context) {
            return new NamesService(name, table);
        }
    }

    private record NamesService(String name, Map<String, List<InetAddress>> table) implements Service, ResolvableNames {
        @Override
        public List<InetAddress> lookup(String hostName) {
            return table.getOrDefault(hostName, List.of());
        }

        @Override
        public void start() {}

        @Override
        public String endpoint() {
            return "names:" + name;
        }

        @Override
        public void reset() {}

        @Override
        public void close() {}
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void resolveAsksEveryServiceThatServesNamesAndNormalizesTheName() throws Exception {
        try (MiniCloud cloud = MiniCloud.builder()
                .services("first", "second")
                .addProvider(new Names("first", Map.of("a.test", List.of(ip("192.0.2.1")))))
                .addProvider(new Names("second", Map.of("b.test", List.of(ip("192.0.2.2"), ip("192.0.2.3")))))
                .start()) {
            assertEquals(Optional.of(ip("192.0.2.1")), cloud.resolve("A.Test."));
            assertEquals(List.of(ip("192.0.2.2"), ip("192.0.2.3")), cloud.resolveAll("b.test"));
            assertEquals(Optional.empty(), cloud.resolve("c.test"));
            assertEquals(Optional.empty(), cloud.resolve("."));
            cloud.close();
            assertEquals(Optional.empty(), cloud.resolve("a.test"), "a closed instance serves nothing");
        }
    }

    @Test
    void theRegistryAnswersForRegisteredRunningInstancesOnly() throws Exception {
        try (MiniCloud one = MiniCloud.builder()
                        .services("one")
                        .addProvider(new Names("one", Map.of("one.reg.test", List.of(ip("192.0.2.11")))))
                        .start();
                MiniCloud two = MiniCloud.builder()
                        .services("two")
                        .addProvider(new Names("two", Map.of("two.reg.test", List.of(ip("192.0.2.12")))))
                        .start()) {
            assertEquals(List.of(), JvmResolverRegistry.lookup("one.reg.test"), "not registered yet");
            try (JvmResolverRegistry.Registration r1 = JvmResolverRegistry.register(one);
                    JvmResolverRegistry.Registration r2 = JvmResolverRegistry.register(two)) {
                assertEquals(List.of(ip("192.0.2.11")), JvmResolverRegistry.lookup("one.reg.test"));
                assertEquals(
                        List.of(ip("192.0.2.12")),
                        JvmResolverRegistry.lookup("two.reg.test"),
                        "side by side, both answer");
                r1.close();
                assertEquals(List.of(), JvmResolverRegistry.lookup("one.reg.test"));
                two.close();
                assertEquals(List.of(), JvmResolverRegistry.lookup("two.reg.test"), "closed while registered");
                assertTrue(r2.cloud().isClosed());
            }
        }
    }
}
