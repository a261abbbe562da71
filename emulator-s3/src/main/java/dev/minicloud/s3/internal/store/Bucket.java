package dev.minicloud.s3.internal.store;

import dev.minicloud.s3.internal.acl.AccessControlList;
import dev.minicloud.s3.internal.acl.ObjectOwnership;
import dev.minicloud.s3.internal.acl.PublicAccessBlock;
import dev.minicloud.s3.internal.cors.CorsConfiguration;
import dev.minicloud.s3.internal.lifecycle.LifecycleConfiguration;
import dev.minicloud.s3.internal.lock.ObjectLockConfiguration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;

/**
 * One bucket: its name, region and owner, its keys in lexicographic (UTF-16 code unit, which orders
 * like S3's UTF-8 byte order for every key outside the surrogate range) order each mapped to a
 * {@link VersionChain}, its multipart uploads and its bucket-level settings.
 *
 * <p>Concurrency: readers never lock. Writes to one key are serialized on that key's chain by
 * {@link #mutate}; writes to different keys proceed in parallel. Removal ({@link #releaseAll}) first
 * closes the bucket, then releases every chain under its lock: a write that held a chain lock before
 * is released with it, every later one is refused with {@link BucketRemovedException}, so nothing
 * is ever committed into a bucket no one can reach (its memory would never come back).
 */
public final class Bucket {
    private final String name;
    private final String region;
    private final String owner;
    private final Instant created;
    private final NavigableMap<String, VersionChain> objects = new ConcurrentSkipListMap<>();
    private final Map<String, MultipartUpload> uploads = new ConcurrentHashMap<>();
    private final Map<String, CompletedUpload> completed =
            Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, CompletedUpload> eldest) {
                    return size() > 1000;
                }
            });
    private volatile Map<String, String> tags = Map.of();
    private volatile VersioningState versioning = VersioningState.UNVERSIONED;
    private volatile AccessControlList acl;
    private volatile ObjectOwnership ownership = ObjectOwnership.BucketOwnerEnforced;
    private volatile PublicAccessBlock publicAccessBlock = PublicAccessBlock.ALL;
    private volatile CorsConfiguration cors;
    private volatile ObjectLockConfiguration objectLock;
    private volatile ServerSideEncryption defaultEncryption = ServerSideEncryption.SSE_S3;
    private final BucketConfigurations configurations = new BucketConfigurations();
    private volatile boolean closed;
    private volatile LifecycleConfiguration lifecycle;
    private final Map<String, ArchiveRestore> restores = new ConcurrentHashMap<>();
    private final StorageQuota quota;

    /** A bucket outside any store's budget (unit tests). */
    public Bucket(String name, String region, String owner, Instant created) {
        this(name, region, owner, created, new StorageQuota(0));
    }

    /** A bucket whose version records are charged to {@code quota}, as its data pages are. */
    public Bucket(String name, String region, String owner, Instant created, StorageQuota quota) {
        this.name = name;
        this.region = region;
        this.owner = owner;
        this.created = created;
        this.quota = quota;
    }

    /** What a finished CompleteMultipartUpload answered, so that repeating it succeeds as on S3. */
    public record CompletedUpload(
            String key, String etag, String partsFingerprint, String versionId, StoredChecksum checksum) {}

    public String name() {
        return name;
    }

    public String region() {
        return region;
    }

    public String owner() {
        return owner;
    }

    public Instant created() {
        return created;
    }

    /** Keys to version chains, sorted; chains may be transiently empty and must then be skipped. */
    public NavigableMap<String, VersionChain> objects() {
        return Collections.unmodifiableNavigableMap(objects);
    }

    public VersionChain chain(String key) {
        return objects.get(key);
    }

    /** The current object under {@code key} (not a delete marker), or {@code null}. */
    public ObjectVersion latestObject(String key) {
        VersionChain c = objects.get(key);
        return c == null ? null : c.latestObject();
    }

    /**
     * Runs {@code op} on the key's chain while holding it: the unit of atomicity for writes
     * (conditional writes check and commit inside one call). Empty chains are removed afterwards.
     */
    public <R> R mutate(String key, Function<VersionChain, R> op) {
        while (true) {
            VersionChain c = objects.computeIfAbsent(key, k -> new VersionChain(k, quota));
            synchronized (c) {
                if (c.isDead()) {
                    if (closed) {
                        throw new BucketRemovedException(name);
                    }
                    continue; // removed between lookup and lock: take the new chain
                }
                try {
                    if (closed) {
                        throw new BucketRemovedException(name);
                    }
                    return op.apply(c);
                } finally {
                    if (c.isEmpty()) {
                        c.markDead();
                        objects.remove(key, c);
                    }
                }
            }
        }
    }

    /**
     * {@link #mutate} for a key that exists, creating nothing: {@code null} without calling
     * {@code op} when the key has no chain. For a pass over existing keys (lifecycle), which must
     * neither make chains nor allocate per key to find one.
     */
    public <R> R mutateIfPresent(String key, Function<VersionChain, R> op) {
        while (true) {
            VersionChain c = objects.get(key);
            if (c == null) {
                return null;
            }
            synchronized (c) {
                if (closed) {
                    throw new BucketRemovedException(name);
                }
                if (c.isDead()) {
                    continue; // removed between lookup and lock: look again
                }
                try {
                    return op.apply(c);
                } finally {
                    if (c.isEmpty()) {
                        c.markDead();
                        objects.remove(key, c);
                    }
                }
            }
        }
    }

    /** Whether the bucket holds any version of any key (delete markers count, as on S3). */
    public boolean hasVersions() {
        for (VersionChain c : objects.values()) {
            if (!c.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Uploads in progress by id; add new ones with {@link #addUpload}. */
    public Map<String, MultipartUpload> uploads() {
        return uploads;
    }

    /** Registers a new upload, or refuses it (ended) if the bucket has been removed meanwhile. */
    public void addUpload(MultipartUpload upload) {
        uploads.put(upload.uploadId(), upload);
        if (closed) {
            uploads.remove(upload.uploadId(), upload);
            upload.finish();
            throw new BucketRemovedException(name);
        }
    }

    public Map<String, CompletedUpload> completedUploads() {
        return completed;
    }

    public Map<String, String> tags() {
        return tags;
    }

    public void tags(Map<String, String> newTags) {
        this.tags = Collections.unmodifiableMap(new LinkedHashMap<>(newTags));
    }

    public VersioningState versioning() {
        return versioning;
    }

    public void versioning(VersioningState state) {
        this.versioning = state;
    }

    /** The bucket's ACL ({@code null}: S3's default, the owner's FULL_CONTROL). */
    public AccessControlList acl() {
        return acl;
    }

    public void acl(AccessControlList newAcl) {
        this.acl = newAcl;
    }

    /**
     * The bucket's Object Ownership rule; {@code null} once its ownership controls are deleted (ACLs
     * then apply as with {@link ObjectOwnership#ObjectWriter}). New buckets enforce bucket ownership,
     * as on S3 since April 2023.
     */
    public ObjectOwnership ownership() {
        return ownership;
    }

    public void ownership(ObjectOwnership newOwnership) {
        this.ownership = newOwnership;
    }

    /** The bucket's Block Public Access settings, or {@code null} once deleted (new buckets block all). */
    public PublicAccessBlock publicAccessBlock() {
        return publicAccessBlock;
    }

    public void publicAccessBlock(PublicAccessBlock settings) {
        this.publicAccessBlock = settings;
    }

    /** Whether public ACLs are refused on writes. */
    public boolean blocksPublicAcls() {
        PublicAccessBlock p = publicAccessBlock;
        return p != null && p.blockPublicAcls();
    }

    /** Whether public bucket policies are refused. */
    public boolean blocksPublicPolicy() {
        PublicAccessBlock p = publicAccessBlock;
        return p != null && p.blockPublicPolicy();
    }

    /** The configuration documents stored and returned as put (logging, notifications, analytics, ...). */
    public BucketConfigurations configurations() {
        return configurations;
    }

    /** How new objects are encrypted unless a write asks otherwise (SSE-S3 unless configured). */
    public ServerSideEncryption defaultEncryption() {
        return defaultEncryption;
    }

    public void defaultEncryption(ServerSideEncryption encryption) {
        this.defaultEncryption = encryption;
    }

    /** The bucket's CORS rules, or {@code null}. */
    public CorsConfiguration cors() {
        return cors;
    }

    public void cors(CorsConfiguration rules) {
        this.cors = rules;
    }

    /** The bucket's lifecycle configuration, or {@code null}. */
    public LifecycleConfiguration lifecycle() {
        return lifecycle;
    }

    public void lifecycle(LifecycleConfiguration config) {
        this.lifecycle = config;
    }

    /**
     * Restores of archived versions ({@code GLACIER}, {@code DEEP_ARCHIVE}) by {@link ArchiveRestore#slot}:
     * requested, in progress or done, until their restored copy expires.
     */
    public Map<String, ArchiveRestore> restores() {
        return restores;
    }

    /** The bucket's Object Lock configuration, or {@code null} while Object Lock is not enabled. */
    public ObjectLockConfiguration objectLock() {
        return objectLock;
    }

    public void objectLock(ObjectLockConfiguration configuration) {
        this.objectLock = configuration;
    }

    /** Whether ACLs are disabled ({@link ObjectOwnership#BucketOwnerEnforced}). */
    public boolean aclsDisabled() {
        return ownership == ObjectOwnership.BucketOwnerEnforced;
    }

    /** Closes the bucket to writes and drops every object and upload, returning their memory. */
    void releaseAll() {
        closed = true;
        for (VersionChain c : objects.values()) {
            synchronized (c) {
                c.releaseAll();
                c.markDead();
            }
        }
        objects.clear();
        uploads.values().forEach(MultipartUpload::finish);
        uploads.clear();
        restores.clear();
    }
}
