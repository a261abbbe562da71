package dev.minicloud.s3.internal.lifecycle;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which objects a lifecycle rule covers: a key prefix, tags the object must all carry (each key and
 * value exactly, more tags on the object are fine), and exclusive size bounds. {@code form} keeps
 * how the rule said it, so GetBucketLifecycleConfiguration writes the filter back as it was put: a
 * legacy rule-level {@code <Prefix>}, an empty {@code <Filter/>}, one predicate, or an {@code <And>}.
 *
 * @param prefix the key prefix ({@code ""} matches every key)
 * @param tags tag keys to values, in document order
 * @param sizeGreaterThan exclusive lower bound in bytes, or {@code null}
 * @param sizeLessThan exclusive upper bound in bytes, or {@code null}
 */
public record LifecycleFilter(
        Form form, String prefix, Map<String, String> tags, Long sizeGreaterThan, Long sizeLessThan) {

    /** How the rule spelled its filter. */
    public enum Form {
        LEGACY_PREFIX,
        EMPTY,
        PREFIX,
        TAG,
        SIZE_GREATER,
        SIZE_LESS,
        AND
    }

    public LifecycleFilter {
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        prefix = prefix == null ? "" : prefix;
    }

    /** Whether an object of this key, tags and size is covered. */
    public boolean matches(String key, Map<String, String> objectTags, long size) {
        if (!key.startsWith(prefix)) {
            return false;
        }
        for (Map.Entry<String, String> t : tags.entrySet()) {
            if (!t.getValue().equals(objectTags.get(t.getKey()))) {
                return false;
            }
        }
        return (sizeGreaterThan == null || size > sizeGreaterThan) && (sizeLessThan == null || size < sizeLessThan);
    }

    boolean hasTags() {
        return !tags.isEmpty();
    }

    boolean hasSize() {
        return sizeGreaterThan != null || sizeLessThan != null;
    }
}
