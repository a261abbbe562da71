package dev.minicloud.s3.internal.acl;

import java.util.ArrayList;
import java.util.List;

/**
 * S3's canned ACLs ({@code x-amz-acl}), each expanded into the grants S3 documents for it. The
 * bucket-owner variants mean something only for objects; on a bucket they are the owner's
 * FULL_CONTROL alone, as on S3.
 */
public enum CannedAcl {
    PRIVATE("private"),
    PUBLIC_READ("public-read"),
    PUBLIC_READ_WRITE("public-read-write"),
    AUTHENTICATED_READ("authenticated-read"),
    AWS_EXEC_READ("aws-exec-read"),
    BUCKET_OWNER_READ("bucket-owner-read"),
    BUCKET_OWNER_FULL_CONTROL("bucket-owner-full-control"),
    LOG_DELIVERY_WRITE("log-delivery-write");

    /** The canonical user S3 documents for Amazon EC2, which {@code aws-exec-read} lets read AMI bundles. */
    static final String EC2_CANONICAL_ID = "6aa5a366c34c1cbe25dc49211496e913e0351eb0e8c37aa3477e40942ec6b97c";

    private final String header;

    CannedAcl(String header) {
        this.header = header;
    }

    public String header() {
        return header;
    }

    /** The canned ACL named {@code value} exactly, or {@code null}. */
    public static CannedAcl named(String value) {
        for (CannedAcl c : values()) {
            if (c.header.equals(value)) {
                return c;
            }
        }
        return null;
    }

    /** The grants for a resource owned by {@code ownerAccount} in a bucket owned by {@code bucketOwnerAccount}. */
    public AccessControlList expand(String ownerAccount, String bucketOwnerAccount) {
        List<Grant> grants = new ArrayList<>();
        grants.add(new Grant(Grantee.account(ownerAccount), Permission.FULL_CONTROL));
        switch (this) {
            case PRIVATE -> {}
            case PUBLIC_READ -> grants.add(new Grant(Grantee.group(Grantee.ALL_USERS), Permission.READ));
            case PUBLIC_READ_WRITE -> {
                grants.add(new Grant(Grantee.group(Grantee.ALL_USERS), Permission.READ));
                grants.add(new Grant(Grantee.group(Grantee.ALL_USERS), Permission.WRITE));
            }
            case AUTHENTICATED_READ ->
                grants.add(new Grant(Grantee.group(Grantee.AUTHENTICATED_USERS), Permission.READ));
            case AWS_EXEC_READ -> grants.add(new Grant(Grantee.canonicalId(EC2_CANONICAL_ID), Permission.READ));
            case BUCKET_OWNER_READ -> grants.add(new Grant(Grantee.account(bucketOwnerAccount), Permission.READ));
            case BUCKET_OWNER_FULL_CONTROL ->
                grants.add(new Grant(Grantee.account(bucketOwnerAccount), Permission.FULL_CONTROL));
            case LOG_DELIVERY_WRITE -> {
                grants.add(new Grant(Grantee.group(Grantee.LOG_DELIVERY), Permission.WRITE));
                grants.add(new Grant(Grantee.group(Grantee.LOG_DELIVERY), Permission.READ_ACP));
            }
        }
        if (ownerAccount.equals(bucketOwnerAccount) && (this == BUCKET_OWNER_READ)) {
            // The owner's FULL_CONTROL already covers READ; S3 shows the one grant.
            grants.remove(grants.size() - 1);
        }
        return new AccessControlList(grants);
    }
}
