package dev.minicloud.kv.elasticache.it;

import static dev.minicloud.kv.elasticache.it.ElastiCacheClients.as;
import static dev.minicloud.kv.elasticache.it.ElastiCacheClients.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;

/** Caches belong to an account and a region; strict mode serves only a valid signature of a configured key. */
class ElastiCacheAccountsIT {

    private static ElastiCacheClient client(MiniCloud cloud, StaticCredentialsProvider credentials, Region region) {
        return ElastiCacheClient.builder()
                .endpointOverride(cloud.endpoint())
                .region(region)
                .credentialsProvider(credentials)
                .build();
    }

    @Test
    void accountsAndRegionsDoNotSeeEachOthersCaches() {
        try (MiniCloud cloud = MiniCloud.builder().services("elasticache").start();
                ElastiCacheClient alice = client(cloud, as("111111111111"), Region.US_EAST_1);
                ElastiCacheClient bob = client(cloud, as("222222222222"), Region.US_EAST_1);
                ElastiCacheClient aliceWest = client(cloud, as("111111111111"), Region.EU_WEST_1)) {
            String arn = alice.createCacheCluster(
                            r -> r.cacheClusterId("shared-name").engine("redis").cacheNodeType("cache.t3.micro"))
                    .cacheCluster()
                    .arn();
            assertEquals("arn:aws:elasticache:us-east-1:111111111111:cluster:shared-name", arn);
            assertError(
                    404, "CacheClusterNotFound", () -> bob.describeCacheClusters(r -> r.cacheClusterId("shared-name")));
            assertTrue(aliceWest.describeCacheClusters().cacheClusters().isEmpty());
            assertEquals(
                    "eu-west-1a",
                    aliceWest
                            .createCacheCluster(r -> r.cacheClusterId("shared-name")
                                    .engine("redis")
                                    .cacheNodeType("cache.t3.micro"))
                            .cacheCluster()
                            .preferredAvailabilityZone(),
                    "the same name in another region");
            bob.createCacheCluster(
                    r -> r.cacheClusterId("shared-name").engine("redis").cacheNodeType("cache.t3.micro"));
            assertError(400, "InvalidARN", () -> bob.listTagsForResource(r -> r.resourceName(arn)));
        }
    }

    @Test
    void strictModeChecksTheSignature() {
        try (MiniCloud cloud = MiniCloud.builder()
                        .services("elasticache")
                        .credentials("AKIDEXAMPLE", "secret-1")
                        .setting("elasticache-auth", "strict")
                        .start();
                ElastiCacheClient good = client(
                        cloud,
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret-1")),
                        Region.US_EAST_1);
                ElastiCacheClient badSecret = client(
                        cloud,
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "nope")),
                        Region.US_EAST_1);
                ElastiCacheClient unknown = client(
                        cloud,
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDUNKNOWN", "secret-1")),
                        Region.US_EAST_1)) {
            assertTrue(good.describeCacheClusters().cacheClusters().isEmpty());
            assertError(403, "SignatureDoesNotMatch", badSecret::describeCacheClusters);
            assertError(403, "InvalidClientTokenId", unknown::describeCacheClusters);
        }
    }
}
