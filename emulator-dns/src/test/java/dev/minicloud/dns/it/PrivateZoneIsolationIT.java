package dev.minicloud.dns.it;

import static dev.minicloud.dns.it.DnsQueries.answers;
import static dev.minicloud.dns.it.DnsQueries.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minicloud.MiniCloud;
import dev.minicloud.dns.DnsService;
import dev.minicloud.dns.ResolverEndpoint;
import dev.minicloud.junit.MiniCloudExtension;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.Route53Exception;
import software.amazon.awssdk.services.route53.model.VPC;
import software.amazon.awssdk.services.route53.model.VPCRegion;

/**
 * Split-horizon views: the public endpoint sees public zones only, each VPC's resolver sees its own
 * private zones first and public zones after, and no private record leaks through another endpoint.
 * A fresh MiniCloud per test, since each test builds its own zones and endpoints.
 */
class PrivateZoneIsolationIT {
    @RegisterExtension
    MiniCloudExtension cloud = MiniCloudExtension.builder().services("dns").build();

    private static final VPC VPC_ONE =
            VPC.builder().vpcId("vpc-one").vpcRegion(VPCRegion.US_EAST_1).build();
    private static final VPC VPC_TWO =
            VPC.builder().vpcId("vpc-two").vpcRegion(VPCRegion.US_WEST_2).build();

    private HostedZone zone(Route53Client r53, String name, String ref, VPC vpc, String... nameValuePairs) {
        HostedZone z = r53.createHostedZone(b -> {
                    b.name(name).callerReference(ref);
                    if (vpc != null) {
                        b.vpc(vpc);
                    }
                })
                .hostedZone();
        Change[] changes = new Change[nameValuePairs.length / 2];
        for (int i = 0; i < changes.length; i++) {
            changes[i] = Change.builder()
                    .action(ChangeAction.CREATE)
                    .resourceRecordSet(ResourceRecordSet.builder()
                            .name(nameValuePairs[2 * i])
                            .type(RRType.A)
                            .ttl(60L)
                            .resourceRecords(ResourceRecord.builder()
                                    .value(nameValuePairs[2 * i + 1])
                                    .build())
                            .build())
                    .build();
        }
        if (changes.length > 0) {
            r53.changeResourceRecordSets(b -> b.hostedZoneId(z.id()).changeBatch(cb -> cb.changes(changes)));
        }
        return z;
    }

    private DnsService dns() {
        return cloud.getMiniCloud().service(DnsService.class).orElseThrow();
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void eachEndpointSeesOnlyItsOwnView(boolean tcp) {
        try (Route53Client r53 = Route53Clients.forCloud(cloud.getMiniCloud())) {
            zone(
                    r53,
                    "corp.example",
                    "public",
                    null,
                    "www.corp.example",
                    "203.0.113.1",
                    "shop.corp.example",
                    "203.0.113.2");
            zone(
                    r53,
                    "corp.example",
                    "one",
                    VPC_ONE,
                    "www.corp.example",
                    "10.1.0.1",
                    "secret.corp.example",
                    "10.1.0.99");
            zone(r53, "corp.example", "two", VPC_TWO, "www.corp.example", "10.2.0.1");
        }
        InetSocketAddress pub = dns().publicEndpoint();
        InetSocketAddress one = dns().resolverEndpoint("vpc-one").orElseThrow().address();
        InetSocketAddress two = dns().resolverEndpoint("vpc-two").orElseThrow().address();

        assertEquals(List.of("203.0.113.1"), answers(query(pub, "www.corp.example.", Type.A, tcp)));
        assertEquals(List.of("10.1.0.1"), answers(query(one, "www.corp.example.", Type.A, tcp)));
        assertEquals(List.of("10.2.0.1"), answers(query(two, "www.corp.example.", Type.A, tcp)));

        assertEquals(List.of("10.1.0.99"), answers(query(one, "secret.corp.example.", Type.A, tcp)));
        for (InetSocketAddress other : List.of(pub, two)) {
            Message m = query(other, "secret.corp.example.", Type.A, tcp);
            assertEquals(Rcode.NXDOMAIN, m.getRcode());
            assertFalse(m.toString().contains("10.1.0.99"));
        }
        // Once a private zone matches there is no fall-through to the public zone of the same name.
        assertEquals(
                Rcode.NXDOMAIN, query(one, "shop.corp.example.", Type.A, tcp).getRcode());
    }

    @Test
    void vpcResolverFallsBackToPublicZonesForOtherNames() {
        try (Route53Client r53 = Route53Clients.forCloud(cloud.getMiniCloud())) {
            zone(r53, "public.example", "p", null, "www.public.example", "203.0.113.7");
            zone(r53, "internal.example", "i", VPC_ONE, "db.internal.example", "10.0.0.5");
        }
        InetSocketAddress one = dns().resolverEndpoint("vpc-one").orElseThrow().address();
        assertEquals(List.of("203.0.113.7"), answers(query(one, "www.public.example.", Type.A, false)));
        assertEquals(List.of("10.0.0.5"), answers(query(one, "db.internal.example.", Type.A, false)));
        assertEquals(
                Rcode.REFUSED,
                query(dns().publicEndpoint(), "db.internal.example.", Type.A, false)
                        .getRcode());
    }

    @Test
    void resolverEndpointsAreListedByTheAdminApiAndFollowAssociations() throws Exception {
        String zoneId;
        try (Route53Client r53 = Route53Clients.forCloud(cloud.getMiniCloud())) {
            zoneId = zone(r53, "private.example", "x", VPC_ONE).id();
            assertEquals(
                    List.of("vpc-one"), List.copyOf(dns().resolverEndpoints().keySet()));

            r53.associateVPCWithHostedZone(b -> b.hostedZoneId(zoneId).vpc(VPC_TWO));
            JsonNode doc = resolvers();
            assertEquals(
                    dns().publicEndpoint().getPort(),
                    doc.path("public").path("port").asInt());
            ResolverEndpoint two = dns().resolverEndpoint("vpc-two").orElseThrow();
            assertEquals(
                    "us-west-2", doc.path("vpcs").path("vpc-two").path("region").asText());
            assertEquals(
                    two.address().getPort(),
                    doc.path("vpcs").path("vpc-two").path("port").asInt());
            assertEquals(
                    "127.0.0.1", doc.path("vpcs").path("vpc-one").path("host").asText());

            r53.disassociateVPCFromHostedZone(b -> b.hostedZoneId(zoneId).vpc(VPC_ONE));
            assertTrue(dns().resolverEndpoint("vpc-one").isEmpty());
            assertFalse(resolvers().path("vpcs").has("vpc-one"));
            r53.deleteHostedZone(b -> b.id(zoneId));
        }
        assertTrue(dns().resolverEndpoints().isEmpty());
    }

    @Test
    void resetDropsZonesAndClosesResolverEndpoints() {
        try (Route53Client r53 = Route53Clients.forCloud(cloud.getMiniCloud())) {
            zone(r53, "gone.example", "g", VPC_ONE, "a.gone.example", "10.9.9.9");
            zone(r53, "pub.example", "p", null, "a.pub.example", "203.0.113.9");
        }
        InetSocketAddress pub = dns().publicEndpoint();
        assertEquals(List.of("203.0.113.9"), answers(query(pub, "a.pub.example.", Type.A, false)));
        cloud.getMiniCloud().reset("dns");
        assertTrue(dns().resolverEndpoints().isEmpty());
        assertEquals(Rcode.REFUSED, query(pub, "a.pub.example.", Type.A, false).getRcode());
        try (Route53Client r53 = Route53Clients.forCloud(cloud.getMiniCloud())) {
            assertEquals(0, r53.getHostedZoneCount().hostedZoneCount());
        }
    }

    @Test
    void takenFixedResolverPortFailsTheCallAndLeavesNoZone() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                MiniCloud fixed = MiniCloud.builder()
                        .services("dns")
                        .setting("dns-vpc-ports", "vpc-one=" + taken.getLocalPort())
                        .start();
                Route53Client r53 = Route53Clients.forCloud(fixed)) {
            Route53Exception e = org.junit.jupiter.api.Assertions.assertThrows(
                    Route53Exception.class,
                    () -> r53.createHostedZone(
                            b -> b.name("fixed.example").callerReference("f").vpc(VPC_ONE)));
            assertEquals(500, e.statusCode());
            assertTrue(e.getMessage().contains(String.valueOf(taken.getLocalPort())), e.getMessage());
            assertEquals(0, r53.getHostedZoneCount().hostedZoneCount());
            assertTrue(fixed.service(DnsService.class)
                    .orElseThrow()
                    .resolverEndpoints()
                    .isEmpty());
            // The caller reference was not used up by the failed call.
            taken.close();
            r53.createHostedZone(
                    b -> b.name("fixed.example").callerReference("f").vpc(VPC_ONE));
            assertEquals(1, r53.getHostedZoneCount().hostedZoneCount());
        }
    }

    private JsonNode resolvers() throws Exception {
        URI uri = cloud.getMiniCloud().endpoint().resolve("/_minicloud/dns/resolvers");
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return new ObjectMapper().readTree(r.body());
    }
}
