package dev.minicloud.kv.internal.command;

import dev.minicloud.kv.internal.engine.Call;
import dev.minicloud.kv.internal.engine.CommandTable;
import dev.minicloud.kv.internal.engine.KeySpec;
import dev.minicloud.kv.internal.engine.Notifications;
import dev.minicloud.kv.internal.engine.RespError;
import dev.minicloud.kv.internal.store.PendingEntries;
import dev.minicloud.kv.internal.store.RStream;
import dev.minicloud.kv.internal.store.StreamGroup;
import dev.minicloud.kv.internal.store.StreamId;
import dev.minicloud.kv.internal.wire.Numbers;
import dev.minicloud.kv.internal.wire.RespWriter;
import java.util.ArrayList;
import java.util.List;

/** Consumer groups: XGROUP, XACK, XPENDING, XCLAIM and XAUTOCLAIM, with Redis 7's replies and errors. */
final class StreamGroupCommands {
    private static final String NEEDS_KEY =
            "ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may"
                    + " want to use the MKSTREAM option to create an empty stream automatically.";

    private StreamGroupCommands() {}

    static void register(CommandTable t, String g) {
        var xgroup = t.add("xgroup", -2, "", 0, 0, 0, g, "A container for consumer groups commands.", null);
        t.sub(xgroup, "create", -5, "write denyoom", 2, 2, 1, "Creates a consumer group.", StreamGroupCommands::create)
                .keys(KeySpec.range("RW insert", 2, 0, 1));
        t.sub(
                        xgroup,
                        "setid",
                        -5,
                        "write",
                        2,
                        2,
                        1,
                        "Sets the last-delivered ID of a consumer group.",
                        StreamGroupCommands::setId)
                .keys(KeySpec.range("RW update", 2, 0, 1));
        t.sub(xgroup, "destroy", 4, "write", 2, 2, 1, "Destroys a consumer group.", StreamGroupCommands::xgroupDestroy)
                .keys(KeySpec.range("RW delete", 2, 0, 1));
        t.sub(
                        xgroup,
                        "createconsumer",
                        5,
                        "write denyoom",
                        2,
                        2,
                        1,
                        "Creates a consumer in a consumer group.",
                        StreamGroupCommands::xgroupCreateconsumer)
                .keys(KeySpec.range("RW insert", 2, 0, 1));
        t.sub(
                        xgroup,
                        "delconsumer",
                        5,
                        "write",
                        2,
                        2,
                        1,
                        "Deletes a consumer from a consumer group.",
                        StreamGroupCommands::xgroupDelconsumer)
                .keys(KeySpec.range("RW delete", 2, 0, 1));
        t.sub(
                xgroup,
                "help",
                2,
                "",
                0,
                0,
                0,
                "Returns helpful text about the different subcommands.",
                c -> c.help(
                        "XGROUP <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                        "CREATE <key> <groupname> <id|$> [option]",
                        "    Create a new consumer group. Options are:",
                        "    * MKSTREAM",
                        "      Create the empty stream if it does not exist.",
                        "    * ENTRIESREAD entries_read",
                        "      Set the group's entries_read counter (internal use).",
                        "CREATECONSUMER <key> <groupname> <consumer>",
                        "    Create a new consumer in the specified group.",
                        "DELCONSUMER <key> <groupname> <consumer>",
                        "    Remove the specified consumer.",
                        "DESTROY <key> <groupname>",
                        "    Remove the specified group.",
                        "SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]",
                        "    Set the current group ID and entries_read counter.",
                        "HELP",
                        "    Prints this help."));
        t.add(
                        "xack",
                        -4,
                        "write fast",
                        1,
                        1,
                        1,
                        g,
                        "Returns the number of messages that were successfully acknowledged by the consumer group member of a stream.",
                        StreamGroupCommands::xack)
                .keys(KeySpec.range("RW update", 1, 0, 1));
        t.add(
                        "xpending",
                        -3,
                        "readonly",
                        1,
                        1,
                        1,
                        g,
                        "Returns the information and entries from a stream consumer group's pending entries list.",
                        StreamGroupCommands::xpending)
                .keys(KeySpec.range("RO access", 1, 0, 1))
                .tips("nondeterministic_output");
        t.add(
                        "xclaim",
                        -6,
                        "write fast",
                        1,
                        1,
                        1,
                        g,
                        "Changes, or acquires, ownership of a message in a consumer group, as if the message was delivered a consumer group member.",
                        StreamGroupCommands::xclaim)
                .keys(KeySpec.range("RW update", 1, 0, 1))
                .tips("nondeterministic_output");
        t.add(
                        "xautoclaim",
                        -6,
                        "write fast",
                        1,
                        1,
                        1,
                        g,
                        "Changes, or acquires, ownership of messages in a consumer group, as if the messages were delivered to as consumer group member.",
                        StreamGroupCommands::xautoclaim)
                .keys(KeySpec.range("RW delete", 1, 0, 1))
                .tips("nondeterministic_output");
    }

    private static void xgroupDestroy(Call c) {
        RStream s = existing(c);
        if (!s.destroyGroup(c.arg(3))) {
            c.out().integer(0);
            return;
        }
        // wakes XREADGROUP clients blocked on the group: they get NOGROUP
        c.modified(c.arg(2));
        c.notify(Notifications.STREAM, "xgroup-destroy", c.arg(2));
        c.out().integer(1);
    }

    private static void xgroupCreateconsumer(Call c) {
        StreamGroup group = requiredGroup(c, existing(c));
        if (group.createConsumer(c.arg(4), c.now()) == null) {
            c.out().integer(0);
            return;
        }
        c.notify(Notifications.STREAM, "xgroup-createconsumer", c.arg(2));
        c.out().integer(1);
    }

    private static void xgroupDelconsumer(Call c) {
        StreamGroup group = requiredGroup(c, existing(c));
        long pending = group.deleteConsumer(c.arg(4));
        if (pending >= 0) {
            c.notify(Notifications.STREAM, "xgroup-delconsumer", c.arg(2));
        }
        c.out().integer(Math.max(0, pending));
    }

    /** The stream XGROUP names; only CREATE with MKSTREAM may go on without one. */
    private static RStream existing(Call c) {
        RStream s = StreamCommands.stream(c, c.arg(2));
        if (s == null) {
            throw new RespError(NEEDS_KEY);
        }
        return s;
    }

    private static StreamGroup requiredGroup(Call c, RStream s) {
        StreamGroup group = s.group(c.arg(3));
        if (group == null) {
            throw new RespError("NOGROUP No such consumer group '" + c.str(3) + "' for key name '" + c.str(2) + "'");
        }
        return group;
    }

    private static long entriesReadArg(Call c, int i) {
        long n = c.longArg(i);
        if (n < 0 && n != StreamGroup.UNKNOWN_ENTRIES_READ) {
            throw new RespError("ERR value for ENTRIESREAD must be positive or -1");
        }
        return n;
    }

    private static RespError subcommandSyntax(Call c) {
        return new RespError(
                "ERR unknown subcommand or wrong number of arguments for '" + c.str(1) + "'. Try XGROUP HELP.");
    }

    private static void create(Call c) {
        boolean mkstream = false;
        long entriesRead = StreamGroup.UNKNOWN_ENTRIES_READ;
        for (int i = 5; i < c.argc(); i++) {
            if (c.is(i, "MKSTREAM")) {
                mkstream = true;
            } else if (c.is(i, "ENTRIESREAD") && i + 1 < c.argc()) {
                entriesRead = entriesReadArg(c, ++i);
            } else {
                throw subcommandSyntax(c);
            }
        }
        byte[] key = c.arg(2);
        RStream s = StreamCommands.stream(c, key);
        if (s == null && !mkstream) {
            throw new RespError(NEEDS_KEY);
        }
        if (c.argc() > 8) {
            throw subcommandSyntax(c);
        }
        byte[] a = c.arg(4);
        StreamId id =
                a.length == 1 && a[0] == '$' ? (s == null ? StreamId.MIN : s.lastId()) : StreamArgs.strictId(c, 4);
        if (s != null && s.group(c.arg(3)) != null) {
            throw new RespError("BUSYGROUP Consumer Group name already exists");
        }
        if (s == null) {
            s = c.orAdd(key, null, () -> new RStream(c.keyspace().encodings()));
            c.modified(key);
        }
        s.createGroup(c.arg(3), id, entriesRead);
        c.notify(Notifications.STREAM, "xgroup-create", key);
        c.out().ok();
    }

    private static void setId(Call c) {
        long entriesRead = StreamGroup.UNKNOWN_ENTRIES_READ;
        for (int i = 5; i < c.argc(); i++) {
            if (c.is(i, "ENTRIESREAD") && i + 1 < c.argc()) {
                entriesRead = entriesReadArg(c, ++i);
            } else {
                throw subcommandSyntax(c);
            }
        }
        RStream s = existing(c);
        StreamGroup group = requiredGroup(c, s);
        if (c.argc() != 5 && c.argc() != 7) {
            throw subcommandSyntax(c);
        }
        byte[] a = c.arg(4);
        StreamId id = a.length == 1 && a[0] == '$' ? s.lastId() : StreamArgs.id(c, 4, 0);
        group.lastId(id);
        group.entriesRead(entriesRead);
        c.notify(Notifications.STREAM, "xgroup-setid", c.arg(2));
        c.out().ok();
    }

    private static void xack(Call c) {
        RStream s = StreamCommands.stream(c, c.arg(1));
        StreamGroup group = s == null ? null : s.group(c.arg(2));
        StreamId[] ids = new StreamId[c.argc() - 3];
        for (int j = 3; j < c.argc(); j++) {
            ids[j - 3] = StreamArgs.strictId(c, j);
        }
        if (group == null) {
            c.out().integer(0);
            return;
        }
        long acked = 0;
        for (StreamId id : ids) {
            if (group.ack(id)) {
                acked++;
            }
        }
        c.out().integer(acked);
    }

    private static StreamGroup claimGroup(Call c, RStream s) {
        StreamGroup group = s == null ? null : s.group(c.arg(2));
        if (group == null) {
            throw new RespError("NOGROUP No such key '" + c.str(1) + "' or consumer group '" + c.str(2) + "'");
        }
        return group;
    }

    private static void xpending(Call c) {
        boolean summary = c.argc() == 3;
        if (!summary && (c.argc() < 6 || c.argc() > 9)) {
            throw RespError.syntax();
        }
        long minIdle = 0;
        long count = 0;
        StreamId start = null;
        StreamId end = null;
        byte[] consumerName = null;
        if (c.argc() >= 6) {
            int at = 3;
            if (c.is(3, "IDLE")) {
                minIdle = c.longArg(4);
                if (c.argc() < 8) {
                    throw RespError.syntax();
                }
                at += 2;
            }
            count = StreamArgs.nonNegative(c, at + 2);
            start = StreamArgs.rangeStart(c, at);
            end = StreamArgs.rangeEnd(c, at + 1);
            if (at + 3 < c.argc()) {
                consumerName = c.arg(at + 3);
            }
        }
        RStream s = c.typed(c.read(c.arg(1)), RStream.class);
        StreamGroup group = claimGroup(c, s);
        RespWriter w = c.out();
        if (summary) {
            w.array(4);
            w.integer(group.pel().size());
            if (group.pel().isEmpty()) {
                w.nullBulk();
                w.nullBulk();
                w.nullArray();
                return;
            }
            w.bulk(group.pel().first().id().bytes());
            w.bulk(group.pel().last().id().bytes());
            List<StreamGroup.Consumer> owners = new ArrayList<>();
            for (StreamGroup.Consumer k : group.consumers().values()) {
                if (!k.pel().isEmpty()) {
                    owners.add(k);
                }
            }
            w.array(owners.size());
            for (StreamGroup.Consumer k : owners) {
                w.array(2);
                w.bulk(k.name());
                w.bulkLong(k.pel().size());
            }
            return;
        }
        PendingEntries pel = group.pel();
        if (consumerName != null) {
            StreamGroup.Consumer k = group.consumer(consumerName);
            if (k == null) {
                w.array(0);
                return;
            }
            pel = k.pel();
        }
        long now = c.now();
        List<StreamGroup.Pending> out = new ArrayList<>();
        if (start.compareTo(end) <= 0) {
            for (StreamGroup.Pending p : pel.from(start)) {
                if (out.size() >= count || p.id().compareTo(end) > 0) {
                    break;
                }
                if (minIdle > 0 && now - p.deliveryTime() < minIdle) {
                    continue;
                }
                out.add(p);
            }
        }
        w.array(out.size());
        for (StreamGroup.Pending p : out) {
            w.array(4);
            w.bulk(p.id().bytes());
            w.bulk(p.consumer().name());
            w.integer(Math.max(0, now - p.deliveryTime()));
            w.integer(p.deliveryCount());
        }
    }

    /** The claiming consumer, created (with its event) on first need. */
    private static StreamGroup.Consumer claimer(Call c, StreamGroup group) {
        StreamGroup.Consumer k = group.consumer(c.arg(3));
        if (k == null) {
            k = group.createConsumer(c.arg(3), c.now());
            c.notify(Notifications.STREAM, "xgroup-createconsumer", c.arg(1));
        }
        k.seen(c.now());
        return k;
    }

    private static void xclaim(Call c) {
        RStream s = StreamCommands.stream(c, c.arg(1));
        StreamGroup group = claimGroup(c, s);
        long minIdle = Math.max(0, c.longArg(4, "ERR Invalid min-idle-time argument for XCLAIM"));
        List<StreamId> ids = new ArrayList<>();
        int j = 5;
        for (; j < c.argc(); j++) {
            StreamId id = StreamArgs.parse(c.arg(j), 0, true);
            if (id == null) {
                break;
            }
            ids.add(id);
        }
        long now = c.now();
        long deliveryTime = -1;
        long retryCount = -1;
        boolean force = false;
        boolean justId = false;
        StreamId lastId = StreamId.MIN;
        for (; j < c.argc(); j++) {
            boolean more = j + 1 < c.argc();
            if (c.is(j, "FORCE")) {
                force = true;
            } else if (c.is(j, "JUSTID")) {
                justId = true;
            } else if (c.is(j, "IDLE") && more) {
                deliveryTime = now - c.longArg(++j, "ERR Invalid IDLE option argument for XCLAIM");
            } else if (c.is(j, "TIME") && more) {
                deliveryTime = c.longArg(++j, "ERR Invalid TIME option argument for XCLAIM");
            } else if (c.is(j, "RETRYCOUNT") && more) {
                retryCount = c.longArg(++j, "ERR Invalid RETRYCOUNT option argument for XCLAIM");
            } else if (c.is(j, "LASTID") && more) {
                lastId = StreamArgs.strictId(c, ++j);
            } else {
                throw new RespError("ERR Unrecognized XCLAIM option '" + c.str(j) + "'");
            }
        }
        if (lastId.compareTo(group.lastId()) > 0) {
            group.lastId(lastId);
        }
        // a bogus time (negative, in the future) means now, as in Redis: clients compute it from their own clocks
        if (deliveryTime < 0 || deliveryTime > now) {
            deliveryTime = now;
        }
        StreamGroup.Consumer consumer = null;
        List<Object> claimed = new ArrayList<>();
        boolean changed = !lastId.isZero();
        for (StreamId id : ids) {
            StreamGroup.Pending p = group.pending(id);
            RStream.Entry e = s.get(id);
            if (e == null) {
                if (p != null) {
                    group.ack(id); // the entry is gone: so is its PEL entry
                    changed = true;
                }
                continue;
            }
            boolean forced = false;
            if (p == null) {
                if (!force) {
                    continue;
                }
                forced = true;
            } else if (minIdle > 0 && now - p.deliveryTime() < minIdle) {
                continue;
            }
            if (consumer == null) {
                consumer = claimer(c, group);
            }
            if (forced) {
                p = group.addPending(id, consumer, deliveryTime, 1); // streamCreateNACK starts at 1
            } else {
                group.transfer(p, consumer);
            }
            p.deliveryTime(deliveryTime);
            if (retryCount >= 0) {
                p.deliveryCount(retryCount);
            } else if (!justId) {
                p.deliveryCount(p.deliveryCount() + 1);
            }
            consumer.active(now);
            claimed.add(justId ? id : e);
        }
        if (changed || !claimed.isEmpty()) {
            c.modified(c.arg(1));
        }
        writeClaimed(c.out(), claimed);
    }

    private static void writeClaimed(RespWriter w, List<Object> claimed) {
        w.array(claimed.size());
        for (Object o : claimed) {
            if (o instanceof StreamId id) {
                w.bulk(id.bytes());
            } else {
                StreamArgs.entry(w, (RStream.Entry) o);
            }
        }
    }

    private static void xautoclaim(Call c) {
        RStream s = StreamCommands.stream(c, c.arg(1));
        StreamGroup group = claimGroup(c, s);
        long minIdle = Math.max(0, c.longArg(4, "ERR Invalid min-idle-time argument for XAUTOCLAIM"));
        StreamId cursor = StreamArgs.rangeStart(c, 5);
        long count = 100;
        boolean justId = false;
        for (int j = 6; j < c.argc(); j++) {
            if (c.is(j, "COUNT") && j + 1 < c.argc()) {
                Long n = Numbers.parseLong(c.arg(++j));
                if (n == null || n < 1 || n > Long.MAX_VALUE / 16) {
                    throw new RespError("ERR COUNT must be > 0");
                }
                count = n;
            } else if (c.is(j, "JUSTID")) {
                justId = true;
            } else {
                throw RespError.syntax();
            }
        }
        long now = c.now();
        long attempts = count * 10;
        StreamGroup.Consumer consumer = null;
        List<Object> claimed = new ArrayList<>();
        List<StreamId> deleted = new ArrayList<>();
        StreamId next = cursor;
        while (true) {
            StreamGroup.Pending p = next == null ? null : group.pel().ceiling(next);
            if (attempts == 0 || count == 0 || p == null) {
                next = p == null ? StreamId.MIN : p.id();
                break;
            }
            attempts--;
            StreamId id = p.id();
            next = id.next();
            RStream.Entry e = s.get(id);
            if (e == null) {
                group.ack(id);
                deleted.add(id);
                count--;
                continue;
            }
            if (minIdle > 0 && now - p.deliveryTime() < minIdle) {
                continue;
            }
            if (consumer == null) {
                consumer = claimer(c, group);
            }
            group.transfer(p, consumer);
            p.deliveryTime(now);
            if (!justId) {
                p.deliveryCount(p.deliveryCount() + 1);
            }
            consumer.active(now);
            claimed.add(justId ? id : e);
            count--;
        }
        if (!claimed.isEmpty() || !deleted.isEmpty()) {
            c.modified(c.arg(1));
        }
        RespWriter w = c.out();
        w.array(3);
        w.bulk(next.bytes());
        writeClaimed(w, claimed);
        w.array(deleted.size());
        for (StreamId id : deleted) {
            w.bulk(id.bytes());
        }
    }
}
