package dev.minicloud.spi;

/**
 * What a service that uses VPCs (Route 53's private zones) tells the owner of VPCs: whether a VPC
 * still has something of it attached, so that EC2 refuses to delete it, as AWS does; and what the
 * owner of VPCs tells it back: a VPC's DNS support switched off or on.
 */
public interface VpcDependents {
    boolean hasDependents(String region, String vpcId);

    /**
     * EC2's {@code enableDnsSupport} attribute of a VPC changed. With it off, the VPC's "VPC+2"
     * resolver does not answer, as on AWS. Called with the VPC owner's locks held: do not call back.
     */
    default void dnsSupportChanged(String region, String vpcId, boolean enabled) {}
}
