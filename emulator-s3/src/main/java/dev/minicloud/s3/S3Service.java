package dev.minicloud.s3;

import dev.minicloud.core.aws.AwsProtocol;
import dev.minicloud.core.http.EdgeRoute;
import dev.minicloud.s3.api.S3Auth;
import dev.minicloud.s3.api.S3RequestHandler;
import dev.minicloud.s3.policy.BucketPolicies;
import dev.minicloud.s3.replication.ReplicationAdmin;
import dev.minicloud.s3.replication.ReplicationConfigs;
import dev.minicloud.s3.replication.ReplicationEngine;
import dev.minicloud.s3.service.S3Ids;
import dev.minicloud.s3.store.S3Store;
import dev.minicloud.spi.AuthMode;
import dev.minicloud.spi.Service;
import dev.minicloud.spi.ServiceContext;
import java.time.Duration;
import java.util.Set;

/**
 * The S3 service on the edge port: owns the instance's {@link S3Store} and registers the S3
 * request handler as the edge's fallback route (S3 takes every request no other service claims,
 * which is also how virtual-hosted requests reach it).
 */
public final class S3Service implements Service {
    private final ServiceContext context;
    private final S3Store store;
    private final ReplicationConfigs replicationConfigs = new ReplicationConfigs();
    private final BucketPolicies policies = new BucketPolicies();
    private final ReplicationEngine replication;

    S3Service(ServiceContext context) {
        this.context = context;
        this.store = new S3Store(S3Settings.memoryLimit(context.config()));
        this.replication = new ReplicationEngine(store, replicationConfigs, policies,
                context.config().get(S3Settings.REPLICATION_DELAY), context.scheduler(), context.workerExecutor(),
                context.eventLoopGroup());
        String region = context.config().region();
        context.edge().register(new EdgeRoute("s3", Set.of("s3"), null, true, AwsProtocol.S3_XML,
                new S3RequestHandler(store, context.clock(), region, context.offload(),
                        new S3Auth(context.config().get(S3Settings.AUTH) == AuthMode.STRICT,
                                context.config().credentials(), context.clock()),
                        replicationConfigs, policies, replication, context.config().get(S3Settings.SSE_C_OVER_HTTP),
                        new S3Ids(context.random()))));
        new ReplicationAdmin(replication).register(context.admin());
    }

    /**
     * Waits until bucket replication is idle (nothing queued or being copied); {@code false} if
     * {@code timeout} passed first. Blocks the calling thread: call it from a test, never from an
     * event loop.
     */
    public boolean awaitReplication(Duration timeout) throws InterruptedException {
        return replication.awaitIdle(timeout);
    }

    /** The replication engine: pause/resume (to observe {@code PENDING}), stats and waiting. */
    public ReplicationEngine replication() {
        return replication;
    }

    /** The store behind this service, for Java-level inspection in tests and for later S3 features. */
    public S3Store store() {
        return store;
    }

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public void start() {
        // S3 lives on the edge port, which MiniCloud binds.
    }

    @Override
    public String endpoint() {
        return context.edgeEndpoint().toString();
    }

    @Override
    public void reset() {
        replicationConfigs.clear();
        policies.clear();
        replication.reset();
        store.clear();
    }

    @Override
    public void close() {
        replication.close();
        replicationConfigs.clear();
        policies.clear();
        store.clear();
    }
}
