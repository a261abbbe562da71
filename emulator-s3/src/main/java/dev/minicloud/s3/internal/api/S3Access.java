package dev.minicloud.s3.internal.api;

import dev.minicloud.internal.aws.auth.AuthErrors;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.s3.internal.acl.AccessControlList;
import dev.minicloud.s3.internal.acl.AclPermissions;
import dev.minicloud.s3.internal.acl.PublicAccessBlock;
import dev.minicloud.s3.internal.policy.BucketPolicies;
import dev.minicloud.s3.internal.policy.BucketPolicy;
import dev.minicloud.s3.internal.service.CanonicalUser;
import dev.minicloud.s3.internal.service.S3Errors;
import dev.minicloud.s3.internal.store.Bucket;
import dev.minicloud.s3.internal.store.ObjectVersion;
import dev.minicloud.s3.internal.store.S3Store;
import dev.minicloud.s3.internal.store.VersionChain;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Which bucket a request names, and whether its caller may do what it asks, as S3 decides it.
 *
 * <p>Finding the bucket: accounts are separate bucket namespaces in MiniCloud (parallel tests in
 * different accounts never collide), while S3's names are global. A name is looked up in the
 * caller's own namespace (an anonymous caller's is the default account's); in strict mode, when it
 * is not there, in the other accounts': the one account that has it, or, when several do, the one
 * {@code x-amz-expected-bucket-owner} names (without it such a name is {@code NoSuchBucket}).
 * Lenient mode looks in the caller's namespace only, as before. {@code x-amz-expected-bucket-owner}
 * naming another account than the bucket's is {@code 403 AccessDenied}, in both modes, as on S3.
 *
 * <p>Authorizing (strict mode only; lenient lets everyone in): the bucket owner's account may do
 * everything its bucket policy does not explicitly deny. Anyone else (another account, an anonymous
 * caller) needs an {@code Allow} of the bucket policy or an ACL grant, and no explicit {@code Deny}.
 * ACLs count only while the bucket's Object Ownership is not {@code BucketOwnerEnforced}; the
 * public access block's {@code IgnorePublicAcls} makes AllUsers/AuthenticatedUsers grants count
 * for nothing, and {@code RestrictPublicBuckets} takes every policy grant away from other accounts
 * and anonymous callers while the policy is public. A denial is {@code 403 AccessDenied}
 * "Access Denied"; a bucket that exists nowhere is {@code NoSuchBucket}, as on S3, and a missing key
 * read by someone other than the owner is {@code 404} only for a caller who may also list the bucket.
 *
 * <p>Cost: lenient mode does no work here beyond the one namespace lookup; in strict mode the owner
 * of a bucket without a policy costs one comparison and one map lookup.
 */
final class S3Access {
    /** The object reads after which S3 hides a missing key behind 403 from callers who may not list the bucket. */
    private static final Set<String> READS = Set.of("s3:GetObject", "s3:GetObjectVersion");

    private final S3Store store;
    private final BucketPolicies policies;
    private final Clock clock;
    private final boolean strict;

    S3Access(S3Store store, BucketPolicies policies, Clock clock, boolean strict) {
        this.store = store;
        this.policies = policies;
        this.clock = clock;
        this.strict = strict;
    }

    boolean strict() {
        return strict;
    }

    /**
     * The bucket {@code name} resolves to for this request, or {@code null}; {@code expectedOwnerHeader}
     * is {@code x-amz-expected-bucket-owner} or the copy source's {@code x-amz-source-expected-bucket-owner}.
     */
    Bucket find(EdgeRequest r, String name, String expectedOwnerHeader) {
        String expected = r.header(expectedOwnerHeader);
        Bucket b = store.bucket(r.account(), name);
        if (b == null && strict) {
            b = elsewhere(r.account(), name, expected);
        }
        if (b != null && expected != null && !expected.equals(b.owner())) {
            throw AuthErrors.accessDenied();
        }
        return b;
    }

    /** As {@link #find}, {@code NoSuchBucket} when there is none. */
    Bucket require(EdgeRequest r, String name, String expectedOwnerHeader) {
        Bucket b = find(r, name, expectedOwnerHeader);
        if (b == null) {
            throw S3Errors.noSuchBucket(name);
        }
        return b;
    }

    private Bucket elsewhere(String ownAccount, String name, String expectedOwner) {
        List<Bucket> named = store.bucketsNamed(name);
        Bucket only = null;
        for (Bucket b : named) {
            if (b.owner().equals(ownAccount)) {
                continue;
            }
            if (expectedOwner != null) {
                if (b.owner().equals(expectedOwner)) {
                    return b;
                }
            } else if (only != null) {
                return null; // several accounts have the name: only the expected owner tells them apart
            } else {
                only = b;
            }
        }
        return expectedOwner != null ? null : only;
    }

    /** The route table's gate: authorizes the routed request by its row's {@link IamAction}. */
    void authorize(S3Call call, IamAction iam) {
        if (!strict) {
            return;
        }
        switch (iam.scope()) {
            case UNCHECKED, PER_KEY -> {
                // the preflight and form uploads decide themselves; DeleteObjects asks per key
            }
            case ACCOUNT -> {
                if (call.caller().anonymous()) {
                    throw AuthErrors.accessDenied();
                }
            }
            case BUCKET -> check(call.r(), call.caller(), call.bucket(), iam.action(), null, null);
            case OBJECT -> {
                String versionId = call.r().queryParameter("versionId");
                String action = iam.actionFor(versionId);
                Bucket b = call.bucket();
                check(call.r(), call.caller(), b, action, call.key(), versionId);
                if (READS.contains(action)
                        && !b.owner().equals(call.caller().account())
                        && absent(b, call.key(), versionId)) {
                    // S3 tells a missing key (404) from a refused one (403) only to callers who may list the bucket.
                    check(call.r(), call.caller(), b, "s3:ListBucket", null, null);
                }
            }
        }
    }

    /** Whether the key (or the version) is not there to read: no version, or a delete marker as the current one. */
    private static boolean absent(Bucket b, String key, String versionId) {
        VersionChain chain = b.chain(key);
        ObjectVersion v = chain == null ? null : versionId != null ? chain.find(versionId) : chain.latest();
        return v == null || versionId == null && v.deleteMarker();
    }

    /**
     * Throws {@code AccessDenied} unless the caller may do {@code action} on the bucket
     * ({@code key} {@code null}) or on one of its objects (a version of it, with {@code versionId}).
     */
    void check(EdgeRequest r, S3Caller caller, Bucket b, String action, String key, String versionId) {
        if (strict && !allowed(r, caller, b, action, key, versionId)) {
            throw AuthErrors.accessDenied();
        }
    }

    boolean allowed(EdgeRequest r, S3Caller caller, Bucket b, String action, String key, String versionId) {
        BucketPolicy policy = policies.get(b);
        boolean owner = b.owner().equals(caller.account());
        if (owner && policy == null) {
            return true; // the common case: one comparison, one lookup
        }
        BucketPolicy.Decision decision = BucketPolicy.Decision.NONE;
        if (policy != null) {
            S3RequestContext context = new S3RequestContext(r, caller, action, b, key, versionId, clock.instant());
            decision = policy.evaluate(context, action, BucketPolicies.arn(b, key));
        }
        if (decision == BucketPolicy.Decision.DENY) {
            return false;
        }
        if (owner) {
            return true;
        }
        PublicAccessBlock block = b.publicAccessBlock(); // null once deleted: nothing blocked
        if (decision == BucketPolicy.Decision.ALLOW
                && !(block != null && block.restrictPublicBuckets() && policy.isPublic())) {
            return true;
        }
        return aclGrants(caller, b, action, key, versionId, block != null && block.ignorePublicAcls());
    }

    private static boolean aclGrants(
            S3Caller caller, Bucket b, String action, String key, String versionId, boolean ignorePublic) {
        AclPermissions.Needed needed = AclPermissions.forAction(action);
        if (needed == null || b.aclsDisabled()) {
            return false; // BucketOwnerEnforced: ACLs do not authorize anything, as on S3
        }
        AccessControlList acl;
        if (needed.on() == AclPermissions.On.BUCKET) {
            acl = b.acl();
        } else {
            VersionChain chain = key == null ? null : b.chain(key);
            ObjectVersion v = chain == null ? null : versionId != null ? chain.find(versionId) : chain.latest();
            if (v == null || v.deleteMarker()) {
                return false;
            }
            acl = v.acl();
        }
        String canonicalId = caller.anonymous() ? null : CanonicalUser.canonicalId(caller.account());
        return AclPermissions.grants(acl, needed.permission(), canonicalId, ignorePublic);
    }

    /**
     * A copy source ({@code CopyObject}, {@code UploadPartCopy}): its bucket, resolved like the
     * addressed one (with {@code x-amz-source-expected-bucket-owner}), and, in strict mode, the
     * caller's right to read the source object ({@code s3:GetObject}, or {@code s3:GetObjectVersion}).
     */
    Bucket copySource(EdgeRequest r, S3Caller caller, String bucket, String key, String versionId) {
        Bucket b = require(r, bucket, "x-amz-source-expected-bucket-owner");
        check(r, caller, b, versionId == null ? "s3:GetObject" : "s3:GetObjectVersion", key, versionId);
        return b;
    }

    /** Whether an anonymous reader may have {@code key} (the website endpoint; lenient: anyone may). */
    boolean anonymousMayRead(EdgeRequest r, Bucket b, String key) {
        return !strict || allowed(r, S3Caller.ANONYMOUS, b, "s3:GetObject", key, null);
    }
}
