package dev.minicloud.kv.elasticache.internal.api;

import dev.minicloud.kv.elasticache.internal.model.CacheCluster;
import dev.minicloud.kv.elasticache.internal.model.Engines;
import dev.minicloud.kv.elasticache.internal.model.ParameterGroup;
import dev.minicloud.kv.elasticache.internal.model.Parameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CreateCacheParameterGroup, DescribeCacheParameterGroups, ModifyCacheParameterGroup,
 * ResetCacheParameterGroup, DeleteCacheParameterGroup, DescribeCacheParameters,
 * DescribeEngineDefaultParameters. A change to a group reaches every node of every cluster using it
 * at once (the parameters served are all {@code immediate} ones, or stored only).
 */
final class ParameterGroupOperations {
    private final Env env;

    ParameterGroupOperations(Env env) {
        this.env = env;
    }

    void create(Call c) {
        Params p = c.params();
        String name = Names.identifier("CacheParameterGroupName", p.required("CacheParameterGroupName"), 255);
        String family = p.required("CacheParameterGroupFamily");
        String description = p.required("Description");
        if (!Engines.isFamily(family)) {
            throw EcErrors.invalidParameterValue("The parameter CacheParameterGroupFamily is not valid: " + family);
        }
        if (c.state().parameterGroups().containsKey(name)) {
            throw EcErrors.of(400, "CacheParameterGroupAlreadyExists", "Parameter group " + name + " already exists.");
        }
        Map<String, String> tags = Tags.read(p);
        Tags.add(new LinkedHashMap<>(), tags);
        ParameterGroup group =
                new ParameterGroup(name, family, description, false, c.state().arn("parametergroup", name));
        group.tags().putAll(tags);
        c.state().parameterGroups().put(name, group);
        EcXml.parameterGroup(c.out(), "CacheParameterGroup", group);
    }

    void describeGroups(Call c) {
        String name = c.params().string("CacheParameterGroupName");
        List<ParameterGroup> found =
                name == null ? List.copyOf(c.state().parameterGroups().values()) : List.of(require(c, name));
        List<ParameterGroup> page = Paging.page(c, found);
        c.out().start("CacheParameterGroups");
        page.forEach(g -> EcXml.parameterGroup(c.out(), "CacheParameterGroup", g));
        c.out().end();
    }

    void modify(Call c) {
        Params p = c.params();
        ParameterGroup group = require(c, p.required("CacheParameterGroupName"));
        if (group.isDefault()) {
            throw EcErrors.invalidParameterValue("Default parameter groups cannot be modified.");
        }
        Map<String, String> changes = new LinkedHashMap<>();
        for (Params nv : p.members("ParameterNameValues")) {
            String parameter = nv.string("ParameterName");
            String value = nv.string("ParameterValue");
            Parameters.Definition d = Parameters.find(parameter == null ? "" : parameter)
                    .orElseThrow(() -> EcErrors.invalidParameterValue("Unknown parameter: " + parameter));
            if (!d.modifiable()) {
                throw EcErrors.invalidParameterValue("The parameter " + parameter + " cannot be modified.");
            }
            String v = value == null ? "" : value;
            if (!d.allows(v) || (d.name().equals("notify-keyspace-events") && !v.matches("[AKEg$lshzxetmdn]*"))) {
                throw EcErrors.invalidParameterValue("Invalid parameter value " + v + " for parameter " + parameter
                        + (d.allowedValues() == null ? "" : ". Allowed values: " + d.allowedValues()));
            }
            changes.put(d.name(), v);
        }
        if (changes.isEmpty()) {
            throw EcErrors.missingParameter("ParameterNameValues");
        }
        if (changes.size() > 20) {
            throw EcErrors.invalidParameterValue("At most 20 parameters can be modified in one request.");
        }
        changes.forEach(group::set);
        applyToNodes(c, group);
        c.out().element("CacheParameterGroupName", group.name());
    }

    void reset(Call c) {
        Params p = c.params();
        ParameterGroup group = require(c, p.required("CacheParameterGroupName"));
        if (group.isDefault()) {
            throw EcErrors.invalidParameterValue("Default parameter groups cannot be modified.");
        }
        boolean all = p.bool("ResetAllParameters", false);
        List<String> names = new ArrayList<>();
        for (Params nv : p.members("ParameterNameValues")) {
            String parameter = nv.string("ParameterName");
            if (Parameters.find(parameter == null ? "" : parameter).isEmpty()) {
                throw EcErrors.invalidParameterValue("Unknown parameter: " + parameter);
            }
            names.add(parameter);
        }
        if (all == !names.isEmpty()) {
            throw EcErrors.invalidParameterCombination("Give either ResetAllParameters or ParameterNameValues.");
        }
        if (all) {
            group.resetAll();
        } else {
            names.forEach(group::reset);
        }
        applyToNodes(c, group);
        c.out().element("CacheParameterGroupName", group.name());
    }

    private void applyToNodes(Call c, ParameterGroup group) {
        for (CacheCluster cluster : c.state().clusters().values()) {
            if (cluster.parameterGroup().equals(group.name())) {
                env.launcher().apply(cluster, group);
            }
        }
    }

    void delete(Call c) {
        ParameterGroup group = require(c, c.params().required("CacheParameterGroupName"));
        if (group.isDefault()) {
            throw EcErrors.of(400, "InvalidCacheParameterGroupState", "Default parameter groups cannot be deleted.");
        }
        if (c.state().clusters().values().stream()
                .anyMatch(cl -> cl.parameterGroup().equals(group.name()))) {
            throw EcErrors.of(
                    400,
                    "InvalidCacheParameterGroupState",
                    "Parameter group " + group.name() + " is currently in use by a cache cluster.");
        }
        c.state().parameterGroups().remove(group.name());
    }

    void describeParameters(Call c) {
        ParameterGroup group = require(c, c.params().required("CacheParameterGroupName"));
        String source = c.params().string("Source");
        if (source != null && !List.of("user", "system", "engine-default").contains(source)) {
            throw EcErrors.invalidParameterValue(
                    "Invalid value for Source: " + source + ". Valid values are: user, system, engine-default.");
        }
        List<Parameters.Definition> shown = new ArrayList<>();
        for (Parameters.Definition d : Parameters.ALL) {
            boolean user = group.isUserSet(d.name());
            if (source == null || (source.equals("user") == user)) {
                shown.add(d);
            }
        }
        List<Parameters.Definition> page = Paging.page(c, shown);
        c.out().start("Parameters");
        page.forEach(d -> EcXml.parameter(c.out(), d, group));
        c.out().end();
        c.out().emptyElement("CacheNodeTypeSpecificParameters");
    }

    void describeEngineDefaults(Call c) {
        String family = c.params().required("CacheParameterGroupFamily");
        if (!Engines.isFamily(family)) {
            throw EcErrors.invalidParameterValue("The parameter CacheParameterGroupFamily is not valid: " + family);
        }
        c.out().start("EngineDefaults");
        c.out().element("CacheParameterGroupFamily", family);
        List<Parameters.Definition> page = Paging.page(c, Parameters.ALL);
        c.out().start("Parameters");
        page.forEach(d -> EcXml.parameter(c.out(), d, null));
        c.out().end();
        c.out().emptyElement("CacheNodeTypeSpecificParameters");
        c.out().end();
    }

    static ParameterGroup require(Call c, String name) {
        ParameterGroup g = c.state().parameterGroups().get(name.toLowerCase(Locale.ROOT));
        if (g == null) {
            throw EcErrors.parameterGroupNotFound(name);
        }
        return g;
    }
}
