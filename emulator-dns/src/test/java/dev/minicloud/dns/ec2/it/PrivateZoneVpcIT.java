package dev.minicloud.dns.ec2.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minicloud.MiniCloud;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.InvalidVpcIdException;
import software.amazon.awssdk.services.route53.model.VPCRegion;

/** With EC2 running, Route 53's private zones take real VPCs only, and EC2 keeps a VPC that a zone uses. */
class PrivateZoneVpcIT {

    private static StaticCredentialsProvider as(String account) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(account, "test"));
    }

    private static Ec2Client ec2(MiniCloud cloud, String account) {
        return Ec2Client.builder().endpointOverride(cloud.endpoint()).region(Region.EU_WEST_1).credentialsProvider(as(account)).build();
    }

    private static Route53Client route53(MiniCloud cloud, String account) {
        return Route53Client.builder().endpointOverride(cloud.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(as(account)).build();
    }

    private static String privateZone(Route53Client r53, String name, String vpcId) {
        return r53.createHostedZone(r -> r.name(name).callerReference(name + vpcId)
                .vpc(v -> v.vpcId(vpcId).vpcRegion(VPCRegion.EU_WEST_1))).hostedZone().id();
    }

    @Test
    void privateZonesNeedAVpcOfTheCallersAccountAndKeepItFromDeletion() {
        try (MiniCloud cloud = MiniCloud.builder().services("ec2", "dns").start();
             Ec2Client ec2 = ec2(cloud, "111111111111"); Route53Client r53 = route53(cloud, "111111111111");
             Route53Client other = route53(cloud, "222222222222")) {
            InvalidVpcIdException missing = assertThrows(InvalidVpcIdException.class,
                    () -> privateZone(r53, "made-up.internal", "vpc-00000000000000000"));
            assertEquals("InvalidVPCId", missing.awsErrorDetails().errorCode());

            String vpc = ec2.createVpc(v -> v.cidrBlock("10.9.0.0/16")).vpc().vpcId();
            String zone = privateZone(r53, "app.internal", vpc);
            assertThrows(InvalidVpcIdException.class, () -> privateZone(other, "theirs.internal", vpc),
                    "another account cannot use the VPC without an authorization");

            Ec2Exception inUse = assertThrows(Ec2Exception.class, () -> ec2.deleteVpc(r -> r.vpcId(vpc)));
            assertEquals("DependencyViolation", inUse.awsErrorDetails().errorCode());
            r53.deleteHostedZone(r -> r.id(zone));
            ec2.deleteVpc(r -> r.vpcId(vpc));
            assertThrows(InvalidVpcIdException.class, () -> privateZone(r53, "again.internal", vpc), "a deleted VPC is gone");
        }
    }

    @Test
    void firstUseOwnershipKeepsTheLenientBehaviour() {
        try (MiniCloud cloud = MiniCloud.builder().services("ec2", "dns").setting("dns-vpc-ownership", "first-use").start();
             Route53Client r53 = route53(cloud, "111111111111")) {
            privateZone(r53, "lenient.internal", "vpc-0123456789abcdef0");
            assertEquals(1, r53.listHostedZones().hostedZones().size());
        }
    }
}
