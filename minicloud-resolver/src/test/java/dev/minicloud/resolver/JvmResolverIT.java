package dev.minicloud.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.JvmResolverRegistry;
import dev.minicloud.MiniCloud;
import dev.minicloud.kv.elasticache.ElastiCacheService;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.Endpoint;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The provider on the class path (this module's tests run on Java 25): names of registered instances
 * resolve through the JDK's own lookup path, everything else through the built-in resolver. Each test
 * uses names of its own: the JDK caches answers (30 s), so no name is asked twice across tests.
 */
class JvmResolverIT {

    private static MiniCloud.Builder cloud() {
        return MiniCloud.builder().setting("elasticache-endpoint-addresses", "names");
    }

    private static InetSocketAddress node(MiniCloud cloud, String cluster) {
        return cloud.service(ElastiCacheService.class)
                .orElseThrow()
                .address(cluster)
                .orElseThrow();
    }

    @Test
    void jedisConnectsToACacheEndpointByItsName() throws Exception {
        try (MiniCloud cloud = cloud().services("elasticache").start();
                JvmResolverRegistry.Registration registration = JvmResolverRegistry.register(cloud);
                ElastiCacheClient ec = Clients.elastiCache(cloud)) {
            Endpoint endpoint = Clients.cacheNode(ec, "sessions");
            assertTrue(
                    endpoint.address().matches("sessions\\.[a-z0-9]{6}\\.0001\\.use1\\.cache\\.amazonaws\\.com"),
                    endpoint.address());
            try (Jedis jedis = new Jedis(endpoint.address(), endpoint.port())) {
                assertEquals("OK", jedis.set("user:1", "ada"));
            }
            InetSocketAddress node = node(cloud, "sessions");
            assertEquals(node.getAddress(), InetAddress.getByName(endpoint.address()));
            try (Jedis direct = new Jedis(node.getHostString(), node.getPort())) {
                assertEquals("ada", direct.get("user:1"), "the name led to this cluster's node");
            }
        }
    }

    @Test
    void s3ClientWithVirtualHostedAddressingResolvesBucketNames() throws Exception {
        try (MiniCloud cloud = cloud().services("s3").start();
                JvmResolverRegistry.Registration registration = JvmResolverRegistry.register(cloud);
                S3Client s3 = Clients.s3VirtualHosted(cloud, "s3.localhost")) {
            // every request goes to photos.s3.localhost:<port>, a name only MiniCloud answers
            s3.createBucket(b -> b.bucket("photos"));
            s3.putObject(p -> p.bucket("photos").key("cat.jpg"), RequestBody.fromString("meow"));
            assertEquals(
                    "meow",
                    s3.getObjectAsBytes(g -> g.bucket("photos").key("cat.jpg")).asUtf8String());
            assertEquals(
                    List.of("cat.jpg"),
                    s3.listObjectsV2(l -> l.bucket("photos")).contents().stream()
                            .map(o -> o.key())
                            .toList());
            // the shortest form: photos.localhost:<port> (localhost itself is the built-in resolver's)
            try (S3Client shortForm = Clients.s3VirtualHosted(cloud, "localhost")) {
                assertEquals(
                        "meow",
                        shortForm
                                .getObjectAsBytes(g -> g.bucket("photos").key("cat.jpg"))
                                .asUtf8String());
            }
            assertEquals(cloud.edgeAddress().getAddress(), InetAddress.getByName("photos.s3.us-east-1.localhost"));
        }
    }

    @Test
    void route53RecordsOfPublicZonesResolveThroughInetAddress() throws Exception {
        try (MiniCloud cloud = cloud().services("dns").start();
                JvmResolverRegistry.Registration registration = JvmResolverRegistry.register(cloud);
                Route53Client r53 = Clients.route53(cloud)) {
            String zone = Clients.zoneWithA(r53, "resolver-it.test", "www.resolver-it.test", "192.0.2.10");
            Clients.upsert(r53, zone, "v6.resolver-it.test", RRType.AAAA, "2001:db8::10");
            Clients.upsert(r53, zone, "web.resolver-it.test", RRType.CNAME, "www.resolver-it.test");

            assertEquals(
                    "192.0.2.10", InetAddress.getByName("www.resolver-it.test").getHostAddress());
            assertEquals(
                    "192.0.2.10",
                    InetAddress.getByName("WEB.Resolver-IT.test.").getHostAddress(),
                    "CNAME followed, case ignored");
            assertEquals(InetAddress.getByName("2001:db8::10"), InetAddress.getByName("v6.resolver-it.test"));
            assertThrows(
                    UnknownHostException.class,
                    () -> InetAddress.getByName("missing.resolver-it.test"),
                    "a name of our zone without records is not ours: the built-in resolver does not know it either");
        }
    }

    @Test
    void namesNoInstanceServesGoToTheBuiltInResolver() throws Exception {
        try (MiniCloud cloud = cloud().start();
                JvmResolverRegistry.Registration registration = JvmResolverRegistry.register(cloud)) {
            assertTrue(InetAddress.getByName("localhost").isLoopbackAddress());
            assertEquals(List.of(), cloud.resolveAll("localhost"), "localhost itself is not S3's");
            // RFC 6761: .invalid never resolves, so only a wrong answer from us could make it resolve
            assertThrows(UnknownHostException.class, () -> InetAddress.getByName("nothing-here.invalid"));
        }
    }

    @Test
    void namesStopResolvingOnceTheRegistrationIsClosed() throws Exception {
        try (MiniCloud cloud = cloud().services("dns").start();
                Route53Client r53 = Clients.route53(cloud)) {
            Clients.zoneWithA(r53, "closing-it.test", "before.closing-it.test", "192.0.2.20");
            Clients.upsert(
                    r53,
                    r53.listHostedZones().hostedZones().get(0).id(),
                    "after.closing-it.test",
                    RRType.A,
                    "192.0.2.21");
            JvmResolverRegistry.Registration registration = JvmResolverRegistry.register(cloud);
            assertEquals(
                    "192.0.2.20",
                    InetAddress.getByName("before.closing-it.test").getHostAddress());
            registration.close();
            registration.close(); // idempotent
            assertThrows(UnknownHostException.class, () -> InetAddress.getByName("after.closing-it.test"));
            assertEquals(
                    "192.0.2.21",
                    cloud.resolve("after.closing-it.test").orElseThrow().getHostAddress(),
                    "the instance still serves it to the Java 17 helper");
        }
    }

    @Test
    void twoInstancesSideBySideBothResolve() throws Exception {
        try (MiniCloud one = cloud().services("dns", "elasticache").start();
                MiniCloud two = cloud().services("dns", "elasticache").start();
                JvmResolverRegistry.Registration r1 = JvmResolverRegistry.register(one);
                JvmResolverRegistry.Registration r2 = JvmResolverRegistry.register(two);
                ElastiCacheClient ec1 = Clients.elastiCache(one);
                ElastiCacheClient ec2 = Clients.elastiCache(two);
                Route53Client dns1 = Clients.route53(one);
                Route53Client dns2 = Clients.route53(two)) {
            Clients.zoneWithA(dns1, "one-it.test", "host.one-it.test", "192.0.2.1");
            Clients.zoneWithA(dns2, "two-it.test", "host.two-it.test", "192.0.2.2");
            assertEquals("192.0.2.1", InetAddress.getByName("host.one-it.test").getHostAddress());
            assertEquals(
                    "192.0.2.2",
                    InetAddress.getByName("host.two-it.test").getHostAddress(),
                    "the second registered answers its own");

            Endpoint a = Clients.cacheNode(ec1, "pair-a");
            Endpoint b = Clients.cacheNode(ec2, "pair-b");
            try (Jedis ja = new Jedis(a.address(), a.port());
                    Jedis jb = new Jedis(b.address(), b.port())) {
                ja.set("who", "one");
                jb.set("who", "two");
            }
            try (Jedis da = new Jedis(
                            node(one, "pair-a").getHostString(),
                            node(one, "pair-a").getPort());
                    Jedis db = new Jedis(
                            node(two, "pair-b").getHostString(),
                            node(two, "pair-b").getPort())) {
                assertEquals("one", da.get("who"));
                assertEquals("two", db.get("who"));
            }
        }
    }
}
