package dev.minicloud.dns.ec2.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.dns.ec2.Ec2Service;
import dev.minicloud.testing.RawHttpConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagDescription;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;

/** The EC2 VPC control plane through the AWS SDK v2 {@link Ec2Client} and raw HTTP, on port 0. */
class Ec2VpcIT {
    private static MiniCloud cloud;

    @BeforeAll
    static void start() {
        cloud = MiniCloud.builder().services("ec2").start();
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    /** A client acting as {@code account} (a 12-digit access key is that account) in {@code region}. */
    private static Ec2Client client(String account, Region region) {
        return Ec2Client.builder()
                .endpointOverride(cloud.endpoint())
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(account, "test")))
                .build();
    }

    private static Ec2Exception error(String code, Executable call) {
        Ec2Exception e = assertThrows(Ec2Exception.class, call);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(400, e.statusCode());
        return e;
    }

    @Test
    void everyAccountHasADefaultVpcWithOneDefaultSubnetPerZone() {
        try (Ec2Client ec2 = client("111111111111", Region.US_EAST_1)) {
            List<Vpc> defaults = ec2.describeVpcs(r -> r.filters(
                            Filter.builder().name("isDefault").values("true").build()))
                    .vpcs();
            assertEquals(1, defaults.size());
            Vpc vpc = defaults.get(0);
            assertEquals("172.31.0.0/16", vpc.cidrBlock());
            assertTrue(vpc.vpcId().matches("vpc-[0-9a-f]{17}"), vpc.vpcId());
            assertEquals("111111111111", vpc.ownerId());

            List<Subnet> subnets = ec2.describeSubnets(r -> r.filters(
                            Filter.builder().name("vpc-id").values(vpc.vpcId()).build()))
                    .subnets();
            List<String> zones = ec2.describeAvailabilityZones().availabilityZones().stream()
                    .map(AvailabilityZone::zoneName)
                    .toList();
            assertEquals(
                    List.of("us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"), zones);
            assertEquals(
                    zones,
                    subnets.stream().map(Subnet::availabilityZone).sorted().toList());
            assertTrue(subnets.stream().allMatch(Subnet::defaultForAz));
            assertEquals(4091, subnets.get(0).availableIpAddressCount(), "a /20 less EC2's five reserved addresses");

            String attribute = ec2.describeAccountAttributes(r -> r.attributeNamesWithStrings("default-vpc"))
                    .accountAttributes()
                    .get(0)
                    .attributeValues()
                    .get(0)
                    .attributeValue();
            assertEquals(vpc.vpcId(), attribute);
        }
    }

    @Test
    void accountsAndRegionsAreSeparate() {
        try (Ec2Client a = client("222222222222", Region.US_EAST_1);
                Ec2Client b = client("333333333333", Region.US_EAST_1);
                Ec2Client aEu = client("222222222222", Region.EU_WEST_1)) {
            String vpc = a.createVpc(r -> r.cidrBlock("10.20.0.0/16")).vpc().vpcId();
            assertTrue(b.describeVpcs().vpcs().stream().noneMatch(v -> v.vpcId().equals(vpc)));
            error("InvalidVpcID.NotFound", () -> b.describeVpcs(r -> r.vpcIds(vpc)));
            error("InvalidVpcID.NotFound", () -> aEu.describeVpcs(r -> r.vpcIds(vpc)));
            assertEquals(
                    List.of("eu-west-1a", "eu-west-1b", "eu-west-1c"),
                    aEu.describeAvailabilityZones().availabilityZones().stream()
                            .map(AvailabilityZone::zoneName)
                            .toList());
            assertNotEquals(
                    a.describeVpcs(r -> r.filters(f -> f.name("is-default").values("true")))
                            .vpcs()
                            .get(0)
                            .vpcId(),
                    aEu.describeVpcs(r -> r.filters(f -> f.name("is-default").values("true")))
                            .vpcs()
                            .get(0)
                            .vpcId());
        }
        assertTrue(cloud.service(Ec2Service.class)
                .orElseThrow()
                .vpcExists(
                        "222222222222",
                        "us-east-1",
                        client("222222222222", Region.US_EAST_1)
                                .describeVpcs(r -> r.filters(f -> f.name("cidr").values("10.20.0.0/16")))
                                .vpcs()
                                .get(0)
                                .vpcId()));
    }

    @Test
    void vpcsAndSubnetsFollowEc2sCidrRules() {
        try (Ec2Client ec2 = client("444444444444", Region.US_EAST_1)) {
            Ec2Exception range = error("InvalidVpc.Range", () -> ec2.createVpc(r -> r.cidrBlock("10.0.0.0/8")));
            assertEquals(
                    "The CIDR '10.0.0.0/8' is invalid.", range.awsErrorDetails().errorMessage());
            Ec2Exception bad = error("InvalidParameterValue", () -> ec2.createVpc(r -> r.cidrBlock("10.0.0.1/16")));
            assertEquals(
                    "Value (10.0.0.1/16) for parameter cidrBlock is invalid. This is not a valid CIDR block.",
                    bad.awsErrorDetails().errorMessage());
            error("InvalidParameterValue", () -> ec2.createVpc(r -> r.cidrBlock("300.0.0.0/16")));

            Vpc vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")
                            .tagSpecifications(t -> t.resourceType(ResourceType.VPC)
                                    .tags(Tag.builder().key("Name").value("app").build())))
                    .vpc();
            assertEquals("app", vpc.tags().get(0).value());
            assertFalse(vpc.isDefault());
            Subnet subnet = ec2.createSubnet(
                            r -> r.vpcId(vpc.vpcId()).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1b"))
                    .subnet();
            assertEquals("us-east-1b", subnet.availabilityZone());
            assertEquals("use1-az2", subnet.availabilityZoneId());
            assertEquals(251, subnet.availableIpAddressCount());

            Ec2Exception conflict = error(
                    "InvalidSubnet.Conflict",
                    () -> ec2.createSubnet(r -> r.vpcId(vpc.vpcId()).cidrBlock("10.0.1.128/25")));
            assertEquals(
                    "The CIDR '10.0.1.128/25' conflicts with another subnet",
                    conflict.awsErrorDetails().errorMessage());
            error(
                    "InvalidSubnet.Range",
                    () -> ec2.createSubnet(r -> r.vpcId(vpc.vpcId()).cidrBlock("10.1.0.0/24")));
            error(
                    "InvalidParameterValue",
                    () -> ec2.createSubnet(
                            r -> r.vpcId(vpc.vpcId()).cidrBlock("10.0.9.0/24").availabilityZone("us-east-1z")));

            Ec2Exception dependent = error("DependencyViolation", () -> ec2.deleteVpc(r -> r.vpcId(vpc.vpcId())));
            assertEquals(
                    "The vpc '" + vpc.vpcId() + "' has dependencies and cannot be deleted.",
                    dependent.awsErrorDetails().errorMessage());
            ec2.deleteSubnet(r -> r.subnetId(subnet.subnetId()));
            error("InvalidSubnetID.NotFound", () -> ec2.deleteSubnet(r -> r.subnetId(subnet.subnetId())));
            ec2.deleteVpc(r -> r.vpcId(vpc.vpcId()));
            Ec2Exception gone = error("InvalidVpcID.NotFound", () -> ec2.describeVpcs(r -> r.vpcIds(vpc.vpcId())));
            assertEquals(
                    "The vpc ID '" + vpc.vpcId() + "' does not exist",
                    gone.awsErrorDetails().errorMessage());
            assertTrue(
                    ec2.describeSecurityGroups(
                                    r -> r.filters(f -> f.name("vpc-id").values(vpc.vpcId())))
                            .securityGroups()
                            .isEmpty(),
                    "the VPC's default group went with it");
        }
    }

    @Test
    void dnsAttributesAreStoredOnePerCall() {
        try (Ec2Client ec2 = client("555555555555", Region.US_EAST_1)) {
            String vpc = ec2.createVpc(r -> r.cidrBlock("10.1.0.0/16")).vpc().vpcId();
            assertTrue(ec2.describeVpcAttribute(r -> r.vpcId(vpc).attribute(VpcAttributeName.ENABLE_DNS_SUPPORT))
                    .enableDnsSupport()
                    .value());
            assertFalse(ec2.describeVpcAttribute(r -> r.vpcId(vpc).attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES))
                    .enableDnsHostnames()
                    .value());
            ec2.modifyVpcAttribute(r -> r.vpcId(vpc)
                    .enableDnsHostnames(
                            AttributeBooleanValue.builder().value(true).build()));
            assertTrue(ec2.describeVpcAttribute(r -> r.vpcId(vpc).attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES))
                    .enableDnsHostnames()
                    .value());
            error(
                    "InvalidParameterCombination",
                    () -> ec2.modifyVpcAttribute(r -> r.vpcId(vpc)
                            .enableDnsHostnames(
                                    AttributeBooleanValue.builder().value(true).build())
                            .enableDnsSupport(
                                    AttributeBooleanValue.builder().value(true).build())));
        }
    }

    @Test
    void securityGroupRulesAreStoredListedAndRevoked() {
        try (Ec2Client ec2 = client("666666666666", Region.US_EAST_1)) {
            String vpc = ec2.createVpc(r -> r.cidrBlock("10.2.0.0/16")).vpc().vpcId();
            String group = ec2.createSecurityGroup(
                            r -> r.groupName("web").description("web tier").vpcId(vpc))
                    .groupId();
            error(
                    "InvalidGroup.Duplicate",
                    () -> ec2.createSecurityGroup(
                            r -> r.groupName("web").description("x").vpcId(vpc)));
            IpPermission ssh = IpPermission.builder()
                    .ipProtocol("tcp")
                    .fromPort(22)
                    .toPort(22)
                    .ipRanges(x -> x.cidrIp("0.0.0.0/0"))
                    .build();
            ec2.authorizeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(ssh));
            Ec2Exception dup = error(
                    "InvalidPermission.Duplicate",
                    () -> ec2.authorizeSecurityGroupIngress(
                            r -> r.groupId(group).ipPermissions(ssh)));
            assertEquals(
                    "the specified rule \"peer: 0.0.0.0/0, TCP, from port: 22, to port: 22, ALLOW\" already exists",
                    dup.awsErrorDetails().errorMessage());

            SecurityGroup g = ec2.describeSecurityGroups(r -> r.groupIds(group))
                    .securityGroups()
                    .get(0);
            assertEquals("web tier", g.description());
            assertEquals(1, g.ipPermissions().size());
            assertEquals(22, g.ipPermissions().get(0).fromPort());
            assertEquals("0.0.0.0/0", g.ipPermissions().get(0).ipRanges().get(0).cidrIp());
            assertEquals("-1", g.ipPermissionsEgress().get(0).ipProtocol(), "a new group may send anything");

            ec2.revokeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(ssh));
            assertTrue(ec2.describeSecurityGroups(r -> r.groupIds(group))
                    .securityGroups()
                    .get(0)
                    .ipPermissions()
                    .isEmpty());
            error(
                    "InvalidPermission.NotFound",
                    () -> ec2.revokeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(ssh)));

            String defaultGroup = ec2.describeSecurityGroups(r -> r.filters(
                            f -> f.name("vpc-id").values(vpc),
                            f -> f.name("group-name").values("default")))
                    .securityGroups()
                    .get(0)
                    .groupId();
            error("CannotDelete", () -> ec2.deleteSecurityGroup(r -> r.groupId(defaultGroup)));
            ec2.deleteSecurityGroup(r -> r.groupId(group));
            error("InvalidGroup.NotFound", () -> ec2.describeSecurityGroups(r -> r.groupIds(group)));
        }
    }

    @Test
    void describeCallsPageAndFilter() {
        try (Ec2Client ec2 = client("777777777777", Region.US_EAST_1)) {
            for (int i = 0; i < 7; i++) {
                int n = i;
                ec2.createVpc(r -> r.cidrBlock("10." + (100 + n) + ".0.0/16")
                        .tagSpecifications(t -> t.resourceType(ResourceType.VPC)
                                .tags(Tag.builder()
                                        .key("team")
                                        .value(n % 2 == 0 ? "even" : "odd")
                                        .build())));
            }
            DescribeVpcsResponse first = ec2.describeVpcs(r -> r.maxResults(5));
            assertEquals(5, first.vpcs().size());
            assertNotNull(first.nextToken());
            DescribeVpcsResponse second = ec2.describeVpcs(r -> r.maxResults(5).nextToken(first.nextToken()));
            assertEquals(3, second.vpcs().size(), "seven made and the default one");
            assertNull(second.nextToken());
            assertEquals(
                    8,
                    ec2.describeVpcsPaginator(r -> r.maxResults(5)).vpcs().stream()
                            .count());
            error("InvalidParameterValue", () -> ec2.describeVpcs(r -> r.maxResults(3)));

            assertEquals(
                    4,
                    ec2.describeVpcs(r -> r.filters(f -> f.name("tag:team").values("even")))
                            .vpcs()
                            .size());
            assertEquals(
                    7,
                    ec2.describeVpcs(r -> r.filters(f -> f.name("cidr").values("10.1*")))
                            .vpcs()
                            .size());
            Ec2Exception unknown = error(
                    "InvalidParameterValue",
                    () -> ec2.describeVpcs(r -> r.filters(f -> f.name("colour").values("x"))));
            assertEquals(
                    "The filter 'colour' is invalid", unknown.awsErrorDetails().errorMessage());

            List<TagDescription> tags = ec2.describeTags(r -> r.filters(
                            f -> f.name("resource-type").values("vpc"),
                            f -> f.name("value").values("odd")))
                    .tags();
            assertEquals(3, tags.size());
            String someVpc = tags.get(0).resourceId();
            ec2.deleteTags(
                    r -> r.resources(someVpc).tags(Tag.builder().key("team").build()));
            ec2.createTags(r -> r.resources(someVpc)
                    .tags(Tag.builder().key("Name").value("renamed").build()));
            assertEquals(
                    "Name=renamed",
                    ec2.describeVpcs(r -> r.vpcIds(someVpc)).vpcs().get(0).tags().stream()
                            .map(t -> t.key() + "=" + t.value())
                            .collect(Collectors.joining(",")));
            error(
                    "InvalidVpcID.NotFound",
                    () -> ec2.createTags(r -> r.resources("vpc-00000000000000000")
                            .tags(Tag.builder().key("a").value("b").build())));
        }
    }

    @Test
    void unknownActionsAndMissingParametersGetEc2sErrorShape() throws Exception {
        String body = "Action=RunInstances&Version=2016-11-15";
        try (RawHttpConnection http = new RawHttpConnection(cloud.edgePort())) {
            RawHttpConnection.Response r = http.exchange("POST / HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ec2/aws4_request, "
                    + "SignedHeaders=host, Signature=00\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                    + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body);
            assertEquals(400, r.status());
            assertTrue(
                    r.body()
                            .contains(
                                    "<Response><Errors><Error><Code>InvalidAction</Code><Message>The action RunInstances "
                                            + "is not valid for this web service.</Message></Error></Errors><RequestID>"),
                    r.body());
        }
        String bad = "Action=DescribeVpcs&Filter.1.Name=%zz";
        try (RawHttpConnection http = new RawHttpConnection(cloud.edgePort())) {
            RawHttpConnection.Response r = http.exchange("POST / HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ec2/aws4_request, "
                    + "SignedHeaders=host, Signature=00\r\nContent-Length: " + bad.length() + "\r\n\r\n" + bad);
            assertEquals(400, r.status());
            assertTrue(r.body().contains("<Code>InvalidParameterValue</Code>"), r.body());
            // the connection and the service survive the bad request
            assertEquals(
                    200,
                    http.exchange(
                                    "POST / HTTP/1.1\r\nHost: localhost\r\n"
                                            + "Authorization: AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ec2/aws4_request, "
                                            + "SignedHeaders=host, Signature=00\r\nContent-Length: 19\r\n\r\nAction=DescribeVpcs")
                            .status());
        }
        try (Ec2Client ec2 = client("888888888888", Region.US_EAST_1)) {
            error(
                    "MissingParameter",
                    () -> ec2.createSubnet(r -> r.vpcId("vpc-00000000000000001").cidrBlock(null)));
        }
    }
}
