package dev.minicloud.s3.internal.lifecycle;

import dev.minicloud.internal.time.ClockScheduler;
import dev.minicloud.s3.internal.lock.ObjectLocks;
import dev.minicloud.s3.internal.service.S3Ids;
import dev.minicloud.s3.internal.store.ArchiveRestore;
import dev.minicloud.s3.internal.store.Bucket;
import dev.minicloud.s3.internal.store.BucketRemovedException;
import dev.minicloud.s3.internal.store.MultipartUpload;
import dev.minicloud.s3.internal.store.ObjectVersion;
import dev.minicloud.s3.internal.store.S3Store;
import dev.minicloud.s3.internal.store.StorageFullException;
import dev.minicloud.s3.internal.store.VersionChain;
import dev.minicloud.s3.internal.store.VersioningState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * Applies buckets' lifecycle rules at the instance clock's present: expires current versions
 * (removes them, or adds a delete marker where versioning is on), removes noncurrent versions
 * ({@code NoncurrentDays}, {@code NewerNoncurrentVersions}) and expired object delete markers,
 * aborts incomplete multipart uploads, transitions storage classes, and forgets restored copies
 * that expired. Dates follow S3's rounding ({@link LifecycleDates}).
 *
 * <p>Precedence, as S3 documents it: one action per version per pass; permanent deletion before
 * transition, transition before a delete marker. Noncurrent days count from the successor's
 * creation.
 *
 * <p>Concurrency: a pass never runs on an event loop, nor on its caller. It runs on the worker
 * pool in batches of at most {@code batchSize} keys, one task per batch; each batch hands the next
 * one to the workers through a task on an event loop, so the next batch starts only after that
 * loop has served the I/O and tasks queued before it: on a busy (or CPU-starved) machine the pass
 * slows down instead of the requests. Passes are serialized (one starts when the previous one has
 * ended). Each key is decided and changed under its own chain lock (the same lock writes take), so
 * a request waits at most for one key's decision, never for a bucket, and a write that lands
 * meanwhile is seen before acting.
 *
 * <p>Garbage: a pass makes none of its own per key (its young collections are the clients'
 * latency): keys are visited in place in the sorted map (no list of them copied), the per-key
 * action is the pass object itself, due dates are compared on epoch seconds
 * ({@link LifecycleDates#isDue}), and a key's only version leaves its chain without a list copy.
 * What is left per removed key is the skip list's own marker node, a young object linked from an
 * old one, whose card the next young collections scan (see "S3 lifecycle pass" in
 * benchmarks/RESULTS.md).
 *
 * <p>Every permanent removal goes through {@link #removeVersion}: the place for a retention check
 * (object lock: lifecycle never removes a locked version).
 */
public final class LifecycleEngine implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LifecycleEngine.class.getName());
    private static final List<String> COLDNESS = List.of(
            "STANDARD",
            "REDUCED_REDUNDANCY",
            "INTELLIGENT_TIERING",
            "STANDARD_IA",
            "ONEZONE_IA",
            "GLACIER_IR",
            "GLACIER",
            "DEEP_ARCHIVE");

    private final S3Store store;
    private final Clock clock;
    private final S3Ids ids;
    private final int batchSize;
    private final ExecutorService workers;
    private final Executor loops;
    /** Guards {@link #lastPass}. */
    private final Object passOrder = new Object();
    /** The pass started last (done once it has ended); the next one starts after it. */
    private CompletableFuture<LifecycleReport> lastPass = CompletableFuture.completedFuture(null);

    private volatile Runnable batchObserver = () -> {};
    private volatile ClockScheduler.Scheduled next;
    private volatile boolean closed;

    /**
     * @param batchSize keys a pass decides in one task on the workers
     * @param workers where the batches run
     * @param loops where a pass yields between batches: the instance's event loops
     */
    public LifecycleEngine(
            S3Store store, Clock clock, S3Ids ids, int batchSize, ExecutorService workers, Executor loops) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize: " + batchSize + " (expected: >= 1)");
        }
        this.store = store;
        this.clock = clock;
        this.ids = ids;
        this.batchSize = batchSize;
        this.workers = workers;
        this.loops = loops;
    }

    /**
     * Runs a pass every {@code interval} of the clock on the worker pool (the first one
     * {@code interval} from now); zero turns the periodic pass off.
     */
    public void schedulePeriodic(ClockScheduler scheduler, Duration interval) {
        if (interval.isZero() || closed) {
            return;
        }
        next = scheduler.schedule(
                interval,
                () -> startPass().whenComplete((report, failure) -> {
                    if (failure != null && !closed) {
                        LOG.log(System.Logger.Level.ERROR, "lifecycle pass failed", failure);
                    }
                    schedulePeriodicQuietly(scheduler, interval);
                }));
    }

    private void schedulePeriodicQuietly(ClockScheduler scheduler, Duration interval) {
        try {
            schedulePeriodic(scheduler, interval);
        } catch (RejectedExecutionException closing) {
            // the instance is shutting down
        }
    }

    /** Called after each batch of keys of a pass (tests hold a pass in the middle with it). */
    public void batchObserver(Runnable observer) {
        this.batchObserver = observer == null ? () -> {} : observer;
    }

    /**
     * Runs one pass now (after any pass running) and waits for it: the pass itself runs on the
     * workers, so never call this from an event loop.
     */
    public LifecycleReport runPass() {
        try {
            return startPass().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Starts one pass on the workers once any pass running has ended; completes with what it did. */
    public CompletableFuture<LifecycleReport> startPass() {
        CompletableFuture<LifecycleReport> done = new CompletableFuture<>();
        CompletableFuture<LifecycleReport> previous;
        synchronized (passOrder) {
            previous = lastPass;
            lastPass = done;
        }
        previous.whenComplete((report, failure) -> new Pass(done).submit());
        return done;
    }

    /**
     * One pass, as a chain of batch tasks: the buckets as they were when it began, the bucket and
     * key it has reached, and its counts. One batch of a pass runs at a time (each submits the
     * next), so its fields need no lock: the executors' hand-offs order their writes.
     */
    private final class Pass implements Runnable, Function<VersionChain, Void> {
        private final CompletableFuture<LifecycleReport> done;
        private final Counts counts = new Counts();
        private Instant now;
        private List<Bucket> buckets;
        private int nextBucket;
        /** The bucket whose keys are being visited, or {@code null} between buckets. */
        private Bucket bucket;

        private LifecycleConfiguration config;
        /** The last key visited in {@link #bucket}, or {@code null} before its first. */
        private String after;

        Pass(CompletableFuture<LifecycleReport> done) {
            this.done = done;
        }

        void submit() {
            try {
                workers.execute(this);
            } catch (RejectedExecutionException e) {
                if (workers.isShutdown()) {
                    done.completeExceptionally(e);
                } else {
                    yieldToLoops(); // the pool's queue is full for now: try again after a loop's turn
                }
            }
        }

        /** Hands the next batch to the workers from an event loop task, so that loop has its turn first. */
        private void yieldToLoops() {
            try {
                loops.execute(this::submit);
            } catch (RejectedExecutionException e) {
                done.completeExceptionally(e); // the instance is closing
            }
        }

        @Override
        public void run() {
            try {
                if (closed) {
                    done.completeExceptionally(new CancellationException("the lifecycle engine is closed"));
                } else if (batch()) {
                    yieldToLoops();
                } else {
                    done.complete(counts.report());
                }
            } catch (RuntimeException e) {
                done.completeExceptionally(e); // the caller of runPass, or the periodic pass's log, gets it
            } catch (Error e) {
                done.completeExceptionally(e);
                throw e;
            }
        }

        /** Decides up to {@code batchSize} keys of one bucket; {@code false} once every bucket is done. */
        private boolean batch() {
            if (buckets == null) {
                now = clock.instant();
                buckets = store.allBuckets();
            }
            while (true) {
                if (bucket == null && !enterNextBucket()) {
                    return false;
                }
                try {
                    if (keys() > 0) {
                        batchObserver.run();
                        return true;
                    }
                } catch (BucketRemovedException gone) {
                    // deleted while we looked at it: nothing left to do there
                }
                bucket = null;
            }
        }

        /**
         * Moves to the next bucket with rules to apply, doing the bucket-level work (expired
         * restores, aborted uploads) of each one on the way; {@code false} when none is left.
         */
        private boolean enterNextBucket() {
            while (nextBucket < buckets.size()) {
                Bucket b = buckets.get(nextBucket++);
                counts.restoresExpired += expireRestores(b, now);
                LifecycleConfiguration c = b.lifecycle();
                if (c == null || c.rules().stream().noneMatch(LifecycleRule::enabled)) {
                    continue;
                }
                abortUploads(b, c, now, counts);
                bucket = b;
                config = c;
                after = null;
                return true;
            }
            return false;
        }

        /** Decides the next keys of {@link #bucket}, visiting them in place; how many it visited. */
        private int keys() {
            NavigableMap<String, VersionChain> objects =
                    after == null ? bucket.objects() : bucket.objects().tailMap(after, false);
            int visited = 0;
            for (String key : objects.keySet()) {
                counts.scanned++;
                try {
                    bucket.mutateIfPresent(key, this);
                } catch (StorageFullException full) {
                    // a delete marker the budget cannot take: tried again on the next pass
                }
                after = key;
                if (++visited == batchSize) {
                    break;
                }
            }
            return visited;
        }

        /** The action on one key, under its chain lock. */
        @Override
        public Void apply(VersionChain chain) {
            applyRules(bucket, config, chain, now, counts);
            return null;
        }
    }

    private static int expireRestores(Bucket b, Instant now) {
        int before = b.restores().size();
        b.restores().values().removeIf(r -> r.expired(now));
        return before - b.restores().size();
    }

    private static void abortUploads(Bucket b, LifecycleConfiguration config, Instant now, Counts counts) {
        for (Map.Entry<String, MultipartUpload> e : b.uploads().entrySet()) {
            MultipartUpload u = e.getValue();
            for (LifecycleRule rule : config.rules()) {
                Integer days = rule.abortDaysAfterInitiation();
                if (rule.enabled()
                        && days != null
                        && u.key().startsWith(rule.filter().prefix())
                        && LifecycleDates.isDue(now, u.initiated(), days)) {
                    if (u.abort() == MultipartUpload.AbortOutcome.ABORTED) {
                        b.uploads().remove(e.getKey(), u);
                        counts.aborted++;
                    }
                    break;
                }
            }
        }
    }

    /** Decides and acts on one key, holding its chain. */
    private void applyRules(Bucket b, LifecycleConfiguration config, VersionChain chain, Instant now, Counts counts) {
        List<ObjectVersion> versions = chain.versions();
        if (versions.isEmpty()) {
            return;
        }
        ObjectVersion latest = versions.get(0);
        boolean soleMarker = versions.size() == 1 && latest.deleteMarker();
        for (int i = 1; i < versions.size(); i++) {
            noncurrent(b, config, chain, versions.get(i), versions.get(i - 1).lastModified(), i - 1, now, counts);
        }
        if (soleMarker) {
            if (markerExpired(config, latest, now)) {
                removeVersion(b, chain, latest, now);
                counts.markersRemoved++;
            }
            return;
        }
        if (latest.deleteMarker()) {
            return; // S3 does nothing to a key whose current version is a delete marker
        }
        if (expirationDue(config, latest, now)) {
            expireCurrent(b, chain, latest, now);
            counts.expired++;
            return;
        }
        String target = transitionDue(config, latest, now);
        if (target != null) {
            chain.replace(latest.withStorageClass(target));
            counts.transitioned++;
        }
    }

    private void noncurrent(
            Bucket b,
            LifecycleConfiguration config,
            VersionChain chain,
            ObjectVersion v,
            Instant noncurrentSince,
            int newerNoncurrent,
            Instant now,
            Counts counts) {
        Map<String, String> tags = v.deleteMarker() ? Map.of() : v.tags();
        long size = v.deleteMarker() ? 0 : v.size();
        String target = null;
        int coldest = -1;
        for (LifecycleRule rule : config.rules()) {
            if (!rule.enabled() || !rule.filter().matches(v.key(), tags, size)) {
                continue;
            }
            LifecycleRule.NoncurrentExpiration e = rule.noncurrentExpiration();
            if (e != null
                    && LifecycleDates.isDue(now, noncurrentSince, e.noncurrentDays())
                    && (e.newerNoncurrentVersions() == null || newerNoncurrent >= e.newerNoncurrentVersions())) {
                removeVersion(b, chain, v, now);
                counts.noncurrentRemoved++;
                return;
            }
            if (v.deleteMarker()) {
                continue;
            }
            for (LifecycleRule.NoncurrentTransition t : rule.noncurrentTransitions()) {
                if (LifecycleDates.isDue(now, noncurrentSince, t.noncurrentDays())
                        && (t.newerNoncurrentVersions() == null || newerNoncurrent >= t.newerNoncurrentVersions())
                        && movable(config, rule, v, t.storageClass())
                        && coldness(t.storageClass()) > coldest) {
                    target = t.storageClass();
                    coldest = coldness(target);
                }
            }
        }
        if (target != null) {
            chain.replace(v.withStorageClass(target));
            counts.transitioned++;
        }
    }

    private static boolean markerExpired(LifecycleConfiguration config, ObjectVersion marker, Instant now) {
        for (LifecycleRule rule : config.rules()) {
            LifecycleRule.Expiration e = rule.expiration();
            if (!rule.enabled() || e == null || !rule.filter().matches(marker.key(), Map.of(), 0)) {
                continue;
            }
            if (Boolean.TRUE.equals(e.expiredObjectDeleteMarker())) {
                return true;
            }
            // A rule by age also cleans up a lone delete marker once the marker is old enough.
            if (e.days() != null && LifecycleDates.isDue(now, marker.lastModified(), e.days())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether an expiration rule covering current version {@code v} has fallen due: the same rules
     * as {@link LifecycleHeaders#firstExpiration} (the first due of them is due iff any is), without
     * making its answer.
     */
    private static boolean expirationDue(LifecycleConfiguration config, ObjectVersion v, Instant now) {
        for (LifecycleRule rule : config.rules()) {
            if (!LifecycleHeaders.expiresCurrent(rule, v)) {
                continue;
            }
            LifecycleRule.Expiration e = rule.expiration();
            if (e.date() != null ? !now.isBefore(e.date()) : LifecycleDates.isDue(now, v.lastModified(), e.days())) {
                return true;
            }
        }
        return false;
    }

    /** The coldest storage class a due transition moves {@code v} to, or {@code null}. */
    private static String transitionDue(LifecycleConfiguration config, ObjectVersion v, Instant now) {
        String target = null;
        int coldest = -1;
        for (LifecycleRule rule : config.rules()) {
            if (!rule.enabled() || !rule.filter().matches(v.key(), v.tags(), v.size())) {
                continue;
            }
            for (LifecycleRule.Transition t : rule.transitions()) {
                boolean due = t.date() != null
                        ? !now.isBefore(t.date())
                        : LifecycleDates.isDue(now, v.lastModified(), t.days());
                if (due && movable(config, rule, v, t.storageClass()) && coldness(t.storageClass()) > coldest) {
                    target = t.storageClass();
                    coldest = coldness(target);
                }
            }
        }
        return target;
    }

    /** Transitions only go colder, and respect the configuration's minimum object size. */
    private static boolean movable(LifecycleConfiguration config, LifecycleRule rule, ObjectVersion v, String target) {
        if (coldness(target) <= coldness(v.storageClass())) {
            return false;
        }
        // A size filter in the rule replaces the default minimum, as S3 documents.
        return rule.filter().hasSize() || config.minimumObjectSize().allows(v.size(), target);
    }

    private static int coldness(String storageClass) {
        int i = COLDNESS.indexOf(storageClass);
        return i < 0 ? 0 : i;
    }

    private void expireCurrent(Bucket b, VersionChain chain, ObjectVersion current, Instant now) {
        VersioningState state = b.versioning();
        if (state == VersioningState.UNVERSIONED) {
            removeVersion(b, chain, current, now);
            return;
        }
        // Versioned: a delete marker becomes current (suspended: the null marker replaces a null version).
        String id = state == VersioningState.ENABLED ? ids.versionId() : ObjectVersion.NULL_ID;
        chain.add(ObjectVersion.deleteMarker(current.key(), id, now));
    }

    /**
     * The one place lifecycle removes a version (or delete marker) for good, under the key's chain
     * lock. A version under retention or a legal hold stays, as on S3: lifecycle never removes a
     * locked version (it is looked at again in the next pass, by when retention may have ended).
     * Retention is judged at the pass's instant, as every other decision of the pass.
     *
     * @return whether the version was removed
     */
    boolean removeVersion(Bucket b, VersionChain chain, ObjectVersion v, Instant now) {
        if (ObjectLocks.isProtected(v, now)) {
            return false;
        }
        if (!b.restores().isEmpty()) { // the slot's name is built only where restores exist
            b.restores().remove(ArchiveRestore.slot(v.key(), v.versionId()));
        }
        return chain.remove(v.versionId()) != null;
    }

    @Override
    public void close() {
        closed = true;
        ClockScheduler.Scheduled n = next;
        if (n != null) {
            n.cancel();
        }
    }

    /** Counters of one pass (only its current batch touches them). */
    private static final class Counts {
        long scanned;
        long expired;
        long noncurrentRemoved;
        long markersRemoved;
        long transitioned;
        long aborted;
        long restoresExpired;

        LifecycleReport report() {
            return new LifecycleReport(
                    scanned, expired, noncurrentRemoved, markersRemoved, transitioned, aborted, restoresExpired);
        }
    }
}
