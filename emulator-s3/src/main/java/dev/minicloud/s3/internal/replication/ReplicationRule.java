package dev.minicloud.s3.internal.replication;

import java.util.Map;

/**
 * One replication rule, V1 (a bare {@code Prefix}, {@link #filter} {@code null}) or V2 (a
 * {@code Filter}, a {@code Priority} and {@code DeleteMarkerReplication}). Optional elements are
 * {@code null} when absent so that the document round-trips as stored.
 *
 * @param deleteMarkerReplication {@code Enabled}/{@code Disabled}, or {@code null} if absent
 * @param replicaModifications    {@code SourceSelectionCriteria/ReplicaModifications/Status}, or {@code null}
 * @param sseKmsEncryptedObjects  {@code SourceSelectionCriteria/SseKmsEncryptedObjects/Status}, or {@code null}
 * @param existingObjectReplication {@code ExistingObjectReplication/Status}, or {@code null}
 */
public record ReplicationRule(
        String id,
        Integer priority,
        boolean enabled,
        String v1Prefix,
        RuleFilter filter,
        String deleteMarkerReplication,
        ReplicationDestination destination,
        String replicaModifications,
        String sseKmsEncryptedObjects,
        String existingObjectReplication) {

    /** Whether this is a V2 rule (it has a {@code Filter}). */
    public boolean isV2() {
        return filter != null;
    }

    /** Whether the rule's filter names tags (such rules never replicate delete markers). */
    public boolean hasTagFilter() {
        return filter != null && !filter.tags().isEmpty();
    }

    /** Whether an object with this key and these tags is in the rule's scope. */
    public boolean matches(String key, Map<String, String> tags) {
        if (filter == null) {
            return key.startsWith(v1Prefix == null ? "" : v1Prefix);
        }
        return filter.matches(key, tags);
    }

    /** Whether a delete marker on {@code key} is replicated by this rule (AWS: V1 always, V2 when enabled and untagged). */
    public boolean replicatesDeleteMarker(String key) {
        if (!enabled || !matches(key, Map.of()) || hasTagFilter()) {
            return false;
        }
        return !isV2() || "Enabled".equals(deleteMarkerReplication);
    }

    /** Whether tag changes made on a replica are sent back through this rule. */
    public boolean replicatesReplicaModifications() {
        return "Enabled".equals(replicaModifications);
    }

    /** The priority used to pick between rules sharing a destination (V1 rules all rank 0). */
    public int rank() {
        return priority == null ? 0 : priority;
    }
}
