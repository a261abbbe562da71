package dev.minicloud.kv.elasticache.internal.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads {@code Tags.Tag.N.Key/Value} and applies ElastiCache's limits (50 per resource, no {@code aws:} keys). */
final class Tags {
    static final int MAX = 50;

    private Tags() {}

    static Map<String, String> read(Params p) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Params t : p.members("Tags")) {
            String key = t.string("Key");
            if (key == null || key.isEmpty()) {
                throw EcErrors.invalidParameterValue("Tag key must not be empty.");
            }
            if (key.startsWith("aws:")) {
                throw EcErrors.invalidParameterValue("Tag keys starting with 'aws:' are reserved for AWS.");
            }
            String value = t.string("Value");
            tags.put(key, value == null ? "" : value);
        }
        return tags;
    }

    /** Adds {@code more} to {@code tags}, refusing (without a change) to go past the limit. */
    static void add(Map<String, String> tags, Map<String, String> more) {
        Map<String, String> merged = new LinkedHashMap<>(tags);
        merged.putAll(more);
        if (merged.size() > MAX) {
            throw EcErrors.of(
                    400,
                    "TagQuotaPerResourceExceeded",
                    "The request cannot be processed because it would cause the resource to have more than the allowed "
                            + "number of tags. The maximum number of tags permitted on a resource is " + MAX + ".");
        }
        tags.putAll(more);
    }
}
