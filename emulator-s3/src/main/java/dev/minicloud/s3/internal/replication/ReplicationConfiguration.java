package dev.minicloud.s3.internal.replication;

import java.util.List;

/**
 * A bucket's replication configuration as accepted by PutBucketReplication: the IAM role (stored,
 * never evaluated) and the rules, in document order. Immutable; replaced as a whole on each PUT.
 */
public record ReplicationConfiguration(String role, List<ReplicationRule> rules) {

    public ReplicationConfiguration {
        rules = List.copyOf(rules);
    }
}
