package dev.minicloud.standalone;

import dev.minicloud.MiniCloud;
import dev.minicloud.MiniCloudStartException;
import dev.minicloud.MiniCloudVersion;
import dev.minicloud.spi.OptionSpec;
import dev.minicloud.spi.Service;
import dev.minicloud.spi.ServiceProvider;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The standalone launcher: parses flags, starts MiniCloud on the well-known ports, prints a banner
 * with copy-pasteable client commands and {@code Ready.}, and shuts down cleanly (exit 0) on SIGTERM
 * or Ctrl-C.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, new CountDownLatch(1), true));
    }

    /** Runs until {@code stop} is released; returns the process exit code. */
    static int run(String[] args, PrintStream out, PrintStream err, CountDownLatch stop, boolean handleSignals) {
        List<ServiceProvider> providers = MiniCloud.availableProviders();
        List<OptionSpec<?>> serviceOptions = new ArrayList<>();
        providers.forEach(p -> serviceOptions.addAll(p.options()));
        List<OptionSpec<?>> options = new ArrayList<>(CommandLine.CORE_OPTIONS);
        options.addAll(serviceOptions);
        CommandLine cli;
        try {
            cli = CommandLine.parse(args, options, System::getenv, System::getProperty);
        } catch (IllegalArgumentException e) {
            err.println("minicloud: " + e.getMessage());
            return 2;
        }
        if (cli.help) {
            out.print(CommandLine.usage(options));
            return 0;
        }
        if (cli.version) {
            out.println("MiniCloud " + MiniCloudVersion.get());
            return 0;
        }
        MiniCloud cloud;
        try {
            cloud = configure(cli, serviceOptions).start();
        } catch (MiniCloudStartException | IllegalArgumentException e) {
            err.println("minicloud: " + e.getMessage());
            return 1;
        }
        if (handleSignals) {
            installSignalHandlers(stop);
        }
        out.print(banner(cloud));
        out.println("Ready.");
        out.flush();
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        cloud.close();
        out.println("MiniCloud stopped.");
        return 0;
    }

    /**
     * The builder for what {@code cli} asks; a service option the user did not give that has a
     * standalone default (the well-known ports 6379, 10053) gets that default.
     */
    static MiniCloud.Builder configure(CommandLine cli, List<OptionSpec<?>> serviceOptions) {
        MiniCloud.Builder b = MiniCloud.builder()
                .host(cli.value(CommandLine.HOST))
                .edgePort(cli.value(CommandLine.EDGE_PORT))
                .region(cli.value(CommandLine.REGION));
        String services = cli.value(CommandLine.SERVICES);
        if (services != null) {
            b.services(Arrays.stream(services.split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .toList());
        }
        if (cli.get(CommandLine.ACCESS_KEY.name()) != null || cli.get(CommandLine.SECRET_KEY.name()) != null) {
            b.credentials(cli.value(CommandLine.ACCESS_KEY), cli.value(CommandLine.SECRET_KEY));
        }
        for (OptionSpec<?> o : serviceOptions) {
            o.standaloneDefault().ifPresent(value -> b.setting(o.name(), value));
        }
        cli.serviceSettings().forEach(b::setting);
        return b;
    }

    static String banner(MiniCloud cloud) {
        StringBuilder b = new StringBuilder();
        String edge = cloud.endpoint().toString();
        b.append("MiniCloud ").append(cloud.version()).append('\n');
        b.append("  edge: ").append(edge).append("   (admin: ").append(edge).append("/_minicloud/health)\n");
        for (Service s : cloud.services()) {
            if (!s.name().equals("s3")) {
                b.append("  ")
                        .append(s.name())
                        .append(": ")
                        .append(s.endpoint())
                        .append('\n');
            }
        }
        b.append("Try:\n");
        if (cloud.service("s3").isPresent()) {
            b.append("  aws --endpoint-url ").append(edge).append(" s3 ls\n");
        }
        if (cloud.service("dns").isPresent()) {
            b.append("  aws --endpoint-url ").append(edge).append(" route53 list-hosted-zones\n");
        }
        if (cloud.service("ec2").isPresent()) {
            b.append("  aws --endpoint-url ").append(edge).append(" ec2 describe-vpcs\n");
        }
        if (cloud.service("elasticache").isPresent()) {
            b.append("  aws --endpoint-url ").append(edge).append(" elasticache describe-cache-clusters\n");
        }
        cloud.address("kv")
                .ifPresent(a -> b.append("  redis-cli -h ")
                        .append(host(a))
                        .append(" -p ")
                        .append(a.getPort())
                        .append(" ping\n"));
        cloud.address("dns")
                .ifPresent(a -> b.append("  dig @")
                        .append(host(a))
                        .append(" -p ")
                        .append(a.getPort())
                        .append(" example.com\n"));
        b.append("  (credentials: AWS_ACCESS_KEY_ID=")
                .append(cloud.accessKey())
                .append(" AWS_SECRET_ACCESS_KEY=")
                .append(cloud.secretKey())
                .append(" AWS_DEFAULT_REGION=")
                .append(cloud.region())
                .append(")\n");
        return b.toString();
    }

    private static String host(InetSocketAddress a) {
        return a.getAddress().getHostAddress();
    }

    @SuppressWarnings("restriction")
    private static void installSignalHandlers(CountDownLatch stop) {
        // A handled SIGTERM lets main() close everything and exit 0, instead of the JVM's 143.
        for (String name : List.of("TERM", "INT")) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> stop.countDown());
        }
    }
}
