package dev.minicloud.resolver;

import static java.net.spi.InetAddressResolver.LookupPolicy.IPV4;
import static java.net.spi.InetAddressResolver.LookupPolicy.IPV4_FIRST;
import static java.net.spi.InetAddressResolver.LookupPolicy.IPV6;
import static java.net.spi.InetAddressResolver.LookupPolicy.IPV6_FIRST;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The lookup policy decides which of a served name's addresses the JDK gets, and in which order. */
class MiniCloudResolverTest {
    private static final InetAddress V4 = address("192.0.2.1");
    private static final InetAddress V6 = address("2001:db8::1");

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void thePolicyFiltersAndOrdersTheFamilies() {
        List<InetAddress> both = List.of(V6, V4);
        assertEquals(List.of(V4), MiniCloudResolver.allowed(both, IPV4));
        assertEquals(List.of(V6), MiniCloudResolver.allowed(both, IPV6));
        assertEquals(List.of(V6, V4), MiniCloudResolver.allowed(both, IPV4 | IPV6), "as served when no order is asked");
        assertEquals(List.of(V4, V6), MiniCloudResolver.allowed(both, IPV4 | IPV6 | IPV4_FIRST));
        assertEquals(List.of(V6, V4), MiniCloudResolver.allowed(List.of(V4, V6), IPV4 | IPV6 | IPV6_FIRST));
    }

    @Test
    void aNameNoRegisteredInstanceServesGoesToTheBuiltInResolver() throws Exception {
        InetAddressResolver builtin = new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) {
                return Stream.of(V4);
            }

            @Override
            public String lookupByAddress(byte[] addr) {
                return "from-builtin";
            }
        };
        MiniCloudResolver resolver = new MiniCloudResolver(builtin);
        assertEquals(
                List.of(V4),
                resolver.lookupByName("unregistered.resolver-test.invalid", InetAddressResolver.LookupPolicy.of(IPV4))
                        .toList());
        assertEquals("from-builtin", resolver.lookupByAddress(V4.getAddress()));
    }
}
