package dev.minicloud.dns.ec2.internal.model;

import java.util.ArrayList;
import java.util.List;

/** A VPC security group with its ingress and egress rules (stored; MiniCloud enforces none). */
public final class SecurityGroup extends Resource {
    private final String name;
    private final String description;
    private final String vpcId;
    private final List<SecurityGroupRule> rules = new ArrayList<>();

    public SecurityGroup(String id, String ownerId, String name, String description, String vpcId) {
        super(id, ownerId);
        this.name = name;
        this.description = description;
        this.vpcId = vpcId;
    }

    @Override
    public String resourceType() {
        return "security-group";
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String vpcId() {
        return vpcId;
    }

    /** In the order they were added; the lock of the region guards it. */
    public List<SecurityGroupRule> rules() {
        return rules;
    }

    public String arn(String region) {
        return "arn:aws:ec2:" + region + ":" + ownerId() + ":security-group/" + id();
    }
}
