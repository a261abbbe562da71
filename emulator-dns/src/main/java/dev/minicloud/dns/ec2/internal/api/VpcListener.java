package dev.minicloud.dns.ec2.internal.api;

/**
 * What other services learn of VPCs (Route 53 private zones depend on them): a delete they may
 * refuse (by throwing an EC2 error), and DNS support switched on or off.
 */
public interface VpcListener {
    VpcListener NONE = new VpcListener() {};

    /** Called before a VPC is deleted; throw an {@code AwsException} to refuse. */
    default void beforeDelete(String account, String region, String vpcId) {}

    default void dnsSupportChanged(String account, String region, String vpcId, boolean enabled) {}
}
