package dev.minicloud.kv.elasticache.it;

import static dev.minicloud.kv.elasticache.it.ElastiCacheClients.address;
import static dev.minicloud.kv.elasticache.it.ElastiCacheClients.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.kv.elasticache.ElastiCacheService;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.NodeGroup;
import software.amazon.awssdk.services.elasticache.model.NodeGroupMember;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;

/** Replication groups (cluster mode disabled): the topology is described and every member is a node of its own. */
class ReplicationGroupIT {
    private static MiniCloud cloud;
    private static ElastiCacheClient ec;

    @BeforeAll
    static void start() {
        cloud = MiniCloud.builder().services("elasticache").start();
        ec = ElastiCacheClients.elastiCache(cloud);
    }

    @AfterAll
    static void stop() {
        ec.close();
        cloud.close();
    }

    private static ReplicationGroup describe(String id) {
        return ec.describeReplicationGroups(r -> r.replicationGroupId(id))
                .replicationGroups()
                .get(0);
    }

    @Test
    void aGroupOfThreeHasAPrimaryAndTwoReplicasEachAnswering() {
        ReplicationGroup created = ec.createReplicationGroup(r -> r.replicationGroupId("orders")
                        .replicationGroupDescription("orders cache")
                        .engine("redis")
                        .cacheNodeType("cache.t3.small")
                        .numCacheClusters(3)
                        .automaticFailoverEnabled(true))
                .replicationGroup();
        assertEquals(List.of("orders-001", "orders-002", "orders-003"), created.memberClusters());
        ReplicationGroup g = describe("orders");
        assertEquals("available", g.status());
        assertEquals("enabled", g.automaticFailoverAsString());
        NodeGroup group = g.nodeGroups().get(0);
        assertEquals("0001", group.nodeGroupId());
        List<NodeGroupMember> members = group.nodeGroupMembers();
        assertEquals(
                List.of("primary", "replica", "replica"),
                members.stream().map(NodeGroupMember::currentRole).toList());
        assertEquals(address(members.get(0).readEndpoint()), address(group.primaryEndpoint()));
        assertNotEquals(address(group.primaryEndpoint()), address(group.readerEndpoint()));
        Set<Integer> ports = new HashSet<>();
        for (NodeGroupMember m : members) {
            InetSocketAddress a = address(m.readEndpoint());
            ports.add(a.getPort());
            try (Jedis jedis = new Jedis(a.getHostString(), a.getPort())) {
                assertEquals("PONG", jedis.ping());
            }
        }
        assertEquals(3, ports.size(), "three nodes, three ports");
        // the primary through Lettuce
        InetSocketAddress primary = address(group.primaryEndpoint());
        RedisClient lettuce = RedisClient.create(RedisURI.create(primary.getHostString(), primary.getPort()));
        try (StatefulRedisConnection<String, String> c = lettuce.connect()) {
            assertEquals("OK", c.sync().set("order:1", "paid"));
            assertEquals("paid", c.sync().get("order:1"));
        } finally {
            lettuce.shutdown();
        }
        assertEquals(
                "orders",
                ec.describeCacheClusters(r -> r.cacheClusterId("orders-002"))
                        .cacheClusters()
                        .get(0)
                        .replicationGroupId());
        assertEquals(
                3,
                cloud.service(ElastiCacheService.class).orElseThrow().nodes().stream()
                        .filter(n -> "orders".equals(n.replicationGroupId()))
                        .count());
    }

    @Test
    void replicaCountsChangeAndDeleteStopsEveryMember() {
        ec.createReplicationGroup(r -> r.replicationGroupId("sessions")
                .replicationGroupDescription("sessions")
                .engine("valkey")
                .cacheNodeType("cache.t3.micro")
                .replicasPerNodeGroup(1));
        assertEquals(2, describe("sessions").memberClusters().size());
        ec.increaseReplicaCount(
                r -> r.replicationGroupId("sessions").newReplicaCount(3).applyImmediately(true));
        assertEquals(
                List.of("sessions-001", "sessions-002", "sessions-003", "sessions-004"),
                describe("sessions").memberClusters());
        ec.decreaseReplicaCount(
                r -> r.replicationGroupId("sessions").newReplicaCount(2).applyImmediately(true));
        assertEquals(
                List.of("sessions-001", "sessions-002", "sessions-003"),
                describe("sessions").memberClusters());
        assertError(
                400,
                "InvalidParameterValue",
                () -> ec.increaseReplicaCount(
                        r -> r.replicationGroupId("sessions").newReplicaCount(6).applyImmediately(true)));
        assertError(
                400,
                "InvalidParameterValue",
                () -> ec.decreaseReplicaCount(
                        r -> r.replicationGroupId("sessions").newReplicaCount(2).applyImmediately(true)));
        assertError(
                400, "InvalidCacheClusterState", () -> ec.deleteCacheCluster(r -> r.cacheClusterId("sessions-001")));

        InetSocketAddress primary =
                address(describe("sessions").nodeGroups().get(0).primaryEndpoint());
        assertEquals(
                "deleting",
                ec.deleteReplicationGroup(r -> r.replicationGroupId("sessions"))
                        .replicationGroup()
                        .status());
        assertError(
                404,
                "ReplicationGroupNotFoundFault",
                () -> ec.describeReplicationGroups(r -> r.replicationGroupId("sessions")));
        assertError(404, "CacheClusterNotFound", () -> ec.describeCacheClusters(r -> r.cacheClusterId("sessions-002")));
        assertThrows(JedisConnectionException.class, () -> {
            try (Jedis jedis = new Jedis(primary.getHostString(), primary.getPort())) {
                jedis.ping();
            }
        });
    }

    @Test
    void createCacheClusterWithAGroupAddsAReadReplica() {
        ec.createReplicationGroup(r -> r.replicationGroupId("grow")
                .replicationGroupDescription("grow")
                .engine("valkey")
                .engineVersion("7.2")
                .cacheNodeType("cache.t3.micro"));
        var replica = ec.createCacheCluster(r -> r.cacheClusterId("grow-extra").replicationGroupId("grow"))
                .cacheCluster();
        assertEquals("grow", replica.replicationGroupId());
        assertEquals("7.2.6", replica.engineVersion(), "the group's engine and version");
        assertEquals(List.of("grow-001", "grow-extra"), describe("grow").memberClusters());
        assertEquals(
                "replica",
                describe("grow").nodeGroups().get(0).nodeGroupMembers().get(1).currentRole());
        assertError(
                404,
                "ReplicationGroupNotFoundFault",
                () -> ec.createCacheCluster(r -> r.cacheClusterId("orphan").replicationGroupId("no-such-group")));
        ec.deleteCacheCluster(r -> r.cacheClusterId("grow-extra"));
        assertEquals(List.of("grow-001"), describe("grow").memberClusters(), "a replica can be deleted on its own");
    }

    @Test
    void retainPrimaryClusterKeepsThePrimaryAsAClusterOfItsOwn() {
        ec.createReplicationGroup(r -> r.replicationGroupId("kept")
                .replicationGroupDescription("kept")
                .engine("redis")
                .cacheNodeType("cache.t3.micro")
                .numCacheClusters(2));
        InetSocketAddress primary = address(describe("kept").nodeGroups().get(0).primaryEndpoint());
        try (Jedis jedis = new Jedis(primary.getHostString(), primary.getPort())) {
            jedis.set("survives", "yes");
        }
        ec.deleteReplicationGroup(r -> r.replicationGroupId("kept").retainPrimaryCluster(true));
        var alone = ec.describeCacheClusters(r -> r.cacheClusterId("kept-001").showCacheNodeInfo(true))
                .cacheClusters()
                .get(0);
        assertEquals(null, alone.replicationGroupId());
        assertEquals(primary, address(alone.cacheNodes().get(0).endpoint()));
        try (Jedis jedis = new Jedis(primary.getHostString(), primary.getPort())) {
            assertEquals("yes", jedis.get("survives"), "the same node, data kept");
        }
        assertError(404, "CacheClusterNotFound", () -> ec.describeCacheClusters(r -> r.cacheClusterId("kept-002")));
    }

    @Test
    void badGroupsAreRefusedAndLeaveNoNode() {
        int before =
                cloud.service(ElastiCacheService.class).orElseThrow().nodes().size();
        assertError(
                400,
                "InvalidParameterValue",
                () -> ec.createReplicationGroup(r -> r.replicationGroupId("too-many")
                        .replicationGroupDescription("x")
                        .engine("redis")
                        .cacheNodeType("cache.t3.micro")
                        .numCacheClusters(7)));
        assertError(
                400,
                "InvalidParameterValue",
                () -> ec.createReplicationGroup(r -> r.replicationGroupId("too-many")
                        .replicationGroupDescription("x")
                        .engine("redis")
                        .cacheNodeType("cache.t3.micro")
                        .replicasPerNodeGroup(6)));
        assertError(
                400,
                "InvalidParameterCombination",
                () -> ec.createReplicationGroup(r -> r.replicationGroupId("sharded")
                        .replicationGroupDescription("x")
                        .engine("redis")
                        .cacheNodeType("cache.t3.micro")
                        .numNodeGroups(3)));
        assertError(
                400,
                "InvalidParameterCombination",
                () -> ec.createReplicationGroup(r -> r.replicationGroupId("lonely")
                        .replicationGroupDescription("x")
                        .engine("redis")
                        .cacheNodeType("cache.t3.micro")
                        .numCacheClusters(1)
                        .automaticFailoverEnabled(true)));
        assertError(
                400,
                "InvalidParameterCombination",
                () -> ec.createReplicationGroup(r -> r.replicationGroupId("mismatch")
                        .replicationGroupDescription("x")
                        .engine("redis")
                        .cacheNodeType("cache.t3.micro")
                        .numCacheClusters(2)
                        .replicasPerNodeGroup(3)));
        assertError(
                400,
                "InvalidParameterValue",
                () -> ec.createReplicationGroup(r -> r.replicationGroupId("bad-type")
                        .replicationGroupDescription("x")
                        .engine("redis")
                        .cacheNodeType("cache.nope")
                        .numCacheClusters(2)));
        assertError(
                400,
                "InvalidParameterValue",
                () -> ec.createReplicationGroup(r -> r.replicationGroupId("a".repeat(41))
                        .replicationGroupDescription("x")
                        .engine("redis")
                        .cacheNodeType("cache.t3.micro")));
        assertError(
                400,
                "InvalidParameterValue",
                () -> ec.createReplicationGroup(r ->
                        r.replicationGroupId("no-description").engine("redis").cacheNodeType("cache.t3.micro")));
        ec.createReplicationGroup(r -> r.replicationGroupId("dup")
                .replicationGroupDescription("x")
                .engine("redis")
                .cacheNodeType("cache.t3.micro"));
        assertError(
                400,
                "ReplicationGroupAlreadyExists",
                () -> ec.createReplicationGroup(r -> r.replicationGroupId("dup")
                        .replicationGroupDescription("x")
                        .engine("redis")
                        .cacheNodeType("cache.t3.micro")));
        assertEquals(
                before + 1,
                cloud.service(ElastiCacheService.class).orElseThrow().nodes().size());
        assertTrue(ec.describeReplicationGroups().replicationGroups().stream()
                .noneMatch(g -> g.replicationGroupId().equals("too-many")));
    }
}
