package dev.minicloud.dns;

import java.net.InetSocketAddress;

/**
 * The emulated "VPC+2" resolver of one VPC: where a client inside that VPC would send its DNS
 * queries to see the VPC's private hosted zones (then public zones). Bound on UDP and TCP.
 */
public record ResolverEndpoint(String vpcId, String region, InetSocketAddress address) {}
