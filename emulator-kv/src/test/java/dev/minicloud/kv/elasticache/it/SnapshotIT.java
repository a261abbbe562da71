package dev.minicloud.kv.elasticache.it;

import static dev.minicloud.kv.elasticache.it.ElastiCacheClients.address;
import static dev.minicloud.kv.elasticache.it.ElastiCacheClients.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.MutableClock;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.Snapshot;

/** Snapshots copy a node's data; a cluster or replication group created from one starts with it. */
class SnapshotIT {
    private static final MutableClock CLOCK = MutableClock.startingAt(Instant.parse("2026-12-01T10:00:00Z"));
    private static MiniCloud cloud;
    private static ElastiCacheClient ec;

    @BeforeAll
    static void start() {
        cloud = MiniCloud.builder().services("elasticache").clock(CLOCK).start();
        ec = ElastiCacheClients.elastiCache(cloud);
    }

    @AfterAll
    static void stop() {
        ec.close();
        cloud.close();
    }

    private static InetSocketAddress node(String cluster) {
        return address(ec.describeCacheClusters(r -> r.cacheClusterId(cluster).showCacheNodeInfo(true))
                .cacheClusters()
                .get(0)
                .cacheNodes()
                .get(0)
                .endpoint());
    }

    private static Jedis jedis(InetSocketAddress a) {
        return new Jedis(a.getHostString(), a.getPort());
    }

    @Test
    void aRestoredClusterStartsWithTheSnapshotsDataAndLaterWritesStayApart() {
        ec.createCacheCluster(r ->
                r.cacheClusterId("source").engine("redis").engineVersion("7.0").cacheNodeType("cache.t3.small"));
        try (Jedis j = jedis(node("source"))) {
            j.set("plain", "v1");
            j.hset("user:1", Map.of("name", "ada", "lang", "en"));
            j.rpush("queue", "a", "b", "c");
            j.zadd("board", 42, "ada");
            j.select(3);
            j.set("in-db-3", "x");
            j.psetex("expiring", 60_000, "soon");
        }
        Snapshot s = ec.createSnapshot(r -> r.snapshotName("nightly").cacheClusterId("source"))
                .snapshot();
        assertEquals("available", s.snapshotStatus());
        assertEquals("manual", s.snapshotSource());
        assertEquals("7.0.7", s.engineVersion());
        assertEquals("cache.t3.small", s.cacheNodeType());
        try (Jedis j = jedis(node("source"))) {
            j.set("plain", "after-the-snapshot");
        }

        ec.createCacheCluster(r -> r.cacheClusterId("restored").snapshotName("nightly"));
        var restored = ec.describeCacheClusters(r -> r.cacheClusterId("restored"))
                .cacheClusters()
                .get(0);
        assertEquals("cache.t3.small", restored.cacheNodeType(), "settings default to the snapshot's");
        assertEquals("7.0.7", restored.engineVersion());
        try (Jedis j = jedis(node("restored"))) {
            assertEquals("v1", j.get("plain"), "the data as it was when the snapshot was taken");
            assertEquals(Map.of("name", "ada", "lang", "en"), j.hgetAll("user:1"));
            assertEquals(List.of("a", "b", "c"), j.lrange("queue", 0, -1));
            assertEquals(42.0, j.zscore("board", "ada"));
            j.select(3);
            assertEquals("x", j.get("in-db-3"));
            assertTrue(j.pttl("expiring") > 0 && j.pttl("expiring") <= 60_000, "the expiry came along");
            CLOCK.advance(Duration.ofSeconds(61));
            assertEquals(null, j.get("expiring"));
            j.select(0);
            j.set("plain", "restored-write");
        }
        try (Jedis j = jedis(node("source"))) {
            assertEquals("after-the-snapshot", j.get("plain"), "the restored node shares nothing with the source");
        }

        ec.copySnapshot(r -> r.sourceSnapshotName("nightly").targetSnapshotName("nightly-copy"));
        ec.createReplicationGroup(r -> r.replicationGroupId("from-copy")
                .replicationGroupDescription("restored group")
                .snapshotName("nightly-copy")
                .numCacheClusters(2));
        var members = ec.describeReplicationGroups(r -> r.replicationGroupId("from-copy"))
                .replicationGroups()
                .get(0)
                .nodeGroups()
                .get(0)
                .nodeGroupMembers();
        for (var m : members) {
            try (Jedis j = jedis(address(m.readEndpoint()))) {
                assertEquals("v1", j.get("plain"), m.cacheClusterId() + " starts with the data");
            }
        }

        assertEquals(
                List.of("nightly", "nightly-copy"),
                ec.describeSnapshots(r -> r.cacheClusterId("source")).snapshots().stream()
                        .map(Snapshot::snapshotName)
                        .toList(),
                "a copy names the cluster its data came from");
        assertEquals(
                "deleting",
                ec.deleteSnapshot(r -> r.snapshotName("nightly-copy"))
                        .snapshot()
                        .snapshotStatus());
        assertError(404, "SnapshotNotFoundFault", () -> ec.describeSnapshots(r -> r.snapshotName("nightly-copy")));
    }

    @Test
    void finalSnapshotsAndSnapshotErrors() {
        ec.createCacheCluster(
                r -> r.cacheClusterId("short-lived").engine("valkey").cacheNodeType("cache.t3.micro"));
        try (Jedis j = jedis(node("short-lived"))) {
            j.set("last-words", "goodbye");
        }
        assertError(400, "InvalidParameterCombination", () -> ec.createSnapshot(r -> r.snapshotName("neither")));
        assertError(
                404,
                "CacheClusterNotFound",
                () -> ec.createSnapshot(r -> r.snapshotName("x").cacheClusterId("nope")));
        ec.deleteCacheCluster(r -> r.cacheClusterId("short-lived").finalSnapshotIdentifier("short-lived-final"));
        assertError(
                400,
                "SnapshotAlreadyExistsFault",
                () -> ec.copySnapshot(
                        r -> r.sourceSnapshotName("short-lived-final").targetSnapshotName("short-lived-final")));
        assertError(
                404,
                "SnapshotNotFoundFault",
                () -> ec.createCacheCluster(r -> r.cacheClusterId("from-nothing")
                        .snapshotName("never-taken")
                        .cacheNodeType("cache.t3.micro")));
        assertError(
                400,
                "InvalidParameterCombination",
                () -> ec.createCacheCluster(
                        r -> r.cacheClusterId("other-engine").engine("redis").snapshotName("short-lived-final")));
        assertError(404, "CacheClusterNotFound", () -> ec.describeCacheClusters(r -> r.cacheClusterId("from-nothing")));
        ec.createCacheCluster(r -> r.cacheClusterId("reborn").snapshotName("short-lived-final"));
        try (Jedis j = jedis(node("reborn"))) {
            assertEquals("goodbye", j.get("last-words"));
        }
    }
}
