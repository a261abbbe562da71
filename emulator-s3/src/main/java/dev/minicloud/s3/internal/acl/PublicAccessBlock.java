package dev.minicloud.s3.internal.acl;

/**
 * A bucket's S3 Block Public Access settings. New buckets get {@link #ALL} (S3's default since
 * April 2023). {@code blockPublicAcls} refuses public ACLs on writes and {@code blockPublicPolicy}
 * refuses public bucket policies; the two others change what access evaluation allows.
 */
public record PublicAccessBlock(
        boolean blockPublicAcls, boolean ignorePublicAcls, boolean blockPublicPolicy, boolean restrictPublicBuckets) {
    public static final PublicAccessBlock ALL = new PublicAccessBlock(true, true, true, true);
}
