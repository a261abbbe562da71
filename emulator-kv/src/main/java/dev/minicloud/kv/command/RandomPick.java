package dev.minicloud.kv.command;

import dev.minicloud.kv.engine.Call;
import dev.minicloud.kv.engine.RespError;
import dev.minicloud.kv.store.Dict;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * HRANDFIELD, SRANDMEMBER and ZRANDMEMBER: {@code key [count [WITHVALUES | WITHSCORES]]} and Redis'
 * count semantics. Without a count one member is returned; a positive count picks that many distinct
 * members (all of them at most), a negative one picks {@code -count} members independently, so
 * repeats are allowed.
 *
 * @param count the count, or null when none was given
 * @param with whether the WITHVALUES / WITHSCORES flag was given
 */
record RandomPick(Long count, boolean with) {

    /**
     * Parses the arguments after the key; {@code withKeyword} is the flag the command allows, or
     * null for SRANDMEMBER, which (as in Redis) rejects extra arguments before reading the count.
     */
    static RandomPick parse(Call c, String withKeyword) {
        if (withKeyword == null && c.argc() > 3) {
            throw RespError.syntax();
        }
        if (c.argc() < 3) {
            return new RandomPick(null, false);
        }
        long count = c.longArg(2);
        boolean with = false;
        if (c.argc() == 4 && c.is(3, withKeyword)) {
            with = true;
        } else if (c.argc() > 3) {
            throw RespError.syntax();
        }
        if (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2) {
            throw new RespError("ERR value is out of range");
        }
        return new RandomPick(count, with);
    }

    /**
     * Answers by itself when there is nothing to list (no count: the one member as a bulk string,
     * or null; no key or count 0: an empty array) and returns null; otherwise returns the picked
     * entries for the caller to write. {@code dict} is null when the key does not exist.
     */
    <E extends Dict.Entry> List<E> pick(Call c, Dict<E> dict) {
        if (count == null) {
            c.out().bulk(dict == null ? null : dict.random(c.keyspace().random()).key());
            return null;
        }
        if (dict == null || count == 0) {
            c.out().array(0);
            return null;
        }
        if (count < 0) {
            List<E> picked = new ArrayList<>();
            for (long i = 0; i < -count; i++) {
                picked.add(dict.random(c.keyspace().random()));
            }
            return picked;
        }
        List<E> all = new ArrayList<>(dict.size());
        dict.forEach(all::add);
        // A partial Fisher-Yates shuffle: only the first n places are drawn.
        RandomGenerator rnd = c.keyspace().random();
        int n = (int) Math.min(count, all.size());
        for (int i = 0; i < n; i++) {
            Collections.swap(all, i, i + rnd.nextInt(all.size() - i));
        }
        return all.subList(0, n);
    }
}
