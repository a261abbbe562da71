package dev.minicloud.s3.internal.lifecycle;

import java.time.Instant;
import java.util.List;

/**
 * One rule of a bucket's lifecycle configuration, as validated by {@link LifecycleXml}. Absent
 * actions are {@code null} (or empty lists).
 *
 * @param id the rule's id (S3 makes one when the rule has none)
 */
public record LifecycleRule(
        String id,
        boolean enabled,
        LifecycleFilter filter,
        Expiration expiration,
        List<Transition> transitions,
        List<NoncurrentTransition> noncurrentTransitions,
        NoncurrentExpiration noncurrentExpiration,
        Integer abortDaysAfterInitiation) {

    public LifecycleRule {
        transitions = List.copyOf(transitions);
        noncurrentTransitions = List.copyOf(noncurrentTransitions);
    }

    /** {@code Expiration}: by age ({@code days}) or on a date, or the cleanup of expired delete markers. */
    public record Expiration(Integer days, Instant date, Boolean expiredObjectDeleteMarker) {}

    /** {@code Transition} of current versions to {@code storageClass}, by age or on a date. */
    public record Transition(Integer days, Instant date, String storageClass) {}

    /** {@code NoncurrentVersionTransition}: noncurrent versions move after {@code noncurrentDays}. */
    public record NoncurrentTransition(int noncurrentDays, Integer newerNoncurrentVersions, String storageClass) {}

    /** {@code NoncurrentVersionExpiration}: noncurrent versions are removed after {@code noncurrentDays}. */
    public record NoncurrentExpiration(int noncurrentDays, Integer newerNoncurrentVersions) {}
}
