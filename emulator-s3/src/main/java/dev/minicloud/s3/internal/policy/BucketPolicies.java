package dev.minicloud.s3.internal.policy;

import dev.minicloud.s3.internal.store.Bucket;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bucket policies of one S3 instance, keyed by bucket identity (a bucket deleted and created
 * again under the same name starts without one, as on S3), and the question replication asks of
 * them: does this bucket's policy let another account do this?
 */
public final class BucketPolicies {
    private final Map<Bucket, BucketPolicy> byBucket = new ConcurrentHashMap<>();
    private final Clock clock;

    /** {@code clock} gives {@code aws:CurrentTime} to the checks MiniCloud makes on an account's behalf. */
    public BucketPolicies(Clock clock) {
        this.clock = clock;
    }

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
     * Whether {@code account}, in a request MiniCloud makes on its behalf (a replication copy), may do
     * {@code action} on {@code resource} of {@code bucket}: always for the bucket's owner, for another
     * account only where the bucket's policy allows it, its conditions evaluated against such a
     * request (principal keys and the time; no source address).
     */
    public boolean allows(Bucket bucket, String account, String action, String resource) {
        if (bucket.owner().equals(account)) {
            return true;
        }
        BucketPolicy policy = byBucket.get(bucket);
        return policy != null && policy.allows(RequestContext.ofAccount(account, clock.instant()), action, resource);
    }

    /** The ARN of a bucket ({@code arn:aws:s3:::name}) or of an object in it. */
    public static String arn(Bucket bucket, String key) {
        return "arn:aws:s3:::" + bucket.name() + (key == null ? "" : "/" + key);
    }
}
