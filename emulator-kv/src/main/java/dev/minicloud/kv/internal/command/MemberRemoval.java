package dev.minicloud.kv.internal.command;

import dev.minicloud.kv.internal.engine.Call;
import java.util.function.BiPredicate;
import java.util.function.ToIntFunction;

/**
 * SREM, ZREM and HDEL: removes the members (fields) named from argument 2 on from the collection at
 * argument 1 and replies how many were there. Only an actual removal counts as a write: it
 * invalidates WATCHes, publishes the keyspace event and deletes the key once it is empty.
 */
final class MemberRemoval {
    private MemberRemoval() {}

    /**
     * @param type the collection class (another type at the key is {@code WRONGTYPE})
     * @param remove removes one member, true when it was there
     * @param size the collection's size after the removals
     * @param notifyType the keyspace notification class ({@code Notifications.SET}, ...)
     * @param event the keyspace event name ({@code srem}, {@code zrem}, {@code hdel})
     */
    static <T> void run(
            Call c, Class<T> type, BiPredicate<T, byte[]> remove, ToIntFunction<T> size, int notifyType, String event) {
        byte[] key = c.arg(1);
        T collection = c.typed(c.write(key), type);
        int n = 0;
        if (collection != null) {
            for (int i = 2; i < c.argc(); i++) {
                if (remove.test(collection, c.arg(i))) {
                    n++;
                }
            }
            if (n > 0) {
                c.modified(key);
                c.notify(notifyType, event, key);
                c.deleteIfEmpty(key, size.applyAsInt(collection));
            }
        }
        c.out().integer(n);
    }
}
