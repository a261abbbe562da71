package dev.minicloud.dns.internal.health;

import java.util.Map;

/**
 * One Route 53 health check: its id (a UUID), owning account, caller reference, configuration,
 * version (1, then one more per update) and tags. Immutable; updates produce a copy.
 */
public record HealthCheck(
        String id,
        String account,
        String callerReference,
        HealthCheckConfig config,
        long version,
        Map<String, String> tags) {

    public HealthCheck {
        tags = Map.copyOf(tags);
    }

    HealthCheck withConfig(HealthCheckConfig newConfig) {
        return new HealthCheck(id, account, callerReference, newConfig, version + 1, tags);
    }

    HealthCheck withTags(Map<String, String> newTags) {
        return new HealthCheck(id, account, callerReference, config, version, newTags);
    }
}
