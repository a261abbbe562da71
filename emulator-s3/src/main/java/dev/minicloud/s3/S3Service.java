package dev.minicloud.s3;

import dev.minicloud.internal.admin.AdminResponse;
import dev.minicloud.internal.aws.AwsProtocol;
import dev.minicloud.internal.http.EdgeRoute;
import dev.minicloud.s3.internal.api.S3Auth;
import dev.minicloud.s3.internal.api.S3RequestHandler;
import dev.minicloud.s3.internal.lifecycle.LifecycleEngine;
import dev.minicloud.s3.internal.lifecycle.LifecycleReport;
import dev.minicloud.s3.internal.policy.BucketPolicies;
import dev.minicloud.s3.internal.replication.ReplicationAdmin;
import dev.minicloud.s3.internal.replication.ReplicationConfigs;
import dev.minicloud.s3.internal.replication.ReplicationEngine;
import dev.minicloud.s3.internal.service.S3Ids;
import dev.minicloud.s3.internal.store.S3Store;
import dev.minicloud.spi.AuthMode;
import dev.minicloud.spi.ResolvableNames;
import dev.minicloud.spi.Service;
import dev.minicloud.spi.ServiceContext;
import io.netty.handler.codec.http.HttpMethod;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The S3 service on the edge port: owns the instance's {@link S3Store} and registers the S3
 * request handler as the edge's fallback route (S3 takes every request no other service claims,
 * which is also how virtual-hosted requests reach it).
 */
public final class S3Service implements Service, ResolvableNames {
    private final ServiceContext context;
    private final S3Store store;
    private final ReplicationConfigs replicationConfigs = new ReplicationConfigs();
    private final BucketPolicies policies;
    private final ReplicationEngine replication;
    private final LifecycleEngine lifecycle;

    S3Service(ServiceContext context) {
        this.context = context;
        this.store = new S3Store(S3Settings.memoryLimit(context.config()));
        this.policies = new BucketPolicies(context.clock());
        this.replication = new ReplicationEngine(
                store,
                replicationConfigs,
                policies,
                context.config().get(S3Settings.REPLICATION_DELAY),
                context.scheduler(),
                context.workerExecutor(),
                context.eventLoopGroup());
        S3Ids ids = new S3Ids(context.random());
        this.lifecycle = new LifecycleEngine(
                store,
                context.clock(),
                ids,
                context.config().get(S3Settings.LIFECYCLE_BATCH),
                context.workerExecutor(),
                context.eventLoopGroup());
        String region = context.config().region();
        context.edge()
                .register(new EdgeRoute(
                        "s3",
                        Set.of("s3"),
                        null,
                        true,
                        AwsProtocol.S3_XML,
                        new S3RequestHandler(
                                store,
                                context.clock(),
                                region,
                                context.offload(),
                                new S3Auth(
                                        context.config().get(S3Settings.AUTH) == AuthMode.STRICT,
                                        context.config().credentials(),
                                        context.clock()),
                                replicationConfigs,
                                policies,
                                replication,
                                context.config().get(S3Settings.SSE_C_OVER_HTTP),
                                ids,
                                S3Settings.restoreDelays(context.config()))));
        new ReplicationAdmin(replication).register(context.admin());
        context.admin()
                .register("s3/lifecycle/run", Set.of(HttpMethod.POST), call -> AdminResponse.ok(lifecycle.runPass()));
        lifecycle.schedulePeriodic(context.scheduler(), context.config().get(S3Settings.LIFECYCLE_INTERVAL));
    }

    /**
     * Applies every bucket's lifecycle rules now, at the clock's present (after
     * {@code MutableClock.advance(..)}), and returns what the pass did. The pass runs on the worker
     * pool while the calling thread waits (never call it from an event loop); a periodic pass (see
     * {@code s3-lifecycle-interval}) running meanwhile finishes first.
     */
    public LifecycleReport runLifecycle() {
        return lifecycle.runPass();
    }

    /** The lifecycle engine (tests observe a pass between its batches with it). */
    public LifecycleEngine lifecycle() {
        return lifecycle;
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

    /**
     * Every name under {@code localhost} ({@code bucket.s3.localhost}, {@code bucket.localhost},
     * {@code bucket.s3.us-east-1.localhost}, {@code s3.localhost}, website endpoints) is the edge's
     * address: the edge serves them all as S3 (see the virtual-hosted forms in the README). The
     * {@code amazonaws.com} forms are left to real DNS: a client that uses them talks to AWS's
     * ports, not ours. {@code localhost} itself is the system resolver's.
     */
    @Override
    public List<InetAddress> lookup(String hostName) {
        if (!hostName.endsWith(".localhost")) {
            return List.of();
        }
        try {
            // An IP literal (the bound address): parsed, never looked up, so no resolver recursion.
            InetAddress edge = InetAddress.getByName(context.edgeEndpoint().getHost());
            return List.of(edge.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : edge);
        } catch (UnknownHostException | IllegalStateException e) {
            return List.of(); // not bound (yet or any more): not ours to answer
        }
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
        lifecycle.close();
        replication.close();
        replicationConfigs.clear();
        policies.clear();
        store.clear();
    }
}
