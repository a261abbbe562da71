package dev.minicloud.spi;

import java.net.InetAddress;
import java.util.List;

/**
 * Names another service owns and the DNS service answers (ElastiCache's endpoint names under
 * {@code cache.amazonaws.com}): answered like zone records, authoritatively, but never listed as a
 * hosted zone. Found with {@link ServiceContext#service}. Called on DNS threads: implementations
 * must be quick and thread-safe.
 */
public interface ServiceRecords {
    /** Whether {@code name} (lower case, no trailing dot) is in a namespace this service owns. */
    boolean owns(String name);

    /** The IPv4 addresses of {@code name}; empty when the service has no such name (NXDOMAIN). */
    List<InetAddress> addresses(String name);
}
