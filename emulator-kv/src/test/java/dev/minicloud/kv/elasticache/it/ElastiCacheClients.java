package dev.minicloud.kv.elasticache.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minicloud.MiniCloud;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.ElastiCacheException;
import software.amazon.awssdk.services.elasticache.model.Endpoint;

/** SDK v2 clients against one MiniCloud's edge port, and the assertions ElastiCache's errors need. */
final class ElastiCacheClients {
    private ElastiCacheClients() {}

    static StaticCredentialsProvider as(String account) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(account, "test"));
    }

    static ElastiCacheClient elastiCache(MiniCloud cloud) {
        return ElastiCacheClient.builder()
                .endpointOverride(cloud.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(as("000000000000"))
                .build();
    }

    static Ec2Client ec2(MiniCloud cloud) {
        return Ec2Client.builder()
                .endpointOverride(cloud.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(as("000000000000"))
                .build();
    }

    static InetSocketAddress address(Endpoint e) {
        return new InetSocketAddress(e.address(), e.port());
    }

    /** Runs {@code call}, expecting ElastiCache's error {@code code} with HTTP {@code status}; returns its message. */
    static String assertError(int status, String code, Executable call) {
        ElastiCacheException e = assertThrows(ElastiCacheException.class, call);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(status, e.statusCode(), e.getMessage());
        return e.awsErrorDetails().errorMessage();
    }
}
