package dev.minicloud.kv.elasticache.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.kv.elasticache.ElastiCacheService;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.SocketAddressResolver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.Endpoint;

/**
 * The Java 17 way to reach endpoint names (the README's recipes): {@code cloud.resolve(name)} behind
 * Lettuce's {@code SocketAddressResolver} and Jedis' {@code HostAndPortMapper}; no JVM-wide resolver.
 */
class ResolveHelperIT {

    private static Endpoint create(ElastiCacheClient ec, String id) {
        ec.createCacheCluster(r -> r.cacheClusterId(id)
                .engine("redis")
                .cacheNodeType("cache.t3.micro")
                .numCacheNodes(1));
        return ec.describeCacheClusters(r -> r.cacheClusterId(id).showCacheNodeInfo(true))
                .cacheClusters()
                .get(0)
                .cacheNodes()
                .get(0)
                .endpoint();
    }

    @Test
    void lettuceAndJedisReachAnEndpointNameThroughCloudResolve() throws Exception {
        try (MiniCloud cloud = MiniCloud.builder()
                        .services("elasticache")
                        .setting("elasticache-endpoint-addresses", "names")
                        .start();
                ElastiCacheClient ec = ElastiCacheClients.elastiCache(cloud)) {
            Endpoint endpoint = create(ec, "helper");
            String name = endpoint.address();
            assertTrue(name.endsWith(".cache.amazonaws.com"), name);
            InetSocketAddress node = cloud.service(ElastiCacheService.class)
                    .orElseThrow()
                    .address("helper")
                    .orElseThrow();
            assertEquals(Optional.of(node.getAddress()), cloud.resolve(name.toUpperCase(Locale.ROOT) + "."));
            assertEquals(Optional.empty(), cloud.resolve("localhost"), "not a name MiniCloud serves");

            ClientResources resources = ClientResources.builder()
                    .socketAddressResolver(SocketAddressResolver.create(host -> {
                        Optional<InetAddress> a = cloud.resolve(host);
                        return a.isPresent() ? new InetAddress[] {a.get()} : InetAddress.getAllByName(host);
                    }))
                    .build();
            RedisClient lettuce = RedisClient.create(resources, RedisURI.create(name, endpoint.port()));
            try (StatefulRedisConnection<String, String> c = lettuce.connect()) {
                assertEquals("OK", c.sync().set("from", "lettuce"));
            } finally {
                lettuce.shutdown();
                resources.shutdown();
            }

            DefaultJedisClientConfig config = DefaultJedisClientConfig.builder()
                    .hostAndPortMapper(hp -> new HostAndPort(
                            cloud.resolve(hp.getHost())
                                    .map(InetAddress::getHostAddress)
                                    .orElse(hp.getHost()),
                            hp.getPort()))
                    .build();
            try (Jedis jedis = new Jedis(new HostAndPort(name, endpoint.port()), config)) {
                assertEquals("lettuce", jedis.get("from"), "both reached the same node by its name");
            }
        }
    }
}
