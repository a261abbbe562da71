package dev.minicloud.kv.internal.command;

import dev.minicloud.kv.internal.engine.Call;
import dev.minicloud.kv.internal.engine.CommandTable;
import dev.minicloud.kv.internal.engine.KeySpec;
import dev.minicloud.kv.internal.engine.Notifications;
import dev.minicloud.kv.internal.engine.RespError;
import dev.minicloud.kv.internal.store.KeyEntry;
import dev.minicloud.kv.internal.store.RStream;
import dev.minicloud.kv.internal.store.StreamGroup;
import dev.minicloud.kv.internal.store.StreamId;
import dev.minicloud.kv.internal.wire.Numbers;
import dev.minicloud.kv.internal.wire.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * XREAD and XREADGROUP ({@code xreadCommand}). A read that finds nothing and was given
 * {@code BLOCK} parks the client through the same registry as BLPOP (FIFO per key, timeouts on the
 * injected clock, never inside MULTI or a script); when a stream it waits on changes the command
 * is run again. So that a retry means what the first run meant, {@code $} is rewritten to the id
 * it stood for before blocking, as Redis resolves it once.
 */
final class StreamReads {
    /** Stands for {@code >} while parsing: the group's last id is used instead. */
    private static final StreamId NEW_ENTRIES = StreamId.MAX;

    private StreamReads() {}

    static void register(CommandTable t, String g) {
        t.add(
                        "xread",
                        -4,
                        "readonly blocking",
                        0,
                        0,
                        0,
                        g,
                        "Returns messages from multiple streams with IDs greater than the ones requested. Blocks until a message is available otherwise.",
                        c -> read(c, Reader.XREAD))
                .keys(KeySpec.keyword("RO access", "STREAMS", 1, -1, 1, 2));
        t.add(
                        "xreadgroup",
                        -7,
                        "write blocking",
                        0,
                        0,
                        0,
                        g,
                        "Returns new or historical messages from a stream for a consumer in a group. Blocks until a message is available otherwise.",
                        c -> read(c, Reader.XREADGROUP))
                .keys(KeySpec.keyword("RO access", "STREAMS", 4, -1, 1, 2));
    }

    /** The command reading: plain XREAD, or XREADGROUP for a consumer of a group. */
    private enum Reader {
        XREAD,
        XREADGROUP
    }

    private static void read(Call c, Reader reader) {
        boolean xreadgroup = reader == Reader.XREADGROUP;
        long timeout = -1;
        long count = 0;
        int streamsAt = 0;
        int streams = 0;
        byte[] groupName = null;
        byte[] consumerName = null;
        boolean noack = false;
        for (int i = 1; i < c.argc(); i++) {
            int more = c.argc() - i - 1;
            if (c.is(i, "BLOCK") && more > 0) {
                if (c.fromScript()) {
                    // Redis keeps this error for scripts rather than treating BLOCK as an immediate timeout
                    throw new RespError("ERR " + c.str(0) + " command is not allowed with BLOCK option from scripts");
                }
                timeout = blockTimeout(c, ++i);
            } else if (c.is(i, "COUNT") && more > 0) {
                count = StreamArgs.nonNegative(c, ++i);
            } else if (c.is(i, "STREAMS") && more > 0) {
                streamsAt = i + 1;
                streams = c.argc() - streamsAt;
                if (streams % 2 != 0) {
                    throw new RespError("ERR Unbalanced " + (xreadgroup ? "XREADGROUP" : "XREAD")
                            + " list of streams: for each stream key an ID or '" + (xreadgroup ? ">" : "$")
                            + "' must be specified.");
                }
                streams /= 2;
                break;
            } else if (c.is(i, "GROUP") && more >= 2) {
                if (!xreadgroup) {
                    throw new RespError(
                            "ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.");
                }
                groupName = c.arg(i + 1);
                consumerName = c.arg(i + 2);
                i += 2;
            } else if (c.is(i, "NOACK")) {
                if (!xreadgroup) {
                    throw new RespError(
                            "ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.");
                }
                noack = true;
            } else {
                throw RespError.syntax();
            }
        }
        if (streamsAt == 0) {
            throw RespError.syntax();
        }
        if (xreadgroup && groupName == null) {
            throw new RespError("ERR Missing GROUP option for XREADGROUP");
        }
        StreamId[] ids = new StreamId[streams];
        StreamGroup[] groups = new StreamGroup[streams];
        for (int k = 0; k < streams; k++) {
            byte[] key = c.arg(streamsAt + k);
            int idAt = streamsAt + streams + k;
            RStream s = lookup(c, key, xreadgroup);
            if (groupName != null) {
                if (s == null && c.retrying()) {
                    throw new RespError("UNBLOCKED the stream key no longer exists");
                }
                StreamGroup group = s == null ? null : s.group(groupName);
                if (group == null) {
                    throw new RespError(
                            c.retrying()
                                    ? "NOGROUP the consumer group this client was blocked on no longer exists"
                                    : "NOGROUP No such key '" + c.str(streamsAt + k) + "' or consumer group '"
                                            + new String(groupName, StandardCharsets.UTF_8)
                                            + "' in XREADGROUP with GROUP option");
                }
                groups[k] = group;
            }
            byte[] a = c.arg(idAt);
            if (a.length == 1 && a[0] == '$') {
                if (xreadgroup) {
                    throw new RespError(
                            "ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of"
                                    + " this consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID would just"
                                    + " return an empty result set.");
                }
                ids[k] = s == null ? StreamId.MIN : s.lastId();
                // a retry after blocking must still wait for entries newer than this moment's last id
                c.replaceArg(idAt, ids[k].bytes());
            } else if (a.length == 1 && a[0] == '>') {
                if (!xreadgroup) {
                    throw new RespError(
                            "ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group>"
                                    + " <consumer> option.");
                }
                ids[k] = NEW_ENTRIES;
            } else if (a.length == 1 && a[0] == '+' && !xreadgroup) {
                // Redis 7.4: the last entry; resolved now for the same reason as $
                RStream.Entry last = s == null ? null : s.last();
                StreamId before = last == null ? null : last.id().previous();
                ids[k] = before != null ? before : s == null ? StreamId.MIN : s.lastId();
                c.replaceArg(idAt, ids[k].bytes());
            } else {
                ids[k] = StreamArgs.strictId(c, idAt);
            }
        }
        if (serveTracked(c, streamsAt, ids, groups, consumerName, count, noack) > 0) {
            return;
        }
        if (timeout >= 0) {
            byte[][] keys = new byte[streams][];
            for (int k = 0; k < streams; k++) {
                keys[k] = c.arg(streamsAt + k);
            }
            if (c.block(keys, timeout, RespWriter::nullArray)) {
                return;
            }
        }
        c.out().nullArray();
    }

    /** The stream at {@code key}; a retried XREAD treats a key of another type as absent and keeps waiting. */
    private static RStream lookup(Call c, byte[] key, boolean xreadgroup) {
        KeyEntry e = xreadgroup ? c.write(key) : c.read(key);
        if (e != null && !(e.value() instanceof RStream) && c.retrying()) {
            if (xreadgroup) {
                throw new RespError("UNBLOCKED the stream key no longer exists");
            }
            return null;
        }
        return c.typed(e, RStream.class);
    }

    /** BLOCK's milliseconds, with getTimeoutFromObjectOrReply's errors. */
    private static long blockTimeout(Call c, int i) {
        Long v = Numbers.parseLong(c.arg(i));
        if (v == null) {
            throw new RespError("ERR timeout is not an integer or out of range");
        }
        if (v < 0) {
            throw new RespError("ERR timeout is negative");
        }
        return v;
    }

    /**
     * {@link #serve}, accounting what XREADGROUP adds to the PELs while maxmemory is tracked: the
     * engine measures a command's keys by their fixed positions, and these keys follow STREAMS.
     */
    private static int serveTracked(
            Call c,
            int streamsAt,
            StreamId[] ids,
            StreamGroup[] groups,
            byte[] consumerName,
            long count,
            boolean noack) {
        if (consumerName == null || !c.keyspace().tracking()) {
            return serve(c, streamsAt, ids, groups, consumerName, count, noack);
        }
        long before = streamsMemory(c, streamsAt, ids.length);
        try {
            return serve(c, streamsAt, ids, groups, consumerName, count, noack);
        } finally {
            c.keyspace().adjustUsed(streamsMemory(c, streamsAt, ids.length) - before);
        }
    }

    private static long streamsMemory(Call c, int streamsAt, int streams) {
        long sum = 0;
        for (int k = 0; k < streams; k++) {
            sum += c.keyspace().liveMemory(c.db(), c.arg(streamsAt + k));
        }
        return sum;
    }

    /** Writes the reply if any stream has something for the caller; returns how many streams answered. */
    private static int serve(
            Call c,
            int streamsAt,
            StreamId[] ids,
            StreamGroup[] groups,
            byte[] consumerName,
            long count,
            boolean noack) {
        int streams = ids.length;
        List<Runnable> replies = new ArrayList<>();
        for (int k = 0; k < streams; k++) {
            byte[] key = c.arg(streamsAt + k);
            KeyEntry found = c.db().peek(key);
            if (found == null || !(found.value() instanceof RStream s)) {
                continue; // absent, or (a retried XREAD) of another type: nothing to serve
            }
            StreamGroup group = groups[k];
            if (group == null) {
                RStream.Entry last = s.length() == 0 ? null : s.last();
                if (last != null && last.id().compareTo(ids[k]) > 0) {
                    List<RStream.Entry> list = s.range(ids[k].next(), StreamId.MAX, false, count);
                    replies.add(() -> keyed(c, key, () -> StreamArgs.entries(c.out(), list)));
                }
                continue;
            }
            StreamGroup.Consumer consumer = group.consumer(consumerName);
            if (consumer == null) {
                consumer = group.createConsumer(consumerName, c.now());
                c.notify(Notifications.STREAM, "xgroup-createconsumer", key);
            }
            consumer.seen(c.now());
            @SuppressWarnings("ReferenceEquality") // NEW_ENTRIES is the sentinel for ">", not an id value
            boolean explicit = ids[k] != NEW_ENTRIES;
            if (explicit) {
                StreamGroup.Consumer owner = consumer;
                StreamId from = ids[k].next();
                replies.add(() -> keyed(c, key, () -> history(c, s, owner, from == null ? StreamId.MAX : from, count)));
                continue;
            }
            RStream.Entry last = s.length() == 0 ? null : s.last();
            if (last != null && last.id().compareTo(group.lastId()) > 0) {
                List<RStream.Entry> list = s.range(group.lastId().next(), StreamId.MAX, false, count);
                long now = c.now();
                for (RStream.Entry e : list) {
                    s.advance(group, e.id());
                    if (!noack) {
                        StreamGroup.Pending p = group.pending(e.id());
                        if (p == null) {
                            group.addPending(e.id(), consumer, now, 1);
                        } else {
                            // delivered again after XGROUP SETID: it now belongs to this consumer
                            group.transfer(p, consumer);
                            p.deliveryTime(now);
                            p.deliveryCount(1);
                        }
                    }
                }
                if (!noack && !list.isEmpty()) {
                    // Redis 7.2 sets active-time where it adds the PEL entry: NOACK reads leave it
                    consumer.active(now);
                }
                c.modified(key);
                replies.add(() -> keyed(c, key, () -> StreamArgs.entries(c.out(), list)));
            }
        }
        if (replies.isEmpty()) {
            return 0;
        }
        RespWriter w = c.out();
        if (w.resp3()) {
            w.map(replies.size());
        } else {
            w.array(replies.size());
        }
        for (Runnable r : replies) {
            r.run();
        }
        return replies.size();
    }

    private static void keyed(Call c, byte[] key, Runnable body) {
        RespWriter w = c.out();
        if (!w.resp3()) {
            w.array(2);
        }
        w.bulk(key);
        body.run();
    }

    /** A consumer's own pending entries from {@code from}: deleted ones as {@code [id, nil]}. */
    private static void history(Call c, RStream s, StreamGroup.Consumer consumer, StreamId from, long count) {
        List<StreamGroup.Pending> pending = new ArrayList<>();
        for (StreamGroup.Pending p : consumer.pel().from(from)) {
            if (count > 0 && pending.size() >= count) {
                break;
            }
            pending.add(p);
        }
        RespWriter w = c.out();
        w.array(pending.size());
        long now = c.now();
        for (StreamGroup.Pending p : pending) {
            RStream.Entry e = s.get(p.id());
            if (e == null) {
                w.array(2);
                w.bulk(p.id().bytes());
                w.nullArray();
            } else {
                p.delivered(now, true);
                StreamArgs.entry(w, e);
            }
        }
    }
}
