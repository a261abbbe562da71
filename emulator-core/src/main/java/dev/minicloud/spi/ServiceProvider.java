package dev.minicloud.spi;

import java.util.List;

/**
 * The entry point a service module registers in {@code META-INF/services/dev.minicloud.spi.ServiceProvider}.
 * {@link java.util.ServiceLoader} finds it, so a class path holding only {@code emulator-s3} runs S3
 * alone. A provider is stateless: all state lives in the {@link Service} it creates for one
 * MiniCloud instance, so two instances never share anything.
 */
public interface ServiceProvider {

    /** The short name used in {@code --services}, health and reset: {@code s3}, {@code kv}, {@code dns}. */
    String name();

    /** Order in which services start; lower first. */
    default int order() {
        return 100;
    }

    /**
     * The settings this service reads (a listening service declares {@code <name>-port} here), for
     * validation in {@code start()}, typed reading and {@code --help}.
     */
    default List<OptionSpec<?>> options() {
        return List.of();
    }

    /** Creates the service for one MiniCloud instance; listeners are bound later, in {@link Service#start()}. */
    Service create(ServiceContext context);
}
