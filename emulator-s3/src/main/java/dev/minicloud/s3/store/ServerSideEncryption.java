package dev.minicloud.s3.store;

/**
 * How S3 says an object is encrypted at rest ({@code x-amz-server-side-encryption} and its KMS
 * headers), or a bucket's default for new objects. Every object is encrypted on S3 since 2023
 * (SSE-S3, {@link #SSE_S3}, unless asked otherwise); MiniCloud keeps the data in memory
 * unencrypted and only reports what S3 would.
 *
 * @param algorithm {@code AES256}, {@code aws:kms} or {@code aws:kms:dsse}
 * @param kmsKeyId the KMS key for the KMS algorithms, else {@code null}
 */
public record ServerSideEncryption(String algorithm, String kmsKeyId, boolean bucketKeyEnabled) {
    public static final ServerSideEncryption SSE_S3 = new ServerSideEncryption("AES256", null, false);

    public boolean usesKms() {
        return !algorithm.equals("AES256");
    }
}
