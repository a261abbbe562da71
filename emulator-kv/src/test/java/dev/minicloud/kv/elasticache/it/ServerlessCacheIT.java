package dev.minicloud.kv.elasticache.it;

import static dev.minicloud.kv.elasticache.it.ElastiCacheClients.address;
import static dev.minicloud.kv.elasticache.it.ElastiCacheClients.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.ServerlessCache;

/** Serverless caches: one KV node behind the endpoint, sized by the data storage limit. */
class ServerlessCacheIT {

    @Test
    void aServerlessCacheAnswersOnItsEndpointUntilDeleted() {
        try (MiniCloud cloud = MiniCloud.builder().services("elasticache").start();
                ElastiCacheClient ec = ElastiCacheClients.elastiCache(cloud)) {
            ServerlessCache created = ec.createServerlessCache(r -> r.serverlessCacheName("sessions")
                            .engine("valkey")
                            .majorEngineVersion("8")
                            .cacheUsageLimits(
                                    l -> l.dataStorage(d -> d.maximum(2).unit("GB"))))
                    .serverlessCache();
            assertEquals("available", created.status());
            assertEquals("8.1.1", created.fullEngineVersion());
            ServerlessCache described = ec.describeServerlessCaches(r -> r.serverlessCacheName("sessions"))
                    .serverlessCaches()
                    .get(0);
            InetSocketAddress endpoint = address(described.endpoint());
            assertEquals(endpoint, address(described.readerEndpoint()));
            try (Jedis jedis = new Jedis(endpoint.getHostString(), endpoint.getPort())) {
                assertEquals("PONG", jedis.ping());
                jedis.set("k", "v");
                assertEquals("v", jedis.get("k"));
                assertEquals(
                        Long.toString(2L * 1024 * 1024 * 1024),
                        jedis.configGet("maxmemory").get("maxmemory"));
                assertTrue(jedis.info("server").contains("valkey_version:8.1.1"));
            }
            assertError(
                    400,
                    "ServerlessCacheAlreadyExistsFault",
                    () -> ec.createServerlessCache(
                            r -> r.serverlessCacheName("sessions").engine("valkey")));
            assertError(
                    400,
                    "InvalidParameterValue",
                    () -> ec.createServerlessCache(
                            r -> r.serverlessCacheName("old").engine("redis").majorEngineVersion("3")));
            assertError(
                    400,
                    "InvalidParameterValue",
                    () -> ec.createServerlessCache(
                            r -> r.serverlessCacheName("-bad").engine("redis")));
            assertEquals(
                    "deleting",
                    ec.deleteServerlessCache(r -> r.serverlessCacheName("sessions"))
                            .serverlessCache()
                            .status());
            assertError(
                    404,
                    "ServerlessCacheNotFoundFault",
                    () -> ec.describeServerlessCaches(r -> r.serverlessCacheName("sessions")));
            assertThrows(JedisConnectionException.class, () -> {
                try (Jedis jedis = new Jedis(endpoint.getHostString(), endpoint.getPort())) {
                    jedis.ping();
                }
            });
            assertTrue(ec.describeServerlessCaches(r -> {}).serverlessCaches().isEmpty());
        }
    }
}
