package dev.minicloud.s3.internal.acl;

import java.util.ArrayList;
import java.util.List;

/**
 * The grants of a bucket's or an object's ACL, in the order S3 returns them. The owner is not part
 * of it: it is the bucket's (or, here, the object's bucket's) account, named when the ACL is shown.
 */
public record AccessControlList(List<Grant> grants) {

    public AccessControlList {
        // S3 keeps one grant per grantee and permission, however often a request names it.
        List<Grant> distinct = new ArrayList<>();
        for (Grant g : grants) {
            if (!distinct.contains(g)) {
                distinct.add(g);
            }
        }
        grants = List.copyOf(distinct);
    }

    /** S3's default, {@code private}: the owner has FULL_CONTROL and no one else anything. */
    public static AccessControlList ownerOnly(String ownerAccount) {
        return new AccessControlList(List.of(new Grant(Grantee.account(ownerAccount), Permission.FULL_CONTROL)));
    }

    /** Whether the only grant is FULL_CONTROL to the owner (what S3 accepts while ACLs are disabled). */
    public boolean isOwnerFullControlOnly(String ownerCanonicalId) {
        return !grants.isEmpty()
                && grants.stream()
                        .allMatch(
                                g -> g.grantee().isUser(ownerCanonicalId) && g.permission() == Permission.FULL_CONTROL);
    }

    /** Whether any grant goes to someone other than the owner. */
    public boolean grantsOthers(String ownerCanonicalId) {
        return grants.stream().anyMatch(g -> !g.grantee().isUser(ownerCanonicalId));
    }

    /** Whether any grant goes to everyone or to every authenticated user (S3's "public" ACL). */
    public boolean isPublic() {
        return grants.stream().anyMatch(g -> g.grantee().isPublic());
    }
}
