package dev.minicloud.s3.internal.replication;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A V2 rule's {@code Filter}: a prefix, one tag, or an {@code And} of a prefix and tags.
 * {@code prefix} is {@code null} when the document has none; {@code and} records which form was
 * sent so that GetBucketReplication answers the same shape.
 */
public record RuleFilter(String prefix, Map<String, String> tags, boolean and) {

    public RuleFilter {
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** Whether the key has the prefix and the object carries every tag of the filter. */
    public boolean matches(String key, Map<String, String> objectTags) {
        if (prefix != null && !key.startsWith(prefix)) {
            return false;
        }
        for (Map.Entry<String, String> t : tags.entrySet()) {
            if (!t.getValue().equals(objectTags.get(t.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
