package dev.minicloud.s3.internal.acl;

/**
 * A bucket's S3 Object Ownership setting, by its names on the wire. {@link #BucketOwnerEnforced}
 * (S3's default for new buckets since April 2023) disables ACLs: reads show the owner's
 * FULL_CONTROL, writes other than the owner's full control are refused.
 */
public enum ObjectOwnership {
    BucketOwnerPreferred,
    ObjectWriter,
    BucketOwnerEnforced;

    /** The setting named {@code name} exactly, or {@code null}. */
    public static ObjectOwnership named(String name) {
        for (ObjectOwnership o : values()) {
            if (o.name().equals(name)) {
                return o;
            }
        }
        return null;
    }
}
