package dev.minicloud.kv.it;

import dev.minicloud.MiniCloud;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client-feature commands against MiniCloud and a real redis-server (Debian's Redis 7, skipped
 * where there is none): one script, two targets, the same replies byte for byte (as rendered by
 * {@link RawResp}). Lines starting with {@code !} are sent without waiting for a reply (a reply
 * suppressed by CLIENT REPLY); {@code ?} runs a command whose reply differs by design (HELLO's version
 * and id) without comparing it; {@code <} reads one more reply (a second subscription confirmation).
 */
class ClientFeaturesInteropIT {
    private static RealRedis redis;
    private static MiniCloud cloud;

    @BeforeAll
    static void start() throws Exception {
        redis = RealRedis.start("--enable-debug-command", "yes");
        cloud = MiniCloud.builder().services("kv").start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (cloud != null) {
            cloud.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void trackingOptionsAndErrors() {
        same(
                "CLIENT TRACKINGINFO",
                "CLIENT GETREDIR",
                "CLIENT TRACKING on optin optout",
                "CLIENT TRACKING on prefix a",
                "CLIENT TRACKING on redirect 999999",
                "CLIENT TRACKING on redirect x",
                "CLIENT TRACKING foo",
                "CLIENT TRACKING on bcast optin",
                "CLIENT TRACKING on bcast prefix a prefix ab",
                "CLIENT TRACKING on redirect",
                "CLIENT CACHING yes",
                "CLIENT TRACKING on optin",
                "CLIENT CACHING no",
                "CLIENT CACHING maybe",
                "CLIENT CACHING yes",
                "CLIENT TRACKINGINFO",
                "CLIENT TRACKINGINFO",
                "CLIENT TRACKING on bcast",
                "CLIENT TRACKING on optout",
                "CLIENT GETREDIR",
                "CLIENT TRACKING off",
                "CLIENT TRACKINGINFO",
                "CLIENT TRACKING on bcast prefix a prefix b",
                "CLIENT TRACKINGINFO",
                "CLIENT TRACKING on bcast prefix ab",
                "CLIENT TRACKING on bcast prefix c",
                "CLIENT TRACKINGINFO",
                "CLIENT TRACKING off",
                "CLIENT TRACKING on optout noloop",
                "CLIENT CACHING no",
                "CLIENT TRACKINGINFO",
                "CLIENT TRACKING on bcast");
        same(
                "?HELLO 3",
                "CLIENT TRACKINGINFO",
                "CLIENT TRACKING on bcast",
                "CLIENT TRACKINGINFO",
                "GET k",
                "SET k v",
                "CLIENT TRACKING off",
                "CLIENT TRACKING on",
                "GET k",
                "SET k w");
    }

    @Test
    void invalidationMessages() {
        same(
                "?HELLO 3",
                "CLIENT TRACKING on",
                "GET k",
                "MGET k k2 k3",
                "b:SET k 1",
                "<",
                "b:MSET k2 1 k 2 k3 3",
                "<",
                "<",
                "GET k",
                "b:FLUSHALL",
                "<",
                "GET k",
                "SET k mine",
                "<",
                "MULTI",
                "GET k",
                "SET k again",
                "EXEC",
                "<",
                "CLIENT TRACKING on noloop",
                "GET k",
                "SET k quiet",
                "b:FLUSHDB",
                "<",
                "PING");
        same(
                "?HELLO 3",
                "CLIENT TRACKING on bcast prefix u: prefix c",
                "b:MSET u:2 a x b u:1 c cfg d",
                "<",
                "<",
                "b:DEL u:1",
                "<",
                "CLIENT TRACKING on bcast noloop",
                "CLIENT TRACKINGINFO",
                "SET u:9 own",
                "b:SET u:8 theirs",
                "<",
                "<",
                "PING");
        same(
                "?HELLO 3",
                "CLIENT TRACKING on optin",
                "GET a",
                "CLIENT CACHING yes",
                "GET b",
                "b:SET a 1",
                "b:SET b 1",
                "<",
                "CLIENT TRACKING off",
                "CLIENT TRACKING on optout",
                "CLIENT CACHING no",
                "GET c",
                "GET d",
                "b:MSET c 1 d 1",
                "<");
        same(
                "CLIENT TRACKING on redirect @s",
                "s:SUBSCRIBE __redis__:invalidate",
                "GET k",
                "b:SET k 1",
                "s:<",
                "b:FLUSHALL",
                "s:<",
                "CLIENT TRACKING on redirect @s bcast",
                "s:UNSUBSCRIBE",
                "GET k",
                "b:SET k 2",
                "s:PING");
        same("?HELLO 3", "CLIENT TRACKING on", "GET k", "!CLIENT REPLY OFF", "!SET k 1", "<", "CLIENT REPLY ON");
    }

    @Test
    void pausedWritesWaitAndRunInOrder() {
        same(
                "CLIENT PAUSE 100000 WRITE",
                "b:!SET k 1",
                "b:!INCR k",
                "b:!GET k",
                "GET k",
                "FUNCTION LIST",
                "CLIENT UNPAUSE",
                "b:<",
                "b:<",
                "b:<",
                "CLIENT PAUSE 100000 WRITE",
                "b:!MULTI",
                "b:!SET k 5",
                "b:!EXEC",
                "GET k",
                "CLIENT UNPAUSE",
                "b:<",
                "b:<",
                "b:<",
                "GET k",
                "DEL k");
    }

    @Test
    void monitorAndShardedMessagesAcrossConnections() {
        same(
                "MULTI",
                "MONITOR",
                "SSUBSCRIBE x",
                "CLIENT TRACKING on",
                "CLIENT REPLY ON",
                "EXEC",
                "CLIENT TRACKINGINFO");
        same("MONITOR", "GET k", "SET k v", "CLIENT LIST x");
        same(
                "s:SSUBSCRIBE news",
                "SPUBLISH news hi",
                "s:<",
                "PUBLISH news classic",
                "s:GET k",
                "s:PING",
                "PUBSUB SHARDNUMSUB news",
                "s:SUNSUBSCRIBE news",
                "SPUBLISH news gone",
                "s:GET k");
    }

    @Test
    void keyspaceEventNew() {
        same(
                "CONFIG SET notify-keyspace-events KEn",
                "s:PSUBSCRIBE __key*__:*",
                "SET a 1",
                "s:<",
                "s:<",
                "SET a 2",
                "RPUSH l x",
                "s:<",
                "s:<",
                "RENAME l m",
                "s:<",
                "s:<",
                "SET a 3",
                "CONFIG SET notify-keyspace-events \"\"",
                "s:PING",
                "FLUSHALL");
    }

    @Test
    void replyAndPauseArguments() {
        same(
                "CLIENT REPLY foo",
                "!CLIENT REPLY SKIP",
                "!SET a 1",
                "GET a",
                "!CLIENT REPLY OFF",
                "!INCR a",
                "!CLIENT REPLY SKIP",
                "CLIENT REPLY ON",
                "GET a",
                "CLIENT REPLY",
                "CLIENT PAUSE",
                "CLIENT PAUSE x",
                "CLIENT PAUSE -1",
                "CLIENT PAUSE 10 foo",
                "CLIENT PAUSE 10 write extra",
                "CLIENT UNPAUSE x",
                "CLIENT UNPAUSE",
                "DEL a");
    }

    @Test
    void slowlogLatencyWaitAndConfig() {
        same(
                "SLOWLOG GET x",
                "SLOWLOG GET -2",
                "SLOWLOG foo",
                "SLOWLOG HELP",
                "SLOWLOG GET 1 2",
                "CONFIG SET slowlog-log-slower-than -1",
                "SLOWLOG RESET",
                "SLOWLOG LEN",
                "SLOWLOG GET",
                "CONFIG SET slowlog-log-slower-than 10000",
                "LATENCY LATEST",
                "LATENCY HISTORY command",
                "LATENCY HISTORY",
                "LATENCY RESET",
                "LATENCY RESET command",
                "LATENCY DOCTOR",
                "LATENCY GRAPH command",
                "WAIT 0 0",
                "WAIT x 0",
                "WAIT 0 -1",
                "WAIT 0 x",
                "WAIT 0",
                "CONFIG GET timeout",
                "CONFIG GET slowlog-max-len",
                "CONFIG GET slowlog-log-slower-than",
                "CONFIG GET tracking-table-max-keys",
                "CONFIG SET timeout -1",
                "CONFIG SET timeout x",
                "CONFIG SET maxclients 0",
                "CONFIG SET slowlog-log-slower-than -2",
                "CONFIG SET slowlog-max-len -1",
                "CONFIG SET tracking-table-max-keys -1",
                "CONFIG SET notify-keyspace-events En",
                "CONFIG GET notify-keyspace-events",
                "CONFIG SET notify-keyspace-events KA",
                "CONFIG GET notify-keyspace-events",
                "CONFIG SET notify-keyspace-events \"\"");
    }

    @Test
    void shardedPubSub() {
        same(
                "PUBSUB SHARDCHANNELS",
                "PUBSUB SHARDNUMSUB a b",
                "PUBSUB SHARDNUMSUB",
                "PUBSUB HELP",
                "SPUBLISH ch m",
                "SPUBLISH ch",
                "SSUBSCRIBE",
                "SSUBSCRIBE a b",
                "<",
                "PUBSUB SHARDCHANNELS",
                "SUBSCRIBE c",
                "SUNSUBSCRIBE b c",
                "<",
                "SUNSUBSCRIBE",
                "UNSUBSCRIBE");
        same("?HELLO 3", "SSUBSCRIBE a", "SUNSUBSCRIBE x", "SUNSUBSCRIBE", "PING");
    }

    @Test
    void debugSubcommands() {
        same(
                "DEBUG",
                "DEBUG foo",
                "DEBUG OBJECT nokey",
                "DEBUG OBJECT",
                "DEBUG SLEEP 0",
                "DEBUG SLEEP x",
                "DEBUG SET-ACTIVE-EXPIRE 1",
                "DEBUG SET-ACTIVE-EXPIRE",
                "DEBUG CHANGE-REPL-ID",
                "DEBUG CHANGE-REPL-ID x",
                "MONITOR x");
    }

    /** Runs {@code script} on a fresh connection to each server and asserts the replies are the same. */
    private static void same(String... script) {
        InetSocketAddress ours = cloud.address("kv").orElseThrow();
        List<String> expected = run(redis.address(), script);
        List<String> actual = run(ours, script);
        RealRedis.assertSameReplies(expected, actual);
    }

    /**
     * Runs a script; a line may name its connection ({@code b:SET k v}, else {@code a}), and an
     * argument {@code @b} stands for connection b's client id (ids differ between the servers).
     */
    private static List<String> run(InetSocketAddress target, String... script) {
        List<String> replies = new ArrayList<>();
        Map<String, RawResp> connections = new LinkedHashMap<>();
        Map<String, String> ids = new LinkedHashMap<>();
        try {
            for (String full : script) {
                int colon = full.indexOf(':');
                boolean named = colon == 1 && Character.isLowerCase(full.charAt(0));
                String name = named ? full.substring(0, 1) : "a";
                String line = named ? full.substring(2) : full;
                RawResp c = connections.computeIfAbsent(name, n -> new RawResp(target));
                if (line.equals("<")) {
                    replies.add(name + "< " + c.read());
                } else if (line.startsWith("?")) {
                    c.call(words(line.substring(1), connections, ids, target));
                } else if (line.startsWith("!")) {
                    c.send(RawResp.encode(words(line.substring(1), connections, ids, target)));
                } else {
                    replies.add(full + " -> " + c.call(words(line, connections, ids, target)));
                }
            }
        } finally {
            connections.values().forEach(RawResp::close);
        }
        return replies;
    }

    private static String[] words(
            String line, Map<String, RawResp> connections, Map<String, String> ids, InetSocketAddress target) {
        String[] w = line.split(" ");
        for (int i = 0; i < w.length; i++) {
            if (w[i].equals("\"\"")) {
                w[i] = "";
            } else if (w[i].startsWith("@")) {
                // asked once, while the connection can still run CLIENT ID (not yet subscribed)
                w[i] = ids.computeIfAbsent(
                        w[i].substring(1),
                        n -> connections
                                .computeIfAbsent(n, x -> new RawResp(target))
                                .call("CLIENT", "ID")
                                .substring(1));
            }
        }
        return w;
    }
}
