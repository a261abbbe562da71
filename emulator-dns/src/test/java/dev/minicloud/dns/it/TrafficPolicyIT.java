package dev.minicloud.dns.it;

import static dev.minicloud.dns.it.DnsQueries.answers;
import static dev.minicloud.dns.it.DnsQueries.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.dns.DnsService;
import dev.minicloud.dns.internal.health.HealthStatus;
import dev.minicloud.junit.MiniCloudExtension;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ConflictingTypesException;
import software.amazon.awssdk.services.route53.model.HealthCheckType;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.InvalidTrafficPolicyDocumentException;
import software.amazon.awssdk.services.route53.model.NoSuchTrafficPolicyException;
import software.amazon.awssdk.services.route53.model.NoSuchTrafficPolicyInstanceException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.TooManyTrafficPolicyInstancesException;
import software.amazon.awssdk.services.route53.model.TrafficPolicy;
import software.amazon.awssdk.services.route53.model.TrafficPolicyAlreadyExistsException;
import software.amazon.awssdk.services.route53.model.TrafficPolicyInUseException;
import software.amazon.awssdk.services.route53.model.TrafficPolicyInstance;
import software.amazon.awssdk.services.route53.model.TrafficPolicyInstanceAlreadyExistsException;

/**
 * Traffic policies and their instances through the SDK v2 {@link Route53Client}; an instance's records
 * are answered by the DNS server (dnsjava), from live health, like hand-made record sets.
 */
class TrafficPolicyIT {
    @RegisterExtension
    static MiniCloudExtension cloud = MiniCloudExtension.builder()
            .services("dns")
            .setting("dns-limits", "MAX_TRAFFIC_POLICY_INSTANCES_BY_OWNER=3")
            // Queries come from loopback: place them in Germany for geo rules; the public endpoint is in us-east-1.
            .setting("dns-client-locations", "127.0.0.0/8=EU/DE")
            .setting("dns-public-region", "us-east-1")
            .build();

    Route53Client r53;
    DnsService dns;
    String zoneId;

    @BeforeEach
    void setUp() {
        String account = Route53Clients.newAccount();
        r53 = Route53Clients.forCloud(cloud.getMiniCloud(), account);
        dns = cloud.getMiniCloud().service(DnsService.class).orElseThrow();
        String zone = "tp" + account + ".example.";
        zoneId = r53.createHostedZone(b -> b.name(zone).callerReference("z"))
                .hostedZone()
                .id();
    }

    @AfterEach
    void close() {
        r53.close();
    }

    private String zoneName() {
        return r53.getHostedZone(g -> g.id(zoneId)).hostedZone().name();
    }

    private String check() {
        return r53.createHealthCheck(b -> b.callerReference(UUID.randomUUID().toString())
                        .healthCheckConfig(c -> c.type(HealthCheckType.TCP)
                                .ipAddress("127.0.0.1")
                                .port(9)
                                .disabled(true)))
                .healthCheck()
                .id();
    }

    /** A failover policy: the primary endpoint behind a health check, else a weighted choice of two. */
    private static String failoverToWeighted(String check) {
        return """
                {"AWSPolicyFormatVersion":"2015-10-01","RecordType":"A","StartRule":"site",
                 "Endpoints":{"main":{"Type":"value","Value":"192.0.2.1"},
                              "b1":{"Type":"value","Value":"198.51.100.1"},
                              "b2":{"Type":"value","Value":"198.51.100.2"}},
                 "Rules":{"site":{"RuleType":"failover",
                                  "Primary":{"EndpointReference":"main","HealthCheck":"%s"},
                                  "Secondary":{"RuleReference":"backup"}},
                          "backup":{"RuleType":"weighted","Items":[
                                  {"EndpointReference":"b1","Weight":"1"},{"EndpointReference":"b2","Weight":"1"}]}}}
                """.formatted(check);
    }

    private static String single(String type, String value) {
        return """
                {"AWSPolicyFormatVersion":"2015-10-01","RecordType":"%s","StartEndpoint":"only",
                 "Endpoints":{"only":{"Type":"value","Value":"%s"}}}
                """.formatted(type, value);
    }

    private List<String> ask(String name) {
        return answers(query(dns.publicEndpoint(), name, Type.A, false));
    }

    @Test
    void anInstanceAnswersItsPolicyFromLiveHealth() {
        String check = check();
        TrafficPolicy p = r53.createTrafficPolicy(b -> b.name("failover-" + check)
                        .document(failoverToWeighted(check))
                        .comment("first"))
                .trafficPolicy();
        assertEquals(1, p.version());
        assertEquals(RRType.A, p.type());
        String name = "app." + zoneName();
        TrafficPolicyInstance i = r53.createTrafficPolicyInstance(b -> b.hostedZoneId(zoneId)
                        .name(name)
                        .ttl(30L)
                        .trafficPolicyId(p.id())
                        .trafficPolicyVersion(1))
                .trafficPolicyInstance();
        assertEquals("Applied", i.state());

        assertEquals(List.of("192.0.2.1"), ask(name));
        dns.healthChecks().force(check, HealthStatus.UNHEALTHY);
        Set<String> seen = new HashSet<>();
        for (int n = 0; n < 40; n++) {
            seen.addAll(ask(name));
        }
        assertEquals(Set.of("198.51.100.1", "198.51.100.2"), seen);
        dns.healthChecks().force(check, HealthStatus.HEALTHY);
        assertEquals(List.of("192.0.2.1"), ask(name));

        // The zone lists one set for the instance, and ChangeResourceRecordSets may not touch its records.
        List<ResourceRecordSet> listed =
                r53.listResourceRecordSets(l -> l.hostedZoneId(zoneId)).resourceRecordSets();
        List<ResourceRecordSet> owned =
                listed.stream().filter(r -> r.trafficPolicyInstanceId() != null).toList();
        assertEquals(1, owned.size());
        assertEquals(name, owned.get(0).name());
        assertEquals(i.id(), owned.get(0).trafficPolicyInstanceId());
        assertEquals(3, listed.size()); // SOA, NS and the instance
        Change delete = Change.builder()
                .action(ChangeAction.UPSERT)
                .resourceRecordSet(ResourceRecordSet.builder()
                        .name(name)
                        .type(RRType.A)
                        .setIdentifier("Primary")
                        .failover("PRIMARY")
                        .ttl(30L)
                        .resourceRecords(
                                ResourceRecord.builder().value("192.0.2.9").build())
                        .build())
                .build();
        InvalidChangeBatchException e = assertThrows(
                InvalidChangeBatchException.class,
                () -> r53.changeResourceRecordSets(c -> c.hostedZoneId(zoneId).changeBatch(b -> b.changes(delete))));
        assertTrue(e.getMessage().contains(i.id()), e.getMessage());
        assertEquals(List.of("192.0.2.1"), ask(name));
    }

    @Test
    void geoAndLatencyRulesChooseByTheClientsPlaceAndTheEndpointsRegion() {
        String doc = """
                {"AWSPolicyFormatVersion":"2015-10-01","RecordType":"A","StartRule":"by-place",
                 "Endpoints":{"de":{"Type":"value","Value":"192.0.2.10"},"rest":{"Type":"value","Value":"192.0.2.20"},
                              "use1":{"Type":"value","Value":"192.0.2.30"},"euw1":{"Type":"value","Value":"192.0.2.40"}},
                 "Rules":{"by-place":{"RuleType":"geo","Locations":[
                             {"Country":"FR","RuleReference":"by-latency"},
                             {"Country":"DE","EndpointReference":"de"},
                             {"IsDefault":true,"EndpointReference":"rest"}]},
                          "by-latency":{"RuleType":"latency","Regions":[
                             {"Region":"us-east-1","EndpointReference":"use1"},
                             {"Region":"eu-west-1","EndpointReference":"euw1"}]}}}
                """;
        TrafficPolicy geo =
                r53.createTrafficPolicy(b -> b.name("geo").document(doc)).trafficPolicy();
        String name = "geo." + zoneName();
        r53.createTrafficPolicyInstance(b -> b.hostedZoneId(zoneId)
                .name(name)
                .ttl(60L)
                .trafficPolicyId(geo.id())
                .trafficPolicyVersion(1));
        assertEquals(List.of("192.0.2.10"), ask(name));

        // The same tree started from its latency rule: the endpoint's own region wins.
        String latencyFirst = doc.replace("\"StartRule\":\"by-place\"", "\"StartRule\":\"by-latency\"");
        TrafficPolicy latency = r53.createTrafficPolicy(b -> b.name("latency").document(latencyFirst))
                .trafficPolicy();
        String other = "lat." + zoneName();
        r53.createTrafficPolicyInstance(b -> b.hostedZoneId(zoneId)
                .name(other)
                .ttl(60L)
                .trafficPolicyId(latency.id())
                .trafficPolicyVersion(1));
        assertEquals(List.of("192.0.2.30"), ask(other));
    }

    @Test
    void versionsReplaceAnInstancesRecordsAndDeletedPoliciesStayReadable() {
        String check = check();
        TrafficPolicy v1 = r53.createTrafficPolicy(b -> b.name("versions").document(failoverToWeighted(check)))
                .trafficPolicy();
        TrafficPolicy v2 = r53.createTrafficPolicyVersion(
                        b -> b.id(v1.id()).document(single("A", "203.0.113.5")).comment("second"))
                .trafficPolicy();
        assertEquals(2, v2.version());
        assertThrows(
                InvalidTrafficPolicyDocumentException.class,
                () -> r53.createTrafficPolicyVersion(b -> b.id(v1.id()).document(single("AAAA", "2001:db8::1"))));
        String name = "v." + zoneName();
        String id = r53.createTrafficPolicyInstance(b -> b.hostedZoneId(zoneId)
                        .name(name)
                        .ttl(60L)
                        .trafficPolicyId(v1.id())
                        .trafficPolicyVersion(1))
                .trafficPolicyInstance()
                .id();
        assertEquals(List.of("192.0.2.1"), ask(name));
        r53.updateTrafficPolicyInstance(
                b -> b.id(id).ttl(120L).trafficPolicyId(v1.id()).trafficPolicyVersion(2));
        assertEquals(List.of("203.0.113.5"), ask(name));
        assertEquals(
                120L,
                r53.getTrafficPolicyInstance(g -> g.id(id))
                        .trafficPolicyInstance()
                        .ttl());
        assertEquals(
                2,
                r53.listTrafficPolicyVersions(l -> l.id(v1.id()))
                        .trafficPolicies()
                        .size());
        var summary = r53.listTrafficPolicies(l -> {}).trafficPolicySummaries().get(0);
        assertEquals(2, summary.latestVersion());
        assertEquals(2, summary.trafficPolicyCount());

        TrafficPolicy other = r53.createTrafficPolicy(b -> b.name("aaaa").document(single("AAAA", "2001:db8::1")))
                .trafficPolicy();
        assertThrows(
                ConflictingTypesException.class,
                () -> r53.updateTrafficPolicyInstance(
                        b -> b.id(id).ttl(60L).trafficPolicyId(other.id()).trafficPolicyVersion(1)));
        assertThrows(
                TrafficPolicyInUseException.class,
                () -> r53.deleteTrafficPolicy(d -> d.id(v1.id()).version(2)));
        r53.deleteTrafficPolicy(d -> d.id(v1.id()).version(1));
        assertEquals(
                "versions",
                r53.getTrafficPolicy(g -> g.id(v1.id()).version(1))
                        .trafficPolicy()
                        .name());
        assertEquals(
                1,
                r53.listTrafficPolicyVersions(l -> l.id(v1.id()))
                        .trafficPolicies()
                        .size());

        r53.deleteTrafficPolicyInstance(d -> d.id(id));
        assertEquals(
                Rcode.NXDOMAIN, query(dns.publicEndpoint(), name, Type.A, false).getRcode());
        assertThrows(NoSuchTrafficPolicyInstanceException.class, () -> r53.getTrafficPolicyInstance(g -> g.id(id)));
        assertEquals(
                2,
                r53.listResourceRecordSets(l -> l.hostedZoneId(zoneId))
                        .resourceRecordSets()
                        .size());
        r53.deleteTrafficPolicy(d -> d.id(v1.id()).version(2));
        assertFalse(r53.listTrafficPolicies(l -> {}).trafficPolicySummaries().stream()
                .anyMatch(s -> s.id().equals(v1.id())));
    }

    @Test
    void instancesAreListedCountedAndLimited() {
        TrafficPolicy p = r53.createTrafficPolicy(b -> b.name("many").document(single("A", "192.0.2.77")))
                .trafficPolicy();
        assertThrows(
                TrafficPolicyAlreadyExistsException.class,
                () -> r53.createTrafficPolicy(b -> b.name("many").document(single("A", "192.0.2.78"))));
        for (String label : List.of("c", "a", "b")) {
            r53.createTrafficPolicyInstance(b -> b.hostedZoneId(zoneId)
                    .name(label + "." + zoneName())
                    .ttl(60L)
                    .trafficPolicyId(p.id())
                    .trafficPolicyVersion(1));
        }
        assertThrows(
                TooManyTrafficPolicyInstancesException.class,
                () -> r53.createTrafficPolicyInstance(b -> b.hostedZoneId(zoneId)
                        .name("d." + zoneName())
                        .ttl(60L)
                        .trafficPolicyId(p.id())
                        .trafficPolicyVersion(1)));
        assertEquals(3, r53.getTrafficPolicyInstanceCount(g -> {}).trafficPolicyInstanceCount());
        var first = r53.listTrafficPolicyInstancesByHostedZone(
                l -> l.hostedZoneId(zoneId).maxItems("2"));
        assertTrue(first.isTruncated());
        assertEquals(
                List.of("a." + zoneName(), "b." + zoneName()),
                first.trafficPolicyInstances().stream()
                        .map(TrafficPolicyInstance::name)
                        .toList());
        var rest = r53.listTrafficPolicyInstancesByHostedZone(l -> l.hostedZoneId(zoneId)
                .maxItems("2")
                .trafficPolicyInstanceNameMarker(first.trafficPolicyInstanceNameMarker())
                .trafficPolicyInstanceTypeMarker(first.trafficPolicyInstanceTypeMarker()));
        assertEquals(
                List.of("c." + zoneName()),
                rest.trafficPolicyInstances().stream()
                        .map(TrafficPolicyInstance::name)
                        .toList());
        assertEquals(
                3,
                r53.listTrafficPolicyInstancesByPolicy(
                                l -> l.trafficPolicyId(p.id()).trafficPolicyVersion(1))
                        .trafficPolicyInstances()
                        .size());
        assertEquals(
                3,
                r53.listTrafficPolicyInstances(l -> {}).trafficPolicyInstances().size());
        assertThrows(
                TrafficPolicyInstanceAlreadyExistsException.class,
                () -> r53.createTrafficPolicyInstance(b -> b.hostedZoneId(zoneId)
                        .name("a." + zoneName())
                        .ttl(60L)
                        .trafficPolicyId(p.id())
                        .trafficPolicyVersion(1)));
    }

    @Test
    void malformedDocumentsAreRefusedAndNothingIsStored() {
        List<String> bad = List.of(
                "not json",
                "{\"AWSPolicyFormatVersion\":\"2014-01-01\",\"RecordType\":\"A\",\"StartEndpoint\":\"e\","
                        + "\"Endpoints\":{\"e\":{\"Type\":\"value\",\"Value\":\"192.0.2.1\"}}}",
                "{\"AWSPolicyFormatVersion\":\"2015-10-01\",\"RecordType\":\"NS\",\"StartEndpoint\":\"e\","
                        + "\"Endpoints\":{\"e\":{\"Type\":\"value\",\"Value\":\"ns.example.\"}}}",
                "{\"AWSPolicyFormatVersion\":\"2015-10-01\",\"RecordType\":\"A\",\"StartRule\":\"missing\"}",
                "{\"AWSPolicyFormatVersion\":\"2015-10-01\",\"RecordType\":\"A\",\"StartRule\":\"loop\",\"Rules\":{"
                        + "\"loop\":{\"RuleType\":\"weighted\",\"Items\":[{\"RuleReference\":\"loop\",\"Weight\":\"1\"}]}}}",
                "{\"AWSPolicyFormatVersion\":\"2015-10-01\",\"RecordType\":\"A\",\"StartRule\":\"r\",\"Rules\":{"
                        + "\"r\":{\"RuleType\":\"failover\",\"Primary\":{\"EndpointReference\":\"nowhere\"},"
                        + "\"Secondary\":{\"EndpointReference\":\"nowhere\"}}}}",
                "{\"AWSPolicyFormatVersion\":\"2015-10-01\",\"RecordType\":\"A\",\"StartEndpoint\":\"e\","
                        + "\"Endpoints\":{\"e\":{\"Type\":\"value\",\"Value\":\"not-an-address\"}}}");
        for (String doc : bad) {
            assertThrows(
                    InvalidTrafficPolicyDocumentException.class,
                    () -> r53.createTrafficPolicy(
                            b -> b.name("bad-" + doc.hashCode()).document(doc)),
                    doc);
        }
        assertTrue(r53.listTrafficPolicies(l -> {}).trafficPolicySummaries().isEmpty());
    }

    @Test
    void anotherAccountCannotUseOrSeeAPolicy() {
        TrafficPolicy p = r53.createTrafficPolicy(b -> b.name("private").document(single("A", "192.0.2.3")))
                .trafficPolicy();
        try (Route53Client other = Route53Clients.forCloud(cloud.getMiniCloud(), "999999999998")) {
            assertThrows(
                    NoSuchTrafficPolicyException.class,
                    () -> other.getTrafficPolicy(g -> g.id(p.id()).version(1)));
            assertTrue(other.listTrafficPolicies(l -> {}).trafficPolicySummaries().stream()
                    .noneMatch(s -> s.id().equals(p.id())));
        }
    }
}
