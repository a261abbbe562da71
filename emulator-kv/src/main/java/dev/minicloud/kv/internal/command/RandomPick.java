package dev.minicloud.kv.internal.command;

import dev.minicloud.kv.internal.engine.Call;
import dev.minicloud.kv.internal.engine.ReplyStream;
import dev.minicloud.kv.internal.engine.RespError;
import dev.minicloud.kv.internal.store.Dict;
import dev.minicloud.kv.internal.wire.RespWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * HRANDFIELD, SRANDMEMBER and ZRANDMEMBER: {@code key [count [WITHVALUES | WITHSCORES]]} and Redis'
 * count semantics. Without a count one member is returned; a positive count picks that many distinct
 * members (all of them at most), a negative one picks {@code -count} members independently, so
 * repeats are allowed. The count's range is Redis 7's: +-(2^63-1) for SRANDMEMBER, half that for the
 * commands whose RESP2 reply doubles it. A negative count's reply is never built as a list: it is
 * written pick by pick through {@link Call#stream}, so a count near -2^63 costs bounded memory.
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
        long max = withKeyword == null ? Long.MAX_VALUE : Long.MAX_VALUE / 2;
        if (count < -max || count > max) {
            // Redis' getRangeLongFromObjectOrReply wording, "must between" included
            throw new RespError("ERR value is out of range, value must between " + -max + " and " + max);
        }
        return new RandomPick(count, with);
    }

    /**
     * Answers by itself when there is nothing to list (no count: the one member as a bulk string,
     * or null; no key or count 0: an empty array) or when the count is negative (the picks are
     * streamed, each written by {@code element} as {@code width} RESP values) and returns null;
     * otherwise returns the distinct picked entries for the caller to write. {@code dict} is null
     * when the key does not exist.
     */
    <E extends Dict.Entry> List<E> pick(Call c, Dict<E> dict, int width, Function<E, Consumer<RespWriter>> element) {
        if (count == null) {
            c.out()
                    .bulk(
                            dict == null
                                    ? null
                                    : dict.random(c.keyspace().random()).key());
            return null;
        }
        if (dict == null || count == 0) {
            c.out().array(0);
            return null;
        }
        if (count < 0) {
            long n = -count;
            c.stream(n * width, n, new LivePicks<>(dict, c.keyspace().random(), element));
            return null;
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

    /** Independent picks from the live collection, while the command runs. */
    private record LivePicks<E extends Dict.Entry>(
            Dict<E> dict, RandomGenerator rnd, Function<E, Consumer<RespWriter>> element) implements ReplyStream {
        @Override
        public void writeNext(RespWriter w) {
            element.apply(dict.random(rnd)).accept(w);
        }

        @Override
        public ReplyStream detach() {
            // each member frozen with its value/score as of now, so later writes do not show
            List<Consumer<RespWriter>> frozen = new ArrayList<>(dict.size());
            dict.forEach(e -> frozen.add(element.apply(e)));
            return new FrozenPicks(frozen, rnd);
        }
    }

    /** Independent picks from the members as they were when the command ran. */
    private record FrozenPicks(List<Consumer<RespWriter>> members, RandomGenerator rnd) implements ReplyStream {
        @Override
        public void writeNext(RespWriter w) {
            members.get(rnd.nextInt(members.size())).accept(w);
        }

        @Override
        public ReplyStream detach() {
            return this;
        }
    }
}
