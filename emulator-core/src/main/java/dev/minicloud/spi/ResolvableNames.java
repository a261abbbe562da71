package dev.minicloud.spi;

import java.net.InetAddress;
import java.util.List;

/**
 * Host names a service can answer inside the JVM, for {@code MiniCloud.resolve(name)} and the opt-in
 * JVM-wide resolver ({@code minicloud-resolver}): ElastiCache's endpoint names, S3's virtual-hosted
 * names, the records of Route 53 public zones. Core knows no service; each one that serves names
 * implements this on its {@link Service}. Called on any thread, often a client's connect path:
 * implementations must be quick and thread-safe, and must not resolve names themselves (the JVM
 * resolver calling back into itself would recurse).
 */
public interface ResolvableNames {
    /**
     * The addresses of {@code hostName} (lower case, no trailing dot) if this service has them; an
     * empty list when it does not, so the next service, or the system resolver, is asked.
     */
    List<InetAddress> lookup(String hostName);
}
