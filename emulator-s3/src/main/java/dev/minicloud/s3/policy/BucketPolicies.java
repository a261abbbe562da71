package dev.minicloud.s3.policy;

import dev.minicloud.s3.store.Bucket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bucket policies of one S3 instance, keyed by bucket identity (a bucket deleted and created
 * again under the same name starts without one, as on S3), and the one question other features ask
 * of them: does this bucket's policy let another account do this?
 */
public final class BucketPolicies {
    private final Map<Bucket, BucketPolicy> byBucket = new ConcurrentHashMap<>();

    /** The bucket's policy, or {@code null}. */
    public BucketPolicy get(Bucket bucket) {
        return byBucket.get(bucket);
    }

    public void put(Bucket bucket, BucketPolicy policy) {
        byBucket.put(bucket, policy);
    }

    public void remove(Bucket bucket) {
        byBucket.remove(bucket);
    }

    public void clear() {
        byBucket.clear();
    }

    /**
     * Whether {@code account} may do {@code action} on {@code resource} of {@code bucket}: always for
     * the bucket's owner, for another account only where the bucket's policy allows it.
     */
    public boolean allows(Bucket bucket, String account, String action, String resource) {
        if (bucket.owner().equals(account)) {
            return true;
        }
        BucketPolicy policy = byBucket.get(bucket);
        return policy != null && policy.allows(account, action, resource);
    }

    /** The ARN of a bucket ({@code arn:aws:s3:::name}) or of an object in it. */
    public static String arn(Bucket bucket, String key) {
        return "arn:aws:s3:::" + bucket.name() + (key == null ? "" : "/" + key);
    }
}
