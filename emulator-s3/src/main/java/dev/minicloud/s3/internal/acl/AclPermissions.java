package dev.minicloud.s3.internal.acl;

import java.util.Map;

/**
 * Which ACL grant lets a caller do an IAM action, as in S3's "Mapping of ACL permissions and access
 * policy permissions": READ on a bucket lists it, WRITE on a bucket writes and deletes its objects,
 * READ on an object reads it, READ_ACP/WRITE_ACP read and write the ACL they sit on, and
 * FULL_CONTROL is all of them. Actions outside this table are never granted by an ACL.
 */
public final class AclPermissions {
    /** Whose ACL carries the grant: the bucket's, or the addressed object version's. */
    public enum On {
        BUCKET,
        OBJECT
    }

    /** The ACL and the permission in it that grant an action. */
    public record Needed(On on, Permission permission) {}

    private static final Map<String, Needed> BY_ACTION = Map.ofEntries(
            Map.entry("s3:ListBucket", new Needed(On.BUCKET, Permission.READ)),
            Map.entry("s3:ListBucketVersions", new Needed(On.BUCKET, Permission.READ)),
            Map.entry("s3:ListBucketMultipartUploads", new Needed(On.BUCKET, Permission.READ)),
            Map.entry("s3:PutObject", new Needed(On.BUCKET, Permission.WRITE)),
            Map.entry("s3:DeleteObject", new Needed(On.BUCKET, Permission.WRITE)),
            Map.entry("s3:DeleteObjectVersion", new Needed(On.BUCKET, Permission.WRITE)),
            Map.entry("s3:GetBucketAcl", new Needed(On.BUCKET, Permission.READ_ACP)),
            Map.entry("s3:PutBucketAcl", new Needed(On.BUCKET, Permission.WRITE_ACP)),
            Map.entry("s3:GetObject", new Needed(On.OBJECT, Permission.READ)),
            Map.entry("s3:GetObjectVersion", new Needed(On.OBJECT, Permission.READ)),
            Map.entry("s3:GetObjectAcl", new Needed(On.OBJECT, Permission.READ_ACP)),
            Map.entry("s3:GetObjectVersionAcl", new Needed(On.OBJECT, Permission.READ_ACP)),
            Map.entry("s3:PutObjectAcl", new Needed(On.OBJECT, Permission.WRITE_ACP)),
            Map.entry("s3:PutObjectVersionAcl", new Needed(On.OBJECT, Permission.WRITE_ACP)));

    private AclPermissions() {}

    /** The grant that gives {@code action}, or {@code null} when no ACL grant does. */
    public static Needed forAction(String action) {
        return BY_ACTION.get(action);
    }

    /**
     * Whether {@code acl} gives {@code permission} (or FULL_CONTROL) to a caller: {@code canonicalId}
     * {@code null} for an anonymous one. {@code ignorePublic} (the public access block's
     * {@code IgnorePublicAcls}) makes AllUsers and AuthenticatedUsers grants count for nothing.
     */
    public static boolean grants(
            AccessControlList acl, Permission permission, String canonicalId, boolean ignorePublic) {
        if (acl == null) {
            return false; // S3's default: the owner's FULL_CONTROL only
        }
        for (Grant g : acl.grants()) {
            if (g.permission() != permission && g.permission() != Permission.FULL_CONTROL) {
                continue;
            }
            Grantee who = g.grantee();
            boolean matches = switch (who.type()) {
                case CanonicalUser -> canonicalId != null && who.id().equals(canonicalId);
                case Group ->
                    !ignorePublic
                            && (who.uri().equals(Grantee.ALL_USERS)
                                    || who.uri().equals(Grantee.AUTHENTICATED_USERS) && canonicalId != null);
            };
            if (matches) {
                return true;
            }
        }
        return false;
    }
}
