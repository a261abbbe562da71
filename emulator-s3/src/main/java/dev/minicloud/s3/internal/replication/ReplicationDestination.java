package dev.minicloud.s3.internal.replication;

/**
 * A rule's {@code Destination}: the bucket ARN ({@code arn:aws:s3:::name}) and the optional
 * elements S3 stores with it. {@code null} means absent. Only the bucket, the account and the
 * storage class change what replication does; the rest is kept to be returned.
 */
public record ReplicationDestination(
        String bucketArn,
        String account,
        String storageClass,
        String ownerOverride,
        String replicaKmsKeyId,
        String replicationTimeStatus,
        Integer replicationTimeMinutes,
        String metricsStatus,
        Integer metricsMinutes) {

    static final String ARN_PREFIX = "arn:aws:s3:::";

    /** The destination bucket's name, from its ARN. */
    public String bucketName() {
        return bucketArn.substring(ARN_PREFIX.length());
    }
}
