package dev.minicloud.dns;

import dev.minicloud.dns.internal.server.ClientPlace;
import dev.minicloud.dns.internal.zones.Route53Limits;
import dev.minicloud.dns.internal.zones.SubnetTable;
import dev.minicloud.spi.AuthMode;
import dev.minicloud.spi.OptionSpec;
import dev.minicloud.spi.ValueParser;
import dev.minicloud.spi.ValueParsers;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The MiniCloud settings (flags) the Route 53 / DNS service reads. */
final class DnsSettings {
    static final OptionSpec<Integer> PORT = OptionSpec.of(
                    "dns-port", ValueParsers.port(), 0, "DNS port, UDP and TCP (0 = any free port)")
            .withStandaloneDefault(10053);
    static final OptionSpec<AuthMode> AUTH = OptionSpec.of(
            "dns-auth",
            ValueParsers.enumOf(AuthMode.class),
            AuthMode.LENIENT,
            "lenient: any credentials; strict: Route 53 calls must be SigV4-signed with a configured access key");
    static final OptionSpec<InetSocketAddress> UPSTREAM = OptionSpec.of(
            "dns-upstream",
            ValueParsers.hostPort(53),
            null,
            "host[:port] to forward queries for names in no hosted zone to (none: answer REFUSED)");
    static final OptionSpec<Duration> UPSTREAM_TIMEOUT = OptionSpec.of(
            "dns-upstream-timeout-ms",
            ValueParsers.duration(ChronoUnit.MILLIS),
            Duration.ofSeconds(2),
            "time before a forwarded query is answered SERVFAIL (plain numbers are milliseconds)");
    static final OptionSpec<Duration> CHANGE_DELAY = OptionSpec.of(
            "dns-change-delay-seconds",
            ValueParsers.duration(ChronoUnit.SECONDS),
            Duration.ZERO,
            "time (by the MiniCloud clock) a Route 53 change stays PENDING before INSYNC (plain numbers are seconds)");
    static final OptionSpec<Long> RANDOM_SEED = OptionSpec.of(
            "dns-random-seed",
            ValueParsers.longInteger(),
            null,
            "seed for weighted and multivalue answers (none: the instance's random, see Builder.random)");
    static final OptionSpec<Map<String, Integer>> VPC_PORTS = OptionSpec.of(
                    "dns-vpc-ports",
                    ValueParsers.assignments(ValueParsers.port()),
                    Map.of(),
                    "fixed ports for VPC resolver endpoints, e.g. vpc-1a2b=10054,vpc-3c4d=10055 (others bind port 0)")
            .withDefaultText("none");

    static final OptionSpec<String> PUBLIC_REGION = OptionSpec.of(
                    "dns-public-region",
                    ValueParsers.text(),
                    null,
                    "the AWS region of the public DNS endpoint, for latency records (none: the default region, --region)")
            .withDefaultText("--region");

    static final OptionSpec<SubnetTable<String>> CLIENT_REGIONS = OptionSpec.of(
                    "dns-client-regions",
                    subnets(region -> region, "region"),
                    SubnetTable.empty(),
                    "client subnets to AWS regions for latency records, by EDNS Client Subnet or source address, "
                            + "e.g. 10.1.0.0/16=eu-west-1,192.0.2.0/24=ap-southeast-1")
            .withDefaultText("none");
    static final OptionSpec<SubnetTable<ClientPlace.GeoPlace>> CLIENT_LOCATIONS = OptionSpec.of(
                    "dns-client-locations",
                    subnets(ClientPlace.GeoPlace::parse, "continent[/country[/subdivision]]"),
                    SubnetTable.empty(),
                    "client subnets to locations for geolocation records, by EDNS Client Subnet or source address, "
                            + "e.g. 10.1.0.0/16=EU/DE,10.2.0.0/16=NA/US/CA")
            .withDefaultText("none");

    static final OptionSpec<SubnetTable<ClientPlace.Coordinates>> CLIENT_COORDINATES = OptionSpec.of(
                    "dns-client-coordinates",
                    subnets(ClientPlace.Coordinates::parse, "latitude:longitude"),
                    SubnetTable.empty(),
                    "client subnets to coordinates for geoproximity records, by EDNS Client Subnet or source address, "
                            + "e.g. 10.1.0.0/16=48.86:2.35 (without one, a client stands at its region)")
            .withDefaultText("none");

    /** Who owns a VPC id a private zone names. */
    enum VpcOwnership {
        /** The EC2 service, when it runs: the VPC must exist there (Route 53's InvalidVPCId otherwise). */
        EC2,
        /** The first account to use the id, whether or not EC2 knows it (no EC2 step needed). */
        FIRST_USE
    }

    static final OptionSpec<VpcOwnership> VPC_OWNERSHIP = OptionSpec.of(
            "dns-vpc-ownership",
            ValueParsers.enumOf(VpcOwnership.class),
            VpcOwnership.EC2,
            "who owns the VPCs of private zones: ec2 (they must exist in the EC2 service, when it runs) or first-use "
                    + "(the first account to name a VPC id owns it)");

    static final OptionSpec<Route53Limits> LIMITS = OptionSpec.of(
                    "dns-limits",
                    limits(),
                    Route53Limits.defaults(),
                    "Route 53 quotas other than the defaults, e.g. MAX_HOSTED_ZONES_BY_OWNER=1000,MAX_RRSETS_BY_ZONE=50 "
                            + "(names as GetAccountLimit/GetHostedZoneLimit/GetReusableDelegationSetLimit report them)")
            .withDefaultText("Route 53's");

    static final List<OptionSpec<?>> OPTIONS = List.of(
            PORT,
            AUTH,
            UPSTREAM,
            UPSTREAM_TIMEOUT,
            CHANGE_DELAY,
            RANDOM_SEED,
            VPC_PORTS,
            PUBLIC_REGION,
            CLIENT_REGIONS,
            CLIENT_LOCATIONS,
            CLIENT_COORDINATES,
            VPC_OWNERSHIP,
            LIMITS);

    private static ValueParser<Route53Limits> limits() {
        ValueParser<Map<String, Long>> pairs = ValueParsers.assignments(ValueParsers.longInteger());
        return new ValueParser<>() {
            @Override
            public Route53Limits parse(String text) {
                return Route53Limits.of(pairs.parse(text));
            }

            @Override
            public String expected() {
                return "LIMIT_NAME=number pairs separated by commas";
            }
        };
    }

    /** {@code subnet=value} pairs, each subnet checked and each value parsed when the setting is read. */
    private static <V> ValueParser<SubnetTable<V>> subnets(Function<String, V> values, String what) {
        ValueParser<Map<String, String>> pairs = ValueParsers.assignments(ValueParsers.text());
        return new ValueParser<>() {
            @Override
            public SubnetTable<V> parse(String text) {
                return SubnetTable.parse(pairs.parse(text), values);
            }

            @Override
            public String expected() {
                return "subnet=" + what + " pairs separated by commas";
            }
        };
    }

    private DnsSettings() {}
}
