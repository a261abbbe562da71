package dev.minicloud.s3.replication;

import dev.minicloud.core.admin.AdminRegistry;
import dev.minicloud.core.admin.AdminResponse;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The replication admin endpoints: {@code GET s3/replication} (stats),
 * {@code POST s3/replication/await?timeoutMs=N} (200 once idle, 408 if still busy after N ms,
 * default 30 s), {@code POST s3/replication/pause} and {@code .../resume}. Admin endpoints run on
 * the worker executor, so waiting here never blocks an event loop.
 */
public final class ReplicationAdmin {
    private static final long DEFAULT_TIMEOUT_MS = 30_000;

    private final ReplicationEngine engine;

    public ReplicationAdmin(ReplicationEngine engine) {
        this.engine = engine;
    }

    public void register(AdminRegistry admin) {
        admin.register("s3/replication", Set.of(HttpMethod.GET), call -> AdminResponse.ok(engine.stats()));
        admin.register("s3/replication/await", Set.of(HttpMethod.POST), call -> {
            long timeout;
            try {
                timeout = call.param("timeoutMs") == null ? DEFAULT_TIMEOUT_MS : Long.parseLong(call.param("timeoutMs"));
            } catch (NumberFormatException e) {
                return AdminResponse.error(400, "timeoutMs: " + call.param("timeoutMs") + " (expected: milliseconds)");
            }
            boolean idle = engine.awaitIdle(Duration.ofMillis(Math.max(0, timeout)));
            ReplicationStats stats = engine.stats();
            return new AdminResponse(idle ? 200 : 408, Map.of("idle", idle, "outstanding", stats.outstanding(),
                    "replicated", stats.replicated(), "failed", stats.failed()));
        });
        admin.register("s3/replication/pause", Set.of(HttpMethod.POST), call -> {
            engine.pause();
            return AdminResponse.ok(engine.stats());
        });
        admin.register("s3/replication/resume", Set.of(HttpMethod.POST), call -> {
            engine.resume();
            return AdminResponse.ok(engine.stats());
        });
    }
}
