package dev.minicloud.dns.ec2;

import dev.minicloud.spi.OptionSpec;
import dev.minicloud.spi.Service;
import dev.minicloud.spi.ServiceContext;
import dev.minicloud.spi.ServiceProvider;
import java.util.List;

/** Registers the EC2 (VPC) service with MiniCloud's {@link java.util.ServiceLoader} discovery. */
public final class Ec2ServiceProvider implements ServiceProvider {
    @Override
    public String name() {
        return "ec2";
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public List<OptionSpec<?>> options() {
        return Ec2Settings.OPTIONS;
    }

    @Override
    public Service create(ServiceContext context) {
        return new Ec2Service(context);
    }
}
