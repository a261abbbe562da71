package dev.minicloud.s3.internal.replication;

import dev.minicloud.s3.internal.store.Bucket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The replication configurations of one S3 instance, keyed by bucket identity: a bucket that is
 * deleted and created again under the same name starts without one, as on S3.
 */
public final class ReplicationConfigs {
    private final Map<Bucket, ReplicationConfiguration> byBucket = new ConcurrentHashMap<>();

    /** The bucket's configuration, or {@code null}. */
    public ReplicationConfiguration get(Bucket bucket) {
        return byBucket.get(bucket);
    }

    public void put(Bucket bucket, ReplicationConfiguration config) {
        byBucket.put(bucket, config);
    }

    public void remove(Bucket bucket) {
        byBucket.remove(bucket);
    }

    public void clear() {
        byBucket.clear();
    }
}
