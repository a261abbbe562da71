package dev.minicloud.dns;

import dev.minicloud.dns.internal.health.HealthCheckRegistry;
import dev.minicloud.dns.internal.health.HealthChecker;
import dev.minicloud.dns.internal.health.HealthStatus;
import dev.minicloud.internal.admin.AdminRegistry;
import dev.minicloud.internal.admin.AdminResponse;
import dev.minicloud.internal.aws.AwsException;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The admin endpoints that make health-dependent answers testable without waiting:
 * {@code POST /_minicloud/dns/health-checks/{id}?status=healthy|unhealthy|auto} forces a check's status
 * (auto: the probes decide again) and {@code POST /_minicloud/dns/health-checks/probe-round} probes
 * every check that is due by the MiniCloud clock and answers once they are judged ({@code 408} if
 * another round still runs after {@code timeoutMs}, default 30 s, so waiting callers never hold the
 * workers that round's probes need).
 */
final class HealthCheckAdmin {
    private final HealthCheckRegistry checks;
    private final HealthChecker checker;

    HealthCheckAdmin(HealthCheckRegistry checks, HealthChecker checker) {
        this.checks = checks;
        this.checker = checker;
    }

    void register(AdminRegistry admin) {
        admin.register("dns/health-checks/probe-round", Set.of(HttpMethod.POST), call -> {
            long timeout = call.timeoutMillis("timeoutMs", 30_000);
            OptionalInt probed = checker.runRound(Duration.ofMillis(timeout));
            return probed.isPresent()
                    ? AdminResponse.ok(Map.of("probed", probed.getAsInt()))
                    : AdminResponse.error(408, "another probe round was still running after " + timeout + " ms");
        });
        admin.registerPrefix("dns/health-checks/", Set.of(HttpMethod.POST), call -> {
            String id = call.subPath();
            HealthStatus status = HealthStatus.parse(call.param("status"));
            try {
                checks.force(id, status);
            } catch (AwsException e) {
                return AdminResponse.error(404, "no health check " + id);
            }
            return AdminResponse.ok(Map.of(
                    "id", id, "status", status.name().toLowerCase(Locale.ROOT), "healthy", checks.isHealthy(id)));
        });
    }
}
