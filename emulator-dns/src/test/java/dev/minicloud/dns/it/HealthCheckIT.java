package dev.minicloud.dns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.MutableClock;
import dev.minicloud.dns.DnsService;
import dev.minicloud.dns.internal.health.HealthStatus;
import dev.minicloud.junit.MiniCloudExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.CreateHealthCheckResponse;
import software.amazon.awssdk.services.route53.model.HealthCheck;
import software.amazon.awssdk.services.route53.model.HealthCheckConfig;
import software.amazon.awssdk.services.route53.model.HealthCheckObservation;
import software.amazon.awssdk.services.route53.model.HealthCheckRegion;
import software.amazon.awssdk.services.route53.model.HealthCheckType;
import software.amazon.awssdk.services.route53.model.InsufficientDataHealthStatus;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResettableElementName;
import software.amazon.awssdk.services.route53.model.Route53Exception;
import software.amazon.awssdk.services.route53.model.Tag;
import software.amazon.awssdk.services.route53.model.TagResourceType;

/**
 * Route 53 health checks through the AWS SDK v2: the control plane with Route 53's shapes and errors,
 * and real probes of loopback targets started here, judged round by round as the test advances the
 * MiniCloud clock (never by sleeping).
 */
class HealthCheckIT {
    static final MutableClock CLOCK = MutableClock.startingAt(Instant.parse("2026-11-23T12:00:00Z"));

    @RegisterExtension
    static MiniCloudExtension cloud =
            MiniCloudExtension.builder().services("dns").clock(CLOCK).build();

    static Route53Client r53;
    static DnsService dns;
    static int refs;

    @BeforeAll
    static void client() {
        r53 = Route53Clients.forCloud(cloud.getMiniCloud());
        dns = cloud.getMiniCloud().service(DnsService.class).orElseThrow();
    }

    @AfterAll
    static void close() {
        r53.close();
    }

    private static HealthCheck create(Consumer<HealthCheckConfig.Builder> config) {
        return r53.createHealthCheck(b -> b.callerReference("ref-" + (++refs)).healthCheckConfig(config))
                .healthCheck();
    }

    private static HealthCheck http(int port, int failureThreshold) {
        return create(c -> c.type(HealthCheckType.HTTP)
                .ipAddress("127.0.0.1")
                .port(port)
                .resourcePath("/health")
                .requestInterval(10)
                .failureThreshold(failureThreshold));
    }

    /** One probe round after {@code seconds} more of the MiniCloud clock. */
    private static void after(int seconds) {
        CLOCK.advance(Duration.ofSeconds(seconds));
        dns.runHealthChecks();
    }

    private static List<String> statuses(String id) {
        return r53.getHealthCheckStatus(b -> b.healthCheckId(id)).healthCheckObservations().stream()
                .map(o -> o.statusReport().status())
                .distinct()
                .collect(Collectors.toList());
    }

    private static Route53Exception error(Runnable call) {
        return assertThrows(Route53Exception.class, call::run);
    }

    @Test
    void anHttpCheckTurnsUnhealthyAfterFailureThresholdFailedProbesAndBackAfterAsManyPassing() {
        try (ProbeTargets.Http target = new ProbeTargets.Http()) {
            HealthCheck hc = http(target.port(), 2);
            String id = hc.id();
            assertTrue(
                    r53.getHealthCheckStatus(b -> b.healthCheckId(id))
                            .healthCheckObservations()
                            .isEmpty(),
                    "no observation before the first probe");
            dns.runHealthChecks();
            assertEquals(1, target.requests.get(), "a new check is probed at once");
            assertEquals(List.of("Success: HTTP Status Code 200, OK"), statuses(id));
            List<HealthCheckObservation> obs =
                    r53.getHealthCheckStatus(b -> b.healthCheckId(id)).healthCheckObservations();
            assertEquals(8, obs.size(), "one observation per checker region");
            assertEquals(HealthCheckRegion.US_EAST_1, obs.get(0).region());
            assertEquals(CLOCK.instant(), obs.get(0).statusReport().checkedTime());
            assertTrue(dns.healthChecks().isHealthy(id));

            dns.runHealthChecks();
            assertEquals(1, target.requests.get(), "nothing is due before RequestInterval has passed");

            target.answer(503, "down");
            after(10);
            assertEquals(List.of("Failure: HTTP Status Code 503, Service Unavailable."), statuses(id));
            assertTrue(dns.healthChecks().isHealthy(id), "one failure is below FailureThreshold 2");
            after(10);
            assertFalse(dns.healthChecks().isHealthy(id));
            assertEquals(
                    "Failure: HTTP Status Code 503, Service Unavailable.",
                    r53.getHealthCheckLastFailureReason(b -> b.healthCheckId(id))
                            .healthCheckObservations()
                            .get(0)
                            .statusReport()
                            .status());

            target.answer(302, "moved");
            after(10);
            assertFalse(dns.healthChecks().isHealthy(id), "one pass is below FailureThreshold 2");
            after(10);
            assertTrue(dns.healthChecks().isHealthy(id), "3xx passes, as on Route 53");
            assertEquals(5, target.requests.get());
            assertEquals("127.0.0.1:" + target.port(), target.hostHeaders.get(0), "Host is the IP and the port");
            assertTrue(
                    target.userAgents.get(0).startsWith("Amazon-Route53-Health-Check-Service (ref " + id),
                    target.userAgents.get(0));
        }
    }

    @Test
    void stringMatchSearchesOnlyTheFirst5120BytesOfTheBody() {
        try (ProbeTargets.Http target = new ProbeTargets.Http()) {
            target.answer(200, "x".repeat(6000) + "HEALTHY");
            HealthCheck hc = create(c -> c.type(HealthCheckType.HTTP_STR_MATCH)
                    .ipAddress("127.0.0.1")
                    .port(target.port())
                    .searchString("HEALTHY")
                    .failureThreshold(1));
            dns.runHealthChecks();
            assertFalse(dns.healthChecks().isHealthy(hc.id()), "the string is beyond the first 5,120 bytes");
            assertTrue(
                    statuses(hc.id()).get(0).contains("was not found in the first 5120 bytes"),
                    statuses(hc.id()).toString());
            target.answer(200, "x".repeat(5100) + "HEALTHY");
            after(30);
            assertTrue(dns.healthChecks().isHealthy(hc.id()), "ends at byte 5,107");
        }
    }

    @Test
    void anHttpsStringMatchCheckFindsItsEndpointThroughOurZonesAndSpeaksTls(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        String zone = r53.createHostedZone(b -> b.name("hc.example").callerReference("hc-zone"))
                .hostedZone()
                .id();
        r53.changeResourceRecordSets(b -> b.hostedZoneId(zone)
                .changeBatch(c -> c.changes(Change.builder()
                        .action(ChangeAction.CREATE)
                        .resourceRecordSet(r -> r.name("secure.hc.example")
                                .type(RRType.A)
                                .ttl(60L)
                                .resourceRecords(v -> v.value("127.0.0.1")))
                        .build())));
        try (ProbeTargets.Http target = new ProbeTargets.Http(ProbeTargets.selfSignedTls(dir))) {
            target.answer(200, "<html>status: all good</html>");
            HealthCheck hc = create(c -> c.type(HealthCheckType.HTTPS_STR_MATCH)
                    .fullyQualifiedDomainName("secure.hc.example")
                    .port(target.port())
                    .searchString("all good")
                    .failureThreshold(1));
            dns.runHealthChecks();
            assertEquals(List.of("Success: HTTP Status Code 200, OK"), statuses(hc.id()));
            assertEquals(
                    "secure.hc.example:" + target.port(), target.hostHeaders.get(0), "Host is the FQDN and the port");
            HealthCheck plainHttp = create(c -> c.type(HealthCheckType.HTTP)
                    .fullyQualifiedDomainName("secure.hc.example")
                    .port(target.port())
                    .failureThreshold(1));
            dns.runHealthChecks();
            assertFalse(dns.healthChecks().isHealthy(plainHttp.id()), "plain HTTP to a TLS port is not HTTP");
        }
        HealthCheck unresolvable = create(c -> c.type(HealthCheckType.HTTP)
                .fullyQualifiedDomainName("missing.hc.example")
                .failureThreshold(1));
        dns.runHealthChecks();
        assertEquals(
                List.of("Failure: DNS resolution failed."),
                statuses(unresolvable.id()),
                "a name in our zone without an A record");
    }

    @Test
    void aTcpCheckPassesOnConnectAndFailsWhenNothingListens() throws Exception {
        ProbeTargets.Tcp target = ProbeTargets.Tcp.silent();
        HealthCheck hc = create(c -> c.type(HealthCheckType.TCP)
                .ipAddress("127.0.0.1")
                .port(target.port())
                .failureThreshold(1));
        dns.runHealthChecks();
        assertTrue(dns.healthChecks().isHealthy(hc.id()));
        assertTrue(
                statuses(hc.id()).get(0).startsWith("Success: TCP connection established"),
                statuses(hc.id()).toString());
        target.close();
        after(30);
        assertFalse(dns.healthChecks().isHealthy(hc.id()));
        assertTrue(
                statuses(hc.id()).get(0).startsWith("Failure: Connection refused"),
                statuses(hc.id()).toString());
    }

    @Test
    void targetsThatSendGarbageResetOrHangAreUnhealthy() throws Exception {
        try (ProbeTargets.Tcp garbage = ProbeTargets.Tcp.writing("SSH-2.0-OpenSSH\r\n\r\n");
                ProbeTargets.Tcp reset = ProbeTargets.Tcp.resetting();
                ProbeTargets.Tcp hang = ProbeTargets.Tcp.silent()) {
            String g = http(garbage.port(), 1).id();
            String r = http(reset.port(), 1).id();
            String h = http(hang.port(), 1).id();
            dns.runHealthChecks();
            assertFalse(dns.healthChecks().isHealthy(g));
            assertTrue(
                    statuses(g).get(0).startsWith("Failure: The endpoint sent a response that is not valid HTTP"),
                    statuses(g).toString());
            assertFalse(dns.healthChecks().isHealthy(r), statuses(r).toString());
            assertFalse(dns.healthChecks().isHealthy(h));
            assertTrue(
                    statuses(h).get(0).contains("within the timeout limit"),
                    statuses(h).toString());
        }
    }

    @Test
    void calculatedChecksCountHealthyChildrenAgainstHealthThreshold() {
        String a = create(c -> c.type(HealthCheckType.TCP)
                        .ipAddress("127.0.0.1")
                        .port(9)
                        .disabled(true))
                .id();
        String b = create(c -> c.type(HealthCheckType.TCP)
                        .ipAddress("127.0.0.1")
                        .port(9)
                        .disabled(true))
                .id();
        HealthCheck calc = create(
                c -> c.type(HealthCheckType.CALCULATED).childHealthChecks(a, b).healthThreshold(2));
        assertEquals(List.of(a, b), calc.healthCheckConfig().childHealthChecks());
        assertTrue(dns.healthChecks().isHealthy(calc.id()), "disabled children are healthy");
        dns.healthChecks().force(b, HealthStatus.UNHEALTHY);
        assertFalse(dns.healthChecks().isHealthy(calc.id()), "1 of 2 healthy is below HealthThreshold 2");
        r53.updateHealthCheck(u -> u.healthCheckId(calc.id()).healthThreshold(1));
        assertTrue(dns.healthChecks().isHealthy(calc.id()));
        r53.updateHealthCheck(u -> u.healthCheckId(calc.id()).inverted(true));
        assertFalse(dns.healthChecks().isHealthy(calc.id()), "Inverted flips it");

        Route53Exception inUse = error(() -> r53.deleteHealthCheck(d -> d.healthCheckId(a)));
        assertEquals("HealthCheckInUse", inUse.awsErrorDetails().errorCode());
        Route53Exception status = error(() -> r53.getHealthCheckStatus(s -> s.healthCheckId(calc.id())));
        assertEquals("InvalidInput", status.awsErrorDetails().errorCode());
    }

    @Test
    void aDisabledCheckIsNotProbedAndIsHealthyAndInvertedFlipsIt() {
        try (ProbeTargets.Http target = new ProbeTargets.Http()) {
            target.answer(500, "broken");
            String id = create(c -> c.type(HealthCheckType.HTTP)
                            .ipAddress("127.0.0.1")
                            .port(target.port())
                            .failureThreshold(1)
                            .disabled(true)
                            .inverted(true))
                    .id();
            dns.runHealthChecks();
            assertEquals(0, target.requests.get(), "a disabled check is not probed");
            assertFalse(dns.healthChecks().isHealthy(id), "disabled is healthy; inverted, unhealthy");
            r53.updateHealthCheck(u -> u.healthCheckId(id).inverted(false));
            assertTrue(dns.healthChecks().isHealthy(id));
            r53.updateHealthCheck(u -> u.healthCheckId(id).disabled(false));
            dns.runHealthChecks();
            assertEquals(1, target.requests.get(), "enabled again, it is probed");
            assertFalse(dns.healthChecks().isHealthy(id));
        }
    }

    @Test
    void cloudWatchChecksTakeInsufficientDataHealthStatusAndRecoveryControlIsStored() {
        HealthCheck cw = create(c -> c.type(HealthCheckType.CLOUDWATCH_METRIC)
                .alarmIdentifier(a -> a.region("us-east-1").name("cpu-high"))
                .insufficientDataHealthStatus(InsufficientDataHealthStatus.UNHEALTHY));
        assertFalse(dns.healthChecks().isHealthy(cw.id()));
        assertEquals(
                "cpu-high",
                r53.getHealthCheck(g -> g.healthCheckId(cw.id()))
                        .healthCheck()
                        .healthCheckConfig()
                        .alarmIdentifier()
                        .name());
        HealthCheck lastKnown = create(c -> c.type(HealthCheckType.CLOUDWATCH_METRIC)
                .alarmIdentifier(a -> a.region("eu-west-1").name("errors")));
        assertEquals(
                InsufficientDataHealthStatus.LAST_KNOWN_STATUS,
                lastKnown.healthCheckConfig().insufficientDataHealthStatus());
        assertTrue(dns.healthChecks().isHealthy(lastKnown.id()), "no last known status: healthy, as a new check");
        String arn = "arn:aws:route53-recovery-control::000000000000:controlpanel/abc/routingcontrol/def";
        HealthCheck rc = create(c -> c.type(HealthCheckType.RECOVERY_CONTROL).routingControlArn(arn));
        assertEquals(
                arn,
                r53.getHealthCheck(g -> g.healthCheckId(rc.id()))
                        .healthCheck()
                        .healthCheckConfig()
                        .routingControlArn());
    }

    @Test
    void callerReferencesFollowRoute53Rules() {
        Consumer<HealthCheckConfig.Builder> config =
                c -> c.type(HealthCheckType.TCP).ipAddress("127.0.0.1").port(9);
        CreateHealthCheckResponse first =
                r53.createHealthCheck(b -> b.callerReference("same").healthCheckConfig(config));
        assertEquals(
                "https://route53.amazonaws.com/2013-04-01/healthcheck/"
                        + first.healthCheck().id(),
                first.location());
        assertEquals(1L, first.healthCheck().healthCheckVersion());
        assertEquals(30, first.healthCheck().healthCheckConfig().requestInterval(), "Route 53's default interval");
        assertEquals(3, first.healthCheck().healthCheckConfig().failureThreshold(), "Route 53's default threshold");
        String again = r53.createHealthCheck(b -> b.callerReference("same").healthCheckConfig(config))
                .healthCheck()
                .id();
        assertEquals(first.healthCheck().id(), again, "a retry with the same settings returns the check");
        Route53Exception other = error(() -> r53.createHealthCheck(b -> b.callerReference("same")
                .healthCheckConfig(
                        c -> c.type(HealthCheckType.TCP).ipAddress("127.0.0.1").port(7))));
        assertEquals("HealthCheckAlreadyExists", other.awsErrorDetails().errorCode());
        assertEquals(409, other.statusCode());
        r53.deleteHealthCheck(d -> d.healthCheckId(first.healthCheck().id()));
        Route53Exception deleted =
                error(() -> r53.createHealthCheck(b -> b.callerReference("same").healthCheckConfig(config)));
        assertEquals("HealthCheckAlreadyExists", deleted.awsErrorDetails().errorCode(), "even with the same settings");
        Route53Exception gone = error(() ->
                r53.getHealthCheck(g -> g.healthCheckId(first.healthCheck().id())));
        assertEquals("NoSuchHealthCheck", gone.awsErrorDetails().errorCode());
        assertEquals(404, gone.statusCode());
    }

    @Test
    void updatesCheckTheVersionAndResetElements() {
        HealthCheck hc = create(c -> c.type(HealthCheckType.HTTPS)
                .ipAddress("127.0.0.1")
                .fullyQualifiedDomainName("a.example")
                .resourcePath("/ping")
                .regions(HealthCheckRegion.US_EAST_1, HealthCheckRegion.EU_WEST_1, HealthCheckRegion.SA_EAST_1));
        assertEquals(443, hc.healthCheckConfig().port(), "HTTPS defaults to 443");
        assertTrue(hc.healthCheckConfig().enableSNI(), "SNI is on by default for HTTPS");
        HealthCheck updated = r53.updateHealthCheck(u -> u.healthCheckId(hc.id())
                        .healthCheckVersion(1L)
                        .port(8443)
                        .resetElements(ResettableElementName.RESOURCE_PATH, ResettableElementName.REGIONS))
                .healthCheck();
        assertEquals(2L, updated.healthCheckVersion());
        assertEquals(8443, updated.healthCheckConfig().port());
        assertEquals(null, updated.healthCheckConfig().resourcePath());
        assertTrue(updated.healthCheckConfig().regions().isEmpty());
        assertEquals("a.example", updated.healthCheckConfig().fullyQualifiedDomainName());
        Route53Exception stale = error(() -> r53.updateHealthCheck(
                u -> u.healthCheckId(hc.id()).healthCheckVersion(1L).port(1)));
        assertEquals("HealthCheckVersionMismatch", stale.awsErrorDetails().errorCode());
        assertEquals(409, stale.statusCode());
        assertEquals(
                8443,
                r53.getHealthCheck(g -> g.healthCheckId(hc.id()))
                        .healthCheck()
                        .healthCheckConfig()
                        .port(),
                "a refused update changes nothing");
    }

    @Test
    void badConfigurationsGetRoute53sInvalidInput() {
        assertInvalid(
                "TCP health checks must not have a resource path specificed.",
                c -> c.type(HealthCheckType.TCP).ipAddress("127.0.0.1").port(9).resourcePath("/x"));
        assertInvalid(
                "TCP health checks that have IP address must not have a fully qualified domain name specified.",
                c -> c.type(HealthCheckType.TCP).ipAddress("127.0.0.1").port(9).fullyQualifiedDomainName("a.example"));
        assertInvalid(
                "Invalid parameter : Basic health checks must not have an metric region specified.",
                c -> c.type(HealthCheckType.TCP)
                        .ipAddress("127.0.0.1")
                        .port(9)
                        .alarmIdentifier(a -> a.region("us-east-1").name("x")));
        assertInvalid(
                "Invalid parameter : Calculated health checks must have a health threshold specified.",
                c -> c.type(HealthCheckType.CALCULATED));
        assertInvalid(
                "Invalid parameter : String matching health checks must have a search string specified.",
                c -> c.type(HealthCheckType.HTTP_STR_MATCH).ipAddress("192.0.2.1"));
        assertInvalid(
                "Invalid parameter : The request interval must be 10 or 30 seconds.",
                c -> c.type(HealthCheckType.HTTP).ipAddress("192.0.2.1").requestInterval(20));
        assertInvalid(
                "1 validation error detected: Value '11' at 'healthCheckConfig.failureThreshold' failed to satisfy "
                        + "constraint: Member must have value less than or equal to 10",
                c -> c.type(HealthCheckType.HTTP).ipAddress("192.0.2.1").failureThreshold(11));
        assertInvalid(
                "Invalid parameter : HTTP health checks must have an IP address or a fully qualified domain name specified.",
                c -> c.type(HealthCheckType.HTTP));
        assertInvalid(
                "Invalid parameter : The IP address 999.1.1.1 is not a valid IPv4 or IPv6 address.",
                c -> c.type(HealthCheckType.HTTP).ipAddress("999.1.1.1"));
        Route53Exception child = error(() -> create(c -> c.type(HealthCheckType.CALCULATED)
                .healthThreshold(1)
                .childHealthChecks("00000000-0000-4000-8000-000000000000")));
        assertEquals("NoSuchHealthCheck", child.awsErrorDetails().errorCode());
    }

    private static void assertInvalid(String message, Consumer<HealthCheckConfig.Builder> config) {
        int before = r53.getHealthCheckCount().healthCheckCount().intValue();
        Route53Exception e = error(() -> create(config));
        assertEquals("InvalidInput", e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(400, e.statusCode());
        assertEquals(message, e.awsErrorDetails().errorMessage());
        assertEquals(before, r53.getHealthCheckCount().healthCheckCount().intValue(), "nothing was created");
    }

    @Test
    void listingPagesByMarkerAndCountsTheAccountsChecks() {
        try (Route53Client other = Route53Clients.forCloud(cloud.getMiniCloud(), "111122223333")) {
            for (int i = 0; i < 3; i++) {
                int port = 1000 + i;
                other.createHealthCheck(b -> b.callerReference("list-" + port)
                        .healthCheckConfig(c -> c.type(HealthCheckType.TCP)
                                .ipAddress("127.0.0.1")
                                .port(port)));
            }
            assertEquals(3L, other.getHealthCheckCount().healthCheckCount());
            var page1 = other.listHealthChecks(b -> b.maxItems("2"));
            assertTrue(page1.isTruncated());
            assertEquals(2, page1.healthChecks().size());
            var page2 = other.listHealthChecks(b -> b.maxItems("2").marker(page1.nextMarker()));
            assertFalse(page2.isTruncated());
            assertEquals(1, page2.healthChecks().size());
            assertEquals(1002, page2.healthChecks().get(0).healthCheckConfig().port());
            String theirs = page2.healthChecks().get(0).id();
            assertEquals(
                    "NoSuchHealthCheck",
                    error(() -> r53.getHealthCheck(g -> g.healthCheckId(theirs)))
                            .awsErrorDetails()
                            .errorCode(),
                    "another account's check is invisible");
        }
    }

    @Test
    void healthChecksCarryTags() {
        String id = create(
                        c -> c.type(HealthCheckType.TCP).ipAddress("127.0.0.1").port(9))
                .id();
        r53.changeTagsForResource(b -> b.resourceType(TagResourceType.HEALTHCHECK)
                .resourceId(id)
                .addTags(
                        Tag.builder().key("team").value("dns").build(),
                        Tag.builder().key("env").value("test").build()));
        r53.changeTagsForResource(
                b -> b.resourceType(TagResourceType.HEALTHCHECK).resourceId(id).removeTagKeys("env"));
        var set = r53.listTagsForResource(
                        b -> b.resourceType(TagResourceType.HEALTHCHECK).resourceId(id))
                .resourceTagSet();
        assertEquals(TagResourceType.HEALTHCHECK, set.resourceType());
        assertEquals(id, set.resourceId());
        assertEquals(List.of(Tag.builder().key("team").value("dns").build()), set.tags());
        var many = r53.listTagsForResources(
                b -> b.resourceType(TagResourceType.HEALTHCHECK).resourceIds(id));
        assertEquals(1, many.resourceTagSets().size());
        Route53Exception missing = error(() -> r53.listTagsForResource(
                b -> b.resourceType(TagResourceType.HEALTHCHECK).resourceId("00000000-0000-4000-8000-000000000001")));
        assertEquals("NoSuchHealthCheck", missing.awsErrorDetails().errorCode());
    }

    @Test
    void checkerIpRangesNameTheLocalChecker() {
        assertEquals(List.of("127.0.0.1/32"), r53.getCheckerIpRanges(b -> {}).checkerIpRanges());
    }

    @Test
    void theAdminApiForcesAStatusAndRunsAProbeRound() throws Exception {
        try (ProbeTargets.Http target = new ProbeTargets.Http()) {
            String id = http(target.port(), 1).id();
            HttpResponse<String> round = admin("/_minicloud/dns/health-checks/probe-round");
            assertEquals(200, round.statusCode(), round.body());
            assertTrue(round.body().matches("\\{\"probed\":[0-9]+}"), round.body());
            assertEquals(1, target.requests.get(), "probed once, by this round or a background one before it");
            HttpResponse<String> forced = admin("/_minicloud/dns/health-checks/" + id + "?status=unhealthy");
            assertEquals(200, forced.statusCode(), forced.body());
            assertTrue(forced.body().contains("\"healthy\":false"), forced.body());
            assertFalse(dns.healthChecks().isHealthy(id));
            after(10);
            assertFalse(dns.healthChecks().isHealthy(id), "a forced status outlasts passing probes");
            assertEquals(
                    200,
                    admin("/_minicloud/dns/health-checks/" + id + "?status=auto")
                            .statusCode());
            assertTrue(dns.healthChecks().isHealthy(id), "the probes decide again");
            assertEquals(
                    404,
                    admin("/_minicloud/dns/health-checks/no-such-id?status=unhealthy")
                            .statusCode());
            assertEquals(
                    400,
                    admin("/_minicloud/dns/health-checks/" + id + "?status=sick")
                            .statusCode());
        }
    }

    @Test
    void anAdminProbeRoundWaitsOnlyTimeoutMsForARoundInProgress() throws Exception {
        CountDownLatch accepted = new CountDownLatch(1);
        try (ProbeTargets.Tcp slow = new ProbeTargets.Tcp(s -> accepted.countDown())) {
            http(slow.port(), 1);
            Thread round = new Thread(dns::runHealthChecks, "slow-round");
            round.start();
            assertTrue(accepted.await(10, TimeUnit.SECONDS), "the round is probing the slow target");
            HttpResponse<String> busy = admin("/_minicloud/dns/health-checks/probe-round?timeoutMs=0");
            assertEquals(408, busy.statusCode(), busy.body());
            round.join();
            assertEquals(200, admin("/_minicloud/dns/health-checks/probe-round").statusCode());
        }
    }

    private static HttpResponse<String> admin(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(cloud.getMiniCloud().endpoint() + path))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void closingTheInstanceStopsTheProbes() {
        try (ProbeTargets.Http target = new ProbeTargets.Http()) {
            MiniCloud own = MiniCloud.builder().services("dns").clock(CLOCK).start();
            DnsService ownDns = own.service(DnsService.class).orElseThrow();
            try (Route53Client client = Route53Clients.forCloud(own)) {
                client.createHealthCheck(b -> b.callerReference("closing")
                        .healthCheckConfig(c -> c.type(HealthCheckType.HTTP)
                                .ipAddress("127.0.0.1")
                                .port(target.port())
                                .requestInterval(10)));
            }
            ownDns.runHealthChecks();
            assertEquals(1, target.requests.get());
            own.close();
            CLOCK.advance(Duration.ofSeconds(10));
            assertEquals(0, ownDns.runHealthChecks(), "a closed instance probes nothing");
            assertEquals(1, target.requests.get());
        }
    }
}
