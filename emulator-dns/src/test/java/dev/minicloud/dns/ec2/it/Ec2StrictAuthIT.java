package dev.minicloud.dns.ec2.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minicloud.MiniCloud;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/** {@code ec2-auth=strict}: only the configured key, with a valid signature, is served. */
class Ec2StrictAuthIT {

    private static Ec2Client client(MiniCloud cloud, String key, String secret) {
        return Ec2Client.builder()
                .endpointOverride(cloud.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .build();
    }

    @Test
    void onlyTheConfiguredCredentialsAreServed() {
        try (MiniCloud cloud = MiniCloud.builder()
                        .services("ec2")
                        .credentials("AKIDEXAMPLE", "secret-1")
                        .setting("ec2-auth", "strict")
                        .start();
                Ec2Client good = client(cloud, "AKIDEXAMPLE", "secret-1");
                Ec2Client wrongSecret = client(cloud, "AKIDEXAMPLE", "secret-2");
                Ec2Client unknown = client(cloud, "AKIDUNKNOWN", "secret-1")) {
            assertEquals(1, good.describeVpcs().vpcs().size());
            Ec2Exception signature = assertThrows(Ec2Exception.class, wrongSecret::describeVpcs);
            assertEquals("SignatureDoesNotMatch", signature.awsErrorDetails().errorCode());
            Ec2Exception key = assertThrows(Ec2Exception.class, unknown::describeVpcs);
            assertEquals("AuthFailure", key.awsErrorDetails().errorCode());
            assertEquals(401, key.statusCode());
        }
    }
}
