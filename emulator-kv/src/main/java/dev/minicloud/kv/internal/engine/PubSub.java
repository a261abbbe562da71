package dev.minicloud.kv.internal.engine;

import dev.minicloud.kv.internal.store.Glob;
import dev.minicloud.kv.internal.store.Key;
import dev.minicloud.kv.internal.wire.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Channel and pattern subscriptions and message delivery. Messages are written into each
 * subscriber's reply buffer as a RESP2 array or a RESP3 push, so a RESP3 client can keep running
 * ordinary commands while subscribed.
 */
public final class PubSub {
    private static final byte[] MESSAGE = "message".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PMESSAGE = "pmessage".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SMESSAGE = "smessage".getBytes(StandardCharsets.US_ASCII);

    private final Map<Key, Set<Client>> channels = new LinkedHashMap<>();
    private final Map<Key, Set<Client>> patterns = new LinkedHashMap<>();
    private final Map<Key, Set<Client>> shardChannels = new LinkedHashMap<>();

    boolean subscribe(Client c, byte[] channel) {
        return join(channels, c.channels, c, new Key(channel));
    }

    boolean unsubscribe(Client c, Key k) {
        return leave(channels, c.channels, c, k);
    }

    boolean ssubscribe(Client c, byte[] channel) {
        return join(shardChannels, c.shardChannels, c, new Key(channel));
    }

    boolean sunsubscribe(Client c, Key k) {
        return leave(shardChannels, c.shardChannels, c, k);
    }

    /** SPUBLISH: delivers a shard message push to the shard channel's subscribers (patterns never match shard channels). */
    int spublish(byte[] channel, byte[] message) {
        Set<Client> subs = shardChannels.get(new Key(channel));
        if (subs == null) {
            return 0;
        }
        for (Client c : subs) {
            RespWriter w = c.out();
            w.push(3);
            w.bulk(SMESSAGE);
            w.bulk(channel);
            w.bulk(message);
        }
        return subs.size();
    }

    List<byte[]> shardChannels(byte[] pattern) {
        List<byte[]> out = new ArrayList<>();
        for (Key k : shardChannels.keySet()) {
            if (pattern == null || Glob.match(pattern, k.bytes(), false)) {
                out.add(k.bytes());
            }
        }
        return out;
    }

    int shardSubscribers(byte[] channel) {
        Set<Client> s = shardChannels.get(new Key(channel));
        return s == null ? 0 : s.size();
    }

    boolean psubscribe(Client c, byte[] pattern) {
        return join(patterns, c.patterns, c, new Key(pattern));
    }

    boolean punsubscribe(Client c, Key k) {
        return leave(patterns, c.patterns, c, k);
    }

    /**
     * Adds a subscription to both sides: the registry ({@code channels} or {@code patterns}) and the
     * client's own set of the same kind. False when the client already had it.
     */
    private static boolean join(Map<Key, Set<Client>> registry, Set<Key> own, Client c, Key k) {
        if (!own.add(k)) {
            return false;
        }
        registry.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(c);
        return true;
    }

    /** Removes a subscription from both sides, dropping a registry entry nobody listens on any more. */
    private static boolean leave(Map<Key, Set<Client>> registry, Set<Key> own, Client c, Key k) {
        if (!own.remove(k)) {
            return false;
        }
        Set<Client> s = registry.get(k);
        if (s != null) {
            s.remove(c);
            if (s.isEmpty()) {
                registry.remove(k);
            }
        }
        return true;
    }

    void removeClient(Client c) {
        for (Key k : new ArrayList<>(c.channels)) {
            unsubscribe(c, k);
        }
        for (Key k : new ArrayList<>(c.patterns)) {
            punsubscribe(c, k);
        }
        for (Key k : new ArrayList<>(c.shardChannels)) {
            sunsubscribe(c, k);
        }
    }

    /** Delivers a message; returns the number of receivers (as PUBLISH replies). */
    int publish(byte[] channel, byte[] message) {
        int n = 0;
        Set<Client> subs = channels.get(new Key(channel));
        if (subs != null) {
            for (Client c : subs) {
                RespWriter w = c.out();
                w.push(3);
                w.bulk(MESSAGE);
                w.bulk(channel);
                w.bulk(message);
                n++;
            }
        }
        if (!patterns.isEmpty()) {
            for (Map.Entry<Key, Set<Client>> e : patterns.entrySet()) {
                if (Glob.match(e.getKey().bytes(), channel, false)) {
                    for (Client c : e.getValue()) {
                        RespWriter w = c.out();
                        w.push(4);
                        w.bulk(PMESSAGE);
                        w.bulk(e.getKey().bytes());
                        w.bulk(channel);
                        w.bulk(message);
                        n++;
                    }
                }
            }
        }
        return n;
    }

    /** Active channels, optionally filtered by a glob (PUBSUB CHANNELS). */
    List<byte[]> channels(byte[] pattern) {
        List<byte[]> out = new ArrayList<>();
        for (Key k : channels.keySet()) {
            if (pattern == null || Glob.match(pattern, k.bytes(), false)) {
                out.add(k.bytes());
            }
        }
        return out;
    }

    int subscribers(byte[] channel) {
        Set<Client> s = channels.get(new Key(channel));
        return s == null ? 0 : s.size();
    }

    int patternCount() {
        return patterns.size();
    }

    int shardChannelCount() {
        return shardChannels.size();
    }

    int channelCount() {
        return channels.size();
    }

    void clear() {
        channels.clear();
        patterns.clear();
        shardChannels.clear();
    }
}
