package dev.minicloud.dns.internal.zones;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Route 53's quotas, by the names GetAccountLimit, GetHostedZoneLimit and
 * GetReusableDelegationSetLimit use, with Route 53's default values.
 */
public enum Route53Limit {
    MAX_HEALTH_CHECKS_BY_OWNER(Scope.ACCOUNT, 200),
    MAX_HOSTED_ZONES_BY_OWNER(Scope.ACCOUNT, 500),
    MAX_TRAFFIC_POLICY_INSTANCES_BY_OWNER(Scope.ACCOUNT, 5),
    MAX_REUSABLE_DELEGATION_SETS_BY_OWNER(Scope.ACCOUNT, 100),
    MAX_TRAFFIC_POLICIES_BY_OWNER(Scope.ACCOUNT, 50),
    MAX_RRSETS_BY_ZONE(Scope.HOSTED_ZONE, 10_000),
    MAX_VPCS_ASSOCIATED_BY_ZONE(Scope.HOSTED_ZONE, 300),
    MAX_ZONES_BY_REUSABLE_DELEGATION_SET(Scope.DELEGATION_SET, 100);

    /** Which Get*Limit call reports the limit. */
    public enum Scope {
        ACCOUNT,
        HOSTED_ZONE,
        DELEGATION_SET
    }

    private final Scope scope;
    private final long defaultValue;

    Route53Limit(Scope scope, long defaultValue) {
        this.scope = scope;
        this.defaultValue = defaultValue;
    }

    public Scope scope() {
        return scope;
    }

    public long defaultValue() {
        return defaultValue;
    }

    /**
     * The limit of {@code scope} that {@code type} names, or Route 53's validation error listing the
     * valid names (the SDK sends any string).
     */
    public static Route53Limit parse(Scope scope, String type) {
        for (Route53Limit l : values()) {
            if (l.scope == scope && l.name().equals(type)) {
                return l;
            }
        }
        String valid = Arrays.stream(values())
                .filter(l -> l.scope == scope)
                .map(Enum::name)
                .collect(Collectors.joining(", ", "[", "]"));
        throw Route53Errors.invalidInput("1 validation error detected: Value '" + type
                + "' at 'type' failed to satisfy " + "constraint: Member must satisfy enum value set: " + valid);
    }
}
