package dev.minicloud.kv.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.minicloud.MiniCloud;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * DUMP/RESTORE both ways between MiniCloud and a real redis-server (Debian's, which {@code .ci/run}
 * installs; the test is skipped where there is none): payloads each side writes restore on the other.
 */
class DumpInteropIT {
    /** Runs {@code body} with clients of MiniCloud and of a fresh redis-server. */
    private static void withBoth(BiConsumer<RedisClient, RedisClient> body) throws Exception {
        try (RealRedis redis = RealRedis.start();
                MiniCloud cloud = MiniCloud.builder().services("kv").start()) {
            InetSocketAddress a = cloud.address("kv").orElseThrow();
            InetSocketAddress r = redis.address();
            try (RedisClient ours = RedisClient.builder()
                            .hostAndPort(a.getHostString(), a.getPort())
                            .build();
                    RedisClient real = RedisClient.builder()
                            .hostAndPort(r.getHostString(), r.getPort())
                            .build()) {
                body.accept(ours, real);
            }
        }
    }

    @Test
    void payloadsCrossBothWays() throws Exception {
        withBoth((ours, real) -> {
            for (RedisClient from : List.of(ours, real)) {
                RedisClient to = from == ours ? real : ours;
                from.flushAll();
                to.flushAll();
                from.set("s", "x".repeat(500)); // long enough for Redis to LZF-compress it
                from.set("n", "42");
                from.rpush("l", "a", "b", "c");
                from.sadd("ints", "1", "2", "3");
                from.sadd("strs", "p", "q");
                from.hset("h", Map.of("f", "v", "g", "w"));
                from.zadd("z", Map.of("m", 1.5, "n", -2.0));
                for (String k : List.of("s", "n", "l", "ints", "strs", "h", "z")) {
                    assertEquals("OK", to.restore(k, 0, from.dump(k)), k + " from " + (from == ours ? "us" : "redis"));
                }
                assertEquals("x".repeat(500), to.get("s"));
                assertEquals("42", to.get("n"));
                assertEquals(List.of("a", "b", "c"), to.lrange("l", 0, -1));
                assertEquals(Set.of("1", "2", "3"), to.smembers("ints"));
                assertEquals(Set.of("p", "q"), to.smembers("strs"));
                assertEquals(Map.of("f", "v", "g", "w"), to.hgetAll("h"));
                assertEquals(List.of("n", "m"), to.zrange("z", 0, -1));
            }
        });
    }

    @Test
    void streamsWithGroupsAndPendingEntriesCrossBothWays() throws Exception {
        withBoth((ours, real) -> {
            for (RedisClient from : List.of(ours, real)) {
                RedisClient to = from == ours ? real : ours;
                String origin = from == ours ? "us" : "redis";
                from.flushAll();
                to.flushAll();
                for (int i = 1; i <= 250; i++) {
                    // differing fields, long and numeric values, across three nodes
                    from.sendCommand(
                            redis.clients.jedis.Protocol.Command.XADD,
                            "st",
                            i + "-" + i,
                            i % 3 == 0 ? "other" : "f",
                            i % 2 == 0 ? String.valueOf(i * 1000) : "v".repeat(i));
                }
                from.sendCommand(redis.clients.jedis.Protocol.Command.XDEL, "st", "7-7", "120-120");
                from.sendCommand(redis.clients.jedis.Protocol.Command.XGROUP, "CREATE", "st", "g", "0");
                from.sendCommand(redis.clients.jedis.Protocol.Command.XGROUP, "CREATE", "st", "fresh", "$");
                from.sendCommand(
                        redis.clients.jedis.Protocol.Command.XREADGROUP,
                        "GROUP",
                        "g",
                        "alice",
                        "COUNT",
                        "3",
                        "STREAMS",
                        "st",
                        ">");
                from.sendCommand(
                        redis.clients.jedis.Protocol.Command.XREADGROUP,
                        "GROUP",
                        "g",
                        "bob",
                        "COUNT",
                        "2",
                        "STREAMS",
                        "st",
                        ">");
                from.sendCommand(redis.clients.jedis.Protocol.Command.XGROUP, "CREATECONSUMER", "st", "g", "idle");
                assertEquals("OK", to.restore("st", 0, from.dump("st")), "stream from " + origin);
                assertEquals(
                        from.xrange("st", "-", "+").toString(),
                        to.xrange("st", "-", "+").toString(),
                        origin);
                assertEquals(248, to.xlen("st"));
                redis.clients.jedis.resps.StreamInfo info = to.xinfoStream("st");
                assertEquals(250L, info.getStreamInfo().get("entries-added"), origin);
                assertEquals(
                        new redis.clients.jedis.StreamEntryID(120, 120),
                        info.getStreamInfo().get("max-deleted-entry-id"),
                        origin);
                assertEquals(new redis.clients.jedis.StreamEntryID(250, 250), info.getLastGeneratedId());
                for (int g = 0; g < 2; g++) {
                    Map<String, Object> a = from.xinfoGroups("st").get(g).getGroupInfo();
                    Map<String, Object> b = to.xinfoGroups("st").get(g).getGroupInfo();
                    for (String field :
                            List.of("name", "consumers", "pending", "last-delivered-id", "entries-read", "lag")) {
                        assertEquals(
                                String.valueOf(a.get(field)),
                                String.valueOf(b.get(field)),
                                field + " of group " + g + " from " + origin);
                    }
                }
                List<redis.clients.jedis.resps.StreamGroupInfo> groups = to.xinfoGroups("st");
                assertEquals("fresh", groups.get(0).getName());
                assertEquals(5L, groups.get(1).getPending());
                assertEquals(
                        new redis.clients.jedis.StreamEntryID(5, 5),
                        groups.get(1).getLastDeliveredId());
                assertEquals(
                        List.of("alice", "bob", "idle"),
                        to.xinfoConsumers2("st", "g").stream()
                                .map(redis.clients.jedis.resps.StreamConsumerInfo::getName)
                                .toList());
                redis.clients.jedis.resps.StreamPendingSummary pel = to.xpending("st", "g");
                assertEquals(Map.of("alice", 3L, "bob", 2L), pel.getConsumerMessageCount());
                assertEquals(
                        1,
                        ((Number) to.sendCommand(redis.clients.jedis.Protocol.Command.XACK, "st", "g", "1-1"))
                                .intValue());
            }
        });
    }
}
