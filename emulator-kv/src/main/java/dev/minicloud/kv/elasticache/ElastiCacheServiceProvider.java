package dev.minicloud.kv.elasticache;

import dev.minicloud.spi.OptionSpec;
import dev.minicloud.spi.Service;
import dev.minicloud.spi.ServiceContext;
import dev.minicloud.spi.ServiceProvider;
import java.util.List;

/** Registers the ElastiCache control plane with MiniCloud's {@link java.util.ServiceLoader} discovery. */
public final class ElastiCacheServiceProvider implements ServiceProvider {
    @Override
    public String name() {
        return "elasticache";
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public List<OptionSpec<?>> options() {
        return ElastiCacheSettings.OPTIONS;
    }

    @Override
    public Service create(ServiceContext context) {
        return new ElastiCacheService(context);
    }
}
