package dev.minicloud.s3.internal.policy;

import java.util.List;
import java.util.Locale;

/**
 * The IAM actions of S3 that a bucket policy may name (bucket and object actions from AWS's service
 * authorization reference; account-level ones such as {@code s3:CreateJob} do not apply to a
 * bucket's resources). A policy's action, with IAM wildcards, must match at least one of them,
 * or S3 answers {@code MalformedPolicy} "Policy has invalid action".
 */
final class S3Actions {
    private static final List<String> ACTIONS = List.of(
            "AbortMultipartUpload",
            "BypassGovernanceRetention",
            "CreateBucket",
            "CreateBucketMetadataTableConfiguration",
            "DeleteBucket",
            "DeleteBucketMetadataTableConfiguration",
            "DeleteBucketOwnershipControls",
            "DeleteBucketPolicy",
            "DeleteBucketWebsite",
            "DeleteObject",
            "DeleteObjectTagging",
            "DeleteObjectVersion",
            "DeleteObjectVersionTagging",
            "GetAccelerateConfiguration",
            "GetAnalyticsConfiguration",
            "GetBucketAbac",
            "GetBucketAcl",
            "GetBucketCORS",
            "GetBucketLocation",
            "GetBucketLogging",
            "GetBucketMetadataTableConfiguration",
            "GetBucketNotification",
            "GetBucketObjectLockConfiguration",
            "GetBucketOwnershipControls",
            "GetBucketPolicy",
            "GetBucketPolicyStatus",
            "GetBucketPublicAccessBlock",
            "GetBucketRequestPayment",
            "GetBucketTagging",
            "GetBucketVersioning",
            "GetBucketWebsite",
            "GetEncryptionConfiguration",
            "GetIntelligentTieringConfiguration",
            "GetInventoryConfiguration",
            "GetLifecycleConfiguration",
            "GetMetricsConfiguration",
            "GetObject",
            "GetObjectAcl",
            "GetObjectAttributes",
            "GetObjectLegalHold",
            "GetObjectRetention",
            "GetObjectTagging",
            "GetObjectTorrent",
            "GetObjectVersion",
            "GetObjectVersionAcl",
            "GetObjectVersionAttributes",
            "GetObjectVersionForReplication",
            "GetObjectVersionTagging",
            "GetObjectVersionTorrent",
            "GetReplicationConfiguration",
            "ListAllMyBuckets",
            "ListBucket",
            "ListBucketMultipartUploads",
            "ListBucketVersions",
            "ListMultipartUploadParts",
            "ObjectOwnerOverrideToBucketOwner",
            "PutAccelerateConfiguration",
            "PutAnalyticsConfiguration",
            "PutBucketAbac",
            "PutBucketAcl",
            "PutBucketCORS",
            "PutBucketLogging",
            "PutBucketNotification",
            "PutBucketObjectLockConfiguration",
            "PutBucketOwnershipControls",
            "PutBucketPolicy",
            "PutBucketPublicAccessBlock",
            "PutBucketRequestPayment",
            "PutBucketTagging",
            "PutBucketVersioning",
            "PutBucketWebsite",
            "PutEncryptionConfiguration",
            "PutIntelligentTieringConfiguration",
            "PutInventoryConfiguration",
            "PutLifecycleConfiguration",
            "PutMetricsConfiguration",
            "PutObject",
            "PutObjectAcl",
            "PutObjectLegalHold",
            "PutObjectRetention",
            "PutObjectTagging",
            "PutObjectVersionAcl",
            "PutObjectVersionTagging",
            "PutReplicationConfiguration",
            "ReplicateDelete",
            "ReplicateObject",
            "ReplicateTags",
            "RestoreObject");

    private S3Actions() {}

    /** Whether {@code action} ({@code s3:...}, any case, IAM wildcards allowed) names at least one S3 action. */
    static boolean isKnown(String action) {
        String pattern = action.toLowerCase(Locale.ROOT);
        if (pattern.equals("*")) {
            return true;
        }
        for (String a : ACTIONS) {
            if (Wildcards.matches(pattern, "s3:" + a.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
