package dev.minicloud.dns.it;

import dev.minicloud.MiniCloud;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;

/** Builds SDK v2 Route 53 clients pointed at a running MiniCloud. */
final class Route53Clients {
    private Route53Clients() {}

    static Route53Client forCloud(MiniCloud cloud) {
        return forCloud(cloud, cloud.accessKey());
    }

    /** A fresh random 12-digit account id: tests acting as their own account never see each other's zones. */
    static String newAccount() {
        return String.format("%012d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L));
    }

    /** A client acting as the account that {@code accessKey} names (a 12-digit key is that account). */
    static Route53Client forCloud(MiniCloud cloud, String accessKey) {
        return Route53Client.builder()
                .endpointOverride(cloud.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "test")))
                .build();
    }
}
