package dev.minicloud.kv.elasticache;

import dev.minicloud.spi.AuthMode;
import dev.minicloud.spi.OptionSpec;
import dev.minicloud.spi.ValueParsers;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The MiniCloud settings of the ElastiCache service. */
final class ElastiCacheSettings {
    static final OptionSpec<Duration> STATUS_DELAY = OptionSpec.of(
            "elasticache-status-delay-seconds",
            ValueParsers.duration(ChronoUnit.SECONDS),
            Duration.ZERO,
            "time (by the MiniCloud clock) a cache stays creating/modifying/rebooting before it is available "
                    + "(plain numbers are seconds; nodes answer from the start)");

    static final OptionSpec<AuthMode> AUTH = OptionSpec.of(
            "elasticache-auth",
            ValueParsers.enumOf(AuthMode.class),
            AuthMode.LENIENT,
            "ElastiCache API signature checking: lenient (accept any credentials) or strict");

    /** What {@code Endpoint.Address} holds in Describe answers. */
    enum EndpointAddresses {
        IP,
        NAMES
    }

    static final OptionSpec<EndpointAddresses> ENDPOINT_ADDRESSES = OptionSpec.of(
            "elasticache-endpoint-addresses",
            ValueParsers.enumOf(EndpointAddresses.class),
            EndpointAddresses.IP,
            "what Describe answers give as an endpoint's Address: ip (the node's IP, reachable without DNS) or names "
                    + "(ElastiCache's *.cache.amazonaws.com names, which MiniCloud's DNS answers)");

    static final List<OptionSpec<?>> OPTIONS = List.of(STATUS_DELAY, AUTH, ENDPOINT_ADDRESSES);

    private ElastiCacheSettings() {}
}
