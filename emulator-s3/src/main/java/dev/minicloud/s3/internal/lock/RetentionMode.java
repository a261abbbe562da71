package dev.minicloud.s3.internal.lock;

/**
 * S3 Object Lock's two retention modes: {@code GOVERNANCE} can be lifted or shortened by a request
 * with {@code x-amz-bypass-governance-retention: true}; {@code COMPLIANCE} by no one until it ends.
 */
public enum RetentionMode {
    GOVERNANCE,
    COMPLIANCE;

    /** The mode S3 names exactly so (upper case), or {@code null}. */
    public static RetentionMode fromName(String name) {
        if (name == null) {
            return null;
        }
        for (RetentionMode m : values()) {
            if (m.name().equals(name.trim())) {
                return m;
            }
        }
        return null;
    }
}
