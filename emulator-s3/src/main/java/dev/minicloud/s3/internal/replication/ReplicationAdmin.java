package dev.minicloud.s3.internal.replication;

import dev.minicloud.internal.admin.AdminCall;
import dev.minicloud.internal.admin.AdminRegistry;
import dev.minicloud.internal.admin.AdminResponse;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The replication admin endpoints: {@code GET s3/replication} (stats),
 * {@code POST s3/replication/await?timeoutMs=N} (200 once idle, 408 if still busy after N ms,
 * default 30 s, at most {@link AdminCall#MAX_TIMEOUT_MILLIS}; 400 for anything but a non-negative integer), {@code POST s3/replication/pause} and {@code .../resume}. Admin endpoints run on
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
            long timeout = call.timeoutMillis("timeoutMs", DEFAULT_TIMEOUT_MS);
            boolean idle = engine.awaitIdle(Duration.ofMillis(timeout));
            ReplicationStats stats = engine.stats();
            return new AdminResponse(
                    idle ? 200 : 408,
                    Map.of(
                            "idle",
                            idle,
                            "outstanding",
                            stats.outstanding(),
                            "replicated",
                            stats.replicated(),
                            "failed",
                            stats.failed()));
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
