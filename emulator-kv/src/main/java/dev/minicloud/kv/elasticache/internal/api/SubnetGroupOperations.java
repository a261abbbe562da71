package dev.minicloud.kv.elasticache.internal.api;

import dev.minicloud.kv.elasticache.internal.model.CacheCluster;
import dev.minicloud.kv.elasticache.internal.model.SubnetGroup;
import dev.minicloud.spi.VpcDirectory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CreateCacheSubnetGroup, DescribeCacheSubnetGroups, ModifyCacheSubnetGroup, DeleteCacheSubnetGroup.
 * Subnets are EC2's, found through the core SPI {@link VpcDirectory} (the caller's account and
 * region); without the EC2 service no subnet exists, so every id is {@code InvalidSubnet}.
 */
final class SubnetGroupOperations {
    private final Env env;

    SubnetGroupOperations(Env env) {
        this.env = env;
    }

    void create(Call c) {
        Params p = c.params();
        String name = Names.subnetGroupName(p.required("CacheSubnetGroupName"));
        String description = p.required("CacheSubnetGroupDescription");
        if (c.state().subnetGroups().containsKey(name)) {
            throw EcErrors.of(400, "CacheSubnetGroupAlreadyExists", "Cache subnet group " + name + " already exists.");
        }
        List<VpcDirectory.Subnet> subnets = subnets(c, p);
        Map<String, String> tags = Tags.read(p);
        Tags.add(new LinkedHashMap<>(), tags);
        SubnetGroup group = new SubnetGroup(name, c.state().arn("subnetgroup", name), description, subnets);
        group.tags().putAll(tags);
        c.state().subnetGroups().put(name, group);
        EcXml.subnetGroup(c.out(), "CacheSubnetGroup", group);
    }

    /** The named subnets, each existing, all in one VPC; 20 at most, as ElastiCache allows. */
    private List<VpcDirectory.Subnet> subnets(Call c, Params p) {
        List<String> ids = p.list("SubnetIds");
        if (ids.isEmpty()) {
            throw EcErrors.missingParameter("SubnetIds");
        }
        if (ids.size() > 20) {
            throw EcErrors.of(
                    400,
                    "CacheSubnetQuotaExceededFault",
                    "The request cannot be processed because it would exceed the allowed number of subnets in a cache subnet group.");
        }
        VpcDirectory vpcs = env.vpcs().get().orElse(null);
        List<VpcDirectory.Subnet> out = new ArrayList<>();
        for (String id : ids) {
            VpcDirectory.Subnet s = vpcs == null
                    ? null
                    : vpcs.subnet(c.state().account(), c.state().region(), id).orElse(null);
            if (s == null) {
                throw EcErrors.of(400, "InvalidSubnet", "The subnet ID " + id + " does not exist");
            }
            if (!out.isEmpty() && !out.get(0).vpcId().equals(s.vpcId())) {
                throw EcErrors.of(
                        400,
                        "InvalidSubnet",
                        "The subnets of a cache subnet group must all be in one VPC: "
                                + out.get(0).subnetId() + " is in " + out.get(0).vpcId() + ", " + id + " in "
                                + s.vpcId() + ".");
            }
            if (out.stream().noneMatch(o -> o.subnetId().equals(id))) {
                out.add(s);
            }
        }
        return out;
    }

    void describe(Call c) {
        String name = c.params().string("CacheSubnetGroupName");
        List<SubnetGroup> found =
                name == null ? List.copyOf(c.state().subnetGroups().values()) : List.of(require(c, name));
        List<SubnetGroup> page = Paging.page(c, found);
        c.out().start("CacheSubnetGroups");
        page.forEach(g -> EcXml.subnetGroup(c.out(), "CacheSubnetGroup", g));
        c.out().end();
    }

    void modify(Call c) {
        Params p = c.params();
        SubnetGroup group = require(c, p.required("CacheSubnetGroupName"));
        List<VpcDirectory.Subnet> subnets = p.list("SubnetIds").isEmpty() ? null : subnets(c, p);
        if (subnets != null) {
            if (!subnets.get(0).vpcId().equals(group.vpcId()) && inUse(c, group)) {
                throw EcErrors.of(
                        400,
                        "InvalidSubnet",
                        "The subnets of a cache subnet group in use must stay in VPC " + group.vpcId() + ".");
            }
            for (VpcDirectory.Subnet old : group.subnets()) {
                boolean kept = subnets.stream().anyMatch(s -> s.subnetId().equals(old.subnetId()));
                if (!kept && zoneInUse(c, group, old.availabilityZone(), subnets)) {
                    throw EcErrors.of(400, "SubnetInUse", "The subnet ID " + old.subnetId() + " is in use.");
                }
            }
            group.subnets(subnets);
        }
        if (p.string("CacheSubnetGroupDescription") != null) {
            group.description(p.string("CacheSubnetGroupDescription"));
        }
        EcXml.subnetGroup(c.out(), "CacheSubnetGroup", group);
    }

    void delete(Call c) {
        SubnetGroup group = require(c, c.params().required("CacheSubnetGroupName"));
        if (inUse(c, group)) {
            throw EcErrors.of(
                    400,
                    "CacheSubnetGroupInUse",
                    "Cache subnet group " + group.name() + " is currently in use by a cache cluster.");
        }
        c.state().subnetGroups().remove(group.name());
    }

    private static boolean inUse(Call c, SubnetGroup group) {
        return c.state().clusters().values().stream()
                .anyMatch(cl -> group.name().equals(cl.subnetGroup()));
    }

    /** Whether a node of the group sits in {@code zone} and the new subnets leave that zone. */
    private static boolean zoneInUse(Call c, SubnetGroup group, String zone, List<VpcDirectory.Subnet> next) {
        boolean stillCovered = next.stream().anyMatch(s -> s.availabilityZone().equals(zone));
        if (stillCovered) {
            return false;
        }
        for (CacheCluster cl : c.state().clusters().values()) {
            if (group.name().equals(cl.subnetGroup()) && zone.equals(cl.availabilityZone())) {
                return true;
            }
        }
        return false;
    }

    static SubnetGroup require(Call c, String name) {
        SubnetGroup g = c.state().subnetGroups().get(name.toLowerCase(Locale.ROOT));
        if (g == null) {
            throw EcErrors.subnetGroupNotFound(name);
        }
        return g;
    }
}
