package dev.minicloud.dns.ec2.internal.api;

import dev.minicloud.dns.ec2.internal.model.Cidr;
import dev.minicloud.dns.ec2.internal.model.SecurityGroup;
import dev.minicloud.dns.ec2.internal.model.SecurityGroupRule;
import dev.minicloud.dns.ec2.internal.model.Vpc;
import dev.minicloud.internal.xml.XmlWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * CreateSecurityGroup, DescribeSecurityGroups, DeleteSecurityGroup and the four
 * Authorize/Revoke calls. Rules are stored and listed as EC2 lists them; nothing is enforced.
 */
final class SecurityGroupOperations {
    private static final Filters<SecurityGroup> FILTERS =
            Filters.forResources(Map.<String, Function<SecurityGroup, List<String>>>of(
                    "group-id", g -> List.of(g.id()),
                    "group-name", g -> List.of(g.name()),
                    "vpc-id", g -> List.of(g.vpcId()),
                    "description", g -> List.of(g.description()),
                    "owner-id", g -> List.of(g.ownerId())));

    void create(Call c) {
        Ec2Request p = c.params();
        String name = p.required("GroupName");
        String description = p.required("GroupDescription");
        if (name.length() > 255 || description.length() > 255) {
            throw Ec2Errors.invalidParameterValue(
                    "Value for group name and description must be at most 255 characters");
        }
        if (name.toLowerCase(Locale.ROOT).startsWith("sg-")) {
            throw Ec2Errors.invalidParameterValue("Group names may not be in the format sg-*.");
        }
        Vpc vpc = p.string("VpcId") != null
                ? VpcOperations.require(c, p.string("VpcId"))
                : c.state().defaultVpc();
        if (vpc == null) {
            throw Ec2Errors.of("VPCIdNotSpecified", "No default VPC for this user");
        }
        for (SecurityGroup g : c.state().groups().values()) {
            if (g.vpcId().equals(vpc.id()) && g.name().equals(name)) {
                throw Ec2Errors.of(
                        "InvalidGroup.Duplicate",
                        "The security group '" + name + "' already exists for VPC '" + vpc.id() + "'");
            }
        }
        Map<String, String> tags = TagSpecifications.forType(p, "security-group");
        SecurityGroup g = c.state().addGroup(name, description, vpc.id());
        g.tags().putAll(tags);
        g.rules()
                .add(new SecurityGroupRule(
                        c.state().ids().next("sgr"), true, "-1", null, null, "0.0.0.0/0", null, null, null));
        c.out().element("return", true);
        c.out().element("groupId", g.id());
        c.out().element("securityGroupArn", g.arn(c.state().region()));
        Ec2Xml.tagSet(c.out(), g.tags());
    }

    void describe(Call c) {
        Ec2Request p = c.params();
        List<String> ids = p.list("GroupId");
        List<String> names = p.list("GroupName");
        Predicate<SecurityGroup> filter = FILTERS.parse(p);
        for (String id : ids) {
            if (!c.state().groups().containsKey(id)) {
                throw Ec2Errors.groupNotFound(id);
            }
        }
        Vpc defaultVpc = c.state().defaultVpc();
        for (String n : names) {
            // a name names a group of the default VPC, as on EC2
            if (c.state().groups().values().stream()
                    .noneMatch(g -> g.name().equals(n)
                            && defaultVpc != null
                            && g.vpcId().equals(defaultVpc.id()))) {
                throw Ec2Errors.of(
                        "InvalidGroup.NotFound",
                        "The security group '" + n + "' does not exist in default VPC '"
                                + (defaultVpc == null ? "none" : defaultVpc.id()) + "'");
            }
        }
        List<SecurityGroup> matching = new ArrayList<>();
        for (SecurityGroup g : c.state().groups().values()) {
            boolean named = names.isEmpty()
                    || names.contains(g.name())
                            && defaultVpc != null
                            && g.vpcId().equals(defaultVpc.id());
            if ((ids.isEmpty() || ids.contains(g.id())) && named && filter.test(g)) {
                matching.add(g);
            }
        }
        Paging.Page<SecurityGroup> page =
                Paging.page(p, matching, 5, 1000, "groupIds", !ids.isEmpty() || !names.isEmpty());
        c.out().start("securityGroupInfo");
        for (SecurityGroup g : page.items()) {
            c.out().start("item");
            write(c.out(), g, c.state().region());
            c.out().end();
        }
        c.out().end();
        c.out().element("nextToken", page.nextToken());
    }

    void delete(Call c) {
        SecurityGroup g = target(c);
        if (g.name().equals("default")) {
            throw Ec2Errors.of(
                    "CannotDelete",
                    "the specified group: \"" + g.id() + "\" name: \"default\" cannot be deleted by a user");
        }
        for (SecurityGroup other : c.state().groups().values()) {
            if (other != g && other.rules().stream().anyMatch(r -> g.id().equals(r.referencedGroupId()))) {
                throw Ec2Errors.dependencyViolation("resource " + g.id() + " has a dependent object");
            }
        }
        c.state().groups().remove(g.id());
        c.out().element("return", true);
    }

    void authorize(Call c, boolean egress) {
        SecurityGroup g = target(c);
        List<SecurityGroupRule> asked = rules(c, egress);
        for (SecurityGroupRule r : asked) {
            for (SecurityGroupRule existing : g.rules()) {
                if (existing.sameAs(r)) {
                    throw Ec2Errors.of(
                            "InvalidPermission.Duplicate",
                            "the specified rule \"" + r.describe() + "\" already exists");
                }
            }
        }
        g.rules().addAll(asked);
        c.out().element("return", true);
        c.out().start("securityGroupRuleSet");
        for (SecurityGroupRule r : asked) {
            c.out().start("item");
            c.out().element("securityGroupRuleId", r.ruleId());
            c.out().element("groupId", g.id());
            c.out().element("groupOwnerId", g.ownerId());
            c.out().element("isEgress", r.egress());
            c.out().element("ipProtocol", r.protocol());
            c.out().element("fromPort", r.fromPort() == null ? -1 : r.fromPort());
            c.out().element("toPort", r.toPort() == null ? -1 : r.toPort());
            c.out().element("cidrIpv4", r.cidrIpv4());
            c.out().element("cidrIpv6", r.cidrIpv6());
            if (r.referencedGroupId() != null) {
                c.out()
                        .start("referencedGroupInfo")
                        .element("groupId", r.referencedGroupId())
                        .element("userId", g.ownerId())
                        .end();
            }
            c.out().element("description", r.description());
            c.out().end();
        }
        c.out().end();
    }

    void revoke(Call c, boolean egress) {
        SecurityGroup g = target(c);
        List<SecurityGroupRule> asked = rules(c, egress);
        List<SecurityGroupRule> found = new ArrayList<>();
        for (SecurityGroupRule r : asked) {
            SecurityGroupRule match = g.rules().stream()
                    .filter(existing -> existing.sameAs(r))
                    .findFirst()
                    .orElse(null);
            if (match == null) {
                throw Ec2Errors.of(
                        "InvalidPermission.NotFound", "The specified rule does not exist in this security group.");
            }
            found.add(match);
        }
        g.rules().removeAll(found);
        c.out().element("return", true);
    }

    /** The group a call names by {@code GroupId} or (in the default VPC) {@code GroupName}. */
    private static SecurityGroup target(Call c) {
        Ec2Request p = c.params();
        String id = p.string("GroupId");
        if (id != null) {
            SecurityGroup g = c.state().groups().get(id);
            if (g == null) {
                throw id.startsWith("sg-")
                        ? Ec2Errors.groupNotFound(id)
                        : Ec2Errors.malformedId("InvalidGroupId.Malformed", id);
            }
            return g;
        }
        String name = p.string("GroupName");
        if (name == null) {
            throw Ec2Errors.missingParameter("groupId");
        }
        Vpc vpc = c.state().defaultVpc();
        for (SecurityGroup g : c.state().groups().values()) {
            if (vpc != null && g.vpcId().equals(vpc.id()) && g.name().equals(name)) {
                return g;
            }
        }
        throw Ec2Errors.of(
                "InvalidGroup.NotFound",
                "The security group '" + name + "' does not exist in default VPC '" + (vpc == null ? "none" : vpc.id())
                        + "'");
    }

    /** The rules a call names: {@code IpPermissions.N.*}, or the legacy top-level single-rule form. */
    private static List<SecurityGroupRule> rules(Call c, boolean egress) {
        Ec2Request p = c.params();
        List<SecurityGroupRule> out = new ArrayList<>();
        List<Ec2Request> permissions = p.members("IpPermissions");
        if (permissions.isEmpty() && p.string("IpProtocol") != null) {
            String protocol = protocol(p.string("IpProtocol"));
            Integer[] ports = ports(protocol, p.integer("FromPort"), p.integer("ToPort"));
            String cidr = p.string("CidrIp");
            if (cidr != null) {
                out.add(new SecurityGroupRule(
                        c.state().ids().next("sgr"),
                        egress,
                        protocol,
                        ports[0],
                        ports[1],
                        cidr(cidr, "cidrIp"),
                        null,
                        null,
                        null));
            }
            String source = p.string("SourceSecurityGroupName");
            if (source != null) {
                throw Ec2Errors.invalidParameterCombination(
                        "SourceSecurityGroupName is not supported for VPC security groups; "
                                + "use IpPermissions with UserIdGroupPairs.");
            }
        }
        for (Ec2Request perm : permissions) {
            String protocol = protocol(perm.required("IpProtocol"));
            Integer[] ports = ports(protocol, perm.integer("FromPort"), perm.integer("ToPort"));
            int before = out.size();
            for (Ec2Request range : perm.members("IpRanges")) {
                out.add(new SecurityGroupRule(
                        c.state().ids().next("sgr"),
                        egress,
                        protocol,
                        ports[0],
                        ports[1],
                        cidr(range.required("CidrIp"), "cidrIp"),
                        null,
                        null,
                        range.string("Description")));
            }
            for (Ec2Request range : perm.members("Ipv6Ranges")) {
                out.add(new SecurityGroupRule(
                        c.state().ids().next("sgr"),
                        egress,
                        protocol,
                        ports[0],
                        ports[1],
                        null,
                        range.required("CidrIpv6"),
                        null,
                        range.string("Description")));
            }
            for (Ec2Request pair : perm.members("Groups")) {
                out.add(groupRule(c, egress, protocol, ports, pair));
            }
            for (Ec2Request pair : perm.members("UserIdGroupPairs")) {
                out.add(groupRule(c, egress, protocol, ports, pair));
            }
            if (out.size() == before) {
                throw Ec2Errors.missingParameter("ipRanges, ipv6Ranges or groups");
            }
        }
        if (out.isEmpty()) {
            throw Ec2Errors.missingParameter("ipPermissions");
        }
        return out;
    }

    private static SecurityGroupRule groupRule(
            Call c, boolean egress, String protocol, Integer[] ports, Ec2Request pair) {
        String groupId = pair.required("GroupId");
        if (!c.state().groups().containsKey(groupId)) {
            throw Ec2Errors.groupNotFound(groupId);
        }
        return new SecurityGroupRule(
                c.state().ids().next("sgr"),
                egress,
                protocol,
                ports[0],
                ports[1],
                null,
                null,
                groupId,
                pair.string("Description"));
    }

    private static String cidr(String text, String parameter) {
        Cidr cidr = Cidr.parse(text);
        if (cidr == null) {
            throw Ec2Errors.invalidValue(text, parameter, "CIDR block " + text + " is malformed");
        }
        return text;
    }

    private static String protocol(String p) {
        return switch (p.toLowerCase(Locale.ROOT)) {
            case "tcp", "6" -> "tcp";
            case "udp", "17" -> "udp";
            case "icmp", "1" -> "icmp";
            case "icmpv6", "58" -> "icmpv6";
            case "-1", "all" -> "-1";
            default -> {
                if (p.chars().allMatch(Character::isDigit) && p.length() <= 3 && Integer.parseInt(p) <= 255) {
                    yield p;
                }
                throw Ec2Errors.invalidParameterValue("Invalid value '" + p + "' for IP protocol. Unknown protocol.");
            }
        };
    }

    /** The port range EC2 stores: required for TCP and UDP, absent (null) for all protocols. */
    private static Integer[] ports(String protocol, Integer from, Integer to) {
        if (protocol.equals("-1")) {
            return new Integer[] {null, null};
        }
        if (protocol.equals("tcp") || protocol.equals("udp")) {
            if (from == null || to == null) {
                throw Ec2Errors.invalidParameterValue(
                        "Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange");
            }
            if (from < 0 || to > 65535 || from > to) {
                throw Ec2Errors.invalidParameterValue("Invalid value '" + from + "-" + to + "' for portRange. "
                        + "Must be between 0 and 65535 with the from port not above the to port.");
            }
        }
        return new Integer[] {from == null ? -1 : from, to == null ? -1 : to};
    }

    private static void write(XmlWriter w, SecurityGroup g, String region) {
        w.element("ownerId", g.ownerId());
        w.element("groupId", g.id());
        w.element("groupName", g.name());
        w.element("groupDescription", g.description());
        w.element("vpcId", g.vpcId());
        permissions(w, "ipPermissions", g, false);
        permissions(w, "ipPermissionsEgress", g, true);
        Ec2Xml.tagSet(w, g.tags());
        w.element("securityGroupArn", g.arn(region));
    }

    /** EC2 folds the rules with one protocol and port range into one permission with several peers. */
    private static void permissions(XmlWriter w, String element, SecurityGroup g, boolean egress) {
        Map<String, List<SecurityGroupRule>> byTraffic = new LinkedHashMap<>();
        for (SecurityGroupRule r : g.rules()) {
            if (r.egress() == egress) {
                byTraffic
                        .computeIfAbsent(r.protocol() + "/" + r.fromPort() + "/" + r.toPort(), k -> new ArrayList<>())
                        .add(r);
            }
        }
        w.start(element);
        for (List<SecurityGroupRule> rules : byTraffic.values()) {
            SecurityGroupRule first = rules.get(0);
            w.start("item");
            w.element("ipProtocol", first.protocol());
            if (first.fromPort() != null) {
                w.element("fromPort", first.fromPort());
                w.element("toPort", first.toPort());
            }
            w.start("groups");
            for (SecurityGroupRule r : rules) {
                if (r.referencedGroupId() != null) {
                    w.start("item")
                            .element("userId", g.ownerId())
                            .element("groupId", r.referencedGroupId())
                            .element("description", r.description())
                            .end();
                }
            }
            w.end();
            w.start("ipRanges");
            for (SecurityGroupRule r : rules) {
                if (r.cidrIpv4() != null) {
                    w.start("item")
                            .element("cidrIp", r.cidrIpv4())
                            .element("description", r.description())
                            .end();
                }
            }
            w.end();
            w.start("ipv6Ranges");
            for (SecurityGroupRule r : rules) {
                if (r.cidrIpv6() != null) {
                    w.start("item")
                            .element("cidrIpv6", r.cidrIpv6())
                            .element("description", r.description())
                            .end();
                }
            }
            w.end();
            w.emptyElement("prefixListIds");
            w.end();
        }
        w.end();
    }
}
