package dev.minicloud.dns.internal.zones;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reusable delegation sets of one instance, per account, in creation order. Not thread-safe:
 * {@link ZoneRegistry} owns it and calls it under its lock, because creating a zone on a set and
 * deleting the set must not interleave.
 */
final class DelegationSets {
    private final Map<String, DelegationSet> byId = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> callerReferences = new HashMap<>();

    DelegationSet get(String account, String id) {
        DelegationSet set = byId.get(ZoneIds.bare(id));
        if (set == null || !set.account().equals(account)) {
            throw Route53Errors.noSuchDelegationSet(ZoneIds.bare(id));
        }
        return set;
    }

    List<DelegationSet> list(String account) {
        List<DelegationSet> out = new ArrayList<>();
        for (DelegationSet s : byId.values()) {
            if (s.account().equals(account)) {
                out.add(s);
            }
        }
        return out;
    }

    boolean callerReferenceUsed(String account, String callerReference) {
        return callerReferences.getOrDefault(account, Map.of()).containsKey(callerReference);
    }

    void add(DelegationSet set) {
        byId.put(set.id(), set);
        callerReferences.computeIfAbsent(set.account(), a -> new HashMap<>()).put(set.callerReference(), set.id());
    }

    void remove(DelegationSet set) {
        byId.remove(set.id());
        Map<String, String> refs = callerReferences.get(set.account());
        if (refs != null) {
            refs.remove(set.callerReference());
        }
    }

    void clear() {
        byId.clear();
        callerReferences.clear();
    }
}
