package dev.minicloud.kv.internal.engine;

import dev.minicloud.kv.internal.store.Key;
import dev.minicloud.kv.internal.wire.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** SUBSCRIBE, PSUBSCRIBE, UNSUBSCRIBE, PUNSUBSCRIBE, PUBLISH and PUBSUB introspection. */
final class PubSubCommands {
    private static final byte[] SUBSCRIBE = "subscribe".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UNSUBSCRIBE = "unsubscribe".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PSUBSCRIBE = "psubscribe".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PUNSUBSCRIBE = "punsubscribe".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SSUBSCRIBE = "ssubscribe".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUNSUBSCRIBE = "sunsubscribe".getBytes(StandardCharsets.US_ASCII);

    private PubSubCommands() {}

    static void register(CommandTable t) {
        String g = "pubsub";
        String f = "pubsub noscript loading stale subscriber";
        t.add("subscribe", -2, f, 0, 0, 0, g, "Listens for messages published to channels.", c -> {
            for (int i = 1; i < c.argc(); i++) {
                c.engine().pubsub().subscribe(c.client(), c.arg(i));
                confirm(c, SUBSCRIBE, c.arg(i));
            }
        });
        t.add(
                "psubscribe",
                -2,
                f,
                0,
                0,
                0,
                g,
                "Listens for messages published to channels that match one or more patterns.",
                c -> {
                    for (int i = 1; i < c.argc(); i++) {
                        c.engine().pubsub().psubscribe(c.client(), c.arg(i));
                        confirm(c, PSUBSCRIBE, c.arg(i));
                    }
                });
        t.add("ssubscribe", -2, f, 1, -1, 1, g, "Listens for messages published to shard channels.", c -> {
                    if (c.client().inExec) {
                        throw new RespError("ERR SSUBSCRIBE isn't allowed for a DENY BLOCKING client");
                    }
                    for (int i = 1; i < c.argc(); i++) {
                        c.engine().pubsub().ssubscribe(c.client(), c.arg(i));
                        confirm(
                                c,
                                SSUBSCRIBE,
                                c.arg(i),
                                c.client().shardChannels.size());
                    }
                })
                .keys(KeySpec.range("not_key", 1, -1, 1));
        t.add(
                        "sunsubscribe",
                        -1,
                        f,
                        1,
                        -1,
                        1,
                        g,
                        "Stops listening to messages posted to shard channels.",
                        PubSubCommands::sunsubscribe)
                .keys(KeySpec.range("not_key", 1, -1, 1));
        t.add(
                        "spublish",
                        3,
                        "pubsub loading stale fast",
                        1,
                        1,
                        1,
                        g,
                        "Post a message to a shard channel",
                        c -> c.out().integer(c.engine().spublish(c.arg(1), c.arg(2))))
                .keys(KeySpec.range("not_key", 1, 0, 1));
        t.add(
                "unsubscribe",
                -1,
                f,
                0,
                0,
                0,
                g,
                "Stops listening to messages posted to channels.",
                c -> unsubscribe(c, false));
        t.add(
                "punsubscribe",
                -1,
                f,
                0,
                0,
                0,
                g,
                "Stops listening to messages published to channels that match one or more patterns.",
                c -> unsubscribe(c, true));
        t.add(
                "publish",
                3,
                "pubsub loading stale fast",
                0,
                0,
                0,
                g,
                "Posts a message to a channel.",
                c -> c.out().integer(c.engine().publish(c.arg(1), c.arg(2))));
        CommandSpec pubsub = t.add("pubsub", -2, "", 0, 0, 0, g, "A container for Pub/Sub commands.", null);
        t.sub(pubsub, "channels", -2, "pubsub loading stale", 0, 0, 0, "Returns the active channels.", c -> {
            if (c.argc() > 3) {
                throw RespError.arity("pubsub|channels");
            }
            List<byte[]> ch = c.engine().pubsub().channels(c.argc() == 3 ? c.arg(2) : null);
            c.out().array(ch.size());
            for (byte[] b : ch) {
                c.out().bulk(b);
            }
        });
        t.sub(
                pubsub,
                "numsub",
                -2,
                "pubsub loading stale",
                0,
                0,
                0,
                "Returns a count of subscribers to channels.",
                c -> {
                    RespWriter w = c.out();
                    w.array((c.argc() - 2) * 2);
                    for (int i = 2; i < c.argc(); i++) {
                        w.bulk(c.arg(i));
                        w.integer(c.engine().pubsub().subscribers(c.arg(i)));
                    }
                });
        t.sub(pubsub, "shardchannels", -2, "pubsub loading stale", 0, 0, 0, "Returns the active shard channels.", c -> {
            if (c.argc() > 3) {
                throw RespError.arity("pubsub|shardchannels");
            }
            List<byte[]> ch = c.engine().pubsub().shardChannels(c.argc() == 3 ? c.arg(2) : null);
            c.out().array(ch.size());
            for (byte[] b : ch) {
                c.out().bulk(b);
            }
        });
        t.sub(
                pubsub,
                "shardnumsub",
                -2,
                "pubsub loading stale",
                0,
                0,
                0,
                "Returns the count of subscribers of shard channels.",
                c -> {
                    RespWriter w = c.out();
                    w.array((c.argc() - 2) * 2);
                    for (int i = 2; i < c.argc(); i++) {
                        w.bulk(c.arg(i));
                        w.integer(c.engine().pubsub().shardSubscribers(c.arg(i)));
                    }
                });
        t.sub(
                pubsub,
                "numpat",
                2,
                "pubsub loading stale",
                0,
                0,
                0,
                "Returns a count of unique pattern subscriptions.",
                c -> c.out().integer(c.engine().pubsub().patternCount()));
        t.sub(
                pubsub,
                "help",
                2,
                "loading stale",
                0,
                0,
                0,
                "Returns helpful text about the different subcommands.",
                c -> ServerCommands.help(
                        c,
                        "PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                        "CHANNELS [<pattern>]",
                        "    Return the currently active channels matching a <pattern> (default: '*').",
                        "NUMPAT",
                        "    Return number of subscriptions to patterns.",
                        "NUMSUB [<channel> ...]",
                        "    Return the number of subscribers for the specified channels, excluding",
                        "    pattern subscriptions(default: no channels).",
                        "SHARDCHANNELS [<pattern>]",
                        "    Return the currently active shard level channels matching a <pattern> (default: '*').",
                        "SHARDNUMSUB [<shardchannel> ...]",
                        "    Return the number of subscribers for the specified shard level channel(s)",
                        "HELP",
                        "    Prints this help."));
    }

    /**
     * UNSUBSCRIBE ({@code patterns} false) and PUNSUBSCRIBE: the named channels or patterns, or all
     * the client has when none are named; one confirmation each, or one with a null name when
     * there was nothing to leave.
     */
    private static void unsubscribe(Call c, boolean patterns) {
        byte[] kind = patterns ? PUNSUBSCRIBE : UNSUBSCRIBE;
        List<Key> targets = new ArrayList<>();
        if (c.argc() == 1) {
            targets.addAll(patterns ? c.client().patterns : c.client().channels);
        } else {
            for (int i = 1; i < c.argc(); i++) {
                targets.add(new Key(c.arg(i)));
            }
        }
        if (targets.isEmpty()) {
            confirm(c, kind, null);
        }
        PubSub pubsub = c.engine().pubsub();
        for (Key k : targets) {
            if (patterns) {
                pubsub.punsubscribe(c.client(), k);
            } else {
                pubsub.unsubscribe(c.client(), k);
            }
            confirm(c, kind, k.bytes());
        }
    }

    /** SUNSUBSCRIBE: the named shard channels, or all the client has; counts are of shard subscriptions. */
    private static void sunsubscribe(Call c) {
        Client cl = c.client();
        List<Key> targets = new ArrayList<>();
        if (c.argc() == 1) {
            targets.addAll(cl.shardChannels);
        } else {
            for (int i = 1; i < c.argc(); i++) {
                targets.add(new Key(c.arg(i)));
            }
        }
        if (targets.isEmpty()) {
            confirm(c, SUNSUBSCRIBE, null, 0);
        }
        for (Key k : targets) {
            c.engine().pubsub().sunsubscribe(cl, k);
            confirm(c, SUNSUBSCRIBE, k.bytes(), cl.shardChannels.size());
        }
    }

    private static void confirm(Call c, byte[] kind, byte[] channel) {
        confirm(c, kind, channel, c.client().classicSubscriptionCount());
    }

    private static void confirm(Call c, byte[] kind, byte[] channel, int count) {
        RespWriter w = c.out();
        w.push(3);
        w.bulk(kind);
        w.bulk(channel);
        w.integer(count);
    }
}
