package dev.minicloud.spi;

/**
 * What the service that owns VPCs (EC2) tells the others: who owns a VPC id in a region. Route 53
 * asks it before a private zone is associated with a VPC. Found with {@link ServiceContext#service}.
 */
public interface VpcDirectory {
    /** The account owning {@code vpcId} in {@code region}, or {@code null} when there is no such VPC. */
    String ownerOf(String region, String vpcId);
}
