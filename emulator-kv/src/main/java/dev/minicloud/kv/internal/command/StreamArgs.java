package dev.minicloud.kv.internal.command;

import dev.minicloud.kv.internal.engine.Call;
import dev.minicloud.kv.internal.engine.RespError;
import dev.minicloud.kv.internal.store.RStream;
import dev.minicloud.kv.internal.store.StreamId;
import dev.minicloud.kv.internal.wire.RespWriter;
import java.util.Arrays;
import java.util.List;

/**
 * Stream argument parsing and entry replies shared by the stream commands, with the errors of
 * Redis' {@code streamGenericParseIDOrReply} and {@code streamParseAddOrTrimArgsOrReply}.
 */
final class StreamArgs {
    static final String INVALID_ID = "ERR Invalid stream ID specified as stream command argument";

    private StreamArgs() {}

    /** An unsigned 64-bit decimal (string2ull), or null. */
    static Long unsigned(byte[] b, int from, int to) {
        if (to - from > 1 && b[from] == '+') {
            from++; // strtoull's optional sign, which Redis' string2ull falls back to
        }
        if (from >= to || to - from > 20) {
            return null;
        }
        // (2^64 - 1) / 10: one more digit on a larger value overflows 64 unsigned bits
        final long limit = 1844674407370955161L;
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9 || Long.compareUnsigned(v, limit) > 0 || (v == limit && d > 5)) {
                return null;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /**
     * {@code ms-seq}, {@code ms} (the sequence is then {@code missingSeq}) and, unless
     * {@code strict}, {@code -} and {@code +}; null when malformed.
     */
    static StreamId parse(byte[] b, long missingSeq, boolean strict) {
        if (b.length == 1 && !strict && (b[0] == '-' || b[0] == '+')) {
            return b[0] == '-' ? StreamId.MIN : StreamId.MAX;
        }
        int dash = -1;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '-') {
                dash = i;
                break;
            }
        }
        if (dash < 0) {
            Long ms = unsigned(b, 0, b.length);
            return ms == null ? null : new StreamId(ms, missingSeq);
        }
        Long ms = unsigned(b, 0, dash);
        Long seq = unsigned(b, dash + 1, b.length);
        return ms == null || seq == null ? null : new StreamId(ms, seq);
    }

    static StreamId id(Call c, int i, long missingSeq) {
        StreamId id = parse(c.arg(i), missingSeq, false);
        if (id == null) {
            throw new RespError(INVALID_ID);
        }
        return id;
    }

    static StreamId strictId(Call c, int i) {
        return strictId(c.arg(i));
    }

    static StreamId strictId(byte[] arg) {
        StreamId id = parse(arg, 0, true);
        if (id == null) {
            throw new RespError(INVALID_ID);
        }
        return id;
    }

    /** A range start: {@code (id} is exclusive (streamParseIntervalIDOrReply + streamIncrID). */
    static StreamId rangeStart(Call c, int i) {
        byte[] a = c.arg(i);
        if (a.length > 1 && a[0] == '(') {
            StreamId id = exclusive(a, 0);
            StreamId next = id.next();
            if (next == null) {
                throw new RespError("ERR invalid start ID for the interval");
            }
            return next;
        }
        return id(c, i, 0);
    }

    /** A range end: {@code (id} is exclusive; a bare {@code ms} means its last sequence. */
    static StreamId rangeEnd(Call c, int i) {
        byte[] a = c.arg(i);
        if (a.length > 1 && a[0] == '(') {
            StreamId id = exclusive(a, -1L);
            StreamId prev = id.previous();
            if (prev == null) {
                throw new RespError("ERR invalid end ID for the interval");
            }
            return prev;
        }
        return id(c, i, -1L);
    }

    private static StreamId exclusive(byte[] a, long missingSeq) {
        byte[] rest = Arrays.copyOfRange(a, 1, a.length);
        StreamId id = parse(rest, missingSeq, true);
        if (id == null) {
            throw new RespError(INVALID_ID);
        }
        return id;
    }

    /** A COUNT-style argument where negative means 0. */
    static long nonNegative(Call c, int i) {
        return Math.max(0, c.longArg(i));
    }

    // ---- XADD / XTRIM options ---------------------------------------------------------------

    /** What XADD and XTRIM parsed: trimming (strategy null = none), NOMKSTREAM and where the id is. */
    record TrimArgs(
            RStream.TrimStrategy strategy,
            long maxlen,
            StreamId minId,
            boolean approx,
            long limit,
            boolean noMkStream,
            int next) {
        long trim(RStream s) {
            return strategy == null ? 0 : s.trim(strategy, maxlen, minId, approx, limit);
        }
    }

    /** Parses options from argument {@code from}; for XADD stops at the id (returned as {@code next}). */
    static TrimArgs trimArgs(Call c, int from, boolean xadd) {
        RStream.TrimStrategy strategy = null;
        long maxlen = 0;
        StreamId minId = StreamId.MIN;
        boolean approx = false;
        long limit = 0;
        boolean limitGiven = false;
        boolean noMkStream = false;
        int i = from;
        for (; i < c.argc(); i++) {
            int more = c.argc() - 1 - i;
            byte[] opt = c.arg(i);
            if (xadd && opt.length == 1 && opt[0] == '*') {
                break;
            } else if ((c.is(i, "MAXLEN") || c.is(i, "MINID")) && more > 0) {
                boolean isMaxlen = c.is(i, "MAXLEN");
                if (strategy != null) {
                    throw new RespError(
                            "ERR syntax error, MAXLEN and MINID options at the same time are not compatible");
                }
                approx = false;
                byte[] next = c.arg(i + 1);
                if (more >= 2 && next.length == 1 && (next[0] == '~' || next[0] == '=')) {
                    approx = next[0] == '~';
                    i++;
                }
                if (isMaxlen) {
                    maxlen = c.longArg(i + 1);
                    if (maxlen < 0) {
                        throw new RespError("ERR The MAXLEN argument must be >= 0.");
                    }
                    strategy = RStream.TrimStrategy.MAXLEN;
                } else {
                    minId = strictId(c, i + 1);
                    strategy = RStream.TrimStrategy.MINID;
                }
                i++;
            } else if (c.is(i, "LIMIT") && more > 0) {
                limit = c.longArg(i + 1);
                if (limit < 0) {
                    throw new RespError("ERR The LIMIT argument must be >= 0.");
                }
                limitGiven = true;
                i++;
            } else if (xadd && c.is(i, "NOMKSTREAM")) {
                noMkStream = true;
            } else if (xadd) {
                break; // the id (parsed by the caller)
            } else {
                throw RespError.syntax();
            }
        }
        if (limit > 0 && strategy == null) {
            throw new RespError("ERR syntax error, LIMIT cannot be used without specifying a trimming strategy");
        }
        if (!xadd && strategy == null) {
            throw new RespError("ERR syntax error, XTRIM must be called with a trimming strategy");
        }
        if (limitGiven) {
            if (!approx) {
                throw new RespError("ERR syntax error, LIMIT cannot be used without the special ~ option");
            }
        } else {
            // Redis' default work bound for approximate trimming: 100 * stream-node-max-entries
            limit = approx ? 10_000 : 0;
        }
        return new TrimArgs(strategy, maxlen, minId, approx, limit, noMkStream, i);
    }

    // ---- replies ----------------------------------------------------------------------------

    static void entry(RespWriter w, RStream.Entry e) {
        w.array(2);
        w.bulk(e.id().bytes());
        byte[][] fv = e.fields();
        w.array(fv.length);
        for (byte[] b : fv) {
            w.bulk(b);
        }
    }

    static void entries(RespWriter w, List<RStream.Entry> list) {
        w.array(list.size());
        for (RStream.Entry e : list) {
            entry(w, e);
        }
    }
}
