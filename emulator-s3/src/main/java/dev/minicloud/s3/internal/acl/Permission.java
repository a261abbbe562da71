package dev.minicloud.s3.internal.acl;

/** The permissions an S3 ACL grant gives, by their names on the wire. */
public enum Permission {
    FULL_CONTROL,
    WRITE,
    WRITE_ACP,
    READ,
    READ_ACP;

    /** The permission named {@code name} exactly, or {@code null}. */
    public static Permission named(String name) {
        for (Permission p : values()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }
}
