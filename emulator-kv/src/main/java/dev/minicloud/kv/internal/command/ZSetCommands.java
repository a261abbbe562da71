package dev.minicloud.kv.internal.command;

import dev.minicloud.kv.internal.engine.Call;
import dev.minicloud.kv.internal.engine.CommandHandler;
import dev.minicloud.kv.internal.engine.CommandTable;
import dev.minicloud.kv.internal.engine.KeySpec;
import dev.minicloud.kv.internal.engine.Notifications;
import dev.minicloud.kv.internal.engine.RespError;
import dev.minicloud.kv.internal.store.Encoding;
import dev.minicloud.kv.internal.store.KeyEntry;
import dev.minicloud.kv.internal.store.RSet;
import dev.minicloud.kv.internal.store.RZSet;
import dev.minicloud.kv.internal.store.RZSet.ZEntry;
import dev.minicloud.kv.internal.wire.Doubles;
import dev.minicloud.kv.internal.wire.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The sorted-set commands, including ranges by rank/score/lex, set algebra and the blocking pops. */
final class ZSetCommands {
    private ZSetCommands() {}

    static void register(CommandTable t) {
        String g = "sorted-set";
        t.add(
                        "zadd",
                        -4,
                        "write denyoom fast",
                        1,
                        1,
                        1,
                        g,
                        "Adds one or more members to a sorted set, or updates their scores.",
                        Handler.ZADD)
                .keys(KeySpec.range("RW update", 1, 0, 1));
        t.add(
                        "zincrby",
                        4,
                        "write denyoom fast",
                        1,
                        1,
                        1,
                        g,
                        "Increments the score of a member in a sorted set.",
                        Handler.ZINCRBY)
                .keys(KeySpec.range("RW access update", 1, 0, 1));
        t.add("zrem", -3, "write fast", 1, 1, 1, g, "Removes one or more members from a sorted set.", Handler.ZREM)
                .keys(KeySpec.range("RW delete", 1, 0, 1));
        t.add("zcard", 2, "readonly fast", 1, 1, 1, g, "Returns the number of members in a sorted set.", Handler.ZCARD);
        t.add(
                        "zscore",
                        3,
                        "readonly fast",
                        1,
                        1,
                        1,
                        g,
                        "Returns the score of a member in a sorted set.",
                        Handler.ZSCORE)
                .keys(KeySpec.range("RO access", 1, 0, 1));
        t.add(
                        "zmscore",
                        -3,
                        "readonly fast",
                        1,
                        1,
                        1,
                        g,
                        "Returns the score of one or more members in a sorted set.",
                        Handler.ZMSCORE)
                .keys(KeySpec.range("RO access", 1, 0, 1));
        t.add(
                        "zrank",
                        -3,
                        "readonly fast",
                        1,
                        1,
                        1,
                        g,
                        "Returns the index of a member in a sorted set ordered by ascending scores.",
                        Handler.ZRANK)
                .keys(KeySpec.range("RO access", 1, 0, 1));
        t.add(
                        "zrevrank",
                        -3,
                        "readonly fast",
                        1,
                        1,
                        1,
                        g,
                        "Returns the index of a member in a sorted set ordered by descending scores.",
                        Handler.ZREVRANK)
                .keys(KeySpec.range("RO access", 1, 0, 1));
        t.add(
                        "zcount",
                        4,
                        "readonly fast",
                        1,
                        1,
                        1,
                        g,
                        "Returns the count of members in a sorted set that have scores within a range.",
                        Handler.ZCOUNT)
                .keys(KeySpec.range("RO access", 1, 0, 1));
        t.add(
                        "zlexcount",
                        4,
                        "readonly fast",
                        1,
                        1,
                        1,
                        g,
                        "Returns the number of members in a sorted set within a lexicographical range.",
                        Handler.ZLEXCOUNT)
                .keys(KeySpec.range("RO access", 1, 0, 1));
        t.add(
                        "zrange",
                        -4,
                        "readonly",
                        1,
                        1,
                        1,
                        g,
                        "Returns members in a sorted set within a range of indexes.",
                        Handler.ZRANGE)
                .keys(KeySpec.range("RO access", 1, 0, 1));
        t.add(
                        "zrangestore",
                        -5,
                        "write denyoom",
                        1,
                        2,
                        1,
                        g,
                        "Stores a range of members from sorted set in a key.",
                        Handler.ZRANGESTORE)
                .keys(KeySpec.range("OW update", 1, 0, 1), KeySpec.range("RO access", 2, 0, 1));
        t.add(
                        "zrevrange",
                        -4,
                        "readonly",
                        1,
                        1,
                        1,
                        g,
                        "Returns members in a sorted set within a range of indexes in reverse order.",
                        Handler.ZREVRANGE)
                .keys(KeySpec.range("RO access", 1, 0, 1));
        t.add(
                        "zrangebyscore",
                        -4,
                        "readonly",
                        1,
                        1,
                        1,
                        g,
                        "Returns members in a sorted set within a range of scores.",
                        Handler.ZRANGEBYSCORE)
                .keys(KeySpec.range("RO access", 1, 0, 1));
        t.add(
                        "zrevrangebyscore",
                        -4,
                        "readonly",
                        1,
                        1,
                        1,
                        g,
                        "Returns members in a sorted set within a range of scores in reverse order.",
                        Handler.ZREVRANGEBYSCORE)
                .keys(KeySpec.range("RO access", 1, 0, 1));
        t.add(
                        "zrangebylex",
                        -4,
                        "readonly",
                        1,
                        1,
                        1,
                        g,
                        "Returns members in a sorted set within a lexicographical range.",
                        Handler.ZRANGEBYLEX)
                .keys(KeySpec.range("RO access", 1, 0, 1));
        t.add(
                        "zrevrangebylex",
                        -4,
                        "readonly",
                        1,
                        1,
                        1,
                        g,
                        "Returns members in a sorted set within a lexicographical range in reverse order.",
                        Handler.ZREVRANGEBYLEX)
                .keys(KeySpec.range("RO access", 1, 0, 1));
        t.add(
                        "zremrangebyrank",
                        4,
                        "write",
                        1,
                        1,
                        1,
                        g,
                        "Removes members in a sorted set within a range of indexes.",
                        Handler.ZREMRANGEBYRANK)
                .keys(KeySpec.range("RW delete", 1, 0, 1));
        t.add(
                        "zremrangebyscore",
                        4,
                        "write",
                        1,
                        1,
                        1,
                        g,
                        "Removes members in a sorted set within a range of scores.",
                        Handler.ZREMRANGEBYSCORE)
                .keys(KeySpec.range("RW delete", 1, 0, 1));
        t.add(
                        "zremrangebylex",
                        4,
                        "write",
                        1,
                        1,
                        1,
                        g,
                        "Removes members in a sorted set within a lexicographical range.",
                        Handler.ZREMRANGEBYLEX)
                .keys(KeySpec.range("RW delete", 1, 0, 1));
        t.add(
                        "zpopmin",
                        -2,
                        "write fast",
                        1,
                        1,
                        1,
                        g,
                        "Returns the lowest-scoring members from a sorted set after removing them.",
                        Handler.ZPOPMIN)
                .keys(KeySpec.range("RW access delete", 1, 0, 1));
        t.add(
                        "zpopmax",
                        -2,
                        "write fast",
                        1,
                        1,
                        1,
                        g,
                        "Returns the highest-scoring members from a sorted set after removing them.",
                        Handler.ZPOPMAX)
                .keys(KeySpec.range("RW access delete", 1, 0, 1));
        t.add(
                        "bzpopmin",
                        -3,
                        "write blocking fast",
                        1,
                        -2,
                        1,
                        g,
                        "Removes and returns the member with the lowest score from one or more sorted sets.",
                        Handler.BZPOPMIN)
                .keys(KeySpec.range("RW access delete", 1, -2, 1));
        t.add(
                        "bzpopmax",
                        -3,
                        "write blocking fast",
                        1,
                        -2,
                        1,
                        g,
                        "Removes and returns the member with the highest score from one or more sorted sets.",
                        Handler.BZPOPMAX)
                .keys(KeySpec.range("RW access delete", 1, -2, 1));
        t.add(
                        "zmpop",
                        -4,
                        "write",
                        2,
                        -1,
                        1,
                        g,
                        "Returns the highest- or lowest-scoring members from one or more sorted sets after removing them.",
                        Handler.ZMPOP)
                .keys(KeySpec.keyNum("RW access delete", 1));
        t.add(
                        "bzmpop",
                        -5,
                        "write blocking",
                        3,
                        -1,
                        1,
                        g,
                        "Removes and returns a member by score from one or more sorted sets.",
                        Handler.BZMPOP)
                .keys(KeySpec.keyNum("RW access delete", 2));
        t.add("zunion", -3, "readonly", 2, -1, 1, g, "Returns the union of multiple sorted sets.", Handler.ZUNION)
                .keys(KeySpec.keyNum("RO access", 1));
        t.add("zinter", -3, "readonly", 2, -1, 1, g, "Returns the intersect of multiple sorted sets.", Handler.ZINTER)
                .keys(KeySpec.keyNum("RO access", 1));
        t.add(
                        "zdiff",
                        -3,
                        "readonly",
                        2,
                        -1,
                        1,
                        g,
                        "Returns the difference between multiple sorted sets.",
                        Handler.ZDIFF)
                .keys(KeySpec.keyNum("RO access", 1));
        t.add(
                        "zunionstore",
                        -4,
                        "write denyoom",
                        1,
                        -1,
                        1,
                        g,
                        "Stores the union of multiple sorted sets in a key.",
                        Handler.ZUNIONSTORE)
                .keys(KeySpec.range("OW update", 1, 0, 1), KeySpec.keyNum("RO access", 2));
        t.add(
                        "zinterstore",
                        -4,
                        "write denyoom",
                        1,
                        -1,
                        1,
                        g,
                        "Stores the intersect of multiple sorted sets in a key.",
                        Handler.ZINTERSTORE)
                .keys(KeySpec.range("OW update", 1, 0, 1), KeySpec.keyNum("RO access", 2));
        t.add(
                        "zdiffstore",
                        -4,
                        "write denyoom",
                        1,
                        -1,
                        1,
                        g,
                        "Stores the difference of multiple sorted sets in a key.",
                        Handler.ZDIFFSTORE)
                .keys(KeySpec.range("OW update", 1, 0, 1), KeySpec.keyNum("RO access", 2));
        t.add(
                        "zintercard",
                        -3,
                        "readonly",
                        2,
                        -1,
                        1,
                        g,
                        "Returns the number of members of the intersect of multiple sorted sets.",
                        Handler.ZINTERCARD)
                .keys(KeySpec.keyNum("RO access", 1));
        t.add(
                        "zrandmember",
                        -2,
                        "readonly",
                        1,
                        1,
                        1,
                        g,
                        "Returns one or more random members from a sorted set.",
                        Handler.ZRANDMEMBER)
                .keys(KeySpec.range("RO access", 1, 0, 1))
                .tips("nondeterministic_output");
        t.add("zscan", -3, "readonly", 1, 1, 1, g, "Iterates over members and scores of a sorted set.", Handler.ZSCAN)
                .keys(KeySpec.range("RO access", 1, 0, 1))
                .tips("nondeterministic_output");
    }

    private static void zincrby(Call c) {
        double by = c.doubleArg(2);
        RZSet z = c.zset(c.write(c.arg(1)));
        if (z == null) {
            z = c.orAdd(c.arg(1), null, () -> RZSet.create(c.keyspace().encodings(), 1, c.arg(3).length));
        }
        Double cur = z.score(c.arg(3));
        double n = (cur == null ? 0 : cur) + by;
        if (Double.isNaN(n)) {
            throw new RespError("ERR resulting score is not a number (NaN)");
        }
        z.put(c.arg(3), n);
        c.modified(c.arg(1));
        c.notify(Notifications.ZSET, "zincr", c.arg(1));
        c.out().dbl(n);
    }

    private static void zcard(Call c) {
        RZSet z = c.zset(c.read(c.arg(1)));
        c.out().integer(z == null ? 0 : z.size());
    }

    private static void zscore(Call c) {
        RZSet z = c.zset(c.read(c.arg(1)));
        Double s = z == null ? null : z.score(c.arg(2));
        if (s == null) {
            c.out().nullBulk();
        } else {
            c.out().dbl(s);
        }
    }

    private static void zmscore(Call c) {
        RZSet z = c.zset(c.read(c.arg(1)));
        RespWriter w = c.out();
        w.array(c.argc() - 2);
        for (int i = 2; i < c.argc(); i++) {
            Double s = z == null ? null : z.score(c.arg(i));
            if (s == null) {
                w.nullBulk();
            } else {
                w.dbl(s);
            }
        }
    }

    private static void zcount(Call c) {
        ScoreRange r = ScoreRange.parse(c, 2, 3);
        RZSet z = c.zset(c.read(c.arg(1)));
        c.out().integer(z == null ? 0 : r.count(z));
    }

    private static void zlexcount(Call c) {
        LexRange r = LexRange.parse(c, 2, 3);
        RZSet z = c.zset(c.read(c.arg(1)));
        c.out().integer(z == null ? 0 : r.select(z, false).size());
    }

    private static void zremrangebyrank(Call c) {
        long start = c.longArg(2);
        long end = c.longArg(3);
        RZSet z = c.zset(c.write(c.arg(1)));
        List<ZEntry> victims = z == null ? List.of() : byRank(z, start, end);
        removeAll(c, z, victims);
    }

    private static void zremrangebyscore(Call c) {
        ScoreRange r = ScoreRange.parse(c, 2, 3);
        RZSet z = c.zset(c.write(c.arg(1)));
        removeAll(c, z, z == null ? List.of() : r.select(z, false));
    }

    private static void zremrangebylex(Call c) {
        LexRange r = LexRange.parse(c, 2, 3);
        RZSet z = c.zset(c.write(c.arg(1)));
        removeAll(c, z, z == null ? List.of() : r.select(z, false));
    }

    private static void zintercard(Call c) {
        InterCardArgs a = InterCardArgs.parse(c);
        List<Map<Key, Double>> inputs = inputs(c, 2, a.numkeys());
        c.out().integer(a.reply(combine(inputs, null, Algebra.INTER, "sum").size()));
    }

    private static void zscan(Call c) {
        RZSet z = c.zset(c.read(c.arg(1)));
        Scans.scan(
                c,
                z == null ? null : z.dict(),
                z != null && z.encoding() == Encoding.LISTPACK ? z.range(0, z.size() - 1) : null,
                e -> Doubles.format(e.score()).getBytes(StandardCharsets.US_ASCII));
    }

    // ---- ZADD ---------------------------------------------------------------------------

    /** ZADD's flags (GEOADD takes NX, XX and CH of them). */
    /** Ranks and ranges by ascending or descending score (Redis' ZRANGE_DIRECTION_FORWARD/REVERSE). */
    private enum Direction {
        FORWARD,
        REVERSE
    }

    /** ZRANGE's own syntax (BYSCORE, BYLEX, REV, LIMIT as options) or the fixed one of ZRANGEBYSCORE and its kin. */
    private enum Syntax {
        ZRANGE,
        LEGACY
    }

    /** Which end ZPOPMIN/ZPOPMAX and their blocking forms take. */
    private enum Extreme {
        MIN,
        MAX
    }

    /** ZUNION/ZINTER/ZDIFF reply with the result; their STORE forms store it. */
    private enum Output {
        REPLY,
        STORE
    }

    /** ZADD's options, Redis' ZADD_IN_NX, ZADD_IN_XX, ... */
    enum ZAddFlag {
        NX,
        XX,
        GT,
        LT,
        CH,
        INCR;

        /** The flag argument {@code i} names, or null. */
        static ZAddFlag of(Call c, int i) {
            for (ZAddFlag f : values()) {
                if (c.is(i, f.name())) {
                    return f;
                }
            }
            return null;
        }
    }

    /** The options of one ZADD (or GEOADD, which Redis runs as a ZADD). */
    record ZAddOptions(Set<ZAddFlag> flags) {
        boolean nx() {
            return flags.contains(ZAddFlag.NX);
        }

        boolean xx() {
            return flags.contains(ZAddFlag.XX);
        }

        boolean gt() {
            return flags.contains(ZAddFlag.GT);
        }

        boolean lt() {
            return flags.contains(ZAddFlag.LT);
        }

        boolean ch() {
            return flags.contains(ZAddFlag.CH);
        }

        boolean incr() {
            return flags.contains(ZAddFlag.INCR);
        }
    }

    private static void zadd(Call c) {
        Set<ZAddFlag> flags = EnumSet.noneOf(ZAddFlag.class);
        int i = 2;
        for (ZAddFlag f; i < c.argc() && (f = ZAddFlag.of(c, i)) != null; i++) {
            flags.add(f);
        }
        ZAddOptions o = new ZAddOptions(flags);
        boolean nx = o.nx();
        boolean xx = o.xx();
        boolean gt = o.gt();
        boolean lt = o.lt();
        boolean incr = o.incr();
        int pairs = c.argc() - i;
        if (pairs == 0 || pairs % 2 != 0) {
            throw RespError.syntax();
        }
        if (nx && xx) {
            throw new RespError("ERR XX and NX options at the same time are not compatible");
        }
        if ((gt && nx) || (lt && nx) || (gt && lt)) {
            throw new RespError("ERR GT, LT, and/or NX options at the same time are not compatible");
        }
        if (incr && pairs > 2) {
            throw new RespError("ERR INCR option supports a single increment-element pair");
        }
        double[] scores = new double[pairs / 2];
        byte[][] members = new byte[pairs / 2][];
        for (int k = 0; k < scores.length; k++) {
            scores[k] = c.doubleArg(i + 2 * k);
            members[k] = c.arg(i + 2 * k + 1);
        }
        zadd(c, o, scores, members);
    }

    /** ZADD's effect and reply once its arguments are parsed: also what GEOADD runs, as in Redis. */
    static void zadd(Call c, ZAddOptions o, double[] scores, byte[][] members) {
        RZSet z = c.zset(c.write(c.arg(1)));
        if (z == null) {
            if (o.xx()) {
                if (o.incr()) {
                    c.out().nullBulk();
                } else {
                    c.out().integer(0);
                }
                return;
            }
            z = RZSet.create(c.keyspace().encodings(), members.length, members[0].length);
            c.db().add(c.arg(1), z);
        } else {
            z.prepareAdd(members.length);
        }
        int added = 0;
        int changed = 0;
        Double incrResult = null;
        for (int k = 0; k < scores.length; k++) {
            byte[] member = members[k];
            double score = scores[k];
            Double cur = z.score(member);
            if (cur == null) {
                if (o.xx()) {
                    continue;
                }
                z.put(member, score);
                added++;
                incrResult = score;
                continue;
            }
            if (o.nx()) {
                continue;
            }
            double target = o.incr() ? cur + score : score;
            if (Double.isNaN(target)) {
                throw new RespError("ERR resulting score is not a number (NaN)");
            }
            if ((o.gt() && target <= cur) || (o.lt() && target >= cur)) {
                continue;
            }
            if (target != cur) {
                z.put(member, target);
                changed++;
            }
            incrResult = target;
        }
        if (z.size() == 0) {
            c.db().delete(c.arg(1));
        }
        if (added + changed > 0) {
            c.modified(c.arg(1));
            c.notify(Notifications.ZSET, o.incr() ? "zincr" : "zadd", c.arg(1));
        }
        if (o.incr()) {
            if (incrResult == null) {
                c.out().nullBulk();
            } else {
                c.out().dbl(incrResult);
            }
        } else {
            c.out().integer(o.ch() ? added + changed : added);
        }
    }

    // ---- ranks and ranges ---------------------------------------------------------------

    private static void rank(Call c, Direction direction) {
        boolean rev = direction == Direction.REVERSE;
        boolean withScore = false;
        if (c.argc() == 4) {
            if (!c.is(3, "WITHSCORE")) {
                throw RespError.syntax();
            }
            withScore = true;
        } else if (c.argc() > 4) {
            throw RespError.syntax();
        }
        RZSet z = c.zset(c.read(c.arg(1)));
        int r = z == null ? -1 : z.rank(c.arg(2));
        RespWriter w = c.out();
        if (r < 0) {
            if (withScore) {
                w.nullArray();
            } else {
                w.nullBulk();
            }
            return;
        }
        long rank = rev ? z.size() - 1 - r : r;
        if (withScore) {
            w.array(2);
            w.integer(rank);
            w.dbl(z.at(r).score());
        } else {
            w.integer(rank);
        }
    }

    static List<ZEntry> byRank(RZSet z, long start, long end) {
        IndexRange r = IndexRange.ofRanks(start, end, z.size());
        return r == null ? List.of() : z.range((int) r.first(), (int) r.last());
    }

    enum Mode {
        AUTO,
        RANK,
        SCORE,
        LEX
    }

    /**
     * Every range form: ZRANGE (mode AUTO, options parsed), ZRANGESTORE (dst != null), and the legacy
     * ZREVRANGE / Z[REV]RANGEBYSCORE / Z[REV]RANGEBYLEX. {@code srcAt} is the key's index.
     */
    private static void range(Call c, int srcAt, int minAt, byte[] dst, Mode mode, Direction direction, Syntax syntax) {
        boolean rev = direction == Direction.REVERSE;
        boolean modern = syntax == Syntax.ZRANGE;
        int maxAt = minAt + 1;
        boolean withScores = false;
        long offset = 0;
        long limit = -1;
        boolean limitSeen = false;
        for (int i = maxAt + 1; i < c.argc(); i++) {
            if (c.is(i, "WITHSCORES") && dst == null && mode != Mode.LEX) {
                withScores = true;
            } else if (c.is(i, "WITHSCORES") && dst == null && modern) {
                withScores = true;
            } else if (c.is(i, "LIMIT") && i + 2 < c.argc() && mode != Mode.RANK) {
                offset = c.longArg(i + 1);
                limit = c.longArg(i + 2);
                limitSeen = true;
                i += 2;
            } else if (modern && c.is(i, "BYSCORE") && mode == Mode.AUTO) {
                mode = Mode.SCORE;
            } else if (modern && c.is(i, "BYLEX") && mode == Mode.AUTO) {
                mode = Mode.LEX;
            } else if (modern && c.is(i, "REV")) {
                rev = true;
            } else {
                throw RespError.syntax();
            }
        }
        if (mode == Mode.AUTO) {
            mode = Mode.RANK;
        }
        if (limitSeen && mode == Mode.RANK) {
            throw new RespError(
                    "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
        }
        if (withScores && mode == Mode.LEX) {
            throw new RespError("ERR syntax error, WITHSCORES not supported in combination with BYLEX");
        }
        // the legacy REV forms and REV take max before min
        int loAt = rev && mode != Mode.RANK ? maxAt : minAt;
        int hiAt = rev && mode != Mode.RANK ? minAt : maxAt;
        List<ZEntry> selected;
        ScoreRange sr = null;
        LexRange lr = null;
        long start = 0;
        long end = 0;
        if (mode == Mode.SCORE) {
            sr = ScoreRange.parse(c, loAt, hiAt);
        } else if (mode == Mode.LEX) {
            lr = LexRange.parse(c, loAt, hiAt);
        } else {
            start = c.longArg(minAt);
            end = c.longArg(maxAt);
        }
        RZSet z = c.zset(c.read(c.arg(srcAt)));
        if (z == null) {
            selected = List.of();
        } else if (mode == Mode.RANK) {
            if (rev) {
                selected = reverseRank(z, start, end);
            } else {
                selected = byRank(z, start, end);
            }
        } else if (mode == Mode.SCORE) {
            selected = sr.select(z, rev);
        } else {
            selected = lr.select(z, rev);
        }
        if (limitSeen) {
            if (offset < 0 || offset >= selected.size()) {
                selected = List.of();
            } else {
                long to = limit < 0 ? selected.size() : Math.min(selected.size(), offset + limit);
                selected = selected.subList((int) offset, (int) to);
            }
        }
        if (dst != null) {
            boolean existed = c.db().exists(dst);
            if (existed) {
                c.db().delete(dst);
            }
            if (!selected.isEmpty()) {
                RZSet out = RZSet.create(c.keyspace().encodings(), selected.size(), 0);
                for (ZEntry e : selected) {
                    out.put(e.member(), e.score());
                }
                c.db().add(dst, out);
                c.notify(Notifications.ZSET, "zrangestore", dst);
            } else if (existed) {
                c.notify(Notifications.GENERIC, "del", dst);
            }
            c.modified(dst);
            c.out().integer(selected.size());
            return;
        }
        writeEntries(c.out(), selected, withScores);
    }

    private static List<ZEntry> reverseRank(RZSet z, long start, long end) {
        IndexRange r = IndexRange.ofRanks(start, end, z.size());
        if (r == null) {
            return List.of();
        }
        int len = z.size();
        List<ZEntry> out = new ArrayList<>();
        for (long i = r.first(); i <= r.last(); i++) {
            out.add(z.at((int) (len - 1 - i)));
        }
        return out;
    }

    /** Members (and scores): RESP2 flat, RESP3 pairs. */
    static void writeEntries(RespWriter w, List<ZEntry> entries, boolean withScores) {
        if (!withScores) {
            w.array(entries.size());
            for (ZEntry e : entries) {
                w.bulk(e.member());
            }
            return;
        }
        if (w.resp3()) {
            w.array(entries.size());
            for (ZEntry e : entries) {
                w.array(2);
                w.bulk(e.member());
                w.dbl(e.score());
            }
            return;
        }
        w.array(entries.size() * 2);
        for (ZEntry e : entries) {
            w.bulk(e.member());
            w.dbl(e.score());
        }
    }

    private static void removeAll(Call c, RZSet z, List<ZEntry> victims) {
        List<ZEntry> copy = new ArrayList<>(victims);
        for (ZEntry e : copy) {
            z.remove(e.member());
        }
        if (!copy.isEmpty()) {
            String event = c.is(0, "ZREMRANGEBYRANK")
                    ? "zremrangebyrank"
                    : c.is(0, "ZREMRANGEBYSCORE") ? "zremrangebyscore" : "zremrangebylex";
            c.modified(c.arg(1));
            c.notify(Notifications.ZSET, event, c.arg(1));
            c.deleteIfEmpty(c.arg(1), z.size());
        }
        c.out().integer(copy.size());
    }

    /** A score interval with optional exclusive bounds ({@code (1.5}, {@code -inf}). */
    record ScoreRange(double min, boolean minEx, double max, boolean maxEx) {
        static ScoreRange parse(Call c, int minAt, int maxAt) {
            double[] v = new double[2];
            boolean[] ex = new boolean[2];
            for (int k = 0; k < 2; k++) {
                byte[] b = c.arg(k == 0 ? minAt : maxAt);
                if (b.length > 0 && b[0] == '(') {
                    ex[k] = true;
                    b = Arrays.copyOfRange(b, 1, b.length);
                }
                Double d = Doubles.parse(b);
                if (d == null) {
                    throw new RespError("ERR min or max is not a float");
                }
                v[k] = d;
            }
            return new ScoreRange(v[0], ex[0], v[1], ex[1]);
        }

        List<ZEntry> select(RZSet z, boolean rev) {
            int from = z.firstAtLeast(min, minEx);
            int to = z.lastAtMost(max, maxEx);
            if (from > to) {
                return List.of();
            }
            List<ZEntry> out = z.range(from, to);
            if (rev) {
                Collections.reverse(out);
            }
            return out;
        }

        int count(RZSet z) {
            int from = z.firstAtLeast(min, minEx);
            int to = z.lastAtMost(max, maxEx);
            return Math.max(0, to - from + 1);
        }
    }

    /** A lexicographic interval: {@code [a}, {@code (a}, {@code -}, {@code +}. */
    record LexRange(byte[] min, boolean minEx, byte[] max, boolean maxEx) {
        static final byte[] NEG = new byte[0];
        static final byte[] POS = new byte[0];

        static LexRange parse(Call c, int minAt, int maxAt) {
            byte[][] v = new byte[2][];
            boolean[] ex = new boolean[2];
            for (int k = 0; k < 2; k++) {
                byte[] b = c.arg(k == 0 ? minAt : maxAt);
                if (b.length == 1 && b[0] == '-') {
                    v[k] = NEG;
                } else if (b.length == 1 && b[0] == '+') {
                    v[k] = POS;
                } else if (b.length > 0 && (b[0] == '[' || b[0] == '(')) {
                    ex[k] = b[0] == '(';
                    v[k] = Arrays.copyOfRange(b, 1, b.length);
                } else {
                    throw new RespError("ERR min or max not valid string range item");
                }
            }
            return new LexRange(v[0], ex[0], v[1], ex[1]);
        }

        boolean aboveMin(byte[] m) {
            if (min == NEG) {
                return true;
            }
            if (min == POS) {
                return false;
            }
            int c = Arrays.compareUnsigned(m, min);
            return minEx ? c > 0 : c >= 0;
        }

        boolean belowMax(byte[] m) {
            if (max == POS) {
                return true;
            }
            if (max == NEG) {
                return false;
            }
            int c = Arrays.compareUnsigned(m, max);
            return maxEx ? c < 0 : c <= 0;
        }

        List<ZEntry> select(RZSet z, boolean rev) {
            List<ZEntry> out = new ArrayList<>();
            for (int i = 0; i < z.size(); i++) {
                ZEntry e = z.at(i);
                if (aboveMin(e.member()) && belowMax(e.member())) {
                    out.add(e);
                }
            }
            if (rev) {
                Collections.reverse(out);
            }
            return out;
        }
    }

    // ---- pops ---------------------------------------------------------------------------

    private static List<ZEntry> popFrom(Call c, byte[] key, RZSet z, boolean min, long count) {
        List<ZEntry> out = new ArrayList<>();
        while (out.size() < count && z.size() > 0) {
            ZEntry e = z.at(min ? 0 : z.size() - 1);
            z.remove(e.member());
            out.add(e);
        }
        if (!out.isEmpty()) {
            c.modified(key);
            c.notify(Notifications.ZSET, min ? "zpopmin" : "zpopmax", key);
            c.deleteIfEmpty(key, z.size());
        }
        return out;
    }

    private static void zpop(Call c, Extreme extreme) {
        boolean min = extreme == Extreme.MIN;
        if (c.argc() > 3) {
            throw RespError.syntax();
        }
        long count = 1;
        boolean hasCount = c.argc() == 3;
        if (hasCount) {
            count = c.longArg(2, "ERR value is out of range, must be positive");
            if (count < 0) {
                throw new RespError("ERR value is out of range, must be positive");
            }
        }
        RZSet z = c.zset(c.write(c.arg(1)));
        RespWriter w = c.out();
        if (z == null) {
            w.array(0);
            return;
        }
        List<ZEntry> popped = popFrom(c, c.arg(1), z, min, count);
        if (hasCount) {
            writeEntries(w, popped, true);
        } else {
            w.array(popped.size() * 2);
            for (ZEntry e : popped) {
                w.bulk(e.member());
                w.dbl(e.score());
            }
        }
    }

    private static void bzpop(Call c, Extreme extreme) {
        boolean min = extreme == Extreme.MIN;
        long timeout = c.timeoutArg(c.argc() - 1);
        FirstNonEmptyPop.run(c, FirstNonEmptyPop.keysBeforeTimeout(c), timeout, RZSet.class, (key, z) -> {
            ZEntry e = popFrom(c, key, z, min, 1).get(0);
            RespWriter w = c.out();
            w.array(3);
            w.bulk(key);
            w.bulk(e.member());
            w.dbl(e.score());
        });
    }

    /** ZMPOP (timeout -1) and BZMPOP; {@code numkeysAt} is the index of the numkeys argument. */
    private static void zmpop(Call c, int numkeysAt, long timeout) {
        MultiPopArgs a = MultiPopArgs.parse(c, numkeysAt, "MIN", "MAX");
        FirstNonEmptyPop.run(c, a.keys(), timeout, RZSet.class, (key, z) -> {
            List<ZEntry> popped = popFrom(c, key, z, a.head(), a.count());
            RespWriter w = c.out();
            w.array(2);
            w.bulk(key);
            w.array(popped.size());
            for (ZEntry e : popped) {
                w.array(2);
                w.bulk(e.member());
                w.dbl(e.score());
            }
        });
    }

    // ---- ZUNION / ZINTER / ZDIFF ---------------------------------------------------------

    enum Algebra {
        UNION,
        INTER,
        DIFF
    }

    /** A member key for the algebra maps. */
    record Key(byte[] b) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(k.b, b);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(b);
        }
    }

    /** The inputs named after numkeys: sorted sets, or plain sets with every score 1. */
    private static List<Map<Key, Double>> inputs(Call c, int firstAt, int n) {
        List<Map<Key, Double>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            KeyEntry e = c.read(c.arg(firstAt + i));
            Map<Key, Double> m = new LinkedHashMap<>();
            if (e != null) {
                if (e.value() instanceof RZSet z) {
                    for (int r = 0; r < z.size(); r++) {
                        m.put(new Key(z.at(r).member()), z.at(r).score());
                    }
                } else if (e.value() instanceof RSet s) {
                    for (byte[] x : s.members()) {
                        m.put(new Key(x), 1.0);
                    }
                } else {
                    throw RespError.wrongType();
                }
            }
            out.add(m);
        }
        return out;
    }

    private static Map<Key, Double> combine(
            List<Map<Key, Double>> inputs, double[] weights, Algebra op, String aggregate) {
        Map<Key, Double> acc = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            double w = weights == null ? 1 : weights[i];
            Map<Key, Double> in = inputs.get(i);
            if (op == Algebra.DIFF) {
                if (i == 0) {
                    acc.putAll(in);
                } else {
                    in.keySet().forEach(acc::remove);
                }
                continue;
            }
            if (op == Algebra.INTER && i > 0) {
                acc.keySet().retainAll(in.keySet());
            }
            for (Map.Entry<Key, Double> e : in.entrySet()) {
                double s = e.getValue() * w;
                if (Double.isNaN(s)) {
                    s = 0; // inf * 0
                }
                if (op == Algebra.INTER && i > 0 && !acc.containsKey(e.getKey())) {
                    continue;
                }
                Double cur = acc.get(e.getKey());
                if (cur == null || (op == Algebra.INTER && i == 0)) {
                    acc.put(e.getKey(), s);
                } else {
                    double v = switch (aggregate) {
                        case "min" -> Math.min(cur, s);
                        case "max" -> Math.max(cur, s);
                        default -> cur + s;
                    };
                    acc.put(e.getKey(), Double.isNaN(v) ? 0 : v);
                }
            }
        }
        return acc;
    }

    private static void algebra(Call c, Algebra op, Output output) {
        boolean store = output == Output.STORE;
        int numkeysAt = store ? 2 : 1;
        String name = c.str(0).toLowerCase(Locale.ROOT);
        long numkeys = c.longArg(numkeysAt);
        if (numkeys < 1) {
            throw new RespError("ERR at least 1 input key is needed for '" + name + "' command");
        }
        if (numkeys > c.argc() - numkeysAt - 1) {
            throw RespError.syntax();
        }
        double[] weights = null;
        String aggregate = "sum";
        boolean withScores = false;
        for (int i = numkeysAt + 1 + (int) numkeys; i < c.argc(); i++) {
            if (op != Algebra.DIFF && c.is(i, "WEIGHTS") && i + numkeys < c.argc()) {
                weights = new double[(int) numkeys];
                for (int k = 0; k < numkeys; k++) {
                    Double d = Doubles.parse(c.arg(i + 1 + k));
                    if (d == null) {
                        throw new RespError("ERR weight value is not a float");
                    }
                    weights[k] = d;
                }
                i += (int) numkeys;
            } else if (op != Algebra.DIFF && c.is(i, "AGGREGATE") && i + 1 < c.argc()) {
                i++;
                if (c.is(i, "SUM") || c.is(i, "MIN") || c.is(i, "MAX")) {
                    aggregate = c.str(i).toLowerCase(Locale.ROOT);
                } else {
                    throw RespError.syntax();
                }
            } else if (!store && c.is(i, "WITHSCORES")) {
                withScores = true;
            } else {
                throw RespError.syntax();
            }
        }
        Map<Key, Double> result = combine(inputs(c, numkeysAt + 1, (int) numkeys), weights, op, aggregate);
        RZSet z = RZSet.create(c.keyspace().encodings(), result.size(), 0);
        result.forEach((k, v) -> z.put(k.b(), v));
        z.settle();
        if (store) {
            byte[] dst = c.arg(1);
            boolean existed = c.db().exists(dst);
            if (existed) {
                c.db().delete(dst);
            }
            if (z.size() > 0) {
                c.db().add(dst, z);
                c.notify(Notifications.ZSET, name, dst);
            } else if (existed) {
                c.notify(Notifications.GENERIC, "del", dst);
            }
            c.modified(dst);
            c.out().integer(z.size());
            return;
        }
        writeEntries(c.out(), z.range(0, z.size() - 1), withScores);
    }

    private static void zrandmember(Call c) {
        RandomPick args = RandomPick.parse(c, "WITHSCORES");
        RZSet z = c.zset(c.read(c.arg(1)));
        boolean withScores = args.with();
        boolean nested = withScores && c.out().resp3();
        List<ZEntry> picked = args.pick(c, z == null ? null : z.dict(), withScores && !nested ? 2 : 1, e -> {
            byte[] member = e.member();
            double score = e.score();
            if (!withScores) {
                return w -> w.bulk(member);
            }
            return w -> {
                if (nested) {
                    w.array(2);
                }
                w.bulk(member);
                w.dbl(score);
            };
        });
        if (picked != null) {
            writeEntries(c.out(), picked, args.with());
        }
    }

    /**
     * The handlers of the rows above, one constant each, run through one switch: a lambda or method
     * reference per row would cost an invokedynamic bootstrap (a spun class) each at start.
     */
    private enum Handler implements CommandHandler {
        ZADD,
        ZINCRBY,
        ZREM,
        ZCARD,
        ZSCORE,
        ZMSCORE,
        ZRANK,
        ZREVRANK,
        ZCOUNT,
        ZLEXCOUNT,
        ZRANGE,
        ZRANGESTORE,
        ZREVRANGE,
        ZRANGEBYSCORE,
        ZREVRANGEBYSCORE,
        ZRANGEBYLEX,
        ZREVRANGEBYLEX,
        ZREMRANGEBYRANK,
        ZREMRANGEBYSCORE,
        ZREMRANGEBYLEX,
        ZPOPMIN,
        ZPOPMAX,
        BZPOPMIN,
        BZPOPMAX,
        ZMPOP,
        BZMPOP,
        ZUNION,
        ZINTER,
        ZDIFF,
        ZUNIONSTORE,
        ZINTERSTORE,
        ZDIFFSTORE,
        ZINTERCARD,
        ZRANDMEMBER,
        ZSCAN;

        @Override
        public void run(Call c) {
            switch (this) {
                case ZADD -> ZSetCommands.zadd(c);
                case ZINCRBY -> ZSetCommands.zincrby(c);
                case ZREM -> MemberRemoval.run(c, RZSet.class, RZSet::remove, RZSet::size, Notifications.ZSET, "zrem");
                case ZCARD -> ZSetCommands.zcard(c);
                case ZSCORE -> ZSetCommands.zscore(c);
                case ZMSCORE -> ZSetCommands.zmscore(c);
                case ZRANK -> rank(c, Direction.FORWARD);
                case ZREVRANK -> rank(c, Direction.REVERSE);
                case ZCOUNT -> ZSetCommands.zcount(c);
                case ZLEXCOUNT -> ZSetCommands.zlexcount(c);
                case ZRANGE -> range(c, 1, 2, null, Mode.AUTO, Direction.FORWARD, Syntax.ZRANGE);
                case ZRANGESTORE -> range(c, 2, 3, c.arg(1), Mode.AUTO, Direction.FORWARD, Syntax.ZRANGE);
                case ZREVRANGE -> range(c, 1, 2, null, Mode.RANK, Direction.REVERSE, Syntax.LEGACY);
                case ZRANGEBYSCORE -> range(c, 1, 2, null, Mode.SCORE, Direction.FORWARD, Syntax.LEGACY);
                case ZREVRANGEBYSCORE -> range(c, 1, 2, null, Mode.SCORE, Direction.REVERSE, Syntax.LEGACY);
                case ZRANGEBYLEX -> range(c, 1, 2, null, Mode.LEX, Direction.FORWARD, Syntax.LEGACY);
                case ZREVRANGEBYLEX -> range(c, 1, 2, null, Mode.LEX, Direction.REVERSE, Syntax.LEGACY);
                case ZREMRANGEBYRANK -> ZSetCommands.zremrangebyrank(c);
                case ZREMRANGEBYSCORE -> ZSetCommands.zremrangebyscore(c);
                case ZREMRANGEBYLEX -> ZSetCommands.zremrangebylex(c);
                case ZPOPMIN -> zpop(c, Extreme.MIN);
                case ZPOPMAX -> zpop(c, Extreme.MAX);
                case BZPOPMIN -> bzpop(c, Extreme.MIN);
                case BZPOPMAX -> bzpop(c, Extreme.MAX);
                case ZMPOP -> zmpop(c, 1, -1);
                case BZMPOP -> zmpop(c, 2, c.timeoutArg(1));
                case ZUNION -> algebra(c, Algebra.UNION, Output.REPLY);
                case ZINTER -> algebra(c, Algebra.INTER, Output.REPLY);
                case ZDIFF -> algebra(c, Algebra.DIFF, Output.REPLY);
                case ZUNIONSTORE -> algebra(c, Algebra.UNION, Output.STORE);
                case ZINTERSTORE -> algebra(c, Algebra.INTER, Output.STORE);
                case ZDIFFSTORE -> algebra(c, Algebra.DIFF, Output.STORE);
                case ZINTERCARD -> ZSetCommands.zintercard(c);
                case ZRANDMEMBER -> ZSetCommands.zrandmember(c);
                case ZSCAN -> ZSetCommands.zscan(c);
            }
        }
    }
}
