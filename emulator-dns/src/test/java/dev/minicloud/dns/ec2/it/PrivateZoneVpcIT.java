package dev.minicloud.dns.ec2.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.dns.DnsService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.InvalidVpcIdException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.VPCRegion;

/** With EC2 running, Route 53's private zones take real VPCs only, and EC2 keeps a VPC that a zone uses. */
class PrivateZoneVpcIT {

    private static StaticCredentialsProvider as(String account) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(account, "test"));
    }

    private static Ec2Client ec2(MiniCloud cloud, String account) {
        return Ec2Client.builder()
                .endpointOverride(cloud.endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(as(account))
                .build();
    }

    private static Route53Client route53(MiniCloud cloud, String account) {
        return Route53Client.builder()
                .endpointOverride(cloud.endpoint())
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(as(account))
                .build();
    }

    private static String privateZone(Route53Client r53, String name, String vpcId) {
        return r53.createHostedZone(r -> r.name(name)
                        .callerReference(name + vpcId)
                        .vpc(v -> v.vpcId(vpcId).vpcRegion(VPCRegion.EU_WEST_1)))
                .hostedZone()
                .id();
    }

    @Test
    void privateZonesNeedAVpcOfTheCallersAccountAndKeepItFromDeletion() {
        try (MiniCloud cloud = MiniCloud.builder().services("ec2", "dns").start();
                Ec2Client ec2 = ec2(cloud, "111111111111");
                Route53Client r53 = route53(cloud, "111111111111");
                Route53Client other = route53(cloud, "222222222222")) {
            InvalidVpcIdException missing = assertThrows(
                    InvalidVpcIdException.class, () -> privateZone(r53, "made-up.internal", "vpc-00000000000000000"));
            assertEquals("InvalidVPCId", missing.awsErrorDetails().errorCode());

            String vpc = ec2.createVpc(v -> v.cidrBlock("10.9.0.0/16")).vpc().vpcId();
            String zone = privateZone(r53, "app.internal", vpc);
            assertThrows(
                    InvalidVpcIdException.class,
                    () -> privateZone(other, "theirs.internal", vpc),
                    "another account cannot use the VPC without an authorization");

            Ec2Exception inUse = assertThrows(Ec2Exception.class, () -> ec2.deleteVpc(r -> r.vpcId(vpc)));
            assertEquals("DependencyViolation", inUse.awsErrorDetails().errorCode());
            r53.deleteHostedZone(r -> r.id(zone));
            ec2.deleteVpc(r -> r.vpcId(vpc));
            assertThrows(
                    InvalidVpcIdException.class,
                    () -> privateZone(r53, "again.internal", vpc),
                    "a deleted VPC is gone");
        }
    }

    @Test
    void firstUseOwnershipKeepsTheLenientBehaviour() {
        try (MiniCloud cloud = MiniCloud.builder()
                        .services("ec2", "dns")
                        .setting("dns-vpc-ownership", "first-use")
                        .start();
                Route53Client r53 = route53(cloud, "111111111111")) {
            privateZone(r53, "lenient.internal", "vpc-0123456789abcdef0");
            assertEquals(1, r53.listHostedZones().hostedZones().size());
        }
    }

    @Test
    void dnsSupportOffClosesTheVpcResolverAndOnBringsItBack() throws IOException {
        try (MiniCloud cloud = MiniCloud.builder().services("ec2", "dns").start();
                Ec2Client ec2 = ec2(cloud, "111111111111");
                Route53Client r53 = route53(cloud, "111111111111")) {
            DnsService dns = cloud.service(DnsService.class).orElseThrow();
            String vpc = ec2.createVpc(v -> v.cidrBlock("10.8.0.0/16")).vpc().vpcId();
            String zone = privateZone(r53, "db.internal", vpc);
            r53.changeResourceRecordSets(r -> r.hostedZoneId(zone)
                    .changeBatch(b -> b.changes(c -> c.action(ChangeAction.CREATE)
                            .resourceRecordSet(rs -> rs.name("primary.db.internal")
                                    .type(RRType.A)
                                    .ttl(60L)
                                    .resourceRecords(rr -> rr.value("10.8.0.10"))))));
            InetSocketAddress before = dns.resolverEndpoint(vpc).orElseThrow().address();
            assertEquals("10.8.0.10", firstA(before));

            ec2.modifyVpcAttribute(r -> r.vpcId(vpc)
                    .enableDnsSupport(
                            AttributeBooleanValue.builder().value(false).build()));
            assertTrue(dns.resolverEndpoint(vpc).isEmpty(), "no resolver endpoint while DNS support is off");
            assertThrows(IOException.class, () -> firstA(before), "the old endpoint no longer answers");
            // a zone change while DNS support is off does not bring the endpoint back
            privateZone(r53, "cache.internal", vpc);
            assertTrue(dns.resolverEndpoint(vpc).isEmpty());

            ec2.modifyVpcAttribute(r -> r.vpcId(vpc)
                    .enableDnsSupport(
                            AttributeBooleanValue.builder().value(true).build()));
            InetSocketAddress after = dns.resolverEndpoint(vpc).orElseThrow().address();
            assertEquals("10.8.0.10", firstA(after));
        }
    }

    /** The first A record's address for primary.db.internal, asked over TCP (a closed port fails at once). */
    private static String firstA(InetSocketAddress server) throws IOException {
        SimpleResolver resolver = new SimpleResolver(server);
        resolver.setTCP(true);
        resolver.setTimeout(Duration.ofSeconds(5));
        Message m = resolver.send(
                Message.newQuery(Record.newRecord(Name.fromString("primary.db.internal."), Type.A, DClass.IN)));
        return ((ARecord) m.getSection(Section.ANSWER).get(0)).getAddress().getHostAddress();
    }
}
