package dev.minicloud.s3.internal.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * All S3 state of one MiniCloud instance: per account, its buckets by name. Accounts are isolated
 * namespaces (so parallel test classes using different accounts never see each other's
 * buckets). Knows nothing of HTTP; the service layer adds S3's rules on top.
 */
public final class S3Store {
    private final StorageQuota quota;
    private final Map<String, Map<String, Bucket>> accounts = new ConcurrentHashMap<>();

    public S3Store(long memoryLimit) {
        this.quota = new StorageQuota(memoryLimit);
    }

    public StorageQuota quota() {
        return quota;
    }

    private Map<String, Bucket> buckets(String account) {
        return accounts.computeIfAbsent(account, a -> new ConcurrentHashMap<>());
    }

    public Bucket bucket(String account, String name) {
        Map<String, Bucket> b = accounts.get(account);
        return b == null ? null : b.get(name);
    }

    public Collection<Bucket> listBuckets(String account) {
        return buckets(account).values();
    }

    /** Every bucket of every account, a snapshot (for passes over all of them, such as lifecycle). */
    public List<Bucket> allBuckets() {
        List<Bucket> all = new ArrayList<>();
        for (Map<String, Bucket> byName : accounts.values()) {
            all.addAll(byName.values());
        }
        return all;
    }

    /**
     * The buckets of every account with this name (S3's names are global; MiniCloud's accounts are
     * separate namespaces, so several may have it). Only strict mode asks, for a name the caller's
     * own namespace lacks.
     */
    public List<Bucket> bucketsNamed(String name) {
        List<Bucket> named = new ArrayList<>(1);
        for (Map<String, Bucket> byName : accounts.values()) {
            Bucket b = byName.get(name);
            if (b != null) {
                named.add(b);
            }
        }
        return named;
    }

    /** Adds the bucket unless the name is taken; returns the bucket already there, or {@code null}. */
    public Bucket createBucket(String account, Bucket bucket) {
        return buckets(account).putIfAbsent(bucket.name(), bucket);
    }

    /** Removes the bucket and releases what it holds. */
    public void removeBucket(String account, Bucket bucket) {
        if (buckets(account).remove(bucket.name(), bucket)) {
            bucket.releaseAll();
        }
    }

    /** Forgets everything (admin reset). */
    public void clear() {
        for (Map<String, Bucket> byName : accounts.values()) {
            byName.values().forEach(Bucket::releaseAll);
            byName.clear();
        }
        accounts.clear();
    }
}
