package dev.minicloud.s3.internal.acl;

import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.internal.xml.XmlElement;
import dev.minicloud.s3.internal.service.CanonicalUser;
import dev.minicloud.s3.internal.service.S3Errors;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The ACL a write asks for, read as S3 reads it: a canned ACL ({@code x-amz-acl}), explicit grants
 * in {@code x-amz-grant-*} headers ({@code id="..."}, {@code uri="..."}, {@code emailAddress="..."},
 * comma-separated), or (Put*Acl only) an {@code AccessControlPolicy} body, with S3's errors for
 * each way of getting it wrong. The result is resolved against the owner later, since a canned
 * ACL's grants depend on who owns the bucket and the object.
 *
 * @param canned the canned ACL, or {@code null}
 * @param explicit the explicit grants, or {@code null}
 */
public record AclRequest(CannedAcl canned, AccessControlList explicit) {
    /** The grant headers and the permission each gives, in S3's order. */
    private static final Map<String, Permission> GRANT_HEADERS = grantHeaders();

    private static final Pattern CANONICAL_ID = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");

    private static Map<String, Permission> grantHeaders() {
        Map<String, Permission> m = new LinkedHashMap<>();
        m.put("x-amz-grant-full-control", Permission.FULL_CONTROL);
        m.put("x-amz-grant-write", Permission.WRITE);
        m.put("x-amz-grant-write-acp", Permission.WRITE_ACP);
        m.put("x-amz-grant-read", Permission.READ);
        m.put("x-amz-grant-read-acp", Permission.READ_ACP);
        return Collections.unmodifiableMap(m);
    }

    /** No ACL named: the write gets S3's default, {@code private}. */
    public static final AclRequest NONE = new AclRequest(null, null);

    /** Whether the request named no ACL at all. */
    public boolean isEmpty() {
        return canned == null && explicit == null;
    }

    /**
     * The ACL named in the request's headers; {@link #NONE} if there is none. {@code bucketLevel}:
     * only buckets take {@code x-amz-grant-write} (objects have no such permission to give).
     */
    public static AclRequest fromHeaders(EdgeRequest r, boolean bucketLevel) {
        return fromHeaders(r.headers(), bucketLevel);
    }

    /** {@link #fromHeaders(EdgeRequest, boolean)} from header-like values (a POST form's {@code acl} field). */
    public static AclRequest fromHeaders(HttpHeaders r, boolean bucketLevel) {
        String cannedHeader = r.get("x-amz-acl");
        List<Grant> grants = new ArrayList<>();
        boolean anyGrantHeader = false;
        for (Map.Entry<String, Permission> h : GRANT_HEADERS.entrySet()) {
            if (!bucketLevel && h.getValue() == Permission.WRITE) {
                continue;
            }
            for (String value : r.getAll(h.getKey())) {
                anyGrantHeader = true;
                for (Grantee g : parseGrantees(h.getKey(), value)) {
                    grants.add(new Grant(g, h.getValue()));
                }
            }
        }
        if (cannedHeader != null && anyGrantHeader) {
            throw S3Errors.invalidRequest("Specifying both Canned ACLs and Header Grants is not allowed");
        }
        if (cannedHeader != null) {
            CannedAcl canned = CannedAcl.named(cannedHeader.trim());
            if (canned == null) {
                throw S3Errors.invalidArgument("", "x-amz-acl", cannedHeader);
            }
            return new AclRequest(canned, null);
        }
        return anyGrantHeader ? new AclRequest(null, new AccessControlList(grants)) : NONE;
    }

    /**
     * An {@code AccessControlPolicy} body. Its {@code Owner} must be the resource's owner
     * ({@code AccessDenied} otherwise, as S3 answers an attempt to give a resource away).
     */
    public static AclRequest fromBody(XmlElement policy, String ownerCanonicalId) {
        if (!policy.name().equals("AccessControlPolicy")) {
            throw S3Errors.malformedAcl();
        }
        XmlElement owner = policy.child("Owner");
        if (owner == null || owner.childText("ID") == null) {
            throw S3Errors.malformedAcl();
        }
        if (!owner.childText("ID").equals(ownerCanonicalId)) {
            throw S3Errors.accessDenied("Access Denied");
        }
        List<Grant> grants = new ArrayList<>();
        XmlElement list = policy.child("AccessControlList");
        if (list != null) {
            for (XmlElement g : list.children("Grant")) {
                XmlElement grantee = g.child("Grantee");
                Permission permission = Permission.named(g.childText("Permission"));
                if (grantee == null || permission == null) {
                    throw S3Errors.malformedAcl();
                }
                grants.add(new Grant(bodyGrantee(grantee), permission));
            }
        }
        return new AclRequest(null, new AccessControlList(grants));
    }

    private static Grantee bodyGrantee(XmlElement grantee) {
        String type = grantee.attributes().get("type");
        if (type == null) {
            throw S3Errors.malformedAcl();
        }
        return switch (type) {
            case "CanonicalUser" -> userById(grantee.childText("ID"), "CanonicalUser/ID", true);
            case "Group" -> group(grantee.childText("URI"));
            case "AmazonCustomerByEmail" -> {
                String email = grantee.childText("EmailAddress");
                if (email == null) {
                    throw S3Errors.malformedAcl();
                }
                throw S3Errors.unresolvableGrantByEmailAddress(email);
            }
            default -> throw S3Errors.malformedAcl();
        };
    }

    /** One grant header's value: {@code type="value"} items separated by commas. */
    private static List<Grantee> parseGrantees(String header, String value) {
        List<Grantee> grantees = new ArrayList<>();
        for (String item : splitOutsideQuotes(value)) {
            String trimmed = item.trim();
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                throw formatNotRecognized(header, value);
            }
            String type = trimmed.substring(0, eq).trim();
            String v = unquote(trimmed.substring(eq + 1).trim());
            if (v == null || v.isEmpty()) {
                throw formatNotRecognized(header, value);
            }
            grantees.add(
                    switch (type) {
                        case "id" -> userById(v, "id", false);
                        case "uri" -> group(v);
                        case "emailAddress" -> throw S3Errors.unresolvableGrantByEmailAddress(v);
                        default -> throw formatNotRecognized(header, value);
                    });
        }
        return grantees;
    }

    /**
     * A canonical user by id. Headers may also name an AWS account id (12 digits), which S3 turns
     * into that account's canonical user; every 64-hex id is accepted (we cannot tell a real
     * account's from a made-up one).
     */
    private static Grantee userById(String id, String argumentName, boolean fromBody) {
        if (id == null) {
            throw fromBody ? S3Errors.malformedAcl() : S3Errors.invalidArgument("Invalid id", argumentName, "");
        }
        if (!fromBody && ACCOUNT_ID.matcher(id).matches()) {
            return Grantee.account(id);
        }
        if (!CANONICAL_ID.matcher(id).matches()) {
            throw S3Errors.invalidArgument("Invalid id", argumentName, id);
        }
        return Grantee.canonicalId(id);
    }

    private static Grantee group(String uri) {
        if (uri == null) {
            throw S3Errors.malformedAcl();
        }
        if (!Grantee.GROUPS.contains(uri)) {
            throw S3Errors.invalidArgument("Invalid group uri", "uri", uri);
        }
        return Grantee.group(uri);
    }

    private static List<String> splitOutsideQuotes(String value) {
        List<String> items = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : value.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                items.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        items.add(current.toString());
        return items;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1);
        }
        return v.contains("\"") ? null : v;
    }

    private static RuntimeException formatNotRecognized(String header, String value) {
        return S3Errors.invalidArgument("Argument format not recognized", header, value);
    }

    /** The ACL this request gives a resource owned by {@code ownerAccount} in a bucket of {@code bucketOwnerAccount}. */
    public AccessControlList resolve(String ownerAccount, String bucketOwnerAccount) {
        if (canned != null) {
            return canned.expand(ownerAccount, bucketOwnerAccount);
        }
        return explicit != null ? named(explicit, ownerAccount) : AccessControlList.ownerOnly(ownerAccount);
    }

    /** The owner's display name on grants naming the owner's canonical id (S3 knows its users). */
    private static AccessControlList named(AccessControlList acl, String ownerAccount) {
        CanonicalUser owner = CanonicalUser.of(ownerAccount);
        List<Grant> grants = new ArrayList<>();
        for (Grant g : acl.grants()) {
            grants.add(
                    g.grantee().isUser(owner.id()) && g.grantee().displayName() == null
                            ? new Grant(Grantee.account(ownerAccount), g.permission())
                            : g);
        }
        return new AccessControlList(grants);
    }

    /**
     * Whether a bucket with ACLs disabled ({@link ObjectOwnership#BucketOwnerEnforced}) takes this
     * write: no ACL, the {@code bucket-owner-full-control} canned ACL, or explicit grants that
     * amount to the owner's FULL_CONTROL alone.
     */
    public boolean allowedWhenAclsDisabled(String ownerAccount) {
        if (isEmpty() || canned == CannedAcl.BUCKET_OWNER_FULL_CONTROL) {
            return true;
        }
        return explicit != null && explicit.isOwnerFullControlOnly(CanonicalUser.canonicalId(ownerAccount));
    }
}
