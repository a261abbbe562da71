package dev.minicloud.dns.it;

import static dev.minicloud.dns.it.DnsQueries.answers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.dns.DnsService;
import dev.minicloud.dns.internal.health.HealthStatus;
import dev.minicloud.junit.MiniCloudExtension;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.HealthCheckType;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.Route53Exception;

/**
 * Latency and geolocation records answered by where the client is: its EDNS Client Subnet (RFC 7871)
 * or source address, placed by the {@code --dns-client-regions} and {@code --dns-client-locations}
 * tables; dnsjava queries against the real DNS port.
 */
class ClientSubnetRoutingIT {
    @RegisterExtension
    static MiniCloudExtension cloud = MiniCloudExtension.builder()
            .services("dns")
            .setting("dns-client-regions", "10.1.0.0/16=ap-southeast-1,10.4.0.0/16=eu-west-1")
            .setting("dns-client-locations", "10.2.0.0/16=EU/DE,10.3.0.0/16=NA/US/CA,10.5.0.0/16=EU/FR,127.0.0.0/8=SA")
            // Ushuaia and Tromsø: clients placed by their own coordinates for geoproximity
            .setting("dns-client-coordinates", "10.6.0.0/16=-54.8:-68.3,10.7.0.0/16=69.65:18.96")
            .build();

    static Route53Client r53;
    static DnsService dns;
    static InetSocketAddress server;
    static String zoneId;

    @BeforeAll
    static void zone() {
        r53 = Route53Clients.forCloud(cloud.getMiniCloud());
        dns = cloud.getMiniCloud().service(DnsService.class).orElseThrow();
        server = dns.publicEndpoint();
        zoneId = r53.createHostedZone(b -> b.name("geo.example").callerReference("geo"))
                .hostedZone()
                .id();
        create(
                a("lat.geo.example", "us", "192.0.2.1", null, b -> b.region("us-east-1")),
                a("lat.geo.example", "eu", "192.0.2.2", null, b -> b.region("eu-west-1")),
                a("lat.geo.example", "ap", "192.0.2.3", null, b -> b.region("ap-southeast-1")));
    }

    @AfterAll
    static void close() {
        r53.close();
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

    private static ResourceRecordSet a(
            String name, String id, String value, String check, Consumer<ResourceRecordSet.Builder> policy) {
        ResourceRecordSet.Builder b = ResourceRecordSet.builder()
                .name(name)
                .type(RRType.A)
                .ttl(60L)
                .setIdentifier(id)
                .healthCheckId(check)
                .resourceRecords(ResourceRecord.builder().value(value).build());
        policy.accept(b);
        return b.build();
    }

    /** Asks for {@code name} A, with an EDNS Client Subnet of {@code subnet}/24 unless it is null. */
    private static Message ask(String name, String subnet) throws IOException {
        SimpleResolver resolver = new SimpleResolver(server);
        resolver.setTimeout(Duration.ofSeconds(5));
        List<EDNSOption> options =
                subnet == null ? List.of() : List.of(new ClientSubnetOption(24, InetAddress.getByName(subnet)));
        resolver.setEDNS(0, 1232, 0, options);
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.A, DClass.IN)));
    }

    @Test
    void latencyRecordsFollowTheClientSubnetsRegionElseTheEndpoints() throws Exception {
        assertEquals(List.of("192.0.2.3"), answers(ask("lat.geo.example", "10.1.7.0")));
        assertEquals(List.of("192.0.2.2"), answers(ask("lat.geo.example", "10.4.7.0")));
        assertEquals(
                List.of("192.0.2.1"),
                answers(ask("lat.geo.example", "10.9.7.0")),
                "an unplaced subnet: the public endpoint's region, the default region us-east-1");
        assertEquals(
                List.of("192.0.2.1"), answers(ask("lat.geo.example", null)), "127.0.0.1 has no region in the table");
        assertEquals(
                List.of("192.0.2.3"),
                answers(ask("lat.geo.example", "10.1.7.0")),
                "not a cached answer for another client");
    }

    @Test
    void geolocationPicksSubdivisionCountryContinentThenDefaultAndSkipsUnhealthyMatches() throws Exception {
        String de = r53.createHealthCheck(b -> b.callerReference("de")
                        .healthCheckConfig(c -> c.type(HealthCheckType.TCP)
                                .ipAddress("127.0.0.1")
                                .port(9)
                                .disabled(true)))
                .healthCheck()
                .id();
        create(
                a("www.geo.example", "default", "192.0.2.10", null, b -> b.geoLocation(g -> g.countryCode("*"))),
                a("www.geo.example", "europe", "192.0.2.11", null, b -> b.geoLocation(g -> g.continentCode("EU"))),
                a("www.geo.example", "germany", "192.0.2.12", de, b -> b.geoLocation(g -> g.countryCode("DE"))),
                a(
                        "www.geo.example",
                        "california",
                        "192.0.2.13",
                        null,
                        b -> b.geoLocation(g -> g.countryCode("US").subdivisionCode("CA"))),
                a(
                        "www.geo.example",
                        "south-america",
                        "192.0.2.14",
                        null,
                        b -> b.geoLocation(g -> g.continentCode("SA"))));
        assertEquals(List.of("192.0.2.12"), answers(ask("www.geo.example", "10.2.1.0")), "Germany");
        assertEquals(List.of("192.0.2.11"), answers(ask("www.geo.example", "10.5.1.0")), "France: Europe");
        assertEquals(List.of("192.0.2.13"), answers(ask("www.geo.example", "10.3.1.0")), "California");
        assertEquals(List.of("192.0.2.10"), answers(ask("www.geo.example", "10.8.1.0")), "nowhere known: the default");
        assertEquals(
                List.of("192.0.2.14"), answers(ask("www.geo.example", null)), "no subnet: the source 127.0.0.1, SA");
        dns.healthChecks().force(de, HealthStatus.UNHEALTHY);
        assertEquals(List.of("192.0.2.11"), answers(ask("www.geo.example", "10.2.1.0")), "Germany unhealthy: Europe");
    }

    @Test
    void geoproximityAnswersTheNearestSetByBiasedDistance() throws Exception {
        create(
                a(
                        "near.geo.example",
                        "oregon",
                        "192.0.2.21",
                        null,
                        b -> b.geoProximityLocation(g -> g.awsRegion("us-west-2"))),
                a(
                        "near.geo.example",
                        "dublin",
                        "192.0.2.22",
                        null,
                        b -> b.geoProximityLocation(g -> g.awsRegion("eu-west-1"))),
                a(
                        "near.geo.example",
                        "singapore",
                        "192.0.2.23",
                        null,
                        b -> b.geoProximityLocation(
                                g -> g.coordinates(c -> c.latitude("1.35").longitude("103.82")))));
        assertEquals(List.of("192.0.2.21"), answers(ask("near.geo.example", null)), "from us-east-1 Oregon is nearest");
        assertEquals(List.of("192.0.2.22"), answers(ask("near.geo.example", "10.4.0.0")), "from eu-west-1");
        assertEquals(List.of("192.0.2.23"), answers(ask("near.geo.example", "10.1.0.0")), "from ap-southeast-1");

        create(
                a(
                        "biased.geo.example",
                        "oregon",
                        "192.0.2.31",
                        null,
                        b -> b.geoProximityLocation(g -> g.awsRegion("us-west-2"))),
                a(
                        "biased.geo.example",
                        "dublin",
                        "192.0.2.32",
                        null,
                        b -> b.geoProximityLocation(
                                g -> g.awsRegion("eu-west-1").bias(50))));
        assertEquals(
                List.of("192.0.2.32"),
                answers(ask("biased.geo.example", null)),
                "a bias of 50 halves Dublin's 5,400 km from Virginia, below Oregon's 3,500");
        var listed = r53.listResourceRecordSets(b -> b.hostedZoneId(zoneId)
                        .startRecordName("biased.geo.example")
                        .maxItems("2"))
                .resourceRecordSets();
        assertEquals(
                50,
                listed.stream()
                        .filter(r -> "dublin".equals(r.setIdentifier()))
                        .findFirst()
                        .orElseThrow()
                        .geoProximityLocation()
                        .bias());

        var bad = org.junit.jupiter.api.Assertions.assertThrows(
                Route53Exception.class,
                () -> create(a(
                        "bad.geo.example",
                        "x",
                        "192.0.2.41",
                        null,
                        b -> b.geoProximityLocation(g -> g.awsRegion("us-east-1")
                                .coordinates(c -> c.latitude("1").longitude("2"))))));
        assertEquals("InvalidInput", bad.awsErrorDetails().errorCode());
    }

    @Test
    void geoproximityPlacesAClientAtItsOwnCoordinatesWhenTheTableHasThem() throws Exception {
        create(
                a(
                        "coords.geo.example",
                        "saopaulo",
                        "192.0.2.51",
                        null,
                        b -> b.geoProximityLocation(g -> g.awsRegion("sa-east-1"))),
                a(
                        "coords.geo.example",
                        "stockholm",
                        "192.0.2.52",
                        null,
                        b -> b.geoProximityLocation(g -> g.awsRegion("eu-north-1"))),
                a(
                        "coords.geo.example",
                        "virginia",
                        "192.0.2.53",
                        null,
                        b -> b.geoProximityLocation(g -> g.awsRegion("us-east-1"))));
        assertEquals(List.of("192.0.2.51"), answers(ask("coords.geo.example", "10.6.1.0")), "Ushuaia: Sao Paulo");
        assertEquals(List.of("192.0.2.52"), answers(ask("coords.geo.example", "10.7.1.0")), "Tromso: Stockholm");
        assertEquals(
                List.of("192.0.2.53"),
                answers(ask("coords.geo.example", "10.9.1.0")),
                "no coordinates: the endpoint's region, us-east-1");
    }

    @Test
    void testDnsAnswerTakesTheSameAnswerPathWithResolverIpAndClientSubnet() {
        var bySubnet = r53.testDNSAnswer(b -> b.hostedZoneId(zoneId)
                .recordName("lat.geo.example")
                .recordType(RRType.A)
                .edns0ClientSubnetIP("10.1.9.9")
                .edns0ClientSubnetMask("24"));
        assertEquals(List.of("192.0.2.3"), bySubnet.recordData());
        assertEquals("NOERROR", bySubnet.responseCode());
        assertEquals("lat.geo.example", bySubnet.recordName());
        assertEquals(RRType.A, bySubnet.recordType());
        assertTrue(bySubnet.nameserver().startsWith("ns-"), bySubnet.nameserver());
        var byResolver = r53.testDNSAnswer(b -> b.hostedZoneId(zoneId)
                .recordName("lat.geo.example")
                .recordType(RRType.A)
                .resolverIP("10.4.0.1"));
        assertEquals(List.of("192.0.2.2"), byResolver.recordData(), "the resolver's address places the client");
        var missing = r53.testDNSAnswer(
                b -> b.hostedZoneId(zoneId).recordName("nothing.geo.example").recordType(RRType.A));
        assertEquals("NXDOMAIN", missing.responseCode());
        assertTrue(missing.recordData().isEmpty());
        var bad = org.junit.jupiter.api.Assertions.assertThrows(
                Route53Exception.class,
                () -> r53.testDNSAnswer(b -> b.hostedZoneId("ZNOSUCHZONE")
                        .recordName("a.geo.example")
                        .recordType(RRType.A)));
        assertEquals("NoSuchHostedZone", bad.awsErrorDetails().errorCode());
    }

    @Test
    void theClientSubnetIsEchoedWithItsScope() throws Exception {
        Message m = ask("lat.geo.example", "10.1.7.0");
        List<EDNSOption> echoed = m.getOPT().getOptions(EDNSOption.Code.CLIENT_SUBNET);
        assertEquals(1, echoed.size());
        ClientSubnetOption ecs = (ClientSubnetOption) echoed.get(0);
        assertEquals(24, ecs.getSourcePrefixLength());
        assertEquals(24, ecs.getScopePrefixLength());
        assertEquals(InetAddress.getByName("10.1.7.0"), ecs.getAddress());
    }

    @Test
    void aMalformedClientSubnetIsFormErr() throws Exception {
        // A query for lat.geo.example A with an OPT whose ECS option claims a /33 IPv4 source prefix.
        byte[] name = {3, 'l', 'a', 't', 3, 'g', 'e', 'o', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0};
        byte[] header = {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 1};
        byte[] tail = {
            0,
            1,
            0,
            1, /* OPT */
            0,
            0,
            41,
            0x04,
            (byte) 0xd0,
            0,
            0,
            0,
            0,
            0,
            12,
            /* ECS */ 0,
            8,
            0,
            8,
            0,
            1,
            33,
            0,
            10,
            1,
            7,
            0
        };
        byte[] query = new byte[header.length + name.length + tail.length];
        System.arraycopy(header, 0, query, 0, header.length);
        System.arraycopy(name, 0, query, header.length, name.length);
        System.arraycopy(tail, 0, query, header.length + name.length, tail.length);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(5000);
            socket.send(new DatagramPacket(query, query.length, server));
            byte[] buf = new byte[512];
            DatagramPacket reply = new DatagramPacket(buf, buf.length);
            socket.receive(reply);
            assertTrue(reply.getLength() >= 12);
            assertEquals(Rcode.FORMERR, buf[3] & 0x0F, "RFC 7871 7.1.1: FORMERR");
            assertEquals(0x12, buf[0]);
        }
    }
}
