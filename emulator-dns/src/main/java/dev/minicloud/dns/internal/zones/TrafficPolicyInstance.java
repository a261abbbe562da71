package dev.minicloud.dns.internal.zones;

import java.util.Set;
import org.xbill.DNS.Name;

/**
 * A traffic policy instance: the record sets (their keys in {@code keys}) that a policy version made at
 * {@code name} in a zone, with the TTL it gave them. {@code State} is {@code Applied} once they are in
 * the zone, which is when the call that made them returns.
 */
public record TrafficPolicyInstance(
        String id,
        String account,
        String hostedZoneId,
        Name name,
        long ttl,
        String policyId,
        int policyVersion,
        String policyType,
        Set<RecordKey> keys) {
    public TrafficPolicyInstance {
        keys = Set.copyOf(keys);
    }
}
