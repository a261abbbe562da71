package dev.minicloud.s3.internal.replication;

import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.s3.internal.policy.BucketPolicies;
import dev.minicloud.s3.internal.service.S3Errors;
import dev.minicloud.s3.internal.store.Bucket;
import dev.minicloud.s3.internal.store.S3Store;
import dev.minicloud.s3.internal.store.VersioningState;
import java.util.HashSet;
import java.util.Set;

/**
 * PutBucketReplication's checks beyond the schema, with S3's errors: the source must be versioned,
 * every destination must exist with versioning enabled, V2 rules need a priority and a
 * delete-marker setting, priorities and ids are unique, tag filters exclude delete-marker
 * replication, and a configuration holds at most 1,000 rules. A destination in another account
 * must have a bucket policy that lets the source account read its versioning
 * ({@code s3:GetBucketVersioning}), as S3's cross-account setup requires.
 */
public final class ReplicationValidator {
    static final int MAX_RULES = 1000;
    private static final String GUIDE = " Please refer to S3 Developer Guide for more information.";

    private final S3Store store;
    private final BucketPolicies policies;

    public ReplicationValidator(S3Store store, BucketPolicies policies) {
        this.store = store;
        this.policies = policies;
    }

    public void validate(String account, Bucket source, ReplicationConfiguration config) {
        if (config.rules().isEmpty()) {
            throw S3Errors.malformedXml();
        }
        if (config.rules().size() > MAX_RULES) {
            throw S3Errors.invalidRequest(
                    "Number of rules in the replication configuration exceeds the maximum of " + MAX_RULES + ".");
        }
        if (source.versioning() != VersioningState.ENABLED) {
            throw S3Errors.invalidRequest(
                    "Versioning must be 'Enabled' on the bucket to apply a replication configuration");
        }
        boolean anyV2 = config.rules().stream().anyMatch(ReplicationRule::isV2);
        boolean anyV1 = config.rules().stream().anyMatch(r -> !r.isV2());
        if (anyV1 && anyV2) {
            throw S3Errors.invalidRequest("All rules of a replication configuration must use either Prefix or Filter.");
        }
        Set<String> ids = new HashSet<>();
        Set<Integer> priorities = new HashSet<>();
        for (ReplicationRule rule : config.rules()) {
            if (rule.id().length() > 255) {
                throw invalidArgument("ID length should not exceed allowed limit of 255", "ID", rule.id());
            }
            if (!ids.add(rule.id())) {
                throw invalidArgument("Rule Id must be unique. Found same ID for more than one rule", "ID", rule.id());
            }
            if (rule.isV2()) {
                if (rule.priority() == null) {
                    throw S3Errors.invalidRequest(
                            "Priority must be specified for this version of Cross Region Replication configuration schema."
                                    + GUIDE);
                }
                if (rule.deleteMarkerReplication() == null) {
                    throw S3Errors.invalidRequest("DeleteMarkerReplication must be specified for this version of "
                            + "Cross Region Replication configuration schema." + GUIDE);
                }
                if (!priorities.add(rule.priority())) {
                    throw S3Errors.invalidRequest("Found overlapping priority " + rule.priority()
                            + " in the replication configuration: priorities must be unique." + GUIDE);
                }
                if (rule.hasTagFilter() && "Enabled".equals(rule.deleteMarkerReplication())) {
                    throw S3Errors.invalidRequest(
                            "Delete marker replication is not supported if any Tag filter is specified." + GUIDE);
                }
            } else if (rule.deleteMarkerReplication() != null || rule.priority() != null) {
                throw S3Errors.invalidRequest("Priority and DeleteMarkerReplication require a rule Filter "
                        + "(this version of Cross Region Replication configuration schema)." + GUIDE);
            }
            ReplicationDestination d = rule.destination();
            if (!d.bucketArn().startsWith(ReplicationDestination.ARN_PREFIX)
                    || d.bucketName().isEmpty()) {
                throw invalidArgument("Invalid bucket ARN: " + d.bucketArn(), "Bucket", d.bucketArn());
            }
            String destAccount = d.account() == null ? account : d.account();
            Bucket dest = store.bucket(destAccount, d.bucketName());
            if (!destAccount.equals(account)
                    && (dest == null
                            || !policies.allows(
                                    dest, account, "s3:GetBucketVersioning", BucketPolicies.arn(dest, null)))) {
                // Another account's bucket: whether it is missing or not granted must look the same,
                // or any account could probe which bucket names another account has.
                throw new AwsException(403, "AccessDenied", "Access Denied");
            }
            if (dest == source) {
                throw S3Errors.invalidRequest("Destination bucket cannot be the same as the source bucket.");
            }
            if (dest == null || dest.versioning() != VersioningState.ENABLED) {
                throw S3Errors.invalidRequest("Destination bucket must have versioning enabled.");
            }
        }
    }

    private static AwsException invalidArgument(String message, String name, String value) {
        return S3Errors.invalidArgument(message, name, value);
    }
}
