package dev.minicloud.s3.internal.service;

import dev.minicloud.s3.internal.store.Bucket;
import dev.minicloud.s3.internal.store.ObjectVersion;
import dev.minicloud.s3.internal.store.VersionChain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * ListObjects (v1 and v2) over a bucket's sorted keys: prefix, delimiter grouping into common
 * prefixes, resuming strictly after a marker, and a page size. Every key (or common prefix) is
 * returned exactly once across pages, because a page resumes after the last entry it returned,
 * whether that was a key or a common prefix.
 */
public final class ListingService {

    /** One page: current objects and common prefixes in key order, and where the next page starts. */
    public record Page(List<ObjectVersion> objects, List<String> commonPrefixes, boolean truncated, String lastEntry) {}

    /**
     * @param after resume strictly after this key or common prefix ({@code null}: from the start)
     */
    public Page list(Bucket bucket, String prefix, String delimiter, String after, int maxKeys) {
        String p = prefix == null ? "" : prefix;
        String d = delimiter == null || delimiter.isEmpty() ? null : delimiter;
        List<ObjectVersion> objects = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        if (maxKeys <= 0) {
            return new Page(objects, prefixes, false, null);
        }
        String from = after != null && after.compareTo(p) > 0 ? after : p;
        NavigableMap<String, VersionChain> tail = bucket.objects().tailMap(from, true);
        String lastEntry = null;
        int count = 0;
        for (Map.Entry<String, VersionChain> e : tail.entrySet()) {
            String key = e.getKey();
            if (!key.startsWith(p)) {
                break; // sorted: no later key has the prefix
            }
            ObjectVersion v = e.getValue().latestObject();
            if (v == null) {
                continue; // deleted, or a chain being written for the first time
            }
            String entry = key;
            boolean isPrefix = false;
            if (d != null) {
                int i = key.indexOf(d, p.length());
                if (i >= 0) {
                    entry = key.substring(0, i + d.length());
                    isPrefix = true;
                }
            }
            if (after != null && entry.compareTo(after) <= 0) {
                continue;
            }
            if (isPrefix && entry.equals(lastEntry)) {
                continue;
            }
            if (count == maxKeys) {
                return new Page(objects, prefixes, true, lastEntry);
            }
            if (isPrefix) {
                prefixes.add(entry);
            } else {
                objects.add(v);
            }
            lastEntry = entry;
            count++;
        }
        return new Page(objects, prefixes, false, lastEntry);
    }
}
