package dev.minicloud.dns.internal.health;

import dev.minicloud.dns.internal.zones.Route53Errors;
import dev.minicloud.dns.internal.zones.Route53Limit;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * The health checks of one MiniCloud instance, by account, and the status of each as the DNS server
 * sees it. Creating, updating and deleting follow Route 53's rules: a {@code CallerReference} retried
 * with the same settings returns the existing check, with other settings or after a delete it is
 * {@code HealthCheckAlreadyExists}; {@code HealthCheckVersion} guards updates; a check that a
 * {@code CALCULATED} check names as a child cannot be deleted.
 *
 * <p>Status ({@link #isHealthy}): a forced status wins; a disabled check is healthy; an endpoint check
 * has its probed status, a calculated check is healthy when at least {@code HealthThreshold} of its
 * children are, a CloudWatch check has its {@code InsufficientDataHealthStatus} (no alarm data exists
 * here; {@code LastKnownStatus} is healthy, as for a new check on Route 53), a recovery-control check is
 * healthy (its routing control is on); then {@code Inverted} flips it.
 *
 * <p>Concurrency: writes are serialized on this object; {@link #isHealthy} reads concurrent maps and
 * volatile fields only, so DNS queries never lock.
 */
public final class HealthCheckRegistry implements HealthView {
    private final Clock clock;
    private final Random ids;
    private final long maxChecks;
    private final Map<String, HealthCheck> checks = new ConcurrentHashMap<>();
    private final Map<String, ProbeState> states = new ConcurrentHashMap<>();
    /** Account -> caller reference -> id of the check made with it (kept after a delete, as Route 53 does for a while). */
    private final Map<String, Map<String, String>> callerReferences = new HashMap<>();

    private final List<String> order = new ArrayList<>();
    /** Moves whenever some check's DNS-visible status may have changed (see {@link HealthView}). */
    private final AtomicLong statusGeneration = new AtomicLong();

    public HealthCheckRegistry(Clock clock, Random ids) {
        this(clock, ids, Route53Limit.MAX_HEALTH_CHECKS_BY_OWNER.defaultValue());
    }

    /** @param maxChecks checks per account ({@code MAX_HEALTH_CHECKS_BY_OWNER}) */
    public HealthCheckRegistry(Clock clock, Random ids, long maxChecks) {
        this.clock = clock;
        this.ids = ids;
        this.maxChecks = maxChecks;
    }

    /** The result of CreateHealthCheck: the check, and whether it was made now (201) or already existed. */
    public record Created(HealthCheck check, boolean created) {}

    public synchronized Created create(String account, String callerReference, HealthCheckConfig config) {
        Map<String, String> refs = callerReferences.computeIfAbsent(account, a -> new HashMap<>());
        String earlier = refs.get(callerReference);
        if (earlier != null) {
            HealthCheck existing = checks.get(earlier);
            if (existing != null && existing.config().equals(config)) {
                return new Created(existing, false);
            }
            throw Route53Errors.healthCheckAlreadyExists(callerReference);
        }
        if (list(account).size() >= maxChecks) {
            throw Route53Errors.tooManyHealthChecks(maxChecks);
        }
        checkChildren(account, null, config);
        String id = newId();
        HealthCheck check = new HealthCheck(id, account, callerReference, config, 1, Map.of());
        states.put(id, new ProbeState(clock.instant(), statusGeneration));
        checks.put(id, check);
        statusGeneration.incrementAndGet();
        order.add(id);
        refs.put(callerReference, id);
        return new Created(check, true);
    }

    /** A check of {@code account}, or {@code NoSuchHealthCheck}. */
    public HealthCheck get(String account, String id) {
        HealthCheck c = checks.get(id);
        if (c == null || !c.account().equals(account)) {
            throw Route53Errors.noSuchHealthCheck(id);
        }
        return c;
    }

    /** The checks of {@code account} in creation order. */
    public synchronized List<HealthCheck> list(String account) {
        List<HealthCheck> out = new ArrayList<>();
        for (String id : order) {
            HealthCheck c = checks.get(id);
            if (c.account().equals(account)) {
                out.add(c);
            }
        }
        return out;
    }

    /** Every check of every account, for the checker. */
    List<HealthCheck> all() {
        return new ArrayList<>(checks.values());
    }

    /**
     * UpdateHealthCheck: {@code expectedVersion} (if given) must be the current version; the new
     * configuration is computed by the caller from the current one.
     */
    public synchronized HealthCheck update(
            String account, String id, Long expectedVersion, UnaryOperator<HealthCheckConfig> change) {
        HealthCheck current = get(account, id);
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw Route53Errors.healthCheckVersionMismatch();
        }
        HealthCheckConfig next = change.apply(current.config());
        checkChildren(account, id, next);
        HealthCheck updated = current.withConfig(next);
        checks.put(id, updated);
        statusGeneration.incrementAndGet(); // Disabled, Inverted, children and thresholds decide the status too
        return updated;
    }

    public synchronized void delete(String account, String id) {
        HealthCheck c = get(account, id);
        for (HealthCheck other : checks.values()) {
            if (other.config().childHealthChecks().contains(id)) {
                throw Route53Errors.healthCheckInUse(id, other.id());
            }
        }
        checks.remove(c.id());
        states.remove(c.id());
        order.remove(c.id());
        statusGeneration.incrementAndGet();
    }

    public synchronized void changeTags(String account, String id, Map<String, String> add, List<String> remove) {
        HealthCheck c = get(account, id);
        Map<String, String> tags = new LinkedHashMap<>(c.tags());
        remove.forEach(tags::remove);
        tags.putAll(add);
        checks.put(id, c.withTags(tags));
    }

    /** Children of a calculated check must be this account's checks, not calculated ones, and not itself. */
    private void checkChildren(String account, String selfId, HealthCheckConfig config) {
        for (String child : config.childHealthChecks()) {
            HealthCheck c = checks.get(child);
            if (c == null || !c.account().equals(account) || child.equals(selfId)) {
                throw Route53Errors.noSuchHealthCheck(child);
            }
            if (c.config().type() == HealthCheckType.CALCULATED) {
                throw Route53Errors.invalidInput("Invalid parameter : A calculated health check can't have the "
                        + "calculated health check " + child + " as a child.");
            }
        }
    }

    /**
     * Whether the check with {@code id} counts as healthy for DNS answers. An id that names no check
     * (deleted under a record set) is healthy: Route 53 says its status is then unpredictable, and
     * answering keeps the record in service.
     */
    @Override
    public boolean passes(String healthCheckId) {
        return isHealthy(healthCheckId);
    }

    @Override
    public long generation() {
        return statusGeneration.get();
    }

    public boolean isHealthy(String id) {
        HealthCheck c = id == null ? null : checks.get(id);
        if (c == null) {
            return true;
        }
        ProbeState state = states.get(id);
        HealthStatus forced = state == null ? HealthStatus.AUTO : state.forced();
        if (forced != HealthStatus.AUTO) {
            return forced == HealthStatus.HEALTHY;
        }
        HealthCheckConfig config = c.config();
        boolean healthy;
        if (config.disabled()) {
            healthy = true;
        } else if (config.type().isEndpoint()) {
            healthy = state == null || state.healthy();
        } else if (config.type() == HealthCheckType.CALCULATED) {
            int up = 0;
            for (String child : config.childHealthChecks()) {
                up += checks.containsKey(child) && isHealthy(child) ? 1 : 0;
            }
            healthy = up >= (config.healthThreshold() == null ? 0 : config.healthThreshold());
        } else if (config.type() == HealthCheckType.CLOUDWATCH_METRIC) {
            healthy = !"Unhealthy".equals(config.insufficientDataHealthStatus());
        } else {
            healthy = true;
        }
        return config.inverted() != healthy;
    }

    /** Forces the DNS-visible status of a check ({@link HealthStatus#AUTO} lets the probes decide again). */
    public void force(String id, HealthStatus status) {
        ProbeState state = states.get(id);
        if (state == null) {
            throw Route53Errors.noSuchHealthCheck(id);
        }
        state.force(status);
    }

    /** The probe state of a check, or {@code null} once it is deleted. */
    ProbeState state(String id) {
        return states.get(id);
    }

    /** The last observation of an endpoint check, or {@code null} before its first probe. */
    public Observation lastObservation(String account, String id) {
        get(account, id);
        ProbeState s = states.get(id);
        return s == null ? null : s.last();
    }

    /** The last failed observation of an endpoint check, or {@code null} if it never failed. */
    public Observation lastFailure(String account, String id) {
        get(account, id);
        ProbeState s = states.get(id);
        return s == null ? null : s.lastFailure();
    }

    public synchronized void reset() {
        checks.clear();
        states.clear();
        order.clear();
        callerReferences.clear();
        statusGeneration.incrementAndGet();
    }

    /** Route 53's ids are UUIDs; drawn from the service's random so a fixed seed repeats them. */
    private String newId() {
        long hi = ids.nextLong() & ~0xF000L | 0x4000L;
        long lo = ids.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(hi, lo).toString();
    }
}
