package dev.minicloud.spi;

/**
 * What a service that uses VPCs (Route 53's private zones) tells the owner of VPCs: whether a VPC
 * still has something of it attached, so that EC2 refuses to delete it, as AWS does.
 */
public interface VpcDependents {
    boolean hasDependents(String region, String vpcId);
}
