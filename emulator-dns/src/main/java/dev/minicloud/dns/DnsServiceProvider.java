package dev.minicloud.dns;

import dev.minicloud.spi.OptionSpec;
import dev.minicloud.spi.Service;
import dev.minicloud.spi.ServiceContext;
import dev.minicloud.spi.ServiceProvider;
import java.util.List;

/** Registers the Route 53 / DNS service with MiniCloud's {@link java.util.ServiceLoader} discovery. */
public final class DnsServiceProvider implements ServiceProvider {
    @Override
    public String name() {
        return "dns";
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public List<OptionSpec<?>> options() {
        return DnsSettings.OPTIONS;
    }

    @Override
    public Service create(ServiceContext context) {
        return new DnsService(context);
    }
}
