package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.junit.MiniCloudExtension;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Put/Get/DeletePublicAccessBlock through the SDK: on by default for new buckets, as on S3 since 2023. */
class PublicAccessBlockTest extends S3WireTest {
    @RegisterExtension
    static MiniCloudExtension cloud = s3Cloud();

    @Test
    void newBucketsBlockAllPublicAccess() {
        s3.createBucket(b -> b.bucket("fresh"));
        assertEquals(
                PublicAccessBlockConfiguration.builder()
                        .blockPublicAcls(true)
                        .ignorePublicAcls(true)
                        .blockPublicPolicy(true)
                        .restrictPublicBuckets(true)
                        .build(),
                s3.getPublicAccessBlock(b -> b.bucket("fresh")).publicAccessBlockConfiguration());
    }

    @Test
    void settingsArePutReadAndDeleted() {
        s3.createBucket(b -> b.bucket("pab"));
        s3.putPublicAccessBlock(b -> b.bucket("pab")
                .publicAccessBlockConfiguration(c -> c.blockPublicAcls(true).restrictPublicBuckets(true)));
        assertEquals(
                PublicAccessBlockConfiguration.builder()
                        .blockPublicAcls(true)
                        .ignorePublicAcls(false)
                        .blockPublicPolicy(false)
                        .restrictPublicBuckets(true)
                        .build(),
                s3.getPublicAccessBlock(b -> b.bucket("pab")).publicAccessBlockConfiguration(),
                "absent settings are false");
        s3.deletePublicAccessBlock(b -> b.bucket("pab"));
        s3.deletePublicAccessBlock(b -> b.bucket("pab"));
        S3Exception gone = assertThrows(S3Exception.class, () -> s3.getPublicAccessBlock(b -> b.bucket("pab")));
        assertEquals(404, gone.statusCode());
        assertEquals(
                "NoSuchPublicAccessBlockConfiguration", gone.awsErrorDetails().errorCode());
        assertEquals(
                "The public access block configuration was not found",
                gone.awsErrorDetails().errorMessage());
    }

    @Test
    void malformedSettingsChangeNothing() throws Exception {
        s3.createBucket(b -> b.bucket("bad"));
        HttpResponse<String> r = raw.put(
                "/bad?publicAccessBlock",
                ("<PublicAccessBlockConfiguration>"
                                + "<BlockPublicAcls>maybe</BlockPublicAcls></PublicAccessBlockConfiguration>")
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("<Code>MalformedXML</Code>"), r.body());
        HttpResponse<String> wrongRoot = raw.put("/bad?publicAccessBlock", "<Nope/>".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, wrongRoot.statusCode());
        assertEquals(
                true,
                s3.getPublicAccessBlock(b -> b.bucket("bad"))
                        .publicAccessBlockConfiguration()
                        .blockPublicAcls());
    }
}
