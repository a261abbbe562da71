package dev.minicloud.dns.ec2.internal.store;

import dev.minicloud.dns.ec2.internal.model.Cidr;
import dev.minicloud.dns.ec2.internal.model.Regions;
import dev.minicloud.dns.ec2.internal.model.Resource;
import dev.minicloud.dns.ec2.internal.model.SecurityGroup;
import dev.minicloud.dns.ec2.internal.model.SecurityGroupRule;
import dev.minicloud.dns.ec2.internal.model.Subnet;
import dev.minicloud.dns.ec2.internal.model.Vpc;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One account's EC2 resources in one region, born with the default VPC every AWS account has
 * ({@code 172.31.0.0/16}, one default {@code /20} subnet per zone, its default security group).
 * Callers hold this object's monitor around every read and change ({@link Ec2Store#region}).
 */
public final class RegionState {
    public static final Cidr DEFAULT_VPC_CIDR = Cidr.parse("172.31.0.0/16");

    private final String account;
    private final String region;
    private final Ids ids;
    private final Map<String, Vpc> vpcs = new LinkedHashMap<>();
    private final Map<String, Subnet> subnets = new LinkedHashMap<>();
    private final Map<String, SecurityGroup> groups = new LinkedHashMap<>();
    private final String dhcpOptionsId;

    RegionState(String account, String region, Ids ids) {
        this.account = account;
        this.region = region;
        this.ids = ids;
        this.dhcpOptionsId = ids.next("dopt");
        Vpc vpc = addVpc(DEFAULT_VPC_CIDR, true, "default");
        List<Regions.Zone> zones = Regions.zones(region);
        for (int i = 0; i < zones.size(); i++) {
            addSubnet(vpc, DEFAULT_VPC_CIDR.subBlock(20, i), zones.get(i), true);
        }
    }

    public String account() {
        return account;
    }

    public String region() {
        return region;
    }

    public Ids ids() {
        return ids;
    }

    public Vpc addVpc(Cidr cidr, boolean isDefault, String tenancy) {
        Vpc vpc =
                new Vpc(ids.next("vpc"), account, cidr, ids.next("vpc-cidr-assoc"), isDefault, dhcpOptionsId, tenancy);
        vpcs.put(vpc.id(), vpc);
        SecurityGroup group = addGroup("default", "default VPC security group", vpc.id());
        // every new group may send anything anywhere until its egress rules are changed
        group.rules()
                .add(new SecurityGroupRule(ids.next("sgr"), true, "-1", null, null, "0.0.0.0/0", null, null, null));
        return vpc;
    }

    public Subnet addSubnet(Vpc vpc, Cidr cidr, Regions.Zone zone, boolean defaultForAz) {
        Subnet s = new Subnet(ids.next("subnet"), account, vpc.id(), cidr, zone, defaultForAz);
        subnets.put(s.id(), s);
        return s;
    }

    public SecurityGroup addGroup(String name, String description, String vpcId) {
        SecurityGroup g = new SecurityGroup(ids.next("sg"), account, name, description, vpcId);
        groups.put(g.id(), g);
        return g;
    }

    public Map<String, Vpc> vpcs() {
        return vpcs;
    }

    public Map<String, Subnet> subnets() {
        return subnets;
    }

    public Map<String, SecurityGroup> groups() {
        return groups;
    }

    public Vpc defaultVpc() {
        for (Vpc v : vpcs.values()) {
            if (v.isDefault()) {
                return v;
            }
        }
        return null;
    }

    /** Every taggable resource, for DescribeTags and CreateTags. */
    public List<Resource> resources() {
        List<Resource> all = new ArrayList<>(vpcs.size() + subnets.size() + groups.size());
        all.addAll(vpcs.values());
        all.addAll(subnets.values());
        all.addAll(groups.values());
        return all;
    }

    public Resource resource(String id) {
        Resource r = vpcs.get(id);
        if (r == null) {
            r = subnets.get(id);
        }
        return r != null ? r : groups.get(id);
    }
}
