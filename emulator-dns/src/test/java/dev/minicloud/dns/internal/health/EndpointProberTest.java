package dev.minicloud.dns.internal.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request a probe sends follows Route 53's Host rule: the port is added unless it is the scheme's own. */
class EndpointProberTest {

    private static HealthCheck check(HealthCheckType type, String ip, String fqdn, int port, String path) {
        HealthCheckConfig c = new HealthCheckConfig(
                ip,
                port,
                type,
                path,
                fqdn,
                null,
                30,
                3,
                false,
                false,
                false,
                null,
                List.of(),
                type.isTls(),
                List.of(),
                null,
                null,
                null);
        return new HealthCheck("11111111-2222-4333-8444-555555555555", "000000000000", "ref", c, 1, Map.of());
    }

    private static String host(HealthCheck check) throws Exception {
        InetAddress address = InetAddress.getByName(
                check.config().ipAddress() == null
                        ? "127.0.0.1"
                        : check.config().ipAddress());
        String request = EndpointProber.request(
                check, new InetSocketAddress(address, check.config().port()));
        for (String line : request.split("\r\n")) {
            if (line.startsWith("Host: ")) {
                return line.substring("Host: ".length());
            }
        }
        throw new AssertionError("no Host header in " + request);
    }

    @Test
    void theSchemesOwnPortIsLeftOutOfHost() throws Exception {
        assertEquals("www.example.com", host(check(HealthCheckType.HTTP, null, "www.example.com.", 80, "/")));
        assertEquals(
                "www.example.com", host(check(HealthCheckType.HTTPS_STR_MATCH, null, "www.example.com", 443, "/")));
        assertEquals("www.example.com:8080", host(check(HealthCheckType.HTTP, null, "www.example.com", 8080, "/")));
        assertEquals("www.example.com:80", host(check(HealthCheckType.HTTPS, null, "www.example.com", 80, "/")));
    }

    @Test
    void withoutADomainNameHostIsTheAddressBracketedForIpv6() throws Exception {
        assertEquals("192.0.2.44", host(check(HealthCheckType.HTTP, "192.0.2.44", null, 80, "/")));
        assertEquals("[2001:db8::1]:8443", host(check(HealthCheckType.HTTPS, "2001:db8::1", null, 8443, "/")));
    }

    @Test
    void theRequestLineCarriesTheResourcePathAndRoute53sUserAgent() {
        HealthCheck c = check(HealthCheckType.HTTP, "192.0.2.44", null, 80, "status?full=1");
        String request = EndpointProber.request(c, new InetSocketAddress(InetAddress.getLoopbackAddress(), 80));
        assertTrue(request.startsWith("GET /status?full=1 HTTP/1.1\r\n"), request);
        assertTrue(
                request.contains("\r\nUser-Agent: Amazon-Route53-Health-Check-Service (ref " + c.id() + "; report "
                        + "http://amzn.to/1vsZADi)\r\n"),
                request);
        assertTrue(request.endsWith("\r\n\r\n"), request);
    }
}
