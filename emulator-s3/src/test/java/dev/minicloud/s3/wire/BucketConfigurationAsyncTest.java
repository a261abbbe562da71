package dev.minicloud.s3.wire;

import static dev.minicloud.s3.wire.TestS3.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minicloud.junit.MiniCloudExtension;
import dev.minicloud.s3.internal.service.CanonicalUser;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The bucket configuration families of issue 11 through the async Netty client (the sync client
 * covers them in depth): owner identity, ACLs and ownership controls, public access block, policy
 * status and encryption answer the same there.
 */
class BucketConfigurationAsyncTest extends S3WireTest {
    @RegisterExtension
    static MiniCloudExtension cloud = s3Cloud();

    private S3AsyncClient async;

    @BeforeEach
    void openAsync() {
        async = TestS3.nettyClient(cloud.getMiniCloud(), true);
    }

    @AfterEach
    void closeAsync() {
        async.close();
    }

    @Test
    void ownerAclsAndOwnershipControls() {
        join(async.createBucket(b -> b.bucket("async-acl").objectOwnership(ObjectOwnership.OBJECT_WRITER)));
        assertEquals(
                CanonicalUser.canonicalId("000000000000"),
                join(async.listBuckets()).owner().id());
        join(async.putObject(
                b -> b.bucket("async-acl").key("k").grantRead("id=\"111122223333\""),
                AsyncRequestBody.fromString("x")));
        var grants =
                join(async.getObjectAcl(b -> b.bucket("async-acl").key("k"))).grants();
        assertEquals(1, grants.size());
        assertEquals(
                CanonicalUser.canonicalId("111122223333"),
                grants.get(0).grantee().id());
        assertEquals(Permission.READ, grants.get(0).permission());
        assertEquals(
                ObjectOwnership.OBJECT_WRITER,
                join(async.getBucketOwnershipControls(b -> b.bucket("async-acl")))
                        .ownershipControls()
                        .rules()
                        .get(0)
                        .objectOwnership());
        S3Exception blocked = (S3Exception) assertThrows(
                        CompletionException.class,
                        () -> async.putObjectAcl(
                                        b -> b.bucket("async-acl").key("k").acl(ObjectCannedACL.PUBLIC_READ))
                                .join())
                .getCause();
        assertEquals("AccessDenied", blocked.awsErrorDetails().errorCode(), "the public access block refuses it");
    }

    @Test
    void publicAccessBlockPolicyStatusAndEncryption() {
        join(async.createBucket(b -> b.bucket("async-conf")));
        assertEquals(
                true,
                join(async.getPublicAccessBlock(b -> b.bucket("async-conf")))
                        .publicAccessBlockConfiguration()
                        .blockPublicPolicy());
        join(async.deletePublicAccessBlock(b -> b.bucket("async-conf")));
        join(async.putBucketPolicy(b -> b.bucket("async-conf")
                .policy("{\"Version\":\"2012-10-17\",\"Statement\":[{"
                        + "\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
                        + "\"Resource\":\"arn:aws:s3:::async-conf/*\"}]}")));
        assertEquals(
                true,
                join(async.getBucketPolicyStatus(b -> b.bucket("async-conf")))
                        .policyStatus()
                        .isPublic());
        assertEquals(
                ServerSideEncryption.AES256,
                join(async.putObject(b -> b.bucket("async-conf").key("k"), AsyncRequestBody.fromString("x")))
                        .serverSideEncryption());
    }
}
