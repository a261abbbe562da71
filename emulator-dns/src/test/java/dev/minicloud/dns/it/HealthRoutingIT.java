package dev.minicloud.dns.it;

import static dev.minicloud.dns.it.DnsQueries.answers;
import static dev.minicloud.dns.it.DnsQueries.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MutableClock;
import dev.minicloud.dns.DnsService;
import dev.minicloud.dns.internal.health.HealthStatus;
import dev.minicloud.junit.MiniCloudExtension;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.HealthCheckType;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.VPC;
import software.amazon.awssdk.services.route53.model.VPCRegion;

/**
 * The DNS server answers routing policies from live health, seen through dnsjava queries on the real
 * DNS port: failover (also through an alias that evaluates its target's health), weighted and
 * multivalue sets skipping unhealthy records with Route 53's all-unhealthy rule, latency by the
 * endpoint's region, and geolocation's default.
 */
class HealthRoutingIT {
    static final MutableClock CLOCK = MutableClock.startingAt(Instant.parse("2026-11-23T12:00:00Z"));

    @RegisterExtension
    static MiniCloudExtension cloud = MiniCloudExtension.builder()
            .services("dns")
            .clock(CLOCK)
            .setting("dns-random-seed", "7")
            .setting("dns-public-region", "eu-west-2")
            .build();

    static Route53Client r53;
    static DnsService dns;
    static InetSocketAddress server;
    static String zoneId;
    static int refs;

    @BeforeAll
    static void zone() {
        r53 = Route53Clients.forCloud(cloud.getMiniCloud());
        dns = cloud.getMiniCloud().service(DnsService.class).orElseThrow();
        server = dns.publicEndpoint();
        zoneId = r53.createHostedZone(b -> b.name("routing.example").callerReference("routing"))
                .hostedZone()
                .id();
    }

    @AfterAll
    static void close() {
        r53.close();
    }

    /** A health check that is never probed (disabled) and so answers whatever a test forces. */
    private static String forcedCheck() {
        return r53.createHealthCheck(b -> b.callerReference("forced-" + (++refs))
                        .healthCheckConfig(c -> c.type(HealthCheckType.TCP)
                                .ipAddress("127.0.0.1")
                                .port(9)
                                .disabled(true)))
                .healthCheck()
                .id();
    }

    private static void change(String zone, ResourceRecordSet... sets) {
        List<Change> changes = Arrays.stream(sets)
                .map(s -> Change.builder()
                        .action(ChangeAction.CREATE)
                        .resourceRecordSet(s)
                        .build())
                .toList();
        r53.changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(c -> c.changes(changes)));
    }

    private static ResourceRecordSet a(
            String name, String id, String value, String healthCheck, Consumer<ResourceRecordSet.Builder> policy) {
        ResourceRecordSet.Builder b = ResourceRecordSet.builder()
                .name(name)
                .type(RRType.A)
                .ttl(60L)
                .setIdentifier(id)
                .healthCheckId(healthCheck)
                .resourceRecords(ResourceRecord.builder().value(value).build());
        policy.accept(b);
        return b.build();
    }

    private static List<String> ask(String name) {
        return answers(query(server, name + ".", Type.A, false));
    }

    private static Set<String> askMany(String name, int times) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < times; i++) {
            seen.addAll(ask(name));
        }
        return seen;
    }

    @Test
    void failoverAnswersTheSecondaryOnceTheProbedPrimaryDiesAndThePrimaryAgainWhenForcedHealthy() throws Exception {
        String check;
        try (ProbeTargets.Http primary = new ProbeTargets.Http()) {
            check = r53.createHealthCheck(b -> b.callerReference("primary-http")
                            .healthCheckConfig(c -> c.type(HealthCheckType.HTTP)
                                    .ipAddress("127.0.0.1")
                                    .port(primary.port())
                                    .requestInterval(10)
                                    .failureThreshold(1)))
                    .healthCheck()
                    .id();
            change(
                    zoneId,
                    a("www.routing.example", "primary", "192.0.2.1", check, b -> b.failover("PRIMARY")),
                    a("www.routing.example", "secondary", "192.0.2.2", null, b -> b.failover("SECONDARY")));
            dns.runHealthChecks();
            assertEquals(List.of("192.0.2.1"), ask("www.routing.example"));
            assertEquals(List.of("192.0.2.1"), ask("www.routing.example"), "asked twice: the answer may not be stale");
        }
        CLOCK.advance(Duration.ofSeconds(10));
        dns.runHealthChecks();
        assertEquals(List.of("192.0.2.2"), ask("www.routing.example"), "the primary's server is gone");

        HttpResponse<String> forced = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(cloud.getMiniCloud().endpoint()
                                        + "/_minicloud/dns/health-checks/" + check + "?status=healthy"))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, forced.statusCode(), forced.body());
        assertEquals(List.of("192.0.2.1"), ask("www.routing.example"));
    }

    @Test
    void failoverInAPrivateZoneFlipsThroughItsVpcResolverEndpoint() throws Exception {
        VPC vpc = VPC.builder()
                .vpcId("vpc-failover")
                .vpcRegion(VPCRegion.US_EAST_1)
                .build();
        String zone = r53.createHostedZone(b -> b.name("private-failover.example")
                        .callerReference("private-failover")
                        .vpc(vpc))
                .hostedZone()
                .id();
        String check;
        try (ProbeTargets.Http primary = new ProbeTargets.Http()) {
            check = r53.createHealthCheck(b -> b.callerReference("private-primary")
                            .healthCheckConfig(c -> c.type(HealthCheckType.HTTP)
                                    .ipAddress("127.0.0.1")
                                    .port(primary.port())
                                    .requestInterval(30)
                                    .failureThreshold(2)))
                    .healthCheck()
                    .id();
            change(
                    zone,
                    a("db.private-failover.example", "p", "10.0.0.1", check, b -> b.failover("PRIMARY")),
                    a("db.private-failover.example", "s", "10.0.0.2", null, b -> b.failover("SECONDARY")));
            dns.runHealthChecks();
        }
        InetSocketAddress resolver =
                dns.resolverEndpoint("vpc-failover").orElseThrow().address();
        assertEquals(List.of("10.0.0.1"), answers(query(resolver, "db.private-failover.example.", Type.A, false)));
        CLOCK.advance(Duration.ofSeconds(30));
        dns.runHealthChecks();
        assertEquals(
                List.of("10.0.0.1"),
                answers(query(resolver, "db.private-failover.example.", Type.A, true)),
                "one failure of FailureThreshold 2");
        CLOCK.advance(Duration.ofSeconds(30));
        dns.runHealthChecks();
        assertEquals(List.of("10.0.0.2"), answers(query(resolver, "db.private-failover.example.", Type.A, false)));
        assertEquals(
                List.of("10.0.0.2"),
                answers(query(resolver, "db.private-failover.example.", Type.A, true)),
                "over TCP too");
        assertTrue(
                answers(query(server, "db.private-failover.example.", Type.A, false))
                        .isEmpty(),
                "still private: the public endpoint does not answer it");
    }

    @Test
    void whenBothFailoverSetsAreUnhealthyThePrimaryAnswers() {
        String p = forcedCheck();
        String s = forcedCheck();
        change(
                zoneId,
                a("both.routing.example", "p", "192.0.2.11", p, b -> b.failover("PRIMARY")),
                a("both.routing.example", "s", "192.0.2.12", s, b -> b.failover("SECONDARY")));
        dns.healthChecks().force(p, HealthStatus.UNHEALTHY);
        assertEquals(List.of("192.0.2.12"), ask("both.routing.example"));
        assertEquals(
                List.of("192.0.2.12"),
                r53.testDNSAnswer(b -> b.hostedZoneId(zoneId)
                                .recordName("both.routing.example")
                                .recordType(RRType.A))
                        .recordData(),
                "TestDNSAnswer sees live health too");
        dns.healthChecks().force(s, HealthStatus.UNHEALTHY);
        assertEquals(List.of("192.0.2.11"), ask("both.routing.example"));
    }

    @Test
    void aFailoverAliasWithEvaluateTargetHealthFollowsItsTargetsHealth() {
        String one = forcedCheck();
        String two = forcedCheck();
        change(
                zoneId,
                a("pool.routing.example", "one", "192.0.2.21", one, b -> b.weight(1L)),
                a("pool.routing.example", "two", "192.0.2.22", two, b -> b.weight(1L)));
        change(
                zoneId,
                ResourceRecordSet.builder()
                        .name("app.routing.example")
                        .type(RRType.A)
                        .setIdentifier("p")
                        .failover("PRIMARY")
                        .aliasTarget(t -> t.hostedZoneId(zoneId)
                                .dnsName("pool.routing.example")
                                .evaluateTargetHealth(true))
                        .build(),
                a("app.routing.example", "s", "192.0.2.29", null, b -> b.failover("SECONDARY")));
        assertTrue(Set.of("192.0.2.21", "192.0.2.22").containsAll(askMany("app.routing.example", 10)));
        dns.healthChecks().force(one, HealthStatus.UNHEALTHY);
        assertEquals(Set.of("192.0.2.22"), askMany("app.routing.example", 10), "the alias answers its healthy target");
        dns.healthChecks().force(two, HealthStatus.UNHEALTHY);
        assertEquals(List.of("192.0.2.29"), ask("app.routing.example"), "no healthy target: the secondary");
    }

    @Test
    void weightedSetsSkipUnhealthyRecordsAndUseZeroWeightsAndThenAllWhenNoneIsHealthy() {
        String c1 = forcedCheck();
        String c2 = forcedCheck();
        String c0 = forcedCheck();
        change(
                zoneId,
                a("w.routing.example", "one", "192.0.2.31", c1, b -> b.weight(5L)),
                a("w.routing.example", "two", "192.0.2.32", c2, b -> b.weight(5L)),
                a("w.routing.example", "zero", "192.0.2.30", c0, b -> b.weight(0L)));
        assertEquals(Set.of("192.0.2.31", "192.0.2.32"), askMany("w.routing.example", 40), "weight 0 is not chosen");
        dns.healthChecks().force(c1, HealthStatus.UNHEALTHY);
        assertEquals(Set.of("192.0.2.32"), askMany("w.routing.example", 20));
        dns.healthChecks().force(c2, HealthStatus.UNHEALTHY);
        assertEquals(Set.of("192.0.2.30"), askMany("w.routing.example", 10), "the healthy zero-weight set");
        dns.healthChecks().force(c0, HealthStatus.UNHEALTHY);
        assertEquals(
                Set.of("192.0.2.31", "192.0.2.32"),
                askMany("w.routing.example", 40),
                "none healthy: all count as healthy, and weights apply again");
    }

    @Test
    void multivalueAnswersOnlyHealthyRecordsOrAllWhenNoneIsHealthy() {
        String[] checks = {forcedCheck(), forcedCheck(), forcedCheck()};
        for (int i = 0; i < 3; i++) {
            change(zoneId, a("mv.routing.example", "m" + i, "192.0.2.4" + i, checks[i], b -> b.multiValueAnswer(true)));
        }
        assertEquals(3, ask("mv.routing.example").size());
        dns.healthChecks().force(checks[1], HealthStatus.UNHEALTHY);
        for (int i = 0; i < 5; i++) {
            assertEquals(Set.of("192.0.2.40", "192.0.2.42"), new HashSet<>(ask("mv.routing.example")));
        }
        dns.healthChecks().force(checks[0], HealthStatus.UNHEALTHY);
        dns.healthChecks().force(checks[2], HealthStatus.UNHEALTHY);
        assertEquals(
                Set.of("192.0.2.40", "192.0.2.41", "192.0.2.42"),
                new HashSet<>(ask("mv.routing.example")),
                "none healthy: up to eight of all");
    }

    @Test
    void latencyRecordsAnswerByTheEndpointsRegionSkippingUnhealthyOnes() {
        String eu = forcedCheck();
        change(
                zoneId,
                a("lat.routing.example", "a-us", "192.0.2.51", null, b -> b.region("us-east-1")),
                a("lat.routing.example", "b-eu", "192.0.2.52", eu, b -> b.region("eu-west-1")),
                a("lat.routing.example", "c-ap", "192.0.2.53", null, b -> b.region("ap-southeast-1")));
        assertEquals(List.of("192.0.2.52"), ask("lat.routing.example"), "the public endpoint is in eu-west-2: Europe");
        dns.healthChecks().force(eu, HealthStatus.UNHEALTHY);
        assertEquals(List.of("192.0.2.51"), ask("lat.routing.example"), "Europe unhealthy: another region");

        VPC vpc = VPC.builder()
                .vpcId("vpc-latency")
                .vpcRegion(VPCRegion.AP_SOUTHEAST_1)
                .build();
        String privateZone = r53.createHostedZone(b -> b.name("inside.example")
                        .callerReference("latency-private")
                        .vpc(vpc))
                .hostedZone()
                .id();
        change(
                privateZone,
                a("svc.inside.example", "us", "10.0.0.1", null, b -> b.region("us-east-1")),
                a("svc.inside.example", "ap", "10.0.0.2", null, b -> b.region("ap-southeast-1")));
        InetSocketAddress resolver =
                dns.resolverEndpoint("vpc-latency").orElseThrow().address();
        assertEquals(
                List.of("10.0.0.2"),
                answers(query(resolver, "svc.inside.example.", Type.A, false)),
                "a VPC resolver is in its VPC's region");
    }

    @Test
    void anAliasToAnS3WebsiteEndpointAnswersTheEdgesAddress() {
        change(
                zoneId,
                ResourceRecordSet.builder()
                        .name("site.routing.example")
                        .type(RRType.A)
                        .aliasTarget(t -> t.hostedZoneId("Z3AQBSTGFYJSTF")
                                .dnsName("s3-website-us-east-1.amazonaws.com")
                                .evaluateTargetHealth(false))
                        .build(),
                ResourceRecordSet.builder()
                        .name("elsewhere.routing.example")
                        .type(RRType.A)
                        .aliasTarget(t -> t.hostedZoneId("Z35SXDOTRQ7X7K")
                                .dnsName("my-lb-1.us-east-1.elb.amazonaws.com")
                                .evaluateTargetHealth(false))
                        .build());
        assertEquals(List.of("127.0.0.1"), ask("site.routing.example"), "where the edge, and so S3, listens");
        assertTrue(ask("elsewhere.routing.example").isEmpty(), "an ELB is not emulated: no answer");
    }

    @Test
    void geolocationAnswersTheDefaultLocationAndNothingWithoutOne() {
        change(
                zoneId,
                a("geo.routing.example", "default", "192.0.2.61", null, b -> b.geoLocation(g -> g.countryCode("*"))),
                a("geo.routing.example", "eu", "192.0.2.62", null, b -> b.geoLocation(g -> g.continentCode("EU"))));
        assertEquals(List.of("192.0.2.61"), ask("geo.routing.example"));
        change(
                zoneId,
                a("nodefault.routing.example", "de", "192.0.2.63", null, b -> b.geoLocation(g -> g.countryCode("DE"))));
        Message m = query(server, "nodefault.routing.example.", Type.A, false);
        assertEquals(Rcode.NOERROR, m.getRcode());
        assertTrue(answers(m).isEmpty(), "no location matches and there is no default: no answer");
    }
}
