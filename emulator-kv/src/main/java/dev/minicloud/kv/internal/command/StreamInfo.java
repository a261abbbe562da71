package dev.minicloud.kv.internal.command;

import dev.minicloud.kv.internal.engine.Call;
import dev.minicloud.kv.internal.engine.CommandTable;
import dev.minicloud.kv.internal.engine.KeySpec;
import dev.minicloud.kv.internal.engine.RespError;
import dev.minicloud.kv.internal.store.RStream;
import dev.minicloud.kv.internal.store.StreamGroup;
import dev.minicloud.kv.internal.store.StreamId;
import dev.minicloud.kv.internal.wire.RespWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * XINFO STREAM [FULL [COUNT n]], GROUPS and CONSUMERS, field by field as Redis 7.2 reports them
 * (maps in RESP3, flat arrays in RESP2), including {@code entries-read}, {@code lag} (null when it
 * cannot be known), and a consumer's {@code inactive}/{@code active-time}.
 */
final class StreamInfo {
    private StreamInfo() {}

    static void register(CommandTable t, String g) {
        var xinfo = t.add("xinfo", -2, "", 0, 0, 0, g, "A container for stream introspection commands.", null);
        t.sub(xinfo, "stream", -3, "readonly", 2, 2, 1, "Returns information about a stream.", StreamInfo::stream)
                .keys(KeySpec.range("RO access", 2, 0, 1));
        t.sub(
                        xinfo,
                        "groups",
                        3,
                        "readonly",
                        2,
                        2,
                        1,
                        "Returns a list of the consumer groups of a stream.",
                        StreamInfo::groups)
                .keys(KeySpec.range("RO access", 2, 0, 1));
        t.sub(
                        xinfo,
                        "consumers",
                        4,
                        "readonly",
                        2,
                        2,
                        1,
                        "Returns a list of the consumers in a consumer group.",
                        StreamInfo::consumers)
                .keys(KeySpec.range("RO access", 2, 0, 1))
                .tips("nondeterministic_output");
        t.sub(
                xinfo,
                "help",
                2,
                "",
                0,
                0,
                0,
                "Returns helpful text about the different subcommands.",
                c -> c.help(
                        "XINFO <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                        "CONSUMERS <key> <groupname>",
                        "    Show consumers of <groupname>.",
                        "GROUPS <key>",
                        "    Show the stream consumer groups.",
                        "STREAM <key> [FULL [COUNT <count>]",
                        "    Show information about the stream.",
                        "HELP",
                        "    Prints this help."));
    }

    private static RStream existing(Call c) {
        RStream s = c.typed(c.read(c.arg(2)), RStream.class);
        if (s == null) {
            throw new RespError(RespError.NO_SUCH_KEY);
        }
        return s;
    }

    private static void stream(Call c) {
        boolean full = false;
        long count = 10;
        if (c.argc() > 3) {
            if (!c.is(3, "FULL")) {
                throw new RespError(
                        "ERR unknown subcommand or wrong number of arguments for '" + c.str(1) + "'. Try XINFO HELP.");
            }
            full = true;
            if (c.argc() > 4) {
                if (c.argc() != 6 || !c.is(4, "COUNT")) {
                    throw RespError.syntax();
                }
                count = StreamArgs.nonNegative(c, 5);
            }
        }
        RStream s = existing(c);
        RespWriter w = c.out();
        w.map(full ? 9 : 10);
        w.bulk("length");
        w.integer(s.length());
        w.bulk("radix-tree-keys");
        w.integer(s.nodeCount());
        w.bulk("radix-tree-nodes");
        w.integer(s.nodeCount() + 1L);
        w.bulk("last-generated-id");
        w.bulk(s.lastId().bytes());
        w.bulk("max-deleted-entry-id");
        w.bulk(s.maxDeletedId().bytes());
        w.bulk("entries-added");
        w.integer(s.entriesAdded());
        w.bulk("recorded-first-entry-id");
        w.bulk(s.firstId().bytes());
        if (!full) {
            w.bulk("groups");
            w.integer(s.groups().size());
            w.bulk("first-entry");
            entryOrNull(w, s.first());
            w.bulk("last-entry");
            entryOrNull(w, s.last());
            return;
        }
        w.bulk("entries");
        StreamArgs.entries(w, s.range(StreamId.MIN, StreamId.MAX, false, count));
        w.bulk("groups");
        w.array(s.groups().size());
        for (StreamGroup g : s.groups()) {
            w.map(7);
            w.bulk("name");
            w.bulk(g.name());
            w.bulk("last-delivered-id");
            w.bulk(g.lastId().bytes());
            w.bulk("entries-read");
            entriesRead(w, g);
            w.bulk("lag");
            lag(w, s, g);
            w.bulk("pel-count");
            w.integer(g.pel().size());
            w.bulk("pending");
            List<StreamGroup.Pending> pel = limit(g.pel(), count);
            w.array(pel.size());
            for (StreamGroup.Pending p : pel) {
                w.array(4);
                w.bulk(p.id().bytes());
                w.bulk(p.consumer().name());
                w.integer(p.deliveryTime());
                w.integer(p.deliveryCount());
            }
            w.bulk("consumers");
            w.array(g.consumers().size());
            for (StreamGroup.Consumer k : g.consumers().values()) {
                w.map(5);
                w.bulk("name");
                w.bulk(k.name());
                w.bulk("seen-time");
                w.integer(k.seenTime());
                w.bulk("active-time");
                w.integer(k.activeTime());
                w.bulk("pel-count");
                w.integer(k.pel().size());
                w.bulk("pending");
                List<StreamGroup.Pending> own = limit(k.pel(), count);
                w.array(own.size());
                for (StreamGroup.Pending p : own) {
                    w.array(3);
                    w.bulk(p.id().bytes());
                    w.integer(p.deliveryTime());
                    w.integer(p.deliveryCount());
                }
            }
        }
    }

    private static List<StreamGroup.Pending> limit(Iterable<StreamGroup.Pending> all, long count) {
        List<StreamGroup.Pending> out = new ArrayList<>();
        for (StreamGroup.Pending p : all) {
            if (count > 0 && out.size() >= count) {
                break;
            }
            out.add(p);
        }
        return out;
    }

    private static void entryOrNull(RespWriter w, RStream.Entry e) {
        if (e == null) {
            w.nullBulk();
        } else {
            StreamArgs.entry(w, e);
        }
    }

    private static void entriesRead(RespWriter w, StreamGroup g) {
        if (g.entriesRead() == StreamGroup.UNKNOWN_ENTRIES_READ) {
            w.nullBulk();
        } else {
            w.integer(g.entriesRead());
        }
    }

    private static void lag(RespWriter w, RStream s, StreamGroup g) {
        Long lag = s.lag(g);
        if (lag == null) {
            w.nullBulk();
        } else {
            w.integer(lag);
        }
    }

    private static void groups(Call c) {
        RStream s = existing(c);
        RespWriter w = c.out();
        w.array(s.groups().size());
        for (StreamGroup g : s.groups()) {
            w.map(6);
            w.bulk("name");
            w.bulk(g.name());
            w.bulk("consumers");
            w.integer(g.consumers().size());
            w.bulk("pending");
            w.integer(g.pel().size());
            w.bulk("last-delivered-id");
            w.bulk(g.lastId().bytes());
            w.bulk("entries-read");
            entriesRead(w, g);
            w.bulk("lag");
            lag(w, s, g);
        }
    }

    private static void consumers(Call c) {
        RStream s = existing(c);
        StreamGroup g = s.group(c.arg(3));
        if (g == null) {
            throw new RespError("NOGROUP No such consumer group '" + c.str(3) + "' for key name '" + c.str(2) + "'");
        }
        long now = c.now();
        RespWriter w = c.out();
        w.array(g.consumers().size());
        for (StreamGroup.Consumer k : g.consumers().values()) {
            w.map(4);
            w.bulk("name");
            w.bulk(k.name());
            w.bulk("pending");
            w.integer(k.pel().size());
            w.bulk("idle");
            w.integer(Math.max(0, now - k.seenTime()));
            w.bulk("inactive");
            w.integer(k.activeTime() < 0 ? -1 : Math.max(0, now - k.activeTime()));
        }
    }
}
