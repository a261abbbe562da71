package dev.minicloud.dns.internal.zones;

import java.util.List;

/**
 * A reusable delegation set: four name servers an account's public zones can share, with the
 * caller reference it was created with. Bare id {@code N...}, written {@code /delegationset/N...}.
 */
public record DelegationSet(String id, String account, String callerReference, List<String> nameServers) {
    public DelegationSet {
        nameServers = List.copyOf(nameServers);
    }
}
