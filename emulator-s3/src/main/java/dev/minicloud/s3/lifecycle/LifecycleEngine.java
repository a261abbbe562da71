package dev.minicloud.s3.lifecycle;

import dev.minicloud.core.time.ClockScheduler;
import dev.minicloud.s3.lock.ObjectLocks;
import dev.minicloud.s3.service.S3Ids;
import dev.minicloud.s3.store.ArchiveRestore;
import dev.minicloud.s3.store.Bucket;
import dev.minicloud.s3.store.BucketRemovedException;
import dev.minicloud.s3.store.MultipartUpload;
import dev.minicloud.s3.store.ObjectVersion;
import dev.minicloud.s3.store.S3Store;
import dev.minicloud.s3.store.StorageFullException;
import dev.minicloud.s3.store.VersionChain;
import dev.minicloud.s3.store.VersioningState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;

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
 * <p>Concurrency: a pass never runs on an event loop. The periodic one runs on the worker pool
 * (scheduled on the clock, so a {@code MutableClock} moves it), {@link #runPass()} on its caller;
 * passes are serialized. Keys are visited in batches of {@code batchSize}; each key is decided and
 * changed under its own chain lock (the same lock writes take), so a request waits at most for one
 * key's decision, never for a bucket, and a write that lands meanwhile is seen before acting.
 *
 * <p>Every permanent removal goes through {@link #removeVersion}: the place for a retention check
 * (object lock: lifecycle never removes a locked version).
 */
public final class LifecycleEngine implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LifecycleEngine.class.getName());
    private static final List<String> COLDNESS = List.of("STANDARD", "REDUCED_REDUNDANCY", "INTELLIGENT_TIERING",
            "STANDARD_IA", "ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE");

    private final S3Store store;
    private final Clock clock;
    private final S3Ids ids;
    private final int batchSize;
    private final ReentrantLock passLock = new ReentrantLock();
    private volatile Runnable batchObserver = () -> { };
    private volatile ClockScheduler.Scheduled next;
    private volatile boolean closed;

    public LifecycleEngine(S3Store store, Clock clock, S3Ids ids, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize: " + batchSize + " (expected: >= 1)");
        }
        this.store = store;
        this.clock = clock;
        this.ids = ids;
        this.batchSize = batchSize;
    }

    /**
     * Runs a pass every {@code interval} of the clock on the worker pool (the first one
     * {@code interval} from now); zero turns the periodic pass off.
     */
    public void schedulePeriodic(ClockScheduler scheduler, Duration interval) {
        if (interval.isZero() || closed) {
            return;
        }
        next = scheduler.schedule(interval, () -> {
            try {
                runPass();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "lifecycle pass failed", e);
            } finally {
                schedulePeriodicQuietly(scheduler, interval);
            }
        });
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
        this.batchObserver = observer == null ? () -> { } : observer;
    }

    /** Runs one pass now, on the calling thread (never call it from an event loop), after any pass running. */
    public LifecycleReport runPass() {
        passLock.lock();
        try {
            Counts counts = new Counts();
            Instant now = clock.instant();
            for (Bucket b : store.allBuckets()) {
                try {
                    bucketPass(b, now, counts);
                } catch (BucketRemovedException gone) {
                    // deleted while we looked at it: nothing left to do there
                }
            }
            return counts.report();
        } finally {
            passLock.unlock();
        }
    }

    private void bucketPass(Bucket b, Instant now, Counts counts) {
        counts.restoresExpired += expireRestores(b, now);
        LifecycleConfiguration config = b.lifecycle();
        if (config == null || config.rules().stream().noneMatch(LifecycleRule::enabled)) {
            return;
        }
        abortUploads(b, config, now, counts);
        String after = null;
        while (true) {
            List<String> batch = new ArrayList<>(batchSize);
            for (String key : after == null ? b.objects().keySet() : b.objects().tailMap(after, false).keySet()) {
                batch.add(key);
                if (batch.size() == batchSize) {
                    break;
                }
            }
            if (batch.isEmpty()) {
                return;
            }
            for (String key : batch) {
                counts.scanned++;
                try {
                    b.mutate(key, chain -> {
                        applyRules(b, config, chain, now, counts);
                        return null;
                    });
                } catch (StorageFullException full) {
                    // a delete marker the budget cannot take: tried again on the next pass
                }
            }
            after = batch.get(batch.size() - 1);
            batchObserver.run();
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
                if (rule.enabled() && days != null && u.key().startsWith(rule.filter().prefix())
                        && !now.isBefore(LifecycleDates.due(u.initiated(), days))) {
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
                removeVersion(b, chain, latest);
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

    private void noncurrent(Bucket b, LifecycleConfiguration config, VersionChain chain, ObjectVersion v,
                            Instant noncurrentSince, int newerNoncurrent, Instant now, Counts counts) {
        Map<String, String> tags = v.deleteMarker() ? Map.of() : v.tags();
        long size = v.deleteMarker() ? 0 : v.size();
        String target = null;
        int coldest = -1;
        for (LifecycleRule rule : config.rules()) {
            if (!rule.enabled() || !rule.filter().matches(v.key(), tags, size)) {
                continue;
            }
            LifecycleRule.NoncurrentExpiration e = rule.noncurrentExpiration();
            if (e != null && !now.isBefore(LifecycleDates.due(noncurrentSince, e.noncurrentDays()))
                    && (e.newerNoncurrentVersions() == null || newerNoncurrent >= e.newerNoncurrentVersions())) {
                removeVersion(b, chain, v);
                counts.noncurrentRemoved++;
                return;
            }
            if (v.deleteMarker()) {
                continue;
            }
            for (LifecycleRule.NoncurrentTransition t : rule.noncurrentTransitions()) {
                if (!now.isBefore(LifecycleDates.due(noncurrentSince, t.noncurrentDays()))
                        && (t.newerNoncurrentVersions() == null || newerNoncurrent >= t.newerNoncurrentVersions())
                        && movable(config, rule, v, t.storageClass()) && coldness(t.storageClass()) > coldest) {
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
            if (e.days() != null && !now.isBefore(LifecycleDates.due(marker.lastModified(), e.days()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean expirationDue(LifecycleConfiguration config, ObjectVersion v, Instant now) {
        LifecycleHeaders.Due due = LifecycleHeaders.firstExpiration(config, v);
        return due != null && !now.isBefore(due.date());
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
                Instant due = t.date() != null ? t.date() : LifecycleDates.due(v.lastModified(), t.days());
                if (!now.isBefore(due) && movable(config, rule, v, t.storageClass())
                        && coldness(t.storageClass()) > coldest) {
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
            removeVersion(b, chain, current);
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
     *
     * @return whether the version was removed
     */
    boolean removeVersion(Bucket b, VersionChain chain, ObjectVersion v) {
        if (ObjectLocks.isProtected(v, clock.instant())) {
            return false;
        }
        b.restores().remove(ArchiveRestore.slot(v.key(), v.versionId()));
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

    /** Counters of one pass (only the pass's thread touches them). */
    private static final class Counts {
        long scanned;
        long expired;
        long noncurrentRemoved;
        long markersRemoved;
        long transitioned;
        long aborted;
        long restoresExpired;

        LifecycleReport report() {
            return new LifecycleReport(scanned, expired, noncurrentRemoved, markersRemoved, transitioned, aborted,
                    restoresExpired);
        }
    }
}
