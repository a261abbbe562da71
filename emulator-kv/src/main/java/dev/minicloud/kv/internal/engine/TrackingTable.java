package dev.minicloud.kv.internal.engine;

import dev.minicloud.kv.internal.store.Key;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The default-mode tracking table: key name to the ids of the clients that may cache it. Besides the
 * map it keeps the keys in an array, so that a full table ({@code tracking-table-max-keys}) can drop a
 * key picked uniformly at random in O(1), as Redis' random walk over its radix tree does.
 */
final class TrackingTable {
    /** A tracked key's clients and its place in {@link #keys}. */
    private static final class Slot {
        final Set<Long> ids = new LinkedHashSet<>(4);
        int index;
    }

    private final Map<Key, Slot> slots = new HashMap<>();
    private final List<Key> keys = new ArrayList<>();

    /** The clients of {@code key}, a new empty set if it was not tracked. */
    Set<Long> track(Key key) {
        Slot s = slots.get(key);
        if (s == null) {
            s = new Slot();
            s.index = keys.size();
            keys.add(key);
            slots.put(key, s);
        }
        return s.ids;
    }

    /** Forgets {@code key}; its clients, or null if it was not tracked. */
    Set<Long> remove(Key key) {
        Slot s = slots.remove(key);
        if (s == null) {
            return null;
        }
        Key last = keys.remove(keys.size() - 1);
        if (s.index < keys.size()) { // move the last key into the hole
            keys.set(s.index, last);
            slots.get(last).index = s.index;
        }
        return s.ids;
    }

    /** A tracked key picked uniformly by {@code random}; the table must not be empty. */
    Key randomKey(RandomGenerator random) {
        return keys.get(random.nextInt(keys.size()));
    }

    int size() {
        return keys.size();
    }

    boolean isEmpty() {
        return keys.isEmpty();
    }

    /** Client ids summed over the tracked keys (INFO's tracking_total_items). */
    long items() {
        long n = 0;
        for (Slot s : slots.values()) {
            n += s.ids.size();
        }
        return n;
    }

    void clear() {
        slots.clear();
        keys.clear();
    }
}
