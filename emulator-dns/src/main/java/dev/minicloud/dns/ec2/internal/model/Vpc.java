package dev.minicloud.dns.ec2.internal.model;

/** A VPC: its primary IPv4 block and the DNS attributes Route 53's private zones depend on. */
public final class Vpc extends Resource {
    private final Cidr cidr;
    private final String cidrAssociationId;
    private final boolean isDefault;
    private final String dhcpOptionsId;
    private final String instanceTenancy;
    private boolean enableDnsSupport = true;
    private boolean enableDnsHostnames;

    public Vpc(
            String id,
            String ownerId,
            Cidr cidr,
            String cidrAssociationId,
            boolean isDefault,
            String dhcpOptionsId,
            String instanceTenancy) {
        super(id, ownerId);
        this.cidr = cidr;
        this.cidrAssociationId = cidrAssociationId;
        this.isDefault = isDefault;
        this.dhcpOptionsId = dhcpOptionsId;
        this.instanceTenancy = instanceTenancy;
        // EC2 turns DNS host names on for default VPCs only
        this.enableDnsHostnames = isDefault;
    }

    @Override
    public String resourceType() {
        return "vpc";
    }

    public Cidr cidr() {
        return cidr;
    }

    public String cidrAssociationId() {
        return cidrAssociationId;
    }

    public boolean isDefault() {
        return isDefault;
    }

    public String dhcpOptionsId() {
        return dhcpOptionsId;
    }

    public String instanceTenancy() {
        return instanceTenancy;
    }

    public boolean enableDnsSupport() {
        return enableDnsSupport;
    }

    public void enableDnsSupport(boolean on) {
        this.enableDnsSupport = on;
    }

    public boolean enableDnsHostnames() {
        return enableDnsHostnames;
    }

    public void enableDnsHostnames(boolean on) {
        this.enableDnsHostnames = on;
    }
}
