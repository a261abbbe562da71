package dev.minicloud.spi;

import java.net.InetSocketAddress;

/**
 * A service with a listener of its own (KV's RESP port, DNS's UDP+TCP port), whose bound address clients
 * need. Its provider declares the port as the setting {@code <name>-port} (default 0), so
 * {@code MiniCloud.Builder.port(name, n)} sets it and {@code MiniCloud.address(name)} reports it, with
 * nothing in core naming the service.
 */
public interface ListeningService extends Service {

    /** The address actually bound (the real port even when 0 was asked for). */
    InetSocketAddress address();
}
