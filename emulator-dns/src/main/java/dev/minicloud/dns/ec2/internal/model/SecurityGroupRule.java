package dev.minicloud.dns.ec2.internal.model;

import java.util.Locale;
import java.util.Objects;

/**
 * One rule of a security group, in EC2's flattened form (one peer per rule): a protocol
 * ({@code tcp}, {@code udp}, {@code icmp} or {@code -1} for all), a port range (absent for all
 * protocols), and exactly one of an IPv4 range, an IPv6 range or another group.
 */
public record SecurityGroupRule(
        String ruleId,
        boolean egress,
        String protocol,
        Integer fromPort,
        Integer toPort,
        String cidrIpv4,
        String cidrIpv6,
        String referencedGroupId,
        String description) {

    /** Same traffic and peer: EC2 refuses a second such rule as a duplicate. */
    public boolean sameAs(SecurityGroupRule o) {
        return egress == o.egress
                && protocol.equals(o.protocol)
                && Objects.equals(fromPort, o.fromPort)
                && Objects.equals(toPort, o.toPort)
                && Objects.equals(cidrIpv4, o.cidrIpv4)
                && Objects.equals(cidrIpv6, o.cidrIpv6)
                && Objects.equals(referencedGroupId, o.referencedGroupId);
    }

    /** How EC2's InvalidPermission.Duplicate message names a rule. */
    public String describe() {
        String peer = cidrIpv4 != null ? cidrIpv4 : cidrIpv6 != null ? cidrIpv6 : referencedGroupId;
        String proto = protocol.equals("-1") ? "ALL" : protocol.toUpperCase(Locale.ROOT);
        StringBuilder b = new StringBuilder("peer: ").append(peer).append(", ").append(proto);
        if (fromPort != null && !protocol.equals("-1")) {
            b.append(", from port: ").append(fromPort).append(", to port: ").append(toPort);
        }
        return b.append(", ALLOW").toString();
    }
}
