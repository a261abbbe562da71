package dev.minicloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.core.testservice.EchoServiceProvider;
import dev.minicloud.core.testservice.GreeterServiceProvider;
import dev.minicloud.junit.MiniCloudRuntimeInfo;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Settings are declared by the services and checked by {@code start()}; a service with a listener
 * of its own gets its port from its own option, without core knowing the service.
 */
class MiniCloudSettingsIT {

    private static MiniCloud.Builder withTestServices() {
        return MiniCloud.builder().addProvider(new EchoServiceProvider()).addProvider(new GreeterServiceProvider());
    }

    private static String greeting(InetSocketAddress address) throws Exception {
        try (Socket s = new Socket(address.getAddress(), address.getPort())) {
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    @Test
    void aMisspelledSettingStopsStartupNamingItTheClosestKnownNameAndAllKnownOnes() {
        String name = "typo-" + UUID.randomUUID();
        MiniCloudStartException e = assertThrows(
                MiniCloudStartException.class,
                () -> withTestServices()
                        .name(name)
                        .setting("greeter-greetnig", "hi")
                        .start());
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "Unknown setting 'greeter-greetnig'; did you mean 'greeter-greeting'? Known settings: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("echo-fail-start, greeter-greeting, greeter-port"), e.getMessage());
        assertTrue(
                Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(t -> t.getName().startsWith(name)),
                "refused before any thread was started");
    }

    @Test
    void aNameFarFromEveryKnownOneGetsNoSuggestion() {
        MiniCloudStartException e = assertThrows(
                MiniCloudStartException.class,
                () -> withTestServices().setting("completely-different", "1").start());
        assertTrue(
                e.getMessage().startsWith("Unknown setting 'completely-different'. Known settings: "), e.getMessage());
    }

    @Test
    void aBadValueStopsStartupNamingSettingValueAndWhatWasExpected() {
        MiniCloudStartException e = assertThrows(
                MiniCloudStartException.class,
                () -> withTestServices().setting("echo-fail-start", "maybe").start());
        assertEquals("Bad value 'maybe' for setting 'echo-fail-start': expected true or false", e.getMessage());
        MiniCloudStartException port = assertThrows(
                MiniCloudStartException.class,
                () -> withTestServices().setting("greeter-port", "70000").start());
        assertEquals(
                "Bad value '70000' for setting 'greeter-port': expected a port 0-65535 (0 = any free port)",
                port.getMessage());
    }

    @Test
    void aSettingOfAServiceThatIsNotSelectedIsStillCheckedButAccepted() throws Exception {
        try (MiniCloud cloud = withTestServices()
                .services("echo")
                .setting("greeter-greeting", "unused")
                .start()) {
            assertTrue(cloud.address("greeter").isEmpty());
        }
        assertThrows(
                MiniCloudStartException.class,
                () -> withTestServices()
                        .services("echo")
                        .setting("greeter-port", "x")
                        .start());
    }

    @Test
    void typedValuesReachTheServiceWithTheParsersRules() {
        MiniCloudStartException e = assertThrows(
                MiniCloudStartException.class,
                () -> withTestServices().setting("echo-fail-start", "TRUE").start());
        assertEquals("echo was asked to fail", e.getMessage(), "booleans are read in any case");
    }

    @Test
    void aServiceCoreDoesNotKnowGetsItsPortAndAddressThroughTheGenericMechanism() throws Exception {
        try (MiniCloud cloud =
                withTestServices().setting("greeter-greeting", "bonjour").start()) {
            InetSocketAddress a = cloud.address("greeter").orElseThrow();
            assertTrue(a.getPort() > 0, "port 0 by default: any free port");
            assertEquals("bonjour", greeting(a));
            assertEquals(a, new MiniCloudRuntimeInfo(cloud).getAddress("greeter"));
            assertTrue(cloud.address("echo").isEmpty(), "a service on the edge port has no address of its own");
        }
        assertEquals(
                "0",
                MiniCloud.builder().port("greeter", 0).build().settings().get("greeter-port"),
                "port(service, n) is the service's own port setting");
    }

    @Test
    void aTakenServicePortNamesTheServicesOwnFlag() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            MiniCloudStartException e = assertThrows(
                    MiniCloudStartException.class,
                    () -> withTestServices()
                            .port("greeter", taken.getLocalPort())
                            .start());
            assertTrue(
                    e.getMessage().contains("--greeter-port")
                            && e.getMessage().contains(String.valueOf(taken.getLocalPort())),
                    e.getMessage());
        }
    }

    @Test
    void portsOutOfRangeAreRefusedByTheBuilder() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> MiniCloud.builder().port("greeter", 65536));
        assertEquals("greeter port: 65536 (expected: 0-65535)", e.getMessage());
    }
}
