package dev.minicloud.kv.internal.command;

import dev.minicloud.kv.internal.engine.Call;
import dev.minicloud.kv.internal.engine.CommandTable;
import dev.minicloud.kv.internal.engine.KeySpec;
import dev.minicloud.kv.internal.engine.Notifications;
import dev.minicloud.kv.internal.engine.RespError;
import dev.minicloud.kv.internal.store.RStream;
import dev.minicloud.kv.internal.store.StreamId;

/**
 * The stream commands of Redis 7 (t_stream.c). This class registers the whole family and holds
 * the writes and range reads; the consumer-group commands are in {@link StreamGroupCommands}, the
 * reads that may block in {@link StreamReads}, XINFO in {@link StreamInfo}.
 */
final class StreamCommands {
    private StreamCommands() {}

    static void register(CommandTable t) {
        String g = "stream";
        t.add(
                        "xadd",
                        -5,
                        "write denyoom fast",
                        1,
                        1,
                        1,
                        g,
                        "Appends a new message to a stream. Creates the key if it doesn't exist.",
                        StreamCommands::xadd)
                .keys(KeySpec.range("RW update", 1, 0, 1)
                        .notes("UPDATE instead of INSERT because of the optional trimming feature"))
                .tips("nondeterministic_output");
        t.add(
                        "xrange",
                        -4,
                        "readonly",
                        1,
                        1,
                        1,
                        g,
                        "Returns the messages from a stream within a range of IDs.",
                        c -> range(c, Order.ASCENDING))
                .keys(KeySpec.range("RO access", 1, 0, 1));
        t.add(
                        "xrevrange",
                        -4,
                        "readonly",
                        1,
                        1,
                        1,
                        g,
                        "Returns the messages from a stream within a range of IDs in reverse order.",
                        c -> range(c, Order.DESCENDING))
                .keys(KeySpec.range("RO access", 1, 0, 1));
        t.add(
                "xlen",
                2,
                "readonly fast",
                1,
                1,
                1,
                g,
                "Return the number of messages in a stream.",
                StreamCommands::xlen);
        t.add(
                        "xdel",
                        -3,
                        "write fast",
                        1,
                        1,
                        1,
                        g,
                        "Returns the number of messages after removing them from a stream.",
                        StreamCommands::xdel)
                .keys(KeySpec.range("RW delete", 1, 0, 1));
        t.add(
                        "xtrim",
                        -4,
                        "write",
                        1,
                        1,
                        1,
                        g,
                        "Deletes messages from the beginning of a stream.",
                        StreamCommands::xtrim)
                .keys(KeySpec.range("RW delete", 1, 0, 1))
                .tips("nondeterministic_output");
        t.add(
                        "xsetid",
                        -3,
                        "write denyoom fast",
                        1,
                        1,
                        1,
                        g,
                        "An internal command for replicating stream values.",
                        StreamCommands::xsetid)
                .keys(KeySpec.range("RW update", 1, 0, 1));
        StreamReads.register(t, g);
        StreamGroupCommands.register(t, g);
        StreamInfo.register(t, g);
    }

    private static void xlen(Call c) {
        RStream s = c.typed(c.read(c.arg(1)), RStream.class);
        c.out().integer(s == null ? 0 : s.length());
    }

    static RStream stream(Call c, byte[] key) {
        return c.typed(c.write(key), RStream.class);
    }

    private static void xadd(Call c) {
        byte[] key = c.arg(1);
        StreamArgs.TrimArgs trim = StreamArgs.trimArgs(c, 2, true);
        int idAt = trim.next();
        StreamId explicit = null;
        boolean seqGiven = true;
        if (idAt < c.argc()) {
            byte[] a = c.arg(idAt);
            if (!(a.length == 1 && a[0] == '*')) {
                if (a.length > 2 && a[a.length - 1] == '*' && a[a.length - 2] == '-') {
                    // ms-*: the sequence is generated (Redis 7)
                    Long ms = StreamArgs.unsigned(a, 0, a.length - 2);
                    if (ms == null) {
                        throw new RespError(StreamArgs.INVALID_ID);
                    }
                    explicit = new StreamId(ms, 0);
                    seqGiven = false;
                } else {
                    explicit = StreamArgs.strictId(c, idAt);
                    if (explicit.isZero()) {
                        throw new RespError("ERR The ID specified in XADD must be greater than 0-0");
                    }
                }
            }
        }
        int fields = c.argc() - idAt - 1;
        if (fields < 2 || fields % 2 == 1) {
            throw RespError.arity("xadd");
        }
        RStream s = stream(c, key);
        if (s == null && trim.noMkStream()) {
            c.out().nullBulk();
            return;
        }
        StreamId last = s == null ? StreamId.MIN : s.lastId();
        if (last.equals(StreamId.MAX)) {
            throw new RespError("ERR The stream has exhausted the last possible ID, unable to add more items");
        }
        StreamId id;
        if (explicit == null) {
            long now = c.now();
            id = Long.compareUnsigned(now, last.ms()) > 0 ? new StreamId(now, 0) : last.next();
        } else if (!seqGiven && explicit.ms() == last.ms()) {
            if (last.seq() == -1L) {
                throw new RespError("ERR The ID specified in XADD is equal or smaller than the target stream top item");
            }
            id = new StreamId(last.ms(), last.seq() + 1);
        } else {
            id = explicit;
        }
        if (id.compareTo(last) <= 0) {
            throw new RespError("ERR The ID specified in XADD is equal or smaller than the target stream top item");
        }
        byte[][] fv = new byte[fields][];
        for (int i = 0; i < fields; i++) {
            fv[i] = c.arg(idAt + 1 + i);
        }
        if (s == null) {
            s = c.orAdd(key, null, () -> new RStream(c.keyspace().encodings()));
        }
        s.append(id, fv);
        c.out().bulk(id.bytes());
        c.modified(key);
        c.notify(Notifications.STREAM, "xadd", key);
        if (trim.trim(s) > 0) {
            c.notify(Notifications.STREAM, "xtrim", key);
        }
    }

    /** XRANGE reads ids upwards, XREVRANGE downwards. */
    private enum Order {
        ASCENDING,
        DESCENDING
    }

    private static void range(Call c, Order order) {
        boolean reverse = order == Order.DESCENDING;
        StreamId start = StreamArgs.rangeStart(c, reverse ? 3 : 2);
        StreamId end = StreamArgs.rangeEnd(c, reverse ? 2 : 3);
        long count = -1;
        for (int j = 4; j < c.argc(); j++) {
            if (c.is(j, "COUNT") && j + 1 < c.argc()) {
                count = StreamArgs.nonNegative(c, ++j);
            } else {
                throw RespError.syntax();
            }
        }
        RStream s = c.typed(c.read(c.arg(1)), RStream.class);
        if (s == null) {
            c.out().array(0);
            return;
        }
        if (count == 0) {
            c.out().nullArray();
            return;
        }
        StreamArgs.entries(c.out(), s.range(start, end, reverse, Math.max(0, count)));
    }

    private static void xdel(Call c) {
        StreamId[] ids = new StreamId[c.argc() - 2];
        for (int j = 2; j < c.argc(); j++) {
            ids[j - 2] = StreamArgs.strictId(c, j);
        }
        byte[] key = c.arg(1);
        RStream s = stream(c, key);
        if (s == null) {
            c.out().integer(0);
            return;
        }
        long deleted = 0;
        for (StreamId id : ids) {
            if (s.delete(id)) {
                deleted++;
            }
        }
        if (deleted > 0) {
            c.modified(key);
            c.notify(Notifications.STREAM, "xdel", key);
        }
        c.out().integer(deleted);
    }

    private static void xtrim(Call c) {
        byte[] key = c.arg(1);
        StreamArgs.TrimArgs trim = StreamArgs.trimArgs(c, 2, false);
        RStream s = stream(c, key);
        if (s == null) {
            c.out().integer(0);
            return;
        }
        long deleted = trim.trim(s);
        if (deleted > 0) {
            c.modified(key);
            c.notify(Notifications.STREAM, "xtrim", key);
        }
        c.out().integer(deleted);
    }

    private static void xsetid(Call c) {
        StreamId id = StreamArgs.strictId(c, 2);
        long entriesAdded = -1;
        StreamId maxDeleted = StreamId.MIN;
        for (int i = 3; i < c.argc(); i++) {
            boolean more = i + 1 < c.argc();
            if (c.is(i, "ENTRIESADDED") && more) {
                entriesAdded = c.longArg(++i);
                if (entriesAdded < 0) {
                    throw new RespError("ERR entries_added must be positive");
                }
            } else if (c.is(i, "MAXDELETEDID") && more) {
                maxDeleted = StreamArgs.strictId(c, ++i);
                if (id.compareTo(maxDeleted) < 0) {
                    throw new RespError(
                            "ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id");
                }
            } else {
                throw RespError.syntax();
            }
        }
        byte[] key = c.arg(1);
        RStream s = stream(c, key);
        if (s == null) {
            throw new RespError(RespError.NO_SUCH_KEY);
        }
        if (s.length() > 0) {
            if (id.compareTo(s.last().id()) < 0) {
                throw new RespError("ERR The ID specified in XSETID is smaller than the target stream top item");
            }
            if (entriesAdded != -1 && s.length() > entriesAdded) {
                throw new RespError(
                        "ERR The entries_added specified in XSETID is smaller than the target stream length");
            }
        }
        if (id.compareTo(s.maxDeletedId()) < 0) {
            throw new RespError("ERR The ID specified in XSETID is smaller than current max_deleted_entry_id");
        }
        s.lastId(id);
        if (entriesAdded != -1) {
            s.entriesAdded(entriesAdded);
        }
        if (!maxDeleted.isZero()) {
            s.maxDeletedId(maxDeleted);
        }
        c.modified(key);
        c.notify(Notifications.STREAM, "xsetid", key);
        c.out().ok();
    }
}
