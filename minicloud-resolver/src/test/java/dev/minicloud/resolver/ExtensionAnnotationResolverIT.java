package dev.minicloud.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.minicloud.MiniCloud;
import dev.minicloud.junit.MiniCloudTest;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.Route53Client;

/** {@code @MiniCloudTest(jvmResolver = true)} switches the JVM-wide resolver on for the test class. */
@MiniCloudTest(services = "dns", jvmResolver = true)
class ExtensionAnnotationResolverIT {

    @Test
    void recordsResolveWhileTheClassRuns(MiniCloud cloud) throws Exception {
        try (Route53Client r53 = Clients.route53(cloud)) {
            Clients.zoneWithA(r53, "annotation-it.test", "api.annotation-it.test", "192.0.2.31");
        }
        assertEquals(
                "192.0.2.31", InetAddress.getByName("api.annotation-it.test").getHostAddress());
    }
}
