package dev.minicloud.s3.store;

import java.util.ArrayList;
import java.util.List;

/**
 * All versions of one key, newest first. Readers take {@link #versions()} without locking (the
 * list is replaced, never mutated); writers hold the chain's monitor, which {@link Bucket#mutate}
 * takes for them, so writes to one key are serialized and the last one to commit wins.
 *
 * <p>Ownership: the chain owns the data of each version it holds and releases it when the version
 * is removed or replaced by a write (a tag-only change keeps the data).
 */
public final class VersionChain {
    private final String key;
    private volatile List<ObjectVersion> versions = List.of();
    private boolean dead;

    VersionChain(String key) {
        this.key = key;
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
            replaced.data().release();
        }
    }

    /** Replaces a version's record in place (e.g. new tags), keeping its data handle. */
    public void replace(ObjectVersion updated) {
        List<ObjectVersion> next = new ArrayList<>(versions);
        for (int i = 0; i < next.size(); i++) {
            if (next.get(i).versionId().equals(updated.versionId())) {
                next.set(i, updated);
                versions = List.copyOf(next);
                return;
            }
        }
        throw new IllegalArgumentException("no version " + updated.versionId() + " of " + key);
    }

    /** Removes one version for good and releases its data; returns it, or {@code null} if absent. */
    public ObjectVersion remove(String versionId) {
        List<ObjectVersion> next = new ArrayList<>(versions);
        for (int i = 0; i < next.size(); i++) {
            ObjectVersion v = next.get(i);
            if (v.versionId().equals(versionId)) {
                next.remove(i);
                versions = List.copyOf(next);
                v.data().release();
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
        dropped.forEach(v -> v.data().release());
    }

    boolean isDead() {
        return dead;
    }

    void markDead() {
        dead = true;
    }
}
