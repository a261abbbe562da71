package dev.minicloud.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.minicloud.junit.MiniCloudExtension;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.route53.Route53Client;

/** The extension's builder option switches the JVM-wide resolver on for the test class. */
class ExtensionOptionResolverIT {
    @RegisterExtension
    static final MiniCloudExtension CLOUD =
            MiniCloudExtension.builder().services("dns").jvmResolver(true).build();

    @Test
    void recordsResolveWhileTheClassRuns() throws Exception {
        try (Route53Client r53 = Clients.route53(CLOUD.getMiniCloud())) {
            Clients.zoneWithA(r53, "builder-it.test", "api.builder-it.test", "192.0.2.30");
        }
        assertEquals("192.0.2.30", InetAddress.getByName("api.builder-it.test").getHostAddress());
    }
}
