package dev.minicloud.spi;

import java.util.Optional;

/**
 * What the service that owns VPCs (EC2) tells the others: who owns a VPC id in a region (Route 53
 * asks before a private zone is associated with a VPC), and which VPC and zone a subnet is in
 * (ElastiCache asks when a cache subnet group is made). Found with {@link ServiceContext#service}.
 */
public interface VpcDirectory {
    /** A subnet as other services see it: its VPC, availability zone and IPv4 block. */
    record Subnet(String subnetId, String vpcId, String availabilityZone, String cidrBlock) {}

    /** The account owning {@code vpcId} in {@code region}, or {@code null} when there is no such VPC. */
    String ownerOf(String region, String vpcId);

    /** The subnet {@code subnetId} of {@code account} in {@code region}, if there is one. */
    default Optional<Subnet> subnet(String account, String region, String subnetId) {
        return Optional.empty();
    }
}
