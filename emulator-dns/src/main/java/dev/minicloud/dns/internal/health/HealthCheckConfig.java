package dev.minicloud.dns.internal.health;

import java.util.List;

/**
 * A health check's {@code HealthCheckConfig} as Route 53 stores it, defaults applied (request interval
 * 30 s, failure threshold 3 and port 80/443 for endpoint checks). Fields Route 53 omits for a kind are
 * {@code null}. Immutable; equal configurations are "the same settings" for {@code CallerReference}
 * retries.
 */
public record HealthCheckConfig(
        String ipAddress,
        Integer port,
        HealthCheckType type,
        String resourcePath,
        String fullyQualifiedDomainName,
        String searchString,
        Integer requestInterval,
        Integer failureThreshold,
        Boolean measureLatency,
        boolean inverted,
        boolean disabled,
        Integer healthThreshold,
        List<String> childHealthChecks,
        Boolean enableSni,
        List<String> regions,
        AlarmIdentifier alarmIdentifier,
        String insufficientDataHealthStatus,
        String routingControlArn) {

    /** Where a {@code CLOUDWATCH_METRIC} check's alarm lives. */
    public record AlarmIdentifier(String region, String name) {}

    public HealthCheckConfig {
        childHealthChecks = childHealthChecks == null ? List.of() : List.copyOf(childHealthChecks);
        regions = regions == null ? List.of() : List.copyOf(regions);
    }
}
