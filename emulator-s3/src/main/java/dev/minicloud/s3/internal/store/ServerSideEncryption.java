package dev.minicloud.s3.internal.store;

/**
 * How S3 says an object is encrypted at rest ({@code x-amz-server-side-encryption} and its KMS
 * headers), or a bucket's default for new objects. Every object is encrypted on S3 since 2023
 * (SSE-S3, {@link #SSE_S3}, unless asked otherwise); MiniCloud keeps the data in memory
 * unencrypted and only reports what S3 would.
 *
 * @param algorithm {@code AES256}, {@code aws:kms} or {@code aws:kms:dsse}
 * @param kmsKeyId the KMS key for the KMS algorithms, else {@code null}
 * @param customerKeyMd5 for SSE-C, the base64 MD5 of the customer's key (the key itself is never kept)
 */
public record ServerSideEncryption(String algorithm, String kmsKeyId, boolean bucketKeyEnabled, String customerKeyMd5) {
    public static final ServerSideEncryption SSE_S3 = new ServerSideEncryption("AES256", null, false, null);

    public ServerSideEncryption(String algorithm, String kmsKeyId, boolean bucketKeyEnabled) {
        this(algorithm, kmsKeyId, bucketKeyEnabled, null);
    }

    /** SSE-C with the customer key whose MD5 is {@code keyMd5}. */
    public static ServerSideEncryption customerKey(String keyMd5) {
        return new ServerSideEncryption("AES256", null, false, keyMd5);
    }

    public boolean isCustomerKey() {
        return customerKeyMd5 != null;
    }

    public boolean usesKms() {
        return !algorithm.equals("AES256");
    }
}
