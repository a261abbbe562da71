package dev.minicloud.kv.elasticache.it;

import static dev.minicloud.kv.elasticache.it.ElastiCacheClients.assertError;
import static dev.minicloud.testing.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.dns.DnsService;
import dev.minicloud.kv.elasticache.ElastiCacheService;
import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.masterreplica.MasterReplica;
import io.lettuce.core.masterreplica.StatefulRedisMasterReplicaConnection;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.Event;
import software.amazon.awssdk.services.elasticache.model.NodeGroup;
import software.amazon.awssdk.services.elasticache.model.NodeGroupMember;

/**
 * Replication groups that replicate, through the real wire: ElastiCache API (SDK v2) to make and fail
 * over groups, Jedis and Lettuce against the nodes, MiniCloud's DNS for the endpoint names.
 */
class ReplicationIT {
    private static MiniCloud cloud;
    private static ElastiCacheClient ec;
    private static ElastiCacheService service;

    @BeforeAll
    static void start() {
        cloud = MiniCloud.builder()
                .services("dns", "elasticache")
                .setting("elasticache-endpoint-addresses", "names")
                .start();
        ec = ElastiCacheClients.elastiCache(cloud);
        service = cloud.service(ElastiCacheService.class).orElseThrow();
    }

    @AfterAll
    static void stop() {
        ec.close();
        cloud.close();
    }

    private static NodeGroup group(String id) {
        return ec.describeReplicationGroups(r -> r.replicationGroupId(id))
                .replicationGroups()
                .get(0)
                .nodeGroups()
                .get(0);
    }

    private static Jedis jedis(String clusterId) {
        InetSocketAddress a = service.address(clusterId).orElseThrow();
        return new Jedis(a.getHostString(), a.getPort());
    }

    private static List<String> dnsA(String name) throws Exception {
        SimpleResolver r =
                new SimpleResolver(cloud.service(DnsService.class).orElseThrow().publicEndpoint());
        r.setTimeout(Duration.ofSeconds(5));
        Message m = r.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.A, DClass.IN)));
        return m.getSection(Section.ANSWER).stream().map(Record::rdataToString).toList();
    }

    @Test
    void writesOnThePrimaryReachTheReplicasWhichRefuseWrites() {
        ec.createReplicationGroup(r -> r.replicationGroupId("carts")
                .replicationGroupDescription("carts")
                .engine("redis")
                .cacheNodeType("cache.t3.micro")
                .numCacheClusters(3));
        try (Jedis primary = jedis("carts-001");
                Jedis replica = jedis("carts-002");
                Jedis third = jedis("carts-003")) {
            primary.set("cart:1", "3 items");
            assertEquals(2L, primary.waitReplicas(2, 0));
            assertEquals("3 items", replica.get("cart:1"));
            assertEquals("3 items", third.get("cart:1"));
            primary.hset("cart:2", "sku", "42");
            assertEventually("42", () -> replica.hget("cart:2", "sku"));

            JedisDataException e = assertThrows(JedisDataException.class, () -> replica.set("cart:1", "stolen"));
            assertEquals("READONLY You can't write against a read only replica.", e.getMessage());
            assertEquals("3 items", replica.get("cart:1"));

            assertEquals("master", String.valueOf(primary.role().get(0)));
            assertEquals(2, ((List<?>) primary.role().get(2)).size());
            List<Object> role = replica.role();
            assertEquals("slave", String.valueOf(role.get(0)));
            assertEquals((long) service.address("carts-001").orElseThrow().getPort(), role.get(2));
            String info = primary.info("replication");
            assertTrue(info.contains("role:master\r\nconnected_slaves:2\r\n"), info);
            assertTrue(replica.info("replication").contains("master_link_status:up\r\n"));
        }
        // a replica added later starts with the data
        ec.increaseReplicaCount(
                r -> r.replicationGroupId("carts").newReplicaCount(3).applyImmediately(true));
        try (Jedis fourth = jedis("carts-004");
                Jedis primary = jedis("carts-001")) {
            assertEquals("3 items", fourth.get("cart:1"), "synced before IncreaseReplicaCount answered");
            assertEquals(3L, primary.waitReplicas(3, 0));
            ec.decreaseReplicaCount(
                    r -> r.replicationGroupId("carts").newReplicaCount(1).applyImmediately(true));
            String info = primary.info("replication");
            assertTrue(info.contains("role:master\r\nconnected_slaves:1\r\n"), info);
            primary.set("after", "decrease");
            assertEquals(1L, primary.waitReplicas(1, 0));
        }
        ec.deleteReplicationGroup(r -> r.replicationGroupId("carts"));
    }

    @Test
    void testFailoverPromotesTheReplicaAndTheEndpointFollows() throws Exception {
        ec.createReplicationGroup(r -> r.replicationGroupId("ledger")
                .replicationGroupDescription("ledger")
                .engine("valkey")
                .cacheNodeType("cache.t3.micro")
                .numCacheClusters(2)
                .automaticFailoverEnabled(true));
        NodeGroup before = group("ledger");
        String primaryName = before.primaryEndpoint().address();
        InetSocketAddress oldPrimary = service.address("ledger-001").orElseThrow();
        InetSocketAddress oldReplica = service.address("ledger-002").orElseThrow();
        assertEquals(oldPrimary.getPort(), before.primaryEndpoint().port());
        Jedis oldClient = jedis("ledger-001");
        oldClient.set("balance", "100");
        assertEquals(1L, oldClient.waitReplicas(1, 0));

        assertError(
                404,
                "NodeGroupNotFoundFault",
                () -> ec.testFailover(r -> r.replicationGroupId("ledger").nodeGroupId("0002")));
        assertError(
                404,
                "ReplicationGroupNotFoundFault",
                () -> ec.testFailover(r -> r.replicationGroupId("nope").nodeGroupId("0001")));
        var answer = ec.testFailover(r -> r.replicationGroupId("ledger").nodeGroupId("0001"))
                .replicationGroup();
        assertEquals(
                "ledger-002",
                answer.nodeGroups().get(0).nodeGroupMembers().stream()
                        .filter(m -> m.currentRole().equals("primary"))
                        .findFirst()
                        .orElseThrow()
                        .cacheClusterId());

        assertThrows(
                JedisConnectionException.class,
                oldClient::ping,
                "the old primary's clients are disconnected by its recovery");
        oldClient.close();
        NodeGroup after = group("ledger");
        assertEquals(
                List.of("replica", "primary"),
                after.nodeGroupMembers().stream()
                        .map(NodeGroupMember::currentRole)
                        .toList());
        assertEquals(oldReplica.getPort(), after.primaryEndpoint().port(), "the primary endpoint is the promoted node");
        assertEquals(primaryName, after.primaryEndpoint().address(), "same name, new node");
        assertEquals(List.of(oldReplica.getAddress().getHostAddress()), dnsA(primaryName));
        assertEquals(oldReplica.getAddress(), service.resolve(primaryName).orElseThrow());

        // what the name and port now reach is the new primary: it takes writes, the old primary follows it
        try (Jedis p = new Jedis(
                        service.resolve(primaryName).orElseThrow().getHostAddress(),
                        after.primaryEndpoint().port());
                Jedis old = jedis("ledger-001")) {
            assertEquals("master", String.valueOf(p.role().get(0)));
            assertEquals("100", p.get("balance"));
            p.set("balance", "90");
            assertEquals(1L, p.waitReplicas(1, 0));
            assertEquals("90", old.get("balance"));
            assertEquals("slave", String.valueOf(old.role().get(0)));
            assertEquals((long) oldReplica.getPort(), old.role().get(2));
            JedisDataException e = assertThrows(JedisDataException.class, () -> old.set("balance", "0"));
            assertTrue(e.getMessage().startsWith("READONLY"));
        }
        List<String> messages = ec.describeEvents(r -> r.duration(60)).events().stream()
                .filter(e -> e.sourceIdentifier().startsWith("ledger"))
                .map(Event::message)
                .toList();
        assertTrue(messages.contains("Test Failover API called for node group 0001"), messages.toString());
        assertTrue(
                messages.contains("Failover from primary node ledger-001 to replica node ledger-002 completed"),
                messages.toString());
        ec.deleteReplicationGroup(r -> r.replicationGroupId("ledger"));
    }

    @Test
    void modifyReplicationGroupWithPrimaryClusterIdPromotesThatMember() {
        ec.createReplicationGroup(r -> r.replicationGroupId("pick")
                .replicationGroupDescription("pick")
                .engine("redis")
                .cacheNodeType("cache.t3.micro")
                .numCacheClusters(3));
        try (Jedis p = jedis("pick-001")) {
            p.set("k", "v");
            assertEquals(2L, p.waitReplicas(2, 0));
        }
        assertError(
                400,
                "InvalidParameterValue",
                () -> ec.modifyReplicationGroup(r -> r.replicationGroupId("pick")
                        .primaryClusterId("elsewhere-001")
                        .applyImmediately(true)));
        ec.modifyReplicationGroup(
                r -> r.replicationGroupId("pick").primaryClusterId("pick-003").applyImmediately(true));
        assertEquals(
                List.of("replica", "replica", "primary"),
                group("pick").nodeGroupMembers().stream()
                        .map(NodeGroupMember::currentRole)
                        .toList());
        assertEquals(
                service.address("pick-003").orElseThrow().getPort(),
                group("pick").primaryEndpoint().port());
        try (Jedis p = jedis("pick-003");
                Jedis first = jedis("pick-001");
                Jedis second = jedis("pick-002")) {
            assertEquals("v", p.get("k"));
            p.set("k", "w");
            assertEquals(2L, p.waitReplicas(2, 0));
            assertEquals("w", first.get("k"));
            assertEquals("w", second.get("k"));
            assertEquals(
                    (long) service.address("pick-003").orElseThrow().getPort(),
                    second.role().get(2));
        }
        ec.deleteReplicationGroup(r -> r.replicationGroupId("pick"));
    }

    @Test
    void testFailoverNeedsAutomaticFailover() {
        ec.createReplicationGroup(r -> r.replicationGroupId("manual")
                .replicationGroupDescription("manual")
                .engine("redis")
                .cacheNodeType("cache.t3.micro")
                .numCacheClusters(2));
        assertError(
                400,
                "TestFailoverNotAvailableFault",
                () -> ec.testFailover(r -> r.replicationGroupId("manual").nodeGroupId("0001")));
        assertEquals(
                "manual-001",
                ec
                        .describeReplicationGroups(r -> r.replicationGroupId("manual"))
                        .replicationGroups()
                        .get(0)
                        .nodeGroups()
                        .get(0)
                        .nodeGroupMembers()
                        .stream()
                        .filter(m -> m.currentRole().equals("primary"))
                        .findFirst()
                        .orElseThrow()
                        .cacheClusterId(),
                "nothing changed");
        ec.deleteReplicationGroup(r -> r.replicationGroupId("manual"));
    }

    @Test
    void rebootingThePrimaryWithAutomaticFailoverPromotesAReplica() {
        ec.createReplicationGroup(r -> r.replicationGroupId("auto")
                .replicationGroupDescription("auto")
                .engine("redis")
                .cacheNodeType("cache.t3.micro")
                .numCacheClusters(2)
                .automaticFailoverEnabled(true));
        try (Jedis p = jedis("auto-001")) {
            p.set("kept", "yes");
            assertEquals(1L, p.waitReplicas(1, 0));
        }
        ec.rebootCacheCluster(r -> r.cacheClusterId("auto-001").cacheNodeIdsToReboot("0001"));
        assertEquals(
                service.address("auto-002").orElseThrow().getPort(),
                group("auto").primaryEndpoint().port());
        try (Jedis old = jedis("auto-001")) {
            assertEquals("yes", old.get("kept"), "the rebooted node resynced from the new primary");
            assertEquals("slave", String.valueOf(old.role().get(0)));
        }
        ec.deleteReplicationGroup(r -> r.replicationGroupId("auto"));
    }

    @Test
    void lettuceMasterReplicaReadsFromTheReplicaAndFindsTheNewPrimaryAfterAFailover() {
        ec.createReplicationGroup(r -> r.replicationGroupId("feeds")
                .replicationGroupDescription("feeds")
                .engine("redis")
                .cacheNodeType("cache.t3.micro")
                .numCacheClusters(2)
                .automaticFailoverEnabled(true));
        RedisClient client = RedisClient.create();
        try (Jedis first = jedis("feeds-001");
                Jedis second = jedis("feeds-002")) {
            try (StatefulRedisMasterReplicaConnection<String, String> c = masterReplica(client, group("feeds"))) {
                assertEquals("OK", c.sync().set("feed:1", "hello"));
                long primaryHits = hits(first);
                long replicaHits = hits(second);
                assertEventually("hello", () -> c.sync().get("feed:1"));
                assertTrue(hits(second) > replicaHits, "the read went to the replica");
                assertEquals(primaryHits, hits(first), "not to the primary");
            }
            ec.testFailover(r -> r.replicationGroupId("feeds").nodeGroupId("0001"));
            // connecting again through the primary endpoint, Lettuce discovers the new topology (ROLE)
            try (Jedis newFirst = jedis("feeds-001");
                    StatefulRedisMasterReplicaConnection<String, String> c = masterReplica(client, group("feeds"))) {
                assertEquals("OK", c.sync().set("feed:2", "moved"));
                assertEquals("moved", second.get("feed:2"), "written on the new primary, feeds-002");
                long oldPrimaryHits = hits(newFirst);
                assertEventually("moved", () -> c.sync().get("feed:2"));
                assertTrue(hits(newFirst) > oldPrimaryHits, "read from the new replica, the old primary");
            }
        } finally {
            client.shutdown();
        }
        ec.deleteReplicationGroup(r -> r.replicationGroupId("feeds"));
    }

    /** Lettuce's master/replica client on a group's primary endpoint (name resolved by MiniCloud), reading from replicas. */
    private static StatefulRedisMasterReplicaConnection<String, String> masterReplica(
            RedisClient client, NodeGroup group) {
        String ip =
                service.resolve(group.primaryEndpoint().address()).orElseThrow().getHostAddress();
        StatefulRedisMasterReplicaConnection<String, String> c = MasterReplica.connect(
                client,
                StringCodec.UTF8,
                RedisURI.create(ip, group.primaryEndpoint().port()));
        c.setReadFrom(ReadFrom.REPLICA);
        return c;
    }

    private static long hits(Jedis j) {
        String stats = j.info("stats");
        String line = stats.substring(stats.indexOf("keyspace_hits:") + "keyspace_hits:".length());
        return Long.parseLong(line.substring(0, line.indexOf('\r')));
    }
}
