package dev.minicloud.s3.internal.policy;

import java.util.List;

/**
 * A bucket policy as PutBucketPolicy stored it: the document exactly as sent (GetBucketPolicy
 * returns it unchanged, as S3 does) and its parsed statements, evaluated for every request in
 * strict mode, for the website endpoint and for cross-account replication grants.
 */
public final class BucketPolicy {
    /** What a policy says of one request: an explicit deny, an allow, or nothing (an implicit deny). */
    public enum Decision {
        ALLOW,
        DENY,
        NONE
    }

    private final String document;
    private final List<PolicyStatement> statements;
    private final boolean isPublic;

    BucketPolicy(String document, List<PolicyStatement> statements) {
        this.document = document;
        this.statements = List.copyOf(statements);
        this.isPublic = this.statements.stream().anyMatch(PolicyStatement::isPublic);
    }

    /** The policy as it was put. */
    public String document() {
        return document;
    }

    /** Whether S3 calls this policy public (GetBucketPolicyStatus, Block Public Access). */
    public boolean isPublic() {
        return isPublic;
    }

    /** IAM's rule for one request: an explicit deny wins, then an allow; otherwise {@link Decision#NONE}. */
    public Decision evaluate(RequestContext context, String action, String resource) {
        Decision decision = Decision.NONE;
        for (PolicyStatement s : statements) {
            if (!s.applies(context, action, resource)) {
                continue;
            }
            if (s.effect() == PolicyStatement.Effect.DENY) {
                return Decision.DENY;
            }
            decision = Decision.ALLOW;
        }
        return decision;
    }

    /** Whether the policy allows (and does not deny) the caller of {@code context} this action. */
    public boolean allows(RequestContext context, String action, String resource) {
        return evaluate(context, action, resource) == Decision.ALLOW;
    }
}
