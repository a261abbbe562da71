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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.CacheSubnetGroup;
import software.amazon.awssdk.services.elasticache.model.Parameter;
import software.amazon.awssdk.services.elasticache.model.ParameterNameValue;
import software.amazon.awssdk.services.elasticache.model.Subnet;

/** Cache subnet groups over EC2's subnets, and parameter groups whose values the running nodes take. */
class SubnetAndParameterGroupIT {
    private static final MutableClock CLOCK = MutableClock.startingAt(Instant.parse("2026-12-01T10:00:00Z"));
    private static MiniCloud cloud;
    private static ElastiCacheClient ec;
    private static Ec2Client ec2;

    @BeforeAll
    static void start() {
        cloud = MiniCloud.builder().services("ec2", "elasticache").clock(CLOCK).start();
        ec = ElastiCacheClients.elastiCache(cloud);
        ec2 = ElastiCacheClients.ec2(cloud);
    }

    @AfterAll
    static void stop() {
        ec.close();
        ec2.close();
        cloud.close();
    }

    private static ParameterNameValue nv(String name, String value) {
        return ParameterNameValue.builder()
                .parameterName(name)
                .parameterValue(value)
                .build();
    }

    @Test
    void subnetGroupsTakeEc2SubnetsOfOneVpcAndPlaceTheNodes() {
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.20.0.0/16")).vpc().vpcId();
        String b = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.20.1.0/24").availabilityZone("us-east-1b"))
                .subnet()
                .subnetId();
        String c = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.20.2.0/24").availabilityZone("us-east-1c"))
                .subnet()
                .subnetId();
        CacheSubnetGroup group = ec.createCacheSubnetGroup(r -> r.cacheSubnetGroupName("App-Subnets")
                        .cacheSubnetGroupDescription("app")
                        .subnetIds(b, c))
                .cacheSubnetGroup();
        assertEquals("app-subnets", group.cacheSubnetGroupName(), "stored in lower case");
        assertEquals(vpc, group.vpcId());
        assertEquals(
                List.of("us-east-1b", "us-east-1c"),
                group.subnets().stream()
                        .map(s -> s.subnetAvailabilityZone().name())
                        .toList());
        assertEquals(
                List.of(b, c),
                ec
                        .describeCacheSubnetGroups(r -> r.cacheSubnetGroupName("app-subnets"))
                        .cacheSubnetGroups()
                        .get(0)
                        .subnets()
                        .stream()
                        .map(Subnet::subnetIdentifier)
                        .toList());

        assertError(
                400,
                "InvalidSubnet",
                () -> ec.createCacheSubnetGroup(r -> r.cacheSubnetGroupName("ghost")
                        .cacheSubnetGroupDescription("x")
                        .subnetIds("subnet-00000000000000000")));
        String other = ec2.describeSubnets(
                        r -> r.filters(f -> f.name("default-for-az").values("true")))
                .subnets()
                .get(0)
                .subnetId();
        assertError(
                400,
                "InvalidSubnet",
                () -> ec.createCacheSubnetGroup(r -> r.cacheSubnetGroupName("two-vpcs")
                        .cacheSubnetGroupDescription("x")
                        .subnetIds(b, other)));
        assertError(
                400,
                "CacheSubnetGroupAlreadyExists",
                () -> ec.createCacheSubnetGroup(r -> r.cacheSubnetGroupName("app-subnets")
                        .cacheSubnetGroupDescription("x")
                        .subnetIds(b)));

        CacheCluster cluster = ec.createCacheCluster(r -> r.cacheClusterId("in-vpc")
                        .engine("redis")
                        .cacheNodeType("cache.t3.micro")
                        .cacheSubnetGroupName("app-subnets")
                        .preferredAvailabilityZone("us-east-1c"))
                .cacheCluster();
        assertEquals("app-subnets", cluster.cacheSubnetGroupName());
        assertEquals("us-east-1c", cluster.preferredAvailabilityZone());
        assertError(
                400,
                "InvalidParameterValue",
                () -> ec.createCacheCluster(r -> r.cacheClusterId("wrong-zone")
                        .engine("redis")
                        .cacheNodeType("cache.t3.micro")
                        .cacheSubnetGroupName("app-subnets")
                        .preferredAvailabilityZone("us-east-1a")));
        assertError(
                400,
                "CacheSubnetGroupInUse",
                () -> ec.deleteCacheSubnetGroup(r -> r.cacheSubnetGroupName("app-subnets")));
        assertError(
                400,
                "SubnetInUse",
                () -> ec.modifyCacheSubnetGroup(
                        r -> r.cacheSubnetGroupName("app-subnets").subnetIds(b)));
        ec.deleteCacheCluster(r -> r.cacheClusterId("in-vpc"));
        ec.deleteCacheSubnetGroup(r -> r.cacheSubnetGroupName("app-subnets"));
        assertError(
                400,
                "CacheSubnetGroupNotFoundFault",
                () -> ec.describeCacheSubnetGroups(r -> r.cacheSubnetGroupName("app-subnets")));
    }

    @Test
    void parameterGroupValuesReachTheRunningNodes() throws Exception {
        ec.createCacheParameterGroup(r -> r.cacheParameterGroupName("lru-events")
                .cacheParameterGroupFamily("redis7")
                .description("test"));
        ec.modifyCacheParameterGroup(r -> r.cacheParameterGroupName("lru-events")
                .parameterNameValues(nv("maxmemory-policy", "allkeys-lru"), nv("notify-keyspace-events", "Ex")));
        CacheCluster c = ec.createCacheCluster(r -> r.cacheClusterId("tuned")
                        .engine("redis")
                        .engineVersion("7.1")
                        .cacheNodeType("cache.t3.micro")
                        .cacheParameterGroupName("lru-events"))
                .cacheCluster();
        assertEquals("lru-events", c.cacheParameterGroup().cacheParameterGroupName());
        InetSocketAddress node =
                address(ec.describeCacheClusters(r -> r.cacheClusterId("tuned").showCacheNodeInfo(true))
                        .cacheClusters()
                        .get(0)
                        .cacheNodes()
                        .get(0)
                        .endpoint());
        try (Jedis jedis = new Jedis(node.getHostString(), node.getPort())) {
            assertEquals("allkeys-lru", jedis.configGet("maxmemory-policy").get("maxmemory-policy"));
            assertEquals("xE", jedis.configGet("notify-keyspace-events").get("notify-keyspace-events"));
        }
        expiredEventArrives(node);

        // a change to the group reaches the node that uses it
        ec.modifyCacheParameterGroup(r -> r.cacheParameterGroupName("lru-events")
                .parameterNameValues(
                        nv("maxmemory-policy", "noeviction"),
                        nv("reserved-memory-percent", "50"),
                        nv("timeout", "300"),
                        nv("tcp-keepalive", "60")));
        try (Jedis jedis = new Jedis(node.getHostString(), node.getPort())) {
            assertEquals("noeviction", jedis.configGet("maxmemory-policy").get("maxmemory-policy"));
            assertEquals(
                    Long.toString((long) (0.5 * 1024 * 1024 * 1024) / 2),
                    jedis.configGet("maxmemory").get("maxmemory"));
            assertEquals("300", jedis.configGet("timeout").get("timeout"), "the node closes clients idle that long");
            assertEquals("60", jedis.configGet("tcp-keepalive").get("tcp-keepalive"));
        }
        Map<String, Parameter> params = new HashMap<>();
        ec.describeCacheParameters(r -> r.cacheParameterGroupName("lru-events").source("user"))
                .parameters()
                .forEach(p -> params.put(p.parameterName(), p));
        assertEquals(
                Set.of(
                        "maxmemory-policy",
                        "notify-keyspace-events",
                        "reserved-memory-percent",
                        "timeout",
                        "tcp-keepalive"),
                params.keySet());
        assertEquals("user", params.get("maxmemory-policy").source());

        ec.resetCacheParameterGroup(r -> r.cacheParameterGroupName("lru-events").resetAllParameters(true));
        try (Jedis jedis = new Jedis(node.getHostString(), node.getPort())) {
            assertEquals("volatile-lru", jedis.configGet("maxmemory-policy").get("maxmemory-policy"));
            assertEquals("", jedis.configGet("notify-keyspace-events").get("notify-keyspace-events"));
            assertEquals("0", jedis.configGet("timeout").get("timeout"));
        }
        assertError(
                400,
                "InvalidCacheParameterGroupState",
                () -> ec.deleteCacheParameterGroup(r -> r.cacheParameterGroupName("lru-events")));
        ec.deleteCacheCluster(r -> r.cacheClusterId("tuned"));
        ec.deleteCacheParameterGroup(r -> r.cacheParameterGroupName("lru-events"));
    }

    /** Keyspace notifications from the group: an expiry published without anyone reading the key (active expiry on the clock). */
    private static void expiredEventArrives(InetSocketAddress node) throws Exception {
        BlockingQueue<String> expired = new LinkedBlockingQueue<>();
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onPSubscribe(String pattern, int count) {
                try (Jedis writer = new Jedis(node.getHostString(), node.getPort())) {
                    writer.psetex("short-lived", 1000, "v");
                }
                CLOCK.advance(Duration.ofSeconds(2));
            }

            @Override
            public void onPMessage(String pattern, String channel, String message) {
                expired.add(message);
                punsubscribe();
            }
        };
        Thread t = new Thread(() -> {
            try (Jedis sub = new Jedis(node.getHostString(), node.getPort())) {
                sub.psubscribe(listener, "__keyevent@0__:expired");
            }
        });
        t.start();
        assertEquals("short-lived", expired.poll(10, TimeUnit.SECONDS));
        t.join(10_000);
    }

    @Test
    void parameterGroupsRefuseWhatElastiCacheRefuses() {
        assertError(
                400,
                "InvalidParameterValue",
                () -> ec.createCacheParameterGroup(r -> r.cacheParameterGroupName("odd")
                        .cacheParameterGroupFamily("redis99")
                        .description("x")));
        assertError(
                400,
                "InvalidParameterValue",
                () -> ec.modifyCacheParameterGroup(r -> r.cacheParameterGroupName("default.redis7")
                        .parameterNameValues(nv("maxmemory-policy", "allkeys-lru"))));
        ec.createCacheParameterGroup(r -> r.cacheParameterGroupName("strict")
                .cacheParameterGroupFamily("valkey8")
                .description("x"));
        assertError(
                400,
                "CacheParameterGroupAlreadyExists",
                () -> ec.createCacheParameterGroup(r -> r.cacheParameterGroupName("strict")
                        .cacheParameterGroupFamily("valkey8")
                        .description("x")));
        assertError(
                400,
                "InvalidParameterValue",
                () -> ec.modifyCacheParameterGroup(r -> r.cacheParameterGroupName("strict")
                        .parameterNameValues(nv("maxmemory-policy", "evict-everything"))));
        assertError(
                400,
                "InvalidParameterValue",
                () -> ec.modifyCacheParameterGroup(
                        r -> r.cacheParameterGroupName("strict").parameterNameValues(nv("no-such-parameter", "1"))));
        assertError(
                400,
                "InvalidParameterValue",
                () -> ec.modifyCacheParameterGroup(
                        r -> r.cacheParameterGroupName("strict").parameterNameValues(nv("lua-time-limit", "100"))));
        assertError(
                404,
                "CacheParameterGroupNotFound",
                () -> ec.describeCacheParameters(r -> r.cacheParameterGroupName("missing")));
        assertTrue(
                ec.describeCacheParameters(
                                r -> r.cacheParameterGroupName("strict").source("user"))
                        .parameters()
                        .isEmpty(),
                "refused modifies changed nothing");
        assertEquals(
                "volatile-lru",
                ec
                        .describeEngineDefaultParameters(r -> r.cacheParameterGroupFamily("valkey8"))
                        .engineDefaults()
                        .parameters()
                        .stream()
                        .filter(p -> p.parameterName().equals("maxmemory-policy"))
                        .findFirst()
                        .orElseThrow()
                        .parameterValue());
    }
}
