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
    public List<OptionSpec> options() {
        return List.of(
                new OptionSpec(DnsService.AUTH, "lenient", "lenient: any credentials; strict: Route 53 calls must be "
                        + "SigV4-signed with a configured access key"),
                new OptionSpec(DnsService.UPSTREAM, "", "host[:port] to forward queries for names in no hosted zone to "
                        + "(empty: answer REFUSED)"),
                new OptionSpec(DnsService.UPSTREAM_TIMEOUT, "2000", "milliseconds before a forwarded query is answered SERVFAIL"),
                new OptionSpec(DnsService.CHANGE_DELAY, "0", "seconds (by the MiniCloud clock) a Route 53 change stays "
                        + "PENDING before INSYNC"),
                new OptionSpec(DnsService.RANDOM_SEED, "", "seed for weighted and multivalue answers (empty: random)"),
                new OptionSpec(DnsService.VPC_PORTS, "", "fixed ports for VPC resolver endpoints, e.g. "
                        + "vpc-1a2b=10054,vpc-3c4d=10055 (others bind port 0)"));
    }

    @Override
    public Service create(ServiceContext context) {
        return new DnsService(context);
    }
}
