package dev.minicloud.s3.internal.service;

import dev.minicloud.s3.internal.acl.AccessControlList;
import dev.minicloud.s3.internal.acl.ObjectOwnership;
import dev.minicloud.s3.internal.lock.ObjectLockConfiguration;
import dev.minicloud.s3.internal.store.Bucket;
import dev.minicloud.s3.internal.store.S3Store;
import dev.minicloud.s3.internal.store.VersioningState;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Bucket-level operations with S3's rules: naming, ownership conflicts, emptiness on delete, the
 * region a bucket lives in, listing with prefix and pagination, and bucket tags.
 */
public final class BucketService {
    private final S3Store store;
    private final Clock clock;

    public BucketService(S3Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The bucket, or 404 {@code NoSuchBucket}. */
    public Bucket require(String account, String name) {
        Bucket b = store.bucket(account, name);
        if (b == null) {
            throw S3Errors.noSuchBucket(name);
        }
        return b;
    }

    public Bucket create(String account, String name, String region) {
        return create(account, name, region, ObjectOwnership.BucketOwnerEnforced, null);
    }

    /** Creates a bucket with its ownership rule and ACL in place before anyone can see it. */
    public Bucket create(String account, String name, String region, ObjectOwnership ownership, AccessControlList acl) {
        return create(account, name, region, ownership, acl, false);
    }

    /** As above; {@code objectLock} enables Object Lock (and with it versioning) before anyone can see the bucket. */
    public Bucket create(
            String account,
            String name,
            String region,
            ObjectOwnership ownership,
            AccessControlList acl,
            boolean objectLock) {
        if (!BucketNames.isValid(name)) {
            throw S3Errors.invalidBucketName(name);
        }
        Bucket created = new Bucket(name, region, account, clock.instant(), store.quota());
        created.ownership(ownership);
        created.acl(acl);
        if (objectLock) {
            created.versioning(VersioningState.ENABLED);
            created.objectLock(ObjectLockConfiguration.ENABLED);
        }
        if (store.createBucket(account, created) != null) {
            throw S3Errors.bucketAlreadyOwnedByYou(name);
        }
        return created;
    }

    public void delete(String account, String name) {
        Bucket b = require(account, name);
        if (b.hasVersions()) {
            throw S3Errors.bucketNotEmpty(name);
        }
        store.removeBucket(account, b);
    }

    /** One page of ListBuckets. */
    public record BucketPage(List<Bucket> buckets, String continuationToken) {}

    public BucketPage list(String account, String prefix, String continuationToken, int maxBuckets) {
        String after = continuationToken == null ? null : decodeToken(continuationToken);
        List<Bucket> all = store.listBuckets(account).stream()
                .filter(b -> prefix == null || b.name().startsWith(prefix))
                .filter(b -> after == null || b.name().compareTo(after) > 0)
                .sorted(Comparator.comparing(Bucket::name))
                .toList();
        if (all.size() <= maxBuckets) {
            return new BucketPage(all, null);
        }
        List<Bucket> page = all.subList(0, maxBuckets);
        return new BucketPage(page, encodeToken(page.get(page.size() - 1).name()));
    }

    public void putTags(Bucket bucket, Map<String, String> tags) {
        bucket.tags(TagSets.validate(tags, 50));
    }

    public Map<String, String> tags(Bucket bucket) {
        if (bucket.tags().isEmpty()) {
            throw S3Errors.noSuchTagSet().with("BucketName", bucket.name());
        }
        return bucket.tags();
    }

    static String encodeToken(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static String decodeToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw S3Errors.invalidArgument("The continuation token provided is incorrect", "continuation-token", token);
        }
    }
}
