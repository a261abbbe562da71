package dev.minicloud.resolver;

import dev.minicloud.MiniCloud;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.Endpoint;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.s3.S3Client;

/** SDK v2 clients against one MiniCloud's edge port, and the few calls the resolver tests repeat. */
final class Clients {
    private static final StaticCredentialsProvider TEST =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private Clients() {}

    static ElastiCacheClient elastiCache(MiniCloud cloud) {
        return ElastiCacheClient.builder()
                .endpointOverride(cloud.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(TEST)
                .build();
    }

    static Route53Client route53(MiniCloud cloud) {
        return Route53Client.builder()
                .endpointOverride(cloud.endpoint())
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(TEST)
                .build();
    }

    /** Virtual-hosted addressing against a named endpoint: requests go to {@code <bucket>.<host>:<port>}. */
    static S3Client s3VirtualHosted(MiniCloud cloud, String host) {
        return S3Client.builder()
                .endpointOverride(URI.create("http://" + host + ":" + cloud.edgePort()))
                .region(Region.US_EAST_1)
                .forcePathStyle(false)
                .credentialsProvider(TEST)
                .build();
    }

    /** Creates a one-node Redis cluster and returns its node's endpoint (a name, with the names setting). */
    static Endpoint cacheNode(ElastiCacheClient ec, String id) {
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

    /** Creates a public hosted zone with one A record, returning the zone's id. */
    static String zoneWithA(Route53Client r53, String zone, String name, String address) {
        String id = r53.createHostedZone(r -> r.name(zone).callerReference(zone))
                .hostedZone()
                .id();
        upsert(r53, id, name, RRType.A, address);
        return id;
    }

    static void upsert(Route53Client r53, String zoneId, String name, RRType type, String value) {
        r53.changeResourceRecordSets(r -> r.hostedZoneId(zoneId)
                .changeBatch(b -> b.changes(c -> c.action("UPSERT")
                        .resourceRecordSet(
                                s -> s.name(name).type(type).ttl(60L).resourceRecords(v -> v.value(value))))));
    }
}
