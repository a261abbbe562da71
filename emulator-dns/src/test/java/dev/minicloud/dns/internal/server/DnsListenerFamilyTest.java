package dev.minicloud.dns.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.channel.socket.InternetProtocolFamily;
import org.junit.jupiter.api.Test;

/** Which socket family the DNS listener opens for its bind address. */
class DnsListenerFamilyTest {
    @Test
    void ipv4BindAddressGetsAPlainIpv4Socket() {
        assertEquals(InternetProtocolFamily.IPv4, DnsListener.familyOf("127.0.0.1"));
        assertEquals(InternetProtocolFamily.IPv4, DnsListener.familyOf("0.0.0.0"));
    }

    @Test
    void ipv6BindAddressKeepsTheDefaultSocket() {
        assertNull(DnsListener.familyOf("::1"));
        assertNull(DnsListener.familyOf("::"));
    }
}
