package dev.minicloud.dns.ec2.internal.model;

/** A subnet of a VPC in one availability zone. */
public final class Subnet extends Resource {
    /** EC2 reserves the first four addresses and the last one of every subnet. */
    private static final int RESERVED_ADDRESSES = 5;

    private final String vpcId;
    private final Cidr cidr;
    private final Regions.Zone zone;
    private final boolean defaultForAz;
    private boolean mapPublicIpOnLaunch;

    public Subnet(String id, String ownerId, String vpcId, Cidr cidr, Regions.Zone zone, boolean defaultForAz) {
        super(id, ownerId);
        this.vpcId = vpcId;
        this.cidr = cidr;
        this.zone = zone;
        this.defaultForAz = defaultForAz;
        this.mapPublicIpOnLaunch = defaultForAz;
    }

    @Override
    public String resourceType() {
        return "subnet";
    }

    public String vpcId() {
        return vpcId;
    }

    public Cidr cidr() {
        return cidr;
    }

    public Regions.Zone zone() {
        return zone;
    }

    public boolean defaultForAz() {
        return defaultForAz;
    }

    public boolean mapPublicIpOnLaunch() {
        return mapPublicIpOnLaunch;
    }

    public void mapPublicIpOnLaunch(boolean on) {
        this.mapPublicIpOnLaunch = on;
    }

    public long availableIpAddressCount() {
        return cidr.size() - RESERVED_ADDRESSES;
    }

    public String arn() {
        return "arn:aws:ec2:" + zone.region() + ":" + ownerId() + ":subnet/" + id();
    }
}
