package dev.minicloud.s3.policy;

import java.util.List;

/**
 * One statement of a bucket policy, as far as MiniCloud evaluates it: its effect, whom it names
 * (or excludes, with {@code NotPrincipal}), the actions and resources it covers (or excludes) as
 * IAM wildcard patterns, and whether it carries a {@code Condition}, which is stored but not
 * evaluated (see {@link BucketPolicy#evaluate}).
 */
record PolicyStatement(Effect effect, Principals principals, boolean notPrincipal, List<String> actions,
                       boolean notAction, List<String> resources, boolean notResource, boolean conditional,
                       boolean restrictsCaller) {

    enum Effect { ALLOW, DENY }

    /** {@code "*"}, or the accounts named by {@code AWS} principals (an id or any IAM ARN of the account). */
    record Principals(boolean anyone, List<String> accounts) {
        boolean includes(String account) {
            return anyone || accounts.contains(account);
        }
    }

    /**
     * Whether S3 calls this statement public: it allows everyone ({@code "*"}, or a
     * {@code NotPrincipal}) without a condition that pins the caller to fixed values.
     */
    boolean isPublic() {
        return effect == Effect.ALLOW && (principals.anyone() || notPrincipal) && !restrictsCaller;
    }

    /** Whether this statement applies to {@code account} doing {@code action} on {@code resource}. */
    boolean covers(String account, String action, String resource) {
        return principals.includes(account) != notPrincipal
                && anyMatches(actions, action, true) != notAction
                && anyMatches(resources, resource, false) != notResource;
    }

    private static boolean anyMatches(List<String> patterns, String value, boolean ignoreCase) {
        for (String p : patterns) {
            if (Wildcards.matches(ignoreCase ? p.toLowerCase() : p, ignoreCase ? value.toLowerCase() : value)) {
                return true;
            }
        }
        return false;
    }
}
