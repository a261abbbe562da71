package dev.minicloud.kv;

import dev.minicloud.spi.OptionSpec;
import dev.minicloud.spi.Service;
import dev.minicloud.spi.ServiceContext;
import dev.minicloud.spi.ServiceProvider;
import java.util.List;

/** Registers the Redis-compatible KV service with MiniCloud's {@link java.util.ServiceLoader} discovery. */
public final class KvServiceProvider implements ServiceProvider {
    @Override
    public String name() {
        return "kv";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public List<OptionSpec<?>> options() {
        return KvSettings.OPTIONS;
    }

    @Override
    public Service create(ServiceContext context) {
        return new KvService(context);
    }
}
