package dev.minicloud.kv.elasticache.it;

import static dev.minicloud.kv.elasticache.it.ElastiCacheClients.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.dns.DnsService;
import dev.minicloud.kv.elasticache.ElastiCacheService;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DnsResolver;
import io.lettuce.core.resource.SocketAddressResolver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import redis.clients.jedis.Jedis;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.NodeGroup;

/** Endpoint names in ElastiCache's formats, answered by MiniCloud's DNS with the node's address. */
class EndpointDnsIT {

    private static Message query(InetSocketAddress dns, String name, int type) throws Exception {
        SimpleResolver r = new SimpleResolver(dns);
        r.setTimeout(Duration.ofSeconds(5));
        return r.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, DClass.IN)));
    }

    private static List<String> a(InetSocketAddress dns, String name) throws Exception {
        return query(dns, name, Type.A).getSection(Section.ANSWER).stream()
                .map(Record::rdataToString)
                .collect(Collectors.toList());
    }

    @Test
    void endpointNamesResolveToTheNodesAndDisappearWithThem() throws Exception {
        try (MiniCloud cloud = MiniCloud.builder()
                        .services("dns", "elasticache")
                        .random(7)
                        .setting("elasticache-endpoint-addresses", "names")
                        .start();
                ElastiCacheClient ec = ElastiCacheClients.elastiCache(cloud)) {
            InetSocketAddress dns =
                    cloud.service(DnsService.class).orElseThrow().publicEndpoint();
            ec.createReplicationGroup(r -> r.replicationGroupId("web")
                    .replicationGroupDescription("web")
                    .engine("redis")
                    .cacheNodeType("cache.t3.micro")
                    .numCacheClusters(2));
            NodeGroup group = ec.describeReplicationGroups(r -> r.replicationGroupId("web"))
                    .replicationGroups()
                    .get(0)
                    .nodeGroups()
                    .get(0);
            String primary = group.primaryEndpoint().address();
            String reader = group.readerEndpoint().address();
            String member = group.nodeGroupMembers().get(1).readEndpoint().address();
            assertTrue(primary.matches("web\\.[a-z0-9]{6}\\.ng\\.0001\\.use1\\.cache\\.amazonaws\\.com"), primary);
            assertTrue(reader.matches("web-ro\\.[a-z0-9]{6}\\.ng\\.0001\\.use1\\.cache\\.amazonaws\\.com"), reader);
            assertTrue(member.matches("web-002\\.[a-z0-9]{6}\\.0001\\.use1\\.cache\\.amazonaws\\.com"), member);

            ElastiCacheService service = cloud.service(ElastiCacheService.class).orElseThrow();
            InetSocketAddress primaryNode = service.address("web-001").orElseThrow();
            InetSocketAddress replicaNode = service.address("web-002").orElseThrow();
            assertEquals(List.of(primaryNode.getAddress().getHostAddress()), a(dns, primary));
            assertEquals(primaryNode.getPort(), group.primaryEndpoint().port());
            assertEquals(replicaNode.getPort(), group.readerEndpoint().port(), "the reader endpoint is the replica");
            Message answer = query(dns, member, Type.A);
            assertTrue(answer.getHeader().getFlag(Flags.AA), "answered authoritatively");
            // the name and the reported port reach the node
            String ip = a(dns, member).get(0);
            try (Jedis jedis =
                    new Jedis(ip, group.nodeGroupMembers().get(1).readEndpoint().port())) {
                assertEquals("PONG", jedis.ping());
            }
            assertEquals(Rcode.NOERROR, query(dns, member, Type.AAAA).getRcode(), "NODATA for other types");
            assertEquals(
                    0, query(dns, member, Type.AAAA).getSection(Section.ANSWER).size());
            assertEquals(
                    Rcode.NXDOMAIN,
                    query(dns, "nope.abcdef.0001.use1.cache.amazonaws.com", Type.A)
                            .getRcode());
            assertTrue(service.nodes().stream().anyMatch(n -> n.dnsName().equals(member)));

            ec.deleteReplicationGroup(r -> r.replicationGroupId("web"));
            assertEquals(
                    Rcode.NXDOMAIN, query(dns, primary, Type.A).getRcode(), "a deleted cache's names are gone at once");
        }
    }

    @Test
    void lettuceConnectsByEndpointNameThroughTheJavaResolverHook() {
        try (MiniCloud cloud = MiniCloud.builder()
                        .services("elasticache")
                        .setting("elasticache-endpoint-addresses", "names")
                        .start();
                ElastiCacheClient ec = ElastiCacheClients.elastiCache(cloud)) {
            ec.createCacheCluster(
                    r -> r.cacheClusterId("named").engine("valkey").cacheNodeType("cache.t3.micro"));
            var endpoint = ec.describeCacheClusters(
                            r -> r.cacheClusterId("named").showCacheNodeInfo(true))
                    .cacheClusters()
                    .get(0)
                    .cacheNodes()
                    .get(0)
                    .endpoint();
            ElastiCacheService service = cloud.service(ElastiCacheService.class).orElseThrow();
            DnsResolver ours = host -> service.resolve(host)
                    .map(a -> new InetAddress[] {a})
                    .orElseThrow(() -> new UnknownHostException(host));
            ClientResources resources = ClientResources.builder()
                    .socketAddressResolver(SocketAddressResolver.create(ours))
                    .build();
            RedisClient client = RedisClient.create(resources, RedisURI.create(endpoint.address(), endpoint.port()));
            try (StatefulRedisConnection<String, String> c = client.connect()) {
                assertEquals("PONG", c.sync().ping());
            } finally {
                client.shutdown();
                resources.shutdown();
            }
            assertTrue(service.resolve("elsewhere.example.com").isEmpty(), "other names are left to the JVM");
        }
    }

    @Test
    void byDefaultDescribeGivesTheNodesIpSoClientsConnectWithoutDns() {
        try (MiniCloud cloud = MiniCloud.builder().services("elasticache").start();
                ElastiCacheClient ec = ElastiCacheClients.elastiCache(cloud)) {
            ec.createCacheCluster(r -> r.cacheClusterId("plain").engine("redis").cacheNodeType("cache.t3.micro"));
            var endpoint = ec.describeCacheClusters(
                            r -> r.cacheClusterId("plain").showCacheNodeInfo(true))
                    .cacheClusters()
                    .get(0)
                    .cacheNodes()
                    .get(0)
                    .endpoint();
            assertEquals("127.0.0.1", endpoint.address());
            assertEquals(
                    cloud.service(ElastiCacheService.class)
                            .orElseThrow()
                            .address("plain")
                            .orElseThrow(),
                    address(endpoint));
        }
    }
}
