package dev.minicloud.kv.internal.command;

import dev.minicloud.kv.internal.engine.Call;
import dev.minicloud.kv.internal.engine.RespError;

/**
 * The arguments SINTERCARD and ZINTERCARD share: {@code numkeys key [key ...] [LIMIT limit]}, with
 * Redis' exact errors. The keys start at argument 2.
 *
 * @param numkeys how many keys follow numkeys (at least 1)
 * @param limit the most the reply may count, 0 = no limit
 */
record InterCardArgs(int numkeys, long limit) {

    static InterCardArgs parse(Call c) {
        long numkeys = c.longArg(1, "ERR numkeys should be greater than 0");
        if (numkeys <= 0) {
            throw new RespError("ERR numkeys should be greater than 0");
        }
        if (numkeys > c.argc() - 2) {
            throw new RespError("ERR Number of keys can't be greater than number of args");
        }
        long limit = 0;
        for (int i = 2 + (int) numkeys; i < c.argc(); i++) {
            if (c.is(i, "LIMIT") && i + 1 < c.argc()) {
                limit = c.longArg(++i, "ERR LIMIT can't be negative");
                if (limit < 0) {
                    throw new RespError("ERR LIMIT can't be negative");
                }
            } else {
                throw RespError.syntax();
            }
        }
        return new InterCardArgs((int) numkeys, limit);
    }

    /** The reply for an intersection of {@code n} members: n, capped at LIMIT when one was given. */
    long reply(int n) {
        return limit > 0 ? Math.min(limit, n) : n;
    }
}
