package dev.minicloud.s3.internal.policy;

import dev.minicloud.s3.internal.service.CanonicalUser;
import java.util.List;
import java.util.Locale;

/**
 * One statement of a bucket policy, as MiniCloud evaluates it: its effect, whom it names (or
 * excludes, with {@code NotPrincipal}), the actions and resources it covers (or excludes) as IAM
 * wildcard patterns, and its conditions, all of which must hold for it to apply.
 *
 * @param restrictsCaller whether a condition pins the caller to fixed values (what makes S3 call a
 *     statement for everyone non-public)
 */
record PolicyStatement(
        Effect effect,
        Principals principals,
        boolean notPrincipal,
        List<String> actions,
        boolean notAction,
        List<String> resources,
        boolean notResource,
        List<Condition> conditions,
        boolean restrictsCaller) {

    enum Effect {
        ALLOW,
        DENY
    }

    /**
     * {@code "*"} (which includes anonymous callers, as on S3), or the accounts named by {@code AWS}
     * principals (an id, or any IAM ARN of the account: its root, users and roles count as the
     * account, since MiniCloud has no IAM users) and by {@code CanonicalUser} ids.
     */
    record Principals(boolean anyone, List<String> accounts, List<String> canonicalIds) {
        boolean includes(String account) {
            if (anyone) {
                return true;
            }
            if (account == null) {
                return false;
            }
            return accounts.contains(account)
                    || !canonicalIds.isEmpty() && canonicalIds.contains(CanonicalUser.canonicalId(account));
        }
    }

    /**
     * Whether S3 calls this statement public: it allows everyone ({@code "*"}, or a
     * {@code NotPrincipal}) without a condition that pins the caller to fixed values.
     */
    boolean isPublic() {
        return effect == Effect.ALLOW && (principals.anyone() || notPrincipal) && !restrictsCaller;
    }

    /** Whether this statement applies to the caller of {@code context} doing {@code action} on {@code resource}. */
    boolean applies(RequestContext context, String action, String resource) {
        if (principals.includes(context.account()) == notPrincipal
                || anyMatches(actions, action, true) == notAction
                || anyMatches(resources, resource, false) == notResource) {
            return false;
        }
        for (Condition c : conditions) {
            if (!c.holds(context)) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyMatches(List<String> patterns, String value, boolean ignoreCase) {
        String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
        for (String p : patterns) {
            if (Wildcards.matches(ignoreCase ? p.toLowerCase(Locale.ROOT) : p, v)) {
                return true;
            }
        }
        return false;
    }
}
