package dev.minicloud.kv.elasticache.internal.api;

import dev.minicloud.internal.xml.XmlWriter;
import dev.minicloud.kv.KvNode;
import dev.minicloud.kv.elasticache.internal.model.EndpointNames;
import dev.minicloud.kv.elasticache.internal.model.Engines;
import dev.minicloud.kv.elasticache.internal.model.Lifecycle;
import dev.minicloud.kv.elasticache.internal.model.ServerlessCache;
import dev.minicloud.kv.elasticache.internal.model.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CreateServerlessCache, DescribeServerlessCaches, DeleteServerlessCache: one KV node per cache,
 * its {@code maxmemory} the {@code CacheUsageLimits.DataStorage.Maximum} (GB; 5000 when unset),
 * both endpoints answering from it. Paging is serverless' own {@code MaxResults}/{@code NextToken}.
 */
final class ServerlessOperations {
    private static final long DEFAULT_STORAGE_GB = 5000;

    private final Env env;

    ServerlessOperations(Env env) {
        this.env = env;
    }

    void create(Call c) {
        Params p = c.params();
        String name = Names.identifier("ServerlessCacheName", p.required("ServerlessCacheName"), 40);
        String engine = p.required("Engine").toLowerCase(Locale.ROOT);
        if (engine.equals("memcached")) {
            throw EcErrors.invalidParameterValue(
                    "The memcached engine is not supported by MiniCloud; use redis or valkey.");
        }
        if (!Engines.isEngine(engine)) {
            throw EcErrors.invalidParameterValue(
                    "Invalid value for Engine: " + engine + ". Valid values are: redis, valkey, memcached.");
        }
        if (c.state().serverless().containsKey(name)) {
            throw EcErrors.of(
                    400, "ServerlessCacheAlreadyExistsFault", "Serverless cache " + name + " already exists.");
        }
        String major = p.string("MajorEngineVersion");
        Engines.Version version = major == null
                ? Engines.latest(engine)
                : Engines.latestOfMajor(engine, major)
                        .orElseThrow(() -> EcErrors.invalidParameterValue(
                                "Invalid MajorEngineVersion " + major + " for engine " + engine + "."));
        Integer maxGb = p.integer("CacheUsageLimits.DataStorage.Maximum");
        String unit = p.string("CacheUsageLimits.DataStorage.Unit");
        if (maxGb != null && (maxGb < 1 || maxGb > 5000 || (unit != null && !unit.equals("GB")))) {
            throw EcErrors.invalidParameterValue("CacheUsageLimits.DataStorage.Maximum must be between 1 and 5000 GB.");
        }
        List<String> snapshots = p.list("SnapshotArnsToRestore");
        Snapshot restore = null;
        if (!snapshots.isEmpty()) {
            String arn = snapshots.get(0);
            restore = SnapshotOperations.require(c, arn.substring(arn.lastIndexOf(':') + 1));
        }
        Map<String, String> tags = Tags.read(p);
        Tags.add(new LinkedHashMap<>(), tags);
        long gb = maxGb == null ? DEFAULT_STORAGE_GB : maxGb;
        KvNode node = env.launcher()
                .start(
                        "serverless-" + name,
                        version,
                        gb * 1024 * 1024 * 1024,
                        c.state().parameterGroups().get(version.defaultParameterGroup()));
        try {
            if (restore != null) {
                node.restore(restore.data());
            }
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        ServerlessCache cache = new ServerlessCache(
                name,
                c.state().arn("serverlesscache", name),
                p.string("Description"),
                c.now(),
                new Lifecycle("creating", c.now().plus(env.transitionDelay())),
                version,
                node,
                p.list("SecurityGroupIds"),
                p.list("SubnetIds"),
                p.string("UserGroupId"),
                gb);
        cache.tags().putAll(tags);
        c.state().serverless().put(name, cache);
        ClusterSpec.event(c, name, "serverless-cache", "Serverless cache " + name + " created");
        write(c, "ServerlessCache", cache);
    }

    void describe(Call c) {
        Params p = c.params();
        String name = p.string("ServerlessCacheName");
        List<ServerlessCache> found =
                name == null ? new ArrayList<>(c.state().serverless().values()) : List.of(require(c, name));
        Integer max = p.integer("MaxResults");
        int size = max == null ? 50 : max;
        if (size < 1 || size > 100) {
            throw EcErrors.invalidParameterValue("The parameter MaxResults must be between 1 and 100.");
        }
        int from = 0;
        String token = p.string("NextToken");
        if (token != null) {
            try {
                from = Integer.parseInt(token);
            } catch (NumberFormatException e) {
                from = -1;
            }
            if (from < 0 || from > found.size()) {
                throw EcErrors.invalidParameterValue("Invalid NextToken: " + token);
            }
        }
        int to = Math.min(found.size(), from + size);
        if (to < found.size()) {
            c.out().element("NextToken", Integer.toString(to));
        }
        c.out().start("ServerlessCaches");
        found.subList(from, to).forEach(s -> write(c, "member", s));
        c.out().end();
    }

    void delete(Call c) {
        Params p = c.params();
        ServerlessCache cache = require(c, p.required("ServerlessCacheName"));
        if (p.string("FinalSnapshotName") != null) {
            throw EcErrors.invalidParameterValue(
                    "Serverless snapshots (FinalSnapshotName) are not supported by MiniCloud.");
        }
        c.state().serverless().remove(cache.name());
        cache.node().close();
        cache.lifecycle().enter("deleting", Instant.MAX);
        ClusterSpec.event(c, cache.name(), "serverless-cache", "Serverless cache " + cache.name() + " deleted");
        write(c, "ServerlessCache", cache);
    }

    static ServerlessCache require(Call c, String name) {
        ServerlessCache s = c.state().serverless().get(name.toLowerCase(Locale.ROOT));
        if (s == null) {
            throw EcErrors.of(404, "ServerlessCacheNotFoundFault", "Serverless cache " + name + " not found.");
        }
        return s;
    }

    private static void write(Call c, String element, ServerlessCache s) {
        XmlWriter w = c.out();
        Instant now = c.now();
        w.start(element);
        w.element("ServerlessCacheName", s.name());
        w.element("Description", s.description());
        w.element("CreateTime", s.created());
        w.element("Status", s.lifecycle().status(now));
        w.element("Engine", s.version().engine());
        w.element(
                "MajorEngineVersion",
                s.version().version().substring(0, s.version().version().indexOf('.')));
        w.element("FullEngineVersion", s.version().fullVersion());
        w.start("CacheUsageLimits")
                .start("DataStorage")
                .element("Maximum", s.dataStorageGb())
                .element("Unit", "GB")
                .end()
                .end();
        if (!s.securityGroupIds().isEmpty()) {
            w.start("SecurityGroupIds");
            s.securityGroupIds().forEach(id -> w.element("SecurityGroupId", id));
            w.end();
        }
        if (!s.node().isClosed()) {
            EcXml.endpoint(
                    c,
                    "Endpoint",
                    EndpointNames.serverless(c.state(), s.name()),
                    s.node().address());
            EcXml.endpoint(
                    c,
                    "ReaderEndpoint",
                    EndpointNames.serverless(c.state(), s.name()),
                    s.node().address());
        }
        w.element("ARN", s.arn());
        w.element("UserGroupId", s.userGroupId());
        if (!s.subnetIds().isEmpty()) {
            w.start("SubnetIds");
            s.subnetIds().forEach(id -> w.element("SubnetId", id));
            w.end();
        }
        w.element("SnapshotRetentionLimit", 0);
        w.element("DailySnapshotTime", "04:00");
        w.end();
    }
}
