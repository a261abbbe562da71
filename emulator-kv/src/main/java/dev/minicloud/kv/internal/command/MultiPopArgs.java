package dev.minicloud.kv.internal.command;

import dev.minicloud.kv.internal.engine.Call;
import dev.minicloud.kv.internal.engine.RespError;

/**
 * The arguments LMPOP, BLMPOP, ZMPOP and BZMPOP share: {@code numkeys key [key ...] <end> [COUNT n]},
 * parsed with Redis' exact errors and in Redis' order (numkeys, then the end keyword, then COUNT).
 * {@code head} is the end to pop from: LEFT for lists, MIN for sorted sets.
 *
 * @param keys the keys to try, in order
 * @param head whether to pop from the head (LEFT / MIN) rather than the tail (RIGHT / MAX)
 * @param count how many elements to pop at most (1 without COUNT)
 */
record MultiPopArgs(byte[][] keys, boolean head, long count) {

    /**
     * Parses from {@code numkeysAt} (the index of the numkeys argument) to the end; the end keyword
     * is {@code headKeyword} (LEFT, MIN) or {@code tailKeyword} (RIGHT, MAX).
     */
    static MultiPopArgs parse(Call c, int numkeysAt, String headKeyword, String tailKeyword) {
        long numkeys = c.longArg(numkeysAt, "ERR numkeys should be greater than 0");
        if (numkeys <= 0) {
            throw new RespError("ERR numkeys should be greater than 0");
        }
        long whereAt = numkeysAt + numkeys + 1;
        if (whereAt >= c.argc()) {
            throw RespError.syntax();
        }
        boolean head = c.either((int) whereAt, headKeyword, tailKeyword);
        long count = -1;
        for (int i = (int) whereAt + 1; i < c.argc(); i++) {
            if (c.is(i, "COUNT") && i + 1 < c.argc() && count < 0) {
                count = c.longArg(++i, "ERR count should be greater than 0");
                if (count <= 0) {
                    throw new RespError("ERR count should be greater than 0");
                }
            } else {
                throw RespError.syntax();
            }
        }
        byte[][] keys = new byte[(int) numkeys][];
        for (int i = 0; i < numkeys; i++) {
            keys[i] = c.arg(numkeysAt + 1 + i);
        }
        return new MultiPopArgs(keys, head, count < 0 ? 1 : count);
    }
}
