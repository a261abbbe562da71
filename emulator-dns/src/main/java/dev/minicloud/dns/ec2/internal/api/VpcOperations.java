package dev.minicloud.dns.ec2.internal.api;

import dev.minicloud.dns.ec2.internal.model.Cidr;
import dev.minicloud.dns.ec2.internal.model.Vpc;
import dev.minicloud.internal.xml.XmlWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/** CreateVpc, DescribeVpcs, DeleteVpc, ModifyVpcAttribute, DescribeVpcAttribute. */
final class VpcOperations {
    private static final Set<String> TENANCIES = Set.of("default", "dedicated", "host");
    private static final Filters<Vpc> FILTERS = Filters.forResources(Map.<String, Function<Vpc, List<String>>>of(
            "vpc-id", v -> List.of(v.id()),
            "cidr", v -> List.of(v.cidr().toString()),
            "cidr-block-association.cidr-block", v -> List.of(v.cidr().toString()),
            "cidr-block-association.association-id", v -> List.of(v.cidrAssociationId()),
            "cidr-block-association.state", v -> List.of("associated"),
            "is-default", v -> List.of(String.valueOf(v.isDefault())),
            "isDefault", v -> List.of(String.valueOf(v.isDefault())),
            "state", v -> List.of("available"),
            "owner-id", v -> List.of(v.ownerId()),
            "dhcp-options-id", v -> List.of(v.dhcpOptionsId())));

    private final VpcListener listener;

    VpcOperations(VpcListener listener) {
        this.listener = listener;
    }

    void create(Call c) {
        Ec2Request p = c.params();
        String text = p.string("CidrBlock");
        if (text == null) {
            throw Ec2Errors.missingParameter("cidrBlock");
        }
        Cidr cidr = Cidr.parse(text);
        if (cidr == null || !cidr.isNetworkAddress()) {
            throw Ec2Errors.invalidValue(text, "cidrBlock", "This is not a valid CIDR block.");
        }
        if (cidr.prefix() < 16 || cidr.prefix() > 28) {
            throw Ec2Errors.of("InvalidVpc.Range", "The CIDR '" + text + "' is invalid.");
        }
        String tenancy = p.string("InstanceTenancy") == null ? "default" : p.string("InstanceTenancy");
        if (!TENANCIES.contains(tenancy)) {
            throw Ec2Errors.invalidValue(tenancy, "instanceTenancy", "Valid values: default, dedicated, host");
        }
        Map<String, String> tags = TagSpecifications.forType(p, "vpc");
        Vpc vpc = c.state().addVpc(cidr, false, tenancy);
        vpc.tags().putAll(tags);
        c.out().start("vpc");
        write(c.out(), vpc);
        c.out().end();
    }

    void describe(Call c) {
        Ec2Request p = c.params();
        List<String> ids = p.list("VpcId");
        Predicate<Vpc> filter = FILTERS.parse(p);
        for (String id : ids) {
            if (!c.state().vpcs().containsKey(id)) {
                throw Ec2Errors.vpcNotFound(id);
            }
        }
        List<Vpc> matching = new ArrayList<>();
        for (Vpc v : c.state().vpcs().values()) {
            if ((ids.isEmpty() || ids.contains(v.id())) && filter.test(v)) {
                matching.add(v);
            }
        }
        Paging.Page<Vpc> page = Paging.page(p, matching, 5, 1000, "vpcIds", !ids.isEmpty());
        c.out().start("vpcSet");
        for (Vpc v : page.items()) {
            c.out().start("item");
            write(c.out(), v);
            c.out().end();
        }
        c.out().end();
        c.out().element("nextToken", page.nextToken());
    }

    void delete(Call c) {
        String id = c.params().required("VpcId");
        Vpc vpc = require(c, id);
        boolean dependents =
                c.state().subnets().values().stream().anyMatch(s -> s.vpcId().equals(id))
                        || c.state().groups().values().stream()
                                .anyMatch(g -> g.vpcId().equals(id) && !g.name().equals("default"));
        if (dependents) {
            throw Ec2Errors.dependencyViolation("The vpc '" + id + "' has dependencies and cannot be deleted.");
        }
        listener.beforeDelete(c.state().account(), c.state().region(), id);
        c.state().groups().values().removeIf(g -> g.vpcId().equals(id));
        c.state().vpcs().remove(vpc.id());
        c.out().element("return", true);
    }

    void modifyAttribute(Call c) {
        Ec2Request p = c.params();
        Vpc vpc = require(c, p.required("VpcId"));
        String support = p.string("EnableDnsSupport.Value");
        String hostnames = p.string("EnableDnsHostnames.Value");
        String metrics = p.string("EnableNetworkAddressUsageMetrics.Value");
        int given = (support != null ? 1 : 0) + (hostnames != null ? 1 : 0) + (metrics != null ? 1 : 0);
        if (given != 1) {
            throw given == 0
                    ? Ec2Errors.missingParameter(
                            "EnableDnsSupport, EnableDnsHostnames or EnableNetworkAddressUsageMetrics")
                    : Ec2Errors.invalidParameterCombination("Fields for multiple attribute types specified: "
                            + String.join(", ", names(support, hostnames, metrics)));
        }
        if (support != null) {
            boolean on = p.bool("EnableDnsSupport.Value", true);
            if (!on && vpc.enableDnsHostnames()) {
                throw Ec2Errors.invalidParameterCombination(
                        "Cannot disable DNS support while DNS hostnames are enabled.");
            }
            vpc.enableDnsSupport(on);
            listener.dnsSupportChanged(c.state().account(), c.state().region(), vpc.id(), on);
        } else if (hostnames != null) {
            boolean on = p.bool("EnableDnsHostnames.Value", false);
            if (on && !vpc.enableDnsSupport()) {
                throw Ec2Errors.invalidParameterCombination(
                        "Cannot enable DNS hostnames while DNS support is disabled.");
            }
            vpc.enableDnsHostnames(on);
        }
        c.out().element("return", true);
    }

    private static List<String> names(String support, String hostnames, String metrics) {
        List<String> n = new ArrayList<>();
        if (support != null) {
            n.add("enableDnsSupport");
        }
        if (hostnames != null) {
            n.add("enableDnsHostnames");
        }
        if (metrics != null) {
            n.add("enableNetworkAddressUsageMetrics");
        }
        return n;
    }

    void describeAttribute(Call c) {
        Ec2Request p = c.params();
        Vpc vpc = require(c, p.required("VpcId"));
        String attribute = p.required("Attribute");
        boolean value = switch (attribute) {
            case "enableDnsSupport" -> vpc.enableDnsSupport();
            case "enableDnsHostnames" -> vpc.enableDnsHostnames();
            case "enableNetworkAddressUsageMetrics" -> false;
            default ->
                throw Ec2Errors.invalidValue(
                        attribute,
                        "attribute",
                        "Valid values: enableDnsSupport, enableDnsHostnames, enableNetworkAddressUsageMetrics");
        };
        c.out().element("vpcId", vpc.id());
        c.out().start(attribute).element("value", value).end();
    }

    static Vpc require(Call c, String id) {
        Vpc vpc = c.state().vpcs().get(id);
        if (vpc == null) {
            if (!id.startsWith("vpc-")) {
                throw Ec2Errors.malformedId("InvalidVpcID.Malformed", id);
            }
            throw Ec2Errors.vpcNotFound(id);
        }
        return vpc;
    }

    private static void write(XmlWriter w, Vpc v) {
        w.element("vpcId", v.id());
        w.element("ownerId", v.ownerId());
        w.element("state", "available");
        w.element("cidrBlock", v.cidr().toString());
        w.start("cidrBlockAssociationSet").start("item");
        w.element("cidrBlock", v.cidr().toString());
        w.element("associationId", v.cidrAssociationId());
        w.start("cidrBlockState").element("state", "associated").end();
        w.end().end();
        w.element("dhcpOptionsId", v.dhcpOptionsId());
        Ec2Xml.tagSet(w, v.tags());
        w.element("instanceTenancy", v.instanceTenancy());
        w.element("isDefault", v.isDefault());
    }
}
