package dev.minicloud.dns;

import dev.minicloud.core.admin.AdminRegistry;
import dev.minicloud.core.admin.AdminResponse;
import dev.minicloud.core.aws.AwsException;
import dev.minicloud.dns.health.HealthCheckRegistry;
import dev.minicloud.dns.health.HealthChecker;
import dev.minicloud.dns.health.HealthStatus;
import io.netty.handler.codec.http.HttpMethod;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The admin endpoints that make health-dependent answers testable without waiting:
 * {@code POST /_minicloud/dns/health-checks/{id}?status=healthy|unhealthy|auto} forces a check's status
 * (auto: the probes decide again) and {@code POST /_minicloud/dns/health-checks/probe-round} probes
 * every check that is due by the MiniCloud clock and answers once they are judged.
 */
final class HealthCheckAdmin {
    private final HealthCheckRegistry checks;
    private final HealthChecker checker;

    HealthCheckAdmin(HealthCheckRegistry checks, HealthChecker checker) {
        this.checks = checks;
        this.checker = checker;
    }

    void register(AdminRegistry admin) {
        admin.register("dns/health-checks/probe-round", Set.of(HttpMethod.POST),
                call -> AdminResponse.ok(Map.of("probed", checker.runRound())));
        admin.registerPrefix("dns/health-checks/", Set.of(HttpMethod.POST), call -> {
            String id = call.subPath();
            HealthStatus status = HealthStatus.parse(call.param("status"));
            try {
                checks.force(id, status);
            } catch (AwsException e) {
                return AdminResponse.error(404, "no health check " + id);
            }
            return AdminResponse.ok(Map.of("id", id, "status", status.name().toLowerCase(Locale.ROOT),
                    "healthy", checks.isHealthy(id)));
        });
    }
}
