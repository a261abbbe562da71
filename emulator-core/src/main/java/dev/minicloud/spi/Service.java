package dev.minicloud.spi;

/**
 * One running emulated service inside a MiniCloud instance. Created by its {@link ServiceProvider},
 * started once, reset any number of times, closed once.
 */
public interface Service extends AutoCloseable {

    String name();

    /**
     * Binds the service's own listeners, if any (edge HTTP routes are registered on the
     * {@link ServiceContext} instead). Throws {@link dev.minicloud.MiniCloudStartException} naming the
     * port and flag when a port is taken. The services of an instance are created side by side, then
     * started side by side (after the edge port is bound): a service must not wait in either for
     * another service.
     */
    void start();

    /** Where clients reach the service, e.g. {@code redis://127.0.0.1:6379}. */
    String endpoint();

    /** Empties all state without touching listeners. */
    void reset();

    /** Releases listeners and resources; called once, after which the service is never used again. */
    @Override
    void close();
}
