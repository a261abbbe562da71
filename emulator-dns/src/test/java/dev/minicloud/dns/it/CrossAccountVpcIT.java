package dev.minicloud.dns.it;

import static dev.minicloud.dns.it.DnsQueries.answers;
import static dev.minicloud.dns.it.DnsQueries.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minicloud.dns.DnsService;
import dev.minicloud.junit.MiniCloudExtension;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.HostedZoneSummary;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.Route53Exception;
import software.amazon.awssdk.services.route53.model.VPC;
import software.amazon.awssdk.services.route53.model.VPCRegion;

/**
 * VPCs belong to accounts: no account can put its private zones into another account's VPC view, and
 * a zone and a VPC of different accounts are associated only through Route 53's association
 * authorizations (the zone's owner authorizes, the VPC's owner associates).
 */
class CrossAccountVpcIT {
    private static final String ALICE = "111111111111";
    private static final String BOB = "222222222222";
    private static final VPC ALICE_VPC =
            VPC.builder().vpcId("vpc-alice").vpcRegion(VPCRegion.US_EAST_1).build();
    private static final VPC BOB_VPC =
            VPC.builder().vpcId("vpc-bob").vpcRegion(VPCRegion.US_EAST_1).build();

    @RegisterExtension
    MiniCloudExtension cloud = MiniCloudExtension.builder().services("dns").build();

    private Route53Client as(String account) {
        return Route53Clients.forCloud(cloud.getMiniCloud(), account);
    }

    private static HostedZone privateZone(Route53Client r53, String name, String ref, VPC vpc, String host, String ip) {
        HostedZone z = r53.createHostedZone(
                        b -> b.name(name).callerReference(ref).vpc(vpc))
                .hostedZone();
        r53.changeResourceRecordSets(b -> b.hostedZoneId(z.id())
                .changeBatch(cb -> cb.changes(c -> c.action(ChangeAction.CREATE)
                        .resourceRecordSet(s -> s.name(host)
                                .type(RRType.A)
                                .ttl(60L)
                                .resourceRecords(
                                        ResourceRecord.builder().value(ip).build())))));
        return z;
    }

    private InetSocketAddress resolver(String vpcId) {
        return cloud.getMiniCloud()
                .service(DnsService.class)
                .orElseThrow()
                .resolverEndpoint(vpcId)
                .orElseThrow()
                .address();
    }

    private static void assertError(int status, String code, Executable call) {
        Route53Exception e = assertThrows(Route53Exception.class, call);
        assertEquals(code, e.awsErrorDetails().errorCode());
        assertEquals(status, e.statusCode());
    }

    @Test
    void noAccountCanShadowAnotherAccountsVpcView() {
        try (Route53Client alice = as(ALICE);
                Route53Client bob = as(BOB)) {
            privateZone(bob, "corp.internal", "bob", BOB_VPC, "db.corp.internal", "10.0.0.1");
            assertError(
                    400,
                    "InvalidVPCId",
                    () -> alice.createHostedZone(
                            b -> b.name("corp.internal").callerReference("evil").vpc(BOB_VPC)));
            HostedZone own = privateZone(alice, "evil.internal", "own", ALICE_VPC, "db.evil.internal", "10.6.6.6");
            assertError(
                    400,
                    "InvalidVPCId",
                    () -> alice.associateVPCWithHostedZone(
                            b -> b.hostedZoneId(own.id()).vpc(BOB_VPC)));
            assertError(
                    400,
                    "InvalidVPCId",
                    () -> alice.listHostedZonesByVPC(
                            b -> b.vpcId(BOB_VPC.vpcId()).vpcRegion(BOB_VPC.vpcRegion())));
            assertEquals(
                    List.of("corp.internal."),
                    bob
                            .listHostedZonesByVPC(b -> b.vpcId(BOB_VPC.vpcId()).vpcRegion(BOB_VPC.vpcRegion()))
                            .hostedZoneSummaries()
                            .stream()
                            .map(HostedZoneSummary::name)
                            .collect(Collectors.toList()));
        }
        assertEquals(List.of("10.0.0.1"), answers(query(resolver("vpc-bob"), "db.corp.internal.", Type.A, false)));
        assertEquals(List.of(), answers(query(resolver("vpc-bob"), "db.evil.internal.", Type.A, false)));
    }

    @Test
    void aZoneOwnerAuthorizesAndTheVpcOwnerAssociates() {
        try (Route53Client alice = as(ALICE);
                Route53Client bob = as(BOB)) {
            privateZone(bob, "bob.internal", "bob", BOB_VPC, "app.bob.internal", "10.0.0.2");
            HostedZone shared =
                    privateZone(alice, "shared.internal", "shared", ALICE_VPC, "api.shared.internal", "10.1.1.1");

            assertError(
                    401,
                    "NotAuthorizedException",
                    () -> bob.associateVPCWithHostedZone(
                            b -> b.hostedZoneId(shared.id()).vpc(BOB_VPC)));
            assertError(
                    404,
                    "NoSuchHostedZone",
                    () -> bob.createVPCAssociationAuthorization(
                            b -> b.hostedZoneId(shared.id()).vpc(BOB_VPC)));

            var created = alice.createVPCAssociationAuthorization(
                    b -> b.hostedZoneId(shared.id()).vpc(BOB_VPC));
            assertEquals(shared.id().replace("/hostedzone/", ""), created.hostedZoneId());
            assertEquals("vpc-bob", created.vpc().vpcId());
            assertEquals(
                    List.of("vpc-bob"),
                    alice.listVPCAssociationAuthorizations(b -> b.hostedZoneId(shared.id())).vpCs().stream()
                            .map(VPC::vpcId)
                            .collect(Collectors.toList()));

            bob.associateVPCWithHostedZone(b -> b.hostedZoneId(shared.id()).vpc(BOB_VPC));
            List<HostedZoneSummary> seen = bob.listHostedZonesByVPC(
                            b -> b.vpcId("vpc-bob").vpcRegion(VPCRegion.US_EAST_1))
                    .hostedZoneSummaries();
            assertEquals(
                    List.of("222222222222", "111111111111"),
                    seen.stream().map(s -> s.owner().owningAccount()).collect(Collectors.toList()));

            // Deleting the authorization keeps the association, as on Route 53; a second delete finds nothing.
            alice.deleteVPCAssociationAuthorization(
                    b -> b.hostedZoneId(shared.id()).vpc(BOB_VPC));
            assertError(
                    404,
                    "VPCAssociationAuthorizationNotFound",
                    () -> alice.deleteVPCAssociationAuthorization(
                            b -> b.hostedZoneId(shared.id()).vpc(BOB_VPC)));
            assertEquals(
                    List.of("10.1.1.1"), answers(query(resolver("vpc-bob"), "api.shared.internal.", Type.A, false)));

            // The VPC's owner may take its VPC out of the other account's zone again.
            bob.disassociateVPCFromHostedZone(b -> b.hostedZoneId(shared.id()).vpc(BOB_VPC));
        }
        assertEquals(List.of(), answers(query(resolver("vpc-bob"), "api.shared.internal.", Type.A, false)));
    }

    @Test
    void aPaginationTokenThatIsNotOursIsRefused() {
        try (Route53Client bob = as(BOB)) {
            privateZone(bob, "bob.internal", "bob", BOB_VPC, "app.bob.internal", "10.0.0.2");
            for (String token : List.of("-1", "99999999999", "x", "2")) {
                assertError(
                        400,
                        "InvalidPaginationToken",
                        () -> bob.listHostedZonesByVPC(b -> b.vpcId("vpc-bob")
                                .vpcRegion(VPCRegion.US_EAST_1)
                                .nextToken(token)));
            }
        }
    }
}
