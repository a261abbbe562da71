package dev.minicloud.kv.elasticache.it;

import static dev.minicloud.kv.elasticache.it.ElastiCacheClients.address;
import static dev.minicloud.kv.elasticache.it.ElastiCacheClients.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.MutableClock;
import dev.minicloud.kv.elasticache.ElastiCacheService;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.CacheEngineVersion;
import software.amazon.awssdk.services.elasticache.model.Event;
import software.amazon.awssdk.services.elasticache.model.SourceType;
import software.amazon.awssdk.services.elasticache.model.Tag;

/** Cache clusters through the SDK: each node a real KV server that Jedis talks to. */
class CacheClusterIT {
    private static MiniCloud cloud;
    private static ElastiCacheClient ec;

    @BeforeAll
    static void start() {
        cloud = MiniCloud.builder().services("ec2", "elasticache").start();
        ec = ElastiCacheClients.elastiCache(cloud);
    }

    @AfterAll
    static void stop() {
        ec.close();
        cloud.close();
    }

    private static CacheCluster create(String id, String engine, String version) {
        ec.createCacheCluster(r -> r.cacheClusterId(id)
                .engine(engine)
                .engineVersion(version)
                .cacheNodeType("cache.t3.micro")
                .numCacheNodes(1));
        return describe(id);
    }

    private static CacheCluster describe(String id) {
        List<CacheCluster> found = ec.describeCacheClusters(
                        r -> r.cacheClusterId(id).showCacheNodeInfo(true))
                .cacheClusters();
        assertEquals(1, found.size());
        return found.get(0);
    }

    private static InetSocketAddress nodeAddress(CacheCluster c) {
        return address(c.cacheNodes().get(0).endpoint());
    }

    @Test
    void createdClusterIsARealNodeThatAnswersPingSetAndGet() {
        CacheCluster c = create("ping-cache", "redis", "7.1");
        assertEquals("available", c.cacheClusterStatus(), "no status delay by default");
        assertEquals("7.1.0", c.engineVersion());
        assertEquals("default.redis7", c.cacheParameterGroup().cacheParameterGroupName());
        assertEquals(1, c.cacheNodes().size());
        assertEquals("0001", c.cacheNodes().get(0).cacheNodeId());
        assertEquals("us-east-1a", c.preferredAvailabilityZone());
        try (Jedis jedis =
                new Jedis(nodeAddress(c).getHostString(), nodeAddress(c).getPort())) {
            assertEquals("PONG", jedis.ping());
            assertEquals("OK", jedis.set("greeting", "hello"));
            assertEquals("hello", jedis.get("greeting"));
            assertTrue(jedis.info("server").contains("redis_version:7.1.0"), "INFO reports the requested version");
            assertEquals(
                    "volatile-lru",
                    jedis.configGet("maxmemory-policy").get("maxmemory-policy"),
                    "ElastiCache's default policy, not redis.conf's");
            long expected = (long) (0.5 * 1024 * 1024 * 1024) * 75 / 100;
            assertEquals(
                    Long.toString(expected),
                    jedis.configGet("maxmemory").get("maxmemory"),
                    "node memory less reserved-memory-percent");
        }
    }

    @Test
    void eachNodeHasItsOwnKeyspaceAndValkeyReportsItsEngine() {
        CacheCluster a = create("keyspace-a", "redis", "7.0");
        CacheCluster b = create("keyspace-b", "valkey", "8.0");
        assertEquals("valkey", b.engine());
        try (Jedis ja = new Jedis(nodeAddress(a).getHostString(), nodeAddress(a).getPort());
                Jedis jb =
                        new Jedis(nodeAddress(b).getHostString(), nodeAddress(b).getPort())) {
            ja.set("k", "in-a");
            assertEquals(null, jb.get("k"), "node b does not see node a's keys");
            String info = jb.info("server");
            assertTrue(info.contains("server_name:valkey"), info);
            assertTrue(info.contains("valkey_version:8.0.1"), info);
            assertTrue(ja.info("server").contains("redis_version:7.0.7"));
        }
    }

    @Test
    void deleteStopsTheNodeAndDisconnectsItsClients() {
        CacheCluster c = create("doomed", "redis", "7.1");
        InetSocketAddress node = nodeAddress(c);
        try (Jedis jedis = new Jedis(node.getHostString(), node.getPort())) {
            assertEquals("PONG", jedis.ping());
            CacheCluster deleted =
                    ec.deleteCacheCluster(r -> r.cacheClusterId("doomed")).cacheCluster();
            assertEquals("deleting", deleted.cacheClusterStatus());
            assertThrows(JedisConnectionException.class, jedis::ping, "the connected client is closed");
        }
        assertThrows(
                JedisConnectionException.class,
                () -> {
                    try (Jedis again = new Jedis(node.getHostString(), node.getPort())) {
                        again.ping();
                    }
                },
                "nothing listens any more");
        assertError(404, "CacheClusterNotFound", () -> ec.describeCacheClusters(r -> r.cacheClusterId("doomed")));
    }

    @Test
    void rebootDisconnectsClientsAndLosesTheData() {
        CacheCluster c = create("rebooted", "redis", "7.1");
        InetSocketAddress node = nodeAddress(c);
        try (Jedis jedis = new Jedis(node.getHostString(), node.getPort())) {
            jedis.set("k", "v");
            ec.rebootCacheCluster(r -> r.cacheClusterId("rebooted").cacheNodeIdsToReboot("0001"));
            assertThrows(JedisConnectionException.class, jedis::ping);
        }
        try (Jedis jedis = new Jedis(node.getHostString(), node.getPort())) {
            assertEquals(null, jedis.get("k"), "no persistence: a rebooted node starts empty");
        }
        assertError(
                400,
                "InvalidParameterValue",
                () -> ec.rebootCacheCluster(r -> r.cacheClusterId("rebooted").cacheNodeIdsToReboot("0002")));
    }

    @Test
    void modifyChangesTheVersionTheNodeReportsAndRefusesADowngrade() {
        CacheCluster c = create("upgraded", "redis", "6.2");
        ec.modifyCacheCluster(
                r -> r.cacheClusterId("upgraded").engineVersion("7.1").applyImmediately(true));
        assertEquals("7.1.0", describe("upgraded").engineVersion());
        assertEquals(
                "default.redis7",
                describe("upgraded").cacheParameterGroup().cacheParameterGroupName(),
                "a new family moves the cluster to that family's default group");
        try (Jedis jedis =
                new Jedis(nodeAddress(c).getHostString(), nodeAddress(c).getPort())) {
            assertTrue(jedis.info("server").contains("redis_version:7.1.0"));
        }
        assertError(
                400,
                "InvalidParameterCombination",
                () -> ec.modifyCacheCluster(r -> r.cacheClusterId("upgraded").engineVersion("6.2")));
        assertError(
                400,
                "InvalidParameterValue",
                () -> ec.modifyCacheCluster(r -> r.cacheClusterId("upgraded").cacheNodeType("cache.x9.huge")));
        assertEquals("7.1.0", describe("upgraded").engineVersion(), "a refused modify changed nothing");
    }

    @Test
    void badInputGetsElastiCachesErrorsAndLeavesNothingBehind() {
        int before =
                cloud.service(ElastiCacheService.class).orElseThrow().nodes().size();
        String message = assertError(
                400,
                "InvalidParameterValue",
                () -> ec.createCacheCluster(r ->
                        r.cacheClusterId("1-starts-with-digit").engine("redis").cacheNodeType("cache.t3.micro")));
        assertTrue(message.contains("Identifiers must begin with a letter"), message);
        assertError(
                400,
                "InvalidParameterValue",
                () -> ec.createCacheCluster(
                        r -> r.cacheClusterId("two--hyphens").engine("redis").cacheNodeType("cache.t3.micro")));
        assertError(
                400,
                "InvalidParameterValue",
                () -> ec.createCacheCluster(
                        r -> r.cacheClusterId("a".repeat(51)).engine("redis").cacheNodeType("cache.t3.micro")));
        assertError(
                400,
                "InvalidParameterValue",
                () -> ec.createCacheCluster(
                        r -> r.cacheClusterId("bad-type").engine("redis").cacheNodeType("cache.t3.gigantic")));
        assertError(
                400,
                "InvalidParameterValue",
                () -> ec.createCacheCluster(r -> r.cacheClusterId("bad-version")
                        .engine("redis")
                        .engineVersion("9.9")
                        .cacheNodeType("cache.t3.micro")));
        assertError(
                400,
                "InvalidParameterValue",
                () -> ec.createCacheCluster(
                        r -> r.cacheClusterId("bad-engine").engine("mongodb").cacheNodeType("cache.t3.micro")));
        assertError(
                400,
                "InvalidParameterValue",
                () -> ec.createCacheCluster(r -> r.cacheClusterId("two-nodes")
                        .engine("redis")
                        .cacheNodeType("cache.t3.micro")
                        .numCacheNodes(2)));
        assertError(
                404,
                "CacheParameterGroupNotFound",
                () -> ec.createCacheCluster(r -> r.cacheClusterId("no-group")
                        .engine("redis")
                        .cacheNodeType("cache.t3.micro")
                        .cacheParameterGroupName("nope")));
        assertError(
                400,
                "InvalidParameterCombination",
                () -> ec.createCacheCluster(r -> r.cacheClusterId("wrong-family")
                        .engine("redis")
                        .engineVersion("7.1")
                        .cacheNodeType("cache.t3.micro")
                        .cacheParameterGroupName("default.redis6.x")));
        assertError(
                400,
                "CacheSubnetGroupNotFoundFault",
                () -> ec.createCacheCluster(r -> r.cacheClusterId("no-subnets")
                        .engine("redis")
                        .cacheNodeType("cache.t3.micro")
                        .cacheSubnetGroupName("nope")));
        assertError(404, "CacheClusterNotFound", () -> ec.describeCacheClusters(r -> r.cacheClusterId("never-made")));
        assertError(404, "CacheClusterNotFound", () -> ec.deleteCacheCluster(r -> r.cacheClusterId("never-made")));
        assertError(400, "InvalidParameterValue", () -> ec.describeCacheClusters(r -> r.maxRecords(5)));

        create("taken", "redis", "7.1");
        assertError(
                400,
                "CacheClusterAlreadyExists",
                () -> ec.createCacheCluster(
                        r -> r.cacheClusterId("TAKEN").engine("redis").cacheNodeType("cache.t3.micro")));
        assertEquals(
                before + 1,
                cloud.service(ElastiCacheService.class).orElseThrow().nodes().size(),
                "only the one good create started a node");
        assertFalse(ec.describeCacheClusters().cacheClusters().stream()
                .anyMatch(c -> c.cacheClusterId().startsWith("bad")));
    }

    @Test
    void tagsEventsAndEngineVersions() {
        CacheCluster c = create("tagged", "redis", "7.1");
        ec.addTagsToResource(r -> r.resourceName(c.arn())
                .tags(
                        Tag.builder().key("team").value("cache").build(),
                        Tag.builder().key("env").value("test").build()));
        ec.removeTagsFromResource(r -> r.resourceName(c.arn()).tagKeys("env"));
        assertEquals(
                List.of(Tag.builder().key("team").value("cache").build()),
                ec.listTagsForResource(r -> r.resourceName(c.arn())).tagList());
        assertError(400, "InvalidARN", () -> ec.listTagsForResource(r -> r.resourceName("not-an-arn")));
        assertError(
                404,
                "CacheClusterNotFound",
                () -> ec.listTagsForResource(r -> r.resourceName(c.arn().replace("tagged", "gone"))));
        assertError(
                404,
                "TagNotFound",
                () -> ec.removeTagsFromResource(r -> r.resourceName(c.arn()).tagKeys("missing")));

        List<Event> events = ec.describeEvents(
                        r -> r.sourceType(SourceType.CACHE_CLUSTER).sourceIdentifier("tagged"))
                .events();
        assertTrue(events.stream().anyMatch(e -> e.message().equals("Cache cluster created")), events.toString());

        List<CacheEngineVersion> valkey =
                ec.describeCacheEngineVersions(r -> r.engine("valkey")).cacheEngineVersions();
        assertEquals(
                List.of("7.2", "8.0", "8.1"),
                valkey.stream().map(CacheEngineVersion::engineVersion).toList());
        assertEquals("valkey8", valkey.get(2).cacheParameterGroupFamily());
        assertEquals(
                1,
                ec.describeCacheEngineVersions(r -> r.engine("redis").defaultOnly(true))
                        .cacheEngineVersions()
                        .size());
    }

    @Test
    void javaApiAndAdminListTheNodes() throws Exception {
        CacheCluster c = create("listed", "redis", "7.1");
        ElastiCacheService service = cloud.service(ElastiCacheService.class).orElseThrow();
        assertEquals(nodeAddress(c), service.address("listed").orElseThrow());
        assertTrue(service.nodes().stream()
                .anyMatch(n -> n.cacheClusterId().equals("listed") && n.role().equals("standalone")));
        HttpResponse<String> admin = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(cloud.endpoint() + "/_minicloud/elasticache/caches"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, admin.statusCode());
        assertTrue(admin.body().contains("\"cacheClusterId\":\"listed\""), admin.body());
        assertTrue(admin.body().contains("\"port\":" + nodeAddress(c).getPort()), admin.body());
    }

    @Test
    void statusMovesFromCreatingToAvailableOnTheClock() {
        MutableClock clock = MutableClock.startingAt(Instant.parse("2026-12-01T10:00:00Z"));
        try (MiniCloud slow = MiniCloud.builder()
                        .services("elasticache")
                        .clock(clock)
                        .setting("elasticache-status-delay-seconds", "60")
                        .start();
                ElastiCacheClient client = ElastiCacheClients.elastiCache(slow)) {
            CacheCluster created = client.createCacheCluster(
                            r -> r.cacheClusterId("slow").engine("redis").cacheNodeType("cache.t3.micro"))
                    .cacheCluster();
            assertEquals("creating", created.cacheClusterStatus());
            assertError(
                    400,
                    "InvalidCacheClusterState",
                    () -> client.modifyCacheCluster(
                            r -> r.cacheClusterId("slow").snapshotRetentionLimit(3)));
            clock.advance(Duration.ofSeconds(59));
            assertEquals(
                    "creating",
                    client.describeCacheClusters(r -> r.cacheClusterId("slow"))
                            .cacheClusters()
                            .get(0)
                            .cacheClusterStatus());
            clock.advance(Duration.ofSeconds(1));
            assertEquals(
                    "available",
                    client.describeCacheClusters(r -> r.cacheClusterId("slow"))
                            .cacheClusters()
                            .get(0)
                            .cacheClusterStatus());
            assertEquals(
                    "modifying",
                    client.modifyCacheCluster(r -> r.cacheClusterId("slow").snapshotRetentionLimit(3))
                            .cacheCluster()
                            .cacheClusterStatus());
        }
    }

    @Test
    void resetStopsEveryNode() {
        try (MiniCloud own = MiniCloud.builder().services("elasticache").start();
                ElastiCacheClient client = ElastiCacheClients.elastiCache(own)) {
            client.createCacheCluster(
                    r -> r.cacheClusterId("reset-me").engine("redis").cacheNodeType("cache.t3.micro"));
            ElastiCacheService service = own.service(ElastiCacheService.class).orElseThrow();
            InetSocketAddress node = service.address("reset-me").orElseThrow();
            service.reset();
            assertTrue(service.nodes().isEmpty());
            assertThrows(JedisConnectionException.class, () -> {
                try (Jedis jedis = new Jedis(node.getHostString(), node.getPort())) {
                    jedis.ping();
                }
            });
        }
    }
}
