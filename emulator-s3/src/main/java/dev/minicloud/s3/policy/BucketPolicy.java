package dev.minicloud.s3.policy;

import java.util.List;

/**
 * A bucket policy as PutBucketPolicy stored it: the document exactly as sent (GetBucketPolicy
 * returns it unchanged, as S3 does) and its statements, which MiniCloud evaluates where it needs a
 * grant between accounts (a replication destination in another account).
 */
public final class BucketPolicy {
    private final String document;
    private final List<PolicyStatement> statements;

    BucketPolicy(String document, List<PolicyStatement> statements) {
        this.document = document;
        this.statements = List.copyOf(statements);
    }

    /** The policy as it was put. */
    public String document() {
        return document;
    }

    /** Whether S3 calls this policy public (GetBucketPolicyStatus, Block Public Access). */
    public boolean isPublic() {
        return statements.stream().anyMatch(PolicyStatement::isPublic);
    }

    /**
     * IAM's rule for one request: an explicit deny wins, then an allow; otherwise nothing is granted.
     * A statement with a {@code Condition} is treated conservatively, since conditions are not
     * evaluated: it never allows, and it always denies.
     */
    public boolean allows(String account, String action, String resource) {
        boolean allowed = false;
        for (PolicyStatement s : statements) {
            if (!s.covers(account, action, resource)) {
                continue;
            }
            if (s.effect() == PolicyStatement.Effect.DENY) {
                return false;
            }
            allowed |= !s.conditional();
        }
        return allowed;
    }
}
