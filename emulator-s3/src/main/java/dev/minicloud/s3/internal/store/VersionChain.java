package dev.minicloud.s3.internal.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * All versions of one key, newest first. Readers take {@link #versions()} without locking (the
 * list is replaced, never mutated); writers hold the chain's monitor, which {@link Bucket#mutate}
 * takes for them, so writes to one key are serialized and the last one to commit wins.
 *
 * <p>Ownership: the chain owns the data of each version it holds and releases it when the version
 * is removed or replaced by a write (a tag-only change keeps the data). It also charges each
 * version's record to the store's quota ({@link #recordCost}); a write the quota cannot take throws
 * {@link StorageFullException} before anything changes, and the caller keeps the data it offered.
 */
public final class VersionChain {
    /** What a version record costs besides its strings: the record, its maps and list entries. */
    static final long RECORD_OVERHEAD = 256;

    private final String key;
    private final StorageQuota quota;
    private volatile List<ObjectVersion> versions = List.of();
    private boolean dead;

    VersionChain(String key, StorageQuota quota) {
        this.key = key;
        this.quota = quota;
    }

    /**
     * The heap a version's record takes beyond its data pages, as charged to the quota: a fixed
     * overhead plus two bytes per character of the key, metadata and tags (Java strings are UTF-16
     * at worst). An estimate, but one that grows with everything a client can make us keep.
     */
    public static long recordCost(ObjectVersion v) {
        long chars = (long) v.key().length() + v.versionId().length();
        ObjectMetadata m = v.metadata();
        chars += length(m.contentType())
                + length(m.contentEncoding())
                + length(m.contentDisposition())
                + length(m.contentLanguage())
                + length(m.cacheControl())
                + length(m.expires());
        chars += entries(m.userMetadata()) + entries(v.tags());
        return RECORD_OVERHEAD + 2 * chars;
    }

    private static long length(String s) {
        return s == null ? 0 : s.length();
    }

    private static long entries(Map<String, String> map) {
        long n = 0;
        for (Map.Entry<String, String> e : map.entrySet()) {
            n += e.getKey().length() + e.getValue().length() + 32;
        }
        return n;
    }

    /**
     * Reserves {@code v}'s record ahead of {@link #addReserved}, for writers that must know the
     * write fits before they tell anyone about it (replication marks a version pending).
     *
     * @throws StorageFullException leaving nothing reserved
     */
    public void reserve(ObjectVersion v) {
        quota.reserveRecord(recordCost(v));
    }

    /** Gives back what {@link #reserve} took, for a write that did not happen after all. */
    public void unreserve(ObjectVersion v) {
        quota.releaseRecord(recordCost(v));
    }

    public String key() {
        return key;
    }

    /** Newest first; immutable snapshot. */
    public List<ObjectVersion> versions() {
        return versions;
    }

    /** The current version (possibly a delete marker), or {@code null} if the key has none. */
    public ObjectVersion latest() {
        List<ObjectVersion> v = versions;
        return v.isEmpty() ? null : v.get(0);
    }

    /** The current version if it is an object (not a delete marker), else {@code null}. */
    public ObjectVersion latestObject() {
        ObjectVersion v = latest();
        return v == null || v.deleteMarker() ? null : v;
    }

    public ObjectVersion find(String versionId) {
        for (ObjectVersion v : versions) {
            if (v.versionId().equals(versionId)) {
                return v;
            }
        }
        return null;
    }

    /**
     * Adds {@code version} as the newest. A version with the {@code null} id replaces any earlier
     * {@code null} version, whose data is released.
     */
    public void add(ObjectVersion version) {
        reserve(version);
        addReserved(version);
    }

    /** {@link #add} for a version whose record {@link #reserve} charged (with the same key, metadata and tags). */
    public void addReserved(ObjectVersion version) {
        List<ObjectVersion> next = new ArrayList<>(versions.size() + 1);
        next.add(version);
        ObjectVersion replaced = null;
        for (ObjectVersion v : versions) {
            if (v.versionId().equals(version.versionId())) {
                replaced = v;
            } else {
                next.add(v);
            }
        }
        versions = List.copyOf(next);
        // released only once readers can find the successor (a reader holding the old one retries)
        if (replaced != null) {
            drop(replaced);
        }
    }

    /** Replaces a version's record in place (e.g. new tags), keeping its data handle. */
    public void replace(ObjectVersion updated) {
        List<ObjectVersion> next = new ArrayList<>(versions);
        for (int i = 0; i < next.size(); i++) {
            if (next.get(i).versionId().equals(updated.versionId())) {
                long before = recordCost(next.get(i));
                long after = recordCost(updated);
                if (after > before) {
                    quota.reserveRecord(after - before);
                } else {
                    quota.releaseRecord(before - after);
                }
                next.set(i, updated);
                versions = List.copyOf(next);
                return;
            }
        }
        throw new IllegalArgumentException("no version " + updated.versionId() + " of " + key);
    }

    /** Removes one version for good and releases its data; returns it, or {@code null} if absent. */
    public ObjectVersion remove(String versionId) {
        List<ObjectVersion> current = versions;
        if (current.size() == 1 && current.get(0).versionId().equals(versionId)) {
            // The common case of expiry (a key's only version): no list copied to become garbage.
            ObjectVersion v = current.get(0);
            versions = List.of();
            drop(v);
            return v;
        }
        List<ObjectVersion> next = new ArrayList<>(current);
        for (int i = 0; i < next.size(); i++) {
            ObjectVersion v = next.get(i);
            if (v.versionId().equals(versionId)) {
                next.remove(i);
                versions = List.copyOf(next);
                drop(v);
                return v;
            }
        }
        return null;
    }

    public boolean isEmpty() {
        return versions.isEmpty();
    }

    void releaseAll() {
        List<ObjectVersion> dropped = versions;
        versions = List.of();
        dropped.forEach(this::drop);
    }

    /** Releases a version that left the chain: its data handle and its record. */
    private void drop(ObjectVersion v) {
        v.data().release();
        quota.releaseRecord(recordCost(v));
    }

    boolean isDead() {
        return dead;
    }

    void markDead() {
        dead = true;
    }
}
