package dev.minicloud.s3.internal.versioning;

import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.s3.internal.service.S3Errors;
import dev.minicloud.s3.internal.store.Bucket;
import dev.minicloud.s3.internal.store.VersioningState;

/**
 * PutBucketVersioning's rules: {@code Enabled} or {@code Suspended} (a bucket never returns to
 * unversioned), anything else is {@code MalformedXML}; versioning cannot be suspended while the
 * bucket has a replication configuration or Object Lock; MFA delete is not emulated.
 */
public final class VersioningService {

    /** Applies {@code status} ({@code null}: the document named none, which changes nothing). */
    public void set(Bucket bucket, String status, String mfaDelete, boolean hasReplication) {
        if (mfaDelete != null && !mfaDelete.equals("Disabled")) {
            if (!mfaDelete.equals("Enabled")) {
                throw S3Errors.malformedXml();
            }
            throw new AwsException(
                    400, "InvalidRequest", "DevPay and Mfa are mutually exclusive authorization methods.");
        }
        if (status == null) {
            return;
        }
        switch (status) {
            case "Enabled" -> bucket.versioning(VersioningState.ENABLED);
            case "Suspended" -> {
                if (bucket.objectLock() != null) {
                    throw new AwsException(
                                    409,
                                    "InvalidBucketState",
                                    "An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.")
                            .with("BucketName", bucket.name());
                }
                if (hasReplication) {
                    throw new AwsException(
                                    409,
                                    "InvalidBucketState",
                                    "Replication configuration is present on this bucket, so the versioning state cannot be changed.")
                            .with("BucketName", bucket.name());
                }
                bucket.versioning(VersioningState.SUSPENDED);
            }
            default -> throw S3Errors.malformedXml();
        }
    }
}
