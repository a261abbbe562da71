package dev.minicloud.dns.internal.api;

import dev.minicloud.dns.internal.health.HealthCheckRegistry;
import dev.minicloud.dns.internal.zones.Route53Limit;
import dev.minicloud.dns.internal.zones.TrafficPolicyRegistry;
import dev.minicloud.dns.internal.zones.ZoneIds;
import dev.minicloud.dns.internal.zones.ZoneRegistry;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.internal.xml.XmlWriter;

/** GetAccountLimit, GetHostedZoneLimit and GetReusableDelegationSetLimit: a quota's value and its use. */
final class LimitOperations {
    private final ZoneRegistry zones;
    private final HealthCheckRegistry checks;

    private final TrafficPolicyRegistry policies;

    LimitOperations(ZoneRegistry zones, HealthCheckRegistry checks, TrafficPolicyRegistry policies) {
        this.zones = zones;
        this.checks = checks;
        this.policies = policies;
    }

    void account(EdgeRequest request, String account, String type) {
        Route53Limit limit = Route53Limit.parse(Route53Limit.Scope.ACCOUNT, type);
        long others = switch (limit) {
            case MAX_HEALTH_CHECKS_BY_OWNER -> checks.list(account).size();
            case MAX_TRAFFIC_POLICIES_BY_OWNER -> policies.policyCount(account);
            case MAX_TRAFFIC_POLICY_INSTANCES_BY_OWNER -> policies.instanceCount(account);
            default -> 0;
        };
        answer(request, "GetAccountLimitResponse", limit, zones.accountLimit(account, limit, others));
    }

    void hostedZone(EdgeRequest request, String account, String zoneId, String type) {
        Route53Limit limit = Route53Limit.parse(Route53Limit.Scope.HOSTED_ZONE, type);
        answer(
                request,
                "GetHostedZoneLimitResponse",
                limit,
                zones.hostedZoneLimit(account, ZoneIds.bare(zoneId), limit));
    }

    void delegationSet(EdgeRequest request, String account, String setId, String type) {
        Route53Limit limit = Route53Limit.parse(Route53Limit.Scope.DELEGATION_SET, type);
        answer(
                request,
                "GetReusableDelegationSetLimitResponse",
                limit,
                zones.delegationSetLimit(account, ZoneIds.bare(setId), limit));
    }

    private static void answer(EdgeRequest request, String root, Route53Limit limit, ZoneRegistry.LimitUse use) {
        XmlWriter w = Route53Xml.document(root);
        w.start("Limit");
        w.element("Type", limit.name());
        w.element("Value", use.value());
        w.end();
        w.element("Count", use.count());
        Route53Requests.ok(request, w);
    }
}
