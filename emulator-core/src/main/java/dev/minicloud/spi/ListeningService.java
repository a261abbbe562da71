package dev.minicloud.spi;

import java.net.InetSocketAddress;

/** A service with a listener of its own (KV's RESP port, DNS's UDP+TCP port), whose bound address clients need. */
public interface ListeningService extends Service {

    /** The address actually bound (the real port even when 0 was asked for). */
    InetSocketAddress address();
}
