package dev.minicloud.resolver;

import dev.minicloud.JvmResolverRegistry;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Answers a name from the registered MiniCloud instances when one serves it, with the address
 * families the lookup policy allows in the order it asks for; any other name, every reverse lookup,
 * and a served name with no address of an allowed family go to the built-in resolver unchanged.
 */
final class MiniCloudResolver implements InetAddressResolver {
    private final InetAddressResolver builtin;

    MiniCloudResolver(InetAddressResolver builtin) {
        this.builtin = builtin;
    }

    @Override
    public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
        List<InetAddress> ours = allowed(JvmResolverRegistry.lookup(host), policy.characteristics());
        return ours.isEmpty() ? builtin.lookupByName(host, policy) : ours.stream();
    }

    @Override
    public String lookupByAddress(byte[] addr) throws UnknownHostException {
        return builtin.lookupByAddress(addr);
    }

    /** The addresses of the families {@code characteristics} allows, IPv4 or IPv6 first if it says so. */
    static List<InetAddress> allowed(List<InetAddress> found, int characteristics) {
        List<InetAddress> v4 = new ArrayList<>();
        List<InetAddress> v6 = new ArrayList<>();
        List<InetAddress> inOrder = new ArrayList<>();
        for (InetAddress a : found) {
            boolean wanted = a instanceof Inet4Address
                    ? (characteristics & LookupPolicy.IPV4) != 0
                    : a instanceof Inet6Address && (characteristics & LookupPolicy.IPV6) != 0;
            if (wanted) {
                (a instanceof Inet4Address ? v4 : v6).add(a);
                inOrder.add(a);
            }
        }
        if ((characteristics & LookupPolicy.IPV4_FIRST) != 0) {
            v4.addAll(v6);
            return v4;
        }
        if ((characteristics & LookupPolicy.IPV6_FIRST) != 0) {
            v6.addAll(v4);
            return v6;
        }
        return inOrder;
    }
}
