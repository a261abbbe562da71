package dev.minicloud.dns.internal.zones;

/** A VPC a private hosted zone is associated with: its region and id ({@code vpc-1a2b}). */
public record VpcRef(String region, String vpcId) {}
