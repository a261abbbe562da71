package dev.minicloud.dns.it;

import static dev.minicloud.dns.it.DnsQueries.answers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.dns.DnsService;
import dev.minicloud.dns.internal.health.HealthStatus;
import dev.minicloud.junit.MiniCloudExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.CidrCollectionChange;
import software.amazon.awssdk.services.route53.model.CidrCollectionChangeAction;
import software.amazon.awssdk.services.route53.model.HealthCheckType;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.Route53Exception;

/**
 * IP-based routing: CIDR collections through the AWS SDK v2 (Create, Change, Delete, List,
 * ListCidrBlocks, ListCidrLocations, with Route 53's errors), and record sets with
 * {@code CidrRoutingConfig} answered by the client's subnet on the real DNS port.
 */
class CidrRoutingIT {
    @RegisterExtension
    static MiniCloudExtension cloud =
            MiniCloudExtension.builder().services("dns").build();

    static Route53Client r53;
    static DnsService dns;
    static String zoneId;

    @BeforeAll
    static void client() {
        r53 = Route53Clients.forCloud(cloud.getMiniCloud());
        dns = cloud.getMiniCloud().service(DnsService.class).orElseThrow();
        zoneId = r53.createHostedZone(b -> b.name("ip.example").callerReference("ip"))
                .hostedZone()
                .id();
    }

    @AfterAll
    static void close() {
        r53.close();
    }

    private static CidrCollectionChange put(String location, String... cidrs) {
        return CidrCollectionChange.builder()
                .locationName(location)
                .action(CidrCollectionChangeAction.PUT)
                .cidrList(cidrs)
                .build();
    }

    private static Route53Exception error(Runnable call) {
        return assertThrows(Route53Exception.class, call::run);
    }

    private static ResourceRecordSet set(String name, String location, String collection, String value, String check) {
        return ResourceRecordSet.builder()
                .name(name)
                .type(RRType.A)
                .ttl(60L)
                .setIdentifier(location)
                .cidrRoutingConfig(c -> c.collectionId(collection).locationName(location))
                .healthCheckId(check)
                .resourceRecords(ResourceRecord.builder().value(value).build())
                .build();
    }

    private static void create(ResourceRecordSet... sets) {
        List<Change> changes = Arrays.stream(sets)
                .map(s -> Change.builder()
                        .action(ChangeAction.CREATE)
                        .resourceRecordSet(s)
                        .build())
                .toList();
        r53.changeResourceRecordSets(b -> b.hostedZoneId(zoneId).changeBatch(c -> c.changes(changes)));
    }

    private static List<String> ask(String name, String subnet) throws IOException {
        SimpleResolver resolver = new SimpleResolver(dns.publicEndpoint());
        resolver.setTimeout(Duration.ofSeconds(5));
        resolver.setEDNS(
                0,
                1232,
                0,
                subnet == null
                        ? List.<EDNSOption>of()
                        : List.of(new ClientSubnetOption(24, InetAddress.getByName(subnet))));
        return answers(
                resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.A, DClass.IN))));
    }

    @Test
    void collectionsFollowRoute53RulesForNamesVersionsAndBlocks() {
        var created = r53.createCidrCollection(b -> b.name("offices").callerReference("c1"));
        String id = created.collection().id();
        assertEquals(1L, created.collection().version());
        assertEquals(
                "arn:aws:route53:::cidrcollection/" + id, created.collection().arn());
        assertEquals("https://route53.amazonaws.com/2013-04-01/cidrcollection/" + id, created.location());
        assertEquals(
                id,
                r53.createCidrCollection(b -> b.name("offices").callerReference("c1"))
                        .collection()
                        .id(),
                "the same name and caller reference return the collection");
        assertEquals(
                "CidrCollectionAlreadyExistsException",
                error(() -> r53.createCidrCollection(b -> b.name("offices").callerReference("c2")))
                        .awsErrorDetails()
                        .errorCode());

        r53.changeCidrCollection(b -> b.id(id)
                .collectionVersion(1L)
                .changes(put("berlin", "10.2.0.0/16"), put("paris", "10.5.0.0/16", "2001:db8::/48")));
        assertEquals(
                "CidrCollectionVersionMismatchException",
                error(() -> r53.changeCidrCollection(
                                b -> b.id(id).collectionVersion(1L).changes(put("rome", "10.6.0.0/16"))))
                        .awsErrorDetails()
                        .errorCode());
        for (String bad : new String[] {"10.2.0.1/16", "10.7.0.0/25", "not-a-cidr"}) {
            Route53Exception e =
                    error(() -> r53.changeCidrCollection(b -> b.id(id).changes(put("rome", bad))));
            assertEquals("InvalidInput", e.awsErrorDetails().errorCode(), bad);
        }
        assertEquals(
                List.of("berlin", "paris"),
                r53.listCidrLocations(b -> b.collectionId(id)).cidrLocations().stream()
                        .map(l -> l.locationName())
                        .toList(),
                "a refused change adds no location");
        assertEquals(
                List.of("10.5.0.0/16", "2001:db8::/48"),
                r53.listCidrBlocks(b -> b.collectionId(id).locationName("paris")).cidrBlocks().stream()
                        .map(c -> c.cidrBlock())
                        .toList());
        var page = r53.listCidrBlocks(b -> b.collectionId(id).maxResults("2"));
        assertEquals(2, page.cidrBlocks().size());
        assertEquals(
                1,
                r53.listCidrBlocks(b -> b.collectionId(id).nextToken(page.nextToken()))
                        .cidrBlocks()
                        .size());
        assertEquals(
                "NoSuchCidrLocationException",
                error(() -> r53.listCidrBlocks(b -> b.collectionId(id).locationName("rome")))
                        .awsErrorDetails()
                        .errorCode());
        assertEquals(
                2L, r53.listCidrCollections(b -> {}).cidrCollections().get(0).version());
        assertEquals(
                "NoSuchCidrCollectionException",
                error(() -> r53.listCidrLocations(b -> b.collectionId("00000000-0000-4000-8000-000000000000")))
                        .awsErrorDetails()
                        .errorCode());
        assertEquals(
                "CidrCollectionInUseException",
                error(() -> r53.deleteCidrCollection(b -> b.id(id)))
                        .awsErrorDetails()
                        .errorCode(),
                "it still has locations");
        r53.changeCidrCollection(b -> b.id(id)
                .changes(
                        put("berlin", "10.2.0.0/16"),
                        CidrCollectionChange.builder()
                                .locationName("berlin")
                                .action(CidrCollectionChangeAction.DELETE_IF_EXISTS)
                                .cidrList("10.2.0.0/16")
                                .build(),
                        CidrCollectionChange.builder()
                                .locationName("paris")
                                .action(CidrCollectionChangeAction.DELETE_IF_EXISTS)
                                .cidrList("10.5.0.0/16", "2001:db8::/48")
                                .build()));
        r53.deleteCidrCollection(b -> b.id(id));
        assertTrue(r53.listCidrCollections(b -> {}).cidrCollections().stream().noneMatch(c -> c.id().equals(id)));
    }

    @Test
    void recordSetsAnswerTheClientsLocationElseTheDefault() throws Exception {
        String id = r53.createCidrCollection(b -> b.name("sites").callerReference("sites"))
                .collection()
                .id();
        r53.changeCidrCollection(b -> b.id(id).changes(put("berlin", "10.2.0.0/16"), put("paris", "10.5.0.0/16")));
        String berlinCheck = r53.createHealthCheck(b -> b.callerReference("berlin")
                        .healthCheckConfig(c -> c.type(HealthCheckType.TCP)
                                .ipAddress("127.0.0.1")
                                .port(9)
                                .disabled(true)))
                .healthCheck()
                .id();
        create(
                set("app.ip.example", "berlin", id, "192.0.2.71", berlinCheck),
                set("app.ip.example", "paris", id, "192.0.2.72", null),
                set("app.ip.example", "*", id, "192.0.2.70", null));
        assertEquals(List.of("192.0.2.71"), ask("app.ip.example", "10.2.3.0"));
        assertEquals(List.of("192.0.2.72"), ask("app.ip.example", "10.5.3.0"));
        assertEquals(List.of("192.0.2.70"), ask("app.ip.example", "10.9.3.0"), "no location: the default");
        assertEquals(List.of("192.0.2.70"), ask("app.ip.example", null), "the source 127.0.0.1 is in no location");
        dns.healthChecks().force(berlinCheck, HealthStatus.UNHEALTHY);
        assertEquals(List.of("192.0.2.70"), ask("app.ip.example", "10.2.3.0"), "Berlin unhealthy: the default");

        var listed = r53.listResourceRecordSets(b -> b.hostedZoneId(zoneId).startRecordName("app.ip.example"))
                .resourceRecordSets();
        assertTrue(listed.stream()
                .anyMatch(r -> r.cidrRoutingConfig() != null
                        && "paris".equals(r.cidrRoutingConfig().locationName())));
        assertEquals(
                "NoSuchCidrLocationException",
                error(() -> create(set("other.ip.example", "rome", id, "192.0.2.79", null)))
                        .awsErrorDetails()
                        .errorCode());
        assertEquals(
                "CidrBlockInUseException",
                error(() -> r53.changeCidrCollection(b -> b.id(id)
                                .changes(CidrCollectionChange.builder()
                                        .locationName("paris")
                                        .action(CidrCollectionChangeAction.DELETE_IF_EXISTS)
                                        .cidrList("10.5.0.0/16")
                                        .build())))
                        .awsErrorDetails()
                        .errorCode(),
                "record sets use Paris");
        assertEquals(
                "CidrCollectionInUseException",
                error(() -> r53.deleteCidrCollection(b -> b.id(id)))
                        .awsErrorDetails()
                        .errorCode());
    }
}
