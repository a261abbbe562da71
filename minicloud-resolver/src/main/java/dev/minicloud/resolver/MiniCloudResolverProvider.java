package dev.minicloud.resolver;

import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;

/**
 * The JVM-wide resolver of emulated names (Java 18+): on the class path, the JDK loads it once per
 * JVM through {@code ServiceLoader}, and every host name lookup in the JVM (SDK clients, Jedis,
 * Lettuce, {@code InetAddress.getByName}) asks the MiniCloud instances registered with
 * {@link dev.minicloud.JvmResolverRegistry} first and the JDK's built-in resolver for the rest.
 * Having it on the class path changes nothing until an instance is registered (the opt-in): with none
 * registered, every name goes to the built-in resolver.
 */
public final class MiniCloudResolverProvider extends InetAddressResolverProvider {

    @Override
    public InetAddressResolver get(Configuration configuration) {
        return new MiniCloudResolver(configuration.builtinResolver());
    }

    @Override
    public String name() {
        return "minicloud";
    }
}
