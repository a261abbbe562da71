package dev.minicloud.kv.elasticache.internal.api;

import dev.minicloud.kv.elasticache.internal.model.Engines;
import dev.minicloud.kv.elasticache.internal.model.Event;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** DescribeCacheEngineVersions and DescribeEvents. */
final class InfoOperations {
    private static final List<String> SOURCE_TYPES = List.of(
            "cache-cluster",
            "cache-parameter-group",
            "cache-security-group",
            "cache-subnet-group",
            "replication-group",
            "serverless-cache",
            "serverless-cache-snapshot",
            "user",
            "user-group");

    void engineVersions(Call c) {
        Params p = c.params();
        String engine = p.string("Engine");
        String version = p.string("EngineVersion");
        String family = p.string("CacheParameterGroupFamily");
        if (family != null && !Engines.isFamily(family)) {
            throw EcErrors.invalidParameterValue("The parameter CacheParameterGroupFamily is not valid: " + family);
        }
        boolean defaultOnly = p.bool("DefaultOnly", false);
        List<Engines.Version> found = new ArrayList<>();
        for (Engines.Version v : Engines.VERSIONS) {
            if ((engine == null || engine.equals(v.engine()))
                    && (version == null || version.equals(v.version()) || version.equals(v.fullVersion()))
                    && (family == null || family.equals(v.family()))
                    && (!defaultOnly || v.equals(Engines.latest(v.engine())))) {
                found.add(v);
            }
        }
        List<Engines.Version> page = Paging.page(c, found);
        c.out().start("CacheEngineVersions");
        for (Engines.Version v : page) {
            c.out()
                    .start("CacheEngineVersion")
                    .element("Engine", v.engine())
                    .element("EngineVersion", v.version())
                    .element("CacheParameterGroupFamily", v.family())
                    .element("CacheEngineDescription", v.engine().equals("redis") ? "Redis" : "Valkey")
                    .element("CacheEngineVersionDescription", v.description())
                    .end();
        }
        c.out().end();
    }

    void events(Call c) {
        Params p = c.params();
        String sourceId = p.string("SourceIdentifier");
        String sourceType = p.string("SourceType");
        if (sourceType != null && !SOURCE_TYPES.contains(sourceType)) {
            throw EcErrors.invalidParameterValue("Invalid value for SourceType: " + sourceType);
        }
        if (sourceId != null && sourceType == null) {
            throw EcErrors.invalidParameterCombination("SourceType must be given with SourceIdentifier.");
        }
        Instant end = time(p, "EndTime", c.now());
        Integer minutes = p.integer("Duration");
        Instant start = time(p, "StartTime", null);
        if (start == null) {
            start = end.minusSeconds(60L * (minutes == null ? 60 : minutes));
        }
        List<Event> found = new ArrayList<>();
        // newest first, as ElastiCache lists them
        for (int i = c.state().events().size() - 1; i >= 0; i--) {
            Event e = c.state().events().get(i);
            if ((sourceId == null || sourceId.equals(e.sourceIdentifier()))
                    && (sourceType == null || sourceType.equals(e.sourceType()))
                    && !e.date().isBefore(start)
                    && !e.date().isAfter(end)) {
                found.add(e);
            }
        }
        List<Event> page = Paging.page(c, found);
        c.out().start("Events");
        page.forEach(e -> EcXml.event(c.out(), e));
        c.out().end();
    }

    private static Instant time(Params p, String name, Instant fallback) {
        String v = p.string(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw EcErrors.invalidParameterValue("Invalid timestamp for " + name + ": " + v);
        }
    }
}
