package dev.minicloud.s3.internal.replication;

import dev.minicloud.internal.time.ClockScheduler;
import dev.minicloud.s3.internal.policy.BucketPolicies;
import dev.minicloud.s3.internal.service.ObjectWriteListener;
import dev.minicloud.s3.internal.store.Bucket;
import dev.minicloud.s3.internal.store.BucketRemovedException;
import dev.minicloud.s3.internal.store.ObjectData;
import dev.minicloud.s3.internal.store.ObjectVersion;
import dev.minicloud.s3.internal.store.S3Store;
import dev.minicloud.s3.internal.store.VersionChain;
import dev.minicloud.s3.internal.store.VersioningState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Performs bucket replication: sees every user write through {@link ObjectWriteListener}, marks
 * versions a rule covers {@code PENDING} in the same atomic step as their commit, and copies them
 * later, on the instance's workers, to every destination bucket (same or other region), keeping the version
 * id, data (shared pages, never copied), ETag, checksum, metadata, tags and date. The source then
 * reads {@code COMPLETED} (every destination took it) or {@code FAILED} (some destination was
 * missing or not versioned); the copy reads {@code REPLICA}.
 *
 * <p>What is replicated, as on AWS: new versions, and tag and Object Lock changes of versions a rule covers; delete
 * markers where {@link ReplicationRule#replicatesDeleteMarker} says so; never a DELETE with a
 * version id; never a replica (the engine writes replicas straight into the store, bypassing the
 * listener, so A->B->C does not chain), except tag and lock changes on a replica under a rule with
 * {@code ReplicaModifications} enabled. Objects written before a rule existed have no task.
 *
 * <p>Delays ({@code s3-replication-delay}) run on the instance's clock: a {@code MutableClock}
 * advanced past them releases the copies.
 *
 * <p>Concurrency: at most one drain per engine (per S3 instance), on a worker, runs tasks in commit order; it takes one
 * key lock at a time (destination chain, then source chain), never two, so it cannot deadlock with
 * writers. Writers add to a lock-free queue that one drain at a time empties (see {@link #enqueue});
 * pausing stops the drain and leaves tasks queued, so order survives a pause. {@code outstanding}
 * (queued, delayed or running) is guarded by {@code idle}, which waiters of {@link #awaitIdle} wait on.
 */
public final class ReplicationEngine implements ObjectWriteListener, AutoCloseable {
    public static final String PENDING = "PENDING";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";
    public static final String REPLICA = "REPLICA";
    private static final long DRAIN_RETRY_MILLIS = 10;

    private final S3Store store;
    private final ReplicationConfigs configs;
    private final BucketPolicies policies;
    private final Duration delay;
    private final ClockScheduler scheduler;
    private final Executor workers;
    private final ScheduledExecutorService backoff;
    private final Object idle = new Object();
    private long outstanding;
    private volatile boolean paused;
    private final Queue<ReplicationTask> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Set<ReplicationTask> live = ConcurrentHashMap.newKeySet();
    private final AtomicLong replicated = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param scheduler holds delayed copies back on the instance's clock
     * @param workers   runs the drain (one at a time)
     * @param backoff   retries a drain the saturated worker pool refused
     */
    public ReplicationEngine(
            S3Store store,
            ReplicationConfigs configs,
            BucketPolicies policies,
            Duration delay,
            ClockScheduler scheduler,
            Executor workers,
            ScheduledExecutorService backoff) {
        this.store = store;
        this.configs = configs;
        this.policies = policies;
        this.delay = delay;
        this.scheduler = scheduler;
        this.workers = workers;
        this.backoff = backoff;
    }

    @Override
    public ObjectVersion onWrite(Bucket bucket, ObjectVersion v, Kind kind) {
        ReplicationConfiguration config = configs.get(bucket);
        if (config == null || closed) {
            return v;
        }
        return switch (kind) {
            case OBJECT -> queueWithStatus(bucket, v, kind, targets(bucket, config, r -> r.matches(v.key(), v.tags())));
            case TAGS, LOCK -> {
                if (REPLICA.equals(v.replicationStatus())) {
                    List<ReplicationTarget> back = targets(
                            bucket, config, r -> r.replicatesReplicaModifications() && r.matches(v.key(), v.tags()));
                    if (!back.isEmpty()) {
                        submit(new ReplicationTask(
                                bucket, v, back, kind, v.data().share(), generation.get()));
                    }
                    yield v;
                }
                if (v.replicationStatus() == null) {
                    yield v; // written before any rule covered it: not replicated, as on AWS
                }
                yield queueWithStatus(bucket, v, kind, targets(bucket, config, r -> r.matches(v.key(), v.tags())));
            }
            case DELETE_MARKER -> {
                List<ReplicationTarget> t = targets(bucket, config, r -> r.replicatesDeleteMarker(v.key()));
                if (!t.isEmpty()) {
                    submit(new ReplicationTask(bucket, v, t, kind, ObjectData.EMPTY, generation.get()));
                }
                yield v;
            }
        };
    }

    private ObjectVersion queueWithStatus(Bucket bucket, ObjectVersion v, Kind kind, List<ReplicationTarget> targets) {
        if (targets.isEmpty()) {
            return v;
        }
        ObjectVersion pending = withStatus(v, PENDING);
        submit(new ReplicationTask(bucket, pending, targets, kind, v.data().share(), generation.get()));
        return pending;
    }

    /** The destinations of the enabled rules {@code scope} accepts: per destination, the rule of highest priority. */
    private static List<ReplicationTarget> targets(
            Bucket source, ReplicationConfiguration config, Predicate<ReplicationRule> scope) {
        Map<String, ReplicationRule> best = new LinkedHashMap<>();
        for (ReplicationRule rule : config.rules()) {
            if (!rule.enabled() || !scope.test(rule)) {
                continue;
            }
            String account = rule.destination().account() == null
                    ? source.owner()
                    : rule.destination().account();
            String id = account + '/' + rule.destination().bucketName();
            best.merge(id, rule, (a, b) -> b.rank() > a.rank() ? b : a);
        }
        List<ReplicationTarget> out = new ArrayList<>(best.size());
        for (ReplicationRule rule : best.values()) {
            String account = rule.destination().account() == null
                    ? source.owner()
                    : rule.destination().account();
            out.add(new ReplicationTarget(
                    account, rule.destination().bucketName(), rule.destination().storageClass()));
        }
        return out;
    }

    private void submit(ReplicationTask task) {
        synchronized (idle) {
            outstanding++;
        }
        live.add(task);
        if (!delay.isZero()) {
            try {
                scheduler.schedule(delay, () -> enqueue(task));
            } catch (RejectedExecutionException e) {
                finish(task); // closed: nothing will run it
            }
        } else {
            enqueue(task);
        }
    }

    /**
     * Queues a task and makes sure a drain is running. Writers only touch a lock-free queue and, when
     * the engine is idle, wake it once: under load one drain copies many tasks per wake-up, which is
     * what keeps the cost on the PUT path small.
     */
    private void enqueue(ReplicationTask task) {
        queue.add(task);
        startDrain();
    }

    private void startDrain() {
        if (!paused && !closed && draining.compareAndSet(false, true)) {
            try {
                workers.execute(this::drain);
            } catch (RejectedExecutionException e) {
                draining.set(false);
                retryDrain();
            }
        }
    }

    /** The worker pool is saturated (or closing): try again shortly, so queued copies are not stranded. */
    private void retryDrain() {
        if (closed) {
            return;
        }
        try {
            backoff.schedule(this::startDrain, DRAIN_RETRY_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the instance is closing: close() releases what is queued
        }
    }

    /** Runs queued tasks in commit order until the queue is empty or the engine is paused. */
    private void drain() {
        while (true) {
            ReplicationTask task;
            while (!paused && !closed && (task = queue.poll()) != null) {
                run(task);
            }
            draining.set(false);
            // A task queued after the last poll but before the flag dropped found the drain running: take it now.
            if (paused || queue.isEmpty() || !draining.compareAndSet(false, true)) {
                return;
            }
        }
    }

    private void run(ReplicationTask task) {
        if (task.generation() != generation.get()) {
            finish(task); // queued before a reset: its buckets are gone, and new ones with the same names are not its
            return;
        }
        try {
            boolean allCopied = true;
            for (ReplicationTarget target : task.targets()) {
                boolean ok;
                try {
                    ok = copy(task, target);
                } catch (RuntimeException e) {
                    ok = false; // a copy that cannot be made is FAILED, never a dead engine
                }
                (ok ? replicated : failed).incrementAndGet();
                allCopied &= ok;
            }
            if (task.kind() != Kind.DELETE_MARKER
                    && !REPLICA.equals(task.version().replicationStatus())) {
                settleSourceStatus(task, allCopied ? COMPLETED : FAILED);
            }
        } finally {
            finish(task);
        }
    }

    private void finish(ReplicationTask task) {
        if (live.remove(task)) {
            task.data().release();
            synchronized (idle) {
                outstanding--;
                if (outstanding == 0) {
                    idle.notifyAll();
                }
            }
        }
    }

    /** Writes the task into one destination; {@code false} when the destination cannot take it. */
    private boolean copy(ReplicationTask task, ReplicationTarget target) {
        Bucket dest = store.bucket(target.account(), target.bucket());
        if (dest == null || dest.versioning() != VersioningState.ENABLED) {
            return false;
        }
        if (task.source().objectLock() != null && dest.objectLock() == null) {
            return false; // S3 replicates out of an Object Lock bucket only into another one
        }
        ObjectVersion v = task.version();
        if (!policies.allows(dest, task.source().owner(), action(task.kind()), BucketPolicies.arn(dest, v.key()))) {
            return false; // another account's bucket whose policy does not (or no longer) grant this
        }
        try {
            dest.mutate(v.key(), chain -> apply(task, target, chain));
        } catch (BucketRemovedException e) {
            return false; // deleted while the copy was on its way: FAILED, like a missing destination
        }
        return true;
    }

    /** The permission a destination in another account must grant, as S3's cross-account replication asks. */
    private static String action(Kind kind) {
        return switch (kind) {
            case OBJECT -> "s3:ReplicateObject";
            case DELETE_MARKER -> "s3:ReplicateDelete";
            case TAGS -> "s3:ReplicateTags";
            case LOCK -> "s3:ReplicateObject";
        };
    }

    private static Void apply(ReplicationTask task, ReplicationTarget target, VersionChain chain) {
        ObjectVersion v = task.version();
        ObjectVersion existing = chain.find(v.versionId());
        switch (task.kind()) {
            case DELETE_MARKER -> {
                if (existing == null) {
                    chain.add(ObjectVersion.deleteMarker(v.key(), v.versionId(), v.lastModified()));
                }
            }
            case TAGS, LOCK -> {
                if (existing != null && !existing.deleteMarker()) {
                    chain.replace(task.kind() == Kind.TAGS ? existing.withTags(v.tags()) : existing.withLock(v.lock()));
                } else if (existing == null && !REPLICA.equals(v.replicationStatus())) {
                    addReplica(chain, replicaOf(v, task, target));
                }
            }
            case OBJECT -> {
                if (existing == null) {
                    addReplica(chain, replicaOf(v, task, target));
                }
            }
        }
        return null;
    }

    /** Adds a replica; one the destination's budget refuses gives its share of the pages back (and is FAILED). */
    private static void addReplica(VersionChain chain, ObjectVersion replica) {
        try {
            chain.add(replica);
        } catch (RuntimeException e) {
            replica.data().release();
            throw e;
        }
    }

    private static ObjectVersion replicaOf(ObjectVersion v, ReplicationTask task, ReplicationTarget target) {
        return new ObjectVersion(
                v.key(),
                v.versionId(),
                false,
                task.data().share(),
                v.etag(),
                v.lastModified(),
                v.metadata(),
                v.tags(),
                target.storageClass() == null ? v.storageClass() : target.storageClass(),
                v.checksum(),
                v.partSizes(),
                v.partChecksums(),
                REPLICA,
                v.acl(),
                v.encryption(),
                v.lock());
    }

    private static void settleSourceStatus(ReplicationTask task, String status) {
        ObjectVersion v = task.version();
        try {
            task.source().mutate(v.key(), chain -> {
                ObjectVersion current = chain.find(v.versionId());
                if (current != null && !current.deleteMarker() && PENDING.equals(current.replicationStatus())) {
                    chain.replace(withStatus(current, status));
                }
                return null;
            });
        } catch (BucketRemovedException e) {
            // The source bucket is gone with the version whose status this was: nothing left to settle.
            return;
        }
    }

    static ObjectVersion withStatus(ObjectVersion v, String status) {
        return new ObjectVersion(
                v.key(),
                v.versionId(),
                v.deleteMarker(),
                v.data(),
                v.etag(),
                v.lastModified(),
                v.metadata(),
                v.tags(),
                v.storageClass(),
                v.checksum(),
                v.partSizes(),
                v.partChecksums(),
                status,
                v.acl(),
                v.encryption(),
                v.lock());
    }

    /**
     * Waits until no replication is queued or running; {@code false} if {@code timeout} passed first
     * (or the engine is paused with work held). Blocks: never call it on an event loop.
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (outstanding > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
            return true;
        }
    }

    /** Holds every replication not yet started until {@link #resume()}: lets a test observe {@code PENDING}. */
    public void pause() {
        paused = true;
    }

    /** Releases what {@link #pause()} held, in commit order (it never left the queue). */
    public void resume() {
        paused = false;
        startDrain();
    }

    public ReplicationStats stats() {
        synchronized (idle) {
            return new ReplicationStats(outstanding, replicated.get(), failed.get(), paused);
        }
    }

    /**
     * Unpauses and zeroes the counters (admin reset); tasks already queued are dropped when their
     * turn comes, so they never write into buckets created after the reset.
     */
    public void reset() {
        generation.incrementAndGet();
        replicated.set(0);
        failed.set(0);
        resume();
    }

    @Override
    public void close() {
        closed = true;
        queue.clear();
        for (ReplicationTask task : List.copyOf(live)) {
            finish(task);
        }
    }
}
