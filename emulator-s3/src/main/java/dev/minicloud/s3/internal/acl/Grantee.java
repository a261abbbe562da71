package dev.minicloud.s3.internal.acl;

import dev.minicloud.s3.internal.service.CanonicalUser;
import java.util.List;

/**
 * Who an ACL grant is for: a canonical user (by its 64-hex id; with a display name when MiniCloud
 * knows the account behind it) or one of S3's predefined groups (by URI). Email grantees are never
 * stored: MiniCloud has no directory of e-mail addresses, so S3's {@code UnresolvableGrantByEmailAddress}
 * answers them.
 *
 * @param displayName the user's display name, or {@code null} (groups, ids of unknown accounts)
 */
public record Grantee(Type type, String id, String uri, String displayName) {
    public static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
    public static final String AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
    public static final String LOG_DELIVERY = "http://acs.amazonaws.com/groups/s3/LogDelivery";
    /** S3's predefined groups, the only group URIs a grant may name. */
    public static final List<String> GROUPS = List.of(ALL_USERS, AUTHENTICATED_USERS, LOG_DELIVERY);

    /** The two kinds of grantee S3 stores, by their {@code xsi:type} names. */
    public enum Type {
        CanonicalUser,
        Group
    }

    public static Grantee account(String account) {
        CanonicalUser user = CanonicalUser.of(account);
        return new Grantee(Type.CanonicalUser, user.id(), null, user.displayName());
    }

    public static Grantee canonicalId(String id) {
        return new Grantee(Type.CanonicalUser, id, null, null);
    }

    public static Grantee group(String uri) {
        return new Grantee(Type.Group, null, uri, null);
    }

    /** Whether this is the canonical user {@code canonicalId}. */
    public boolean isUser(String canonicalId) {
        return type == Type.CanonicalUser && id.equals(canonicalId);
    }

    /** Whether this grantee is everyone, or everyone with AWS credentials (what S3 calls public). */
    public boolean isPublic() {
        return type == Type.Group && (uri.equals(ALL_USERS) || uri.equals(AUTHENTICATED_USERS));
    }
}
