package dev.minicloud.kv.elasticache.internal.model;

import dev.minicloud.spi.VpcDirectory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A cache subnet group: EC2 subnets of one VPC that a cache's nodes are placed in. */
public final class SubnetGroup {
    private final String name;
    private final String arn;
    private String description;
    private List<VpcDirectory.Subnet> subnets;
    private final Map<String, String> tags = new LinkedHashMap<>();

    public SubnetGroup(String name, String arn, String description, List<VpcDirectory.Subnet> subnets) {
        this.name = name;
        this.arn = arn;
        this.description = description;
        this.subnets = List.copyOf(subnets);
    }

    public String name() {
        return name;
    }

    public String arn() {
        return arn;
    }

    public String description() {
        return description;
    }

    public void description(String d) {
        this.description = d;
    }

    public List<VpcDirectory.Subnet> subnets() {
        return subnets;
    }

    public void subnets(List<VpcDirectory.Subnet> s) {
        this.subnets = List.copyOf(s);
    }

    public String vpcId() {
        return subnets.get(0).vpcId();
    }

    public Map<String, String> tags() {
        return tags;
    }
}
