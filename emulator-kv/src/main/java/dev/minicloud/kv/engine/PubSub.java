package dev.minicloud.kv.engine;

import dev.minicloud.kv.store.Glob;
import dev.minicloud.kv.store.Key;
import dev.minicloud.kv.wire.RespWriter;
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

    private final Map<Key, Set<Client>> channels = new LinkedHashMap<>();
    private final Map<Key, Set<Client>> patterns = new LinkedHashMap<>();

    boolean subscribe(Client c, byte[] channel) {
        Key k = new Key(channel);
        if (!c.channels.add(k)) {
            return false;
        }
        channels.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(c);
        return true;
    }

    boolean unsubscribe(Client c, Key k) {
        if (!c.channels.remove(k)) {
            return false;
        }
        Set<Client> s = channels.get(k);
        if (s != null) {
            s.remove(c);
            if (s.isEmpty()) {
                channels.remove(k);
            }
        }
        return true;
    }

    boolean psubscribe(Client c, byte[] pattern) {
        Key k = new Key(pattern);
        if (!c.patterns.add(k)) {
            return false;
        }
        patterns.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(c);
        return true;
    }

    boolean punsubscribe(Client c, Key k) {
        if (!c.patterns.remove(k)) {
            return false;
        }
        Set<Client> s = patterns.get(k);
        if (s != null) {
            s.remove(c);
            if (s.isEmpty()) {
                patterns.remove(k);
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

    int channelCount() {
        return channels.size();
    }

    void clear() {
        channels.clear();
        patterns.clear();
    }
}
