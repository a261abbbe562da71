package dev.minicloud.kv.internal.command;

import dev.minicloud.kv.internal.engine.Call;
import java.util.function.BiConsumer;

/**
 * The walk every multi-key pop shares (BLPOP, BRPOP, LMPOP, BLMPOP, BZPOPMIN, BZPOPMAX, ZMPOP,
 * BZMPOP): pop from the first key that holds a collection of the right type (a wrong type is
 * {@code WRONGTYPE}, as in Redis, even when a later key would do), else block on all the keys, else
 * answer a null array.
 */
final class FirstNonEmptyPop {
    private FirstNonEmptyPop() {}

    /** The keys of a BLPOP-style command: every argument between the name and the trailing timeout. */
    static byte[][] keysBeforeTimeout(Call c) {
        byte[][] keys = new byte[c.argc() - 2][];
        for (int i = 1; i < c.argc() - 1; i++) {
            keys[i - 1] = c.arg(i);
        }
        return keys;
    }

    /**
     * Runs {@code pop} (which also writes the reply) on the first of {@code keys} holding a
     * {@code type}; stored collections are never empty, so the first one found has something to pop.
     *
     * @param timeoutMillis negative = never block (LMPOP, ZMPOP), 0 = block forever
     */
    static <T> void run(Call c, byte[][] keys, long timeoutMillis, Class<T> type, BiConsumer<byte[], T> pop) {
        for (byte[] key : keys) {
            T value = c.typed(c.write(key), type);
            if (value != null) {
                pop.accept(key, value);
                return;
            }
        }
        if (timeoutMillis >= 0 && c.block(keys, timeoutMillis, w -> w.nullArray())) {
            return;
        }
        c.out().nullArray();
    }
}
