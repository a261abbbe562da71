package dev.minicloud.s3.internal.versioning;

import dev.minicloud.s3.internal.service.S3Errors;
import dev.minicloud.s3.internal.store.Bucket;
import dev.minicloud.s3.internal.store.ObjectVersion;
import dev.minicloud.s3.internal.store.VersionChain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * ListObjectVersions over a bucket: keys in order, each key's versions newest first (delete markers
 * included, the first one {@code IsLatest}), rolled up into common prefixes by {@code delimiter},
 * resumed after {@code key-marker} (all its versions) or after {@code key-marker} +
 * {@code version-id-marker} (that version), at most {@code maxKeys} entries (a common prefix counts
 * as one), with the markers to continue from when truncated.
 */
public final class VersionListing {

    /** One listed version: its record and whether it is the key's current version. */
    public record Entry(ObjectVersion version, boolean latest) {}

    /**
     * One page. Entries and common prefixes are each in listing order.
     *
     * @param nextKeyMarker        where the next page starts, when truncated
     * @param nextVersionIdMarker  the version to resume after, when truncated on a version
     */
    public record Page(
            List<Entry> entries,
            List<String> commonPrefixes,
            boolean truncated,
            String nextKeyMarker,
            String nextVersionIdMarker) {}

    public Page list(
            Bucket bucket, String prefix, String delimiter, String keyMarker, String versionIdMarker, int maxKeys) {
        String p = prefix == null ? "" : prefix;
        String d = delimiter == null || delimiter.isEmpty() ? null : delimiter;
        String km = keyMarker == null || keyMarker.isEmpty() ? null : keyMarker;
        String vm = versionIdMarker == null || versionIdMarker.isEmpty() ? null : versionIdMarker;
        if (vm != null && km == null) {
            throw S3Errors.invalidArgument(
                    "A version-id marker cannot be specified without a key marker.",
                    "version-id-marker",
                    versionIdMarker);
        }
        NavigableMap<String, VersionChain> objects = bucket.objects();
        NavigableMap<String, VersionChain> view = km == null ? objects : objects.tailMap(km, vm != null);
        List<Entry> entries = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String lastKey = null;
        String lastVersion = null;
        int count = 0;
        for (Map.Entry<String, VersionChain> e : view.entrySet()) {
            String key = e.getKey();
            if (!key.startsWith(p)) {
                if (key.compareTo(p) > 0 && !p.isEmpty()) {
                    break;
                }
                continue;
            }
            List<ObjectVersion> versions = e.getValue().versions();
            if (versions.isEmpty()) {
                continue;
            }
            if (d != null) {
                int at = key.indexOf(d, p.length());
                if (at >= 0) {
                    String common = key.substring(0, at + d.length());
                    if ((km != null && common.compareTo(km) <= 0)
                            || (!prefixes.isEmpty()
                                    && prefixes.get(prefixes.size() - 1).equals(common))) {
                        continue;
                    }
                    if (count == maxKeys) {
                        return new Page(entries, prefixes, true, lastKey, lastVersion);
                    }
                    prefixes.add(common);
                    count++;
                    lastKey = common;
                    lastVersion = null;
                    continue;
                }
            }
            int start = 0;
            if (vm != null && key.equals(km)) {
                start = indexAfter(versions, vm);
            }
            for (int i = start; i < versions.size(); i++) {
                if (count == maxKeys) {
                    return new Page(entries, prefixes, true, lastKey, lastVersion);
                }
                entries.add(new Entry(versions.get(i), i == 0));
                count++;
                lastKey = key;
                lastVersion = versions.get(i).versionId();
            }
        }
        return new Page(entries, prefixes, false, null, null);
    }

    /** The index after {@code versionId}; the whole key is skipped if the marker is not one of its versions. */
    private static int indexAfter(List<ObjectVersion> versions, String versionId) {
        for (int i = 0; i < versions.size(); i++) {
            if (versions.get(i).versionId().equals(versionId)) {
                return i + 1;
            }
        }
        return versions.size();
    }
}
