package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.junit.MiniCloudExtension;
import dev.minicloud.s3.internal.service.CanonicalUser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.Grantee;
import software.amazon.awssdk.services.s3.model.Owner;

/**
 * Each account is one S3 owner: a canonical user id of 64 lowercase hex characters and a display
 * name, derived from the account alone, and the same in every response that names an owner.
 */
class OwnerIdentityTest extends S3WireTest {
    @RegisterExtension
    static MiniCloudExtension cloud = s3Cloud();

    @Test
    void everyOwnerInEveryResponseIsTheAccountsCanonicalUser() {
        s3.createBucket(b -> b.bucket("owned"));
        s3.putBucketVersioning(
                b -> b.bucket("owned").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        s3.putObject(b -> b.bucket("owned").key("k"), RequestBody.fromString("x"));
        CreateMultipartUploadResponse upload =
                s3.createMultipartUpload(b -> b.bucket("owned").key("mp"));
        s3.uploadPart(
                b -> b.bucket("owned").key("mp").uploadId(upload.uploadId()).partNumber(1),
                RequestBody.fromString("part"));

        List<Owner> owners = new ArrayList<>();
        owners.add(s3.listBuckets().owner());
        owners.add(s3.listObjectsV2(b -> b.bucket("owned").fetchOwner(true))
                .contents()
                .get(0)
                .owner());
        owners.add(s3.listObjects(b -> b.bucket("owned")).contents().get(0).owner());
        owners.add(
                s3.listObjectVersions(b -> b.bucket("owned")).versions().get(0).owner());
        owners.add(s3.listParts(b -> b.bucket("owned").key("mp").uploadId(upload.uploadId()))
                .owner());
        owners.add(
                s3.listMultipartUploads(b -> b.bucket("owned")).uploads().get(0).owner());
        owners.add(s3.getBucketAcl(b -> b.bucket("owned")).owner());
        owners.add(s3.getObjectAcl(b -> b.bucket("owned").key("k")).owner());
        Grantee grantee =
                s3.getBucketAcl(b -> b.bucket("owned")).grants().get(0).grantee();
        owners.add(Owner.builder()
                .id(grantee.id())
                .displayName(grantee.displayName())
                .build());

        Owner expected = owners.get(0);
        assertTrue(expected.id().matches("[0-9a-f]{64}"), expected.id());
        assertEquals(CanonicalUser.canonicalId("000000000000"), expected.id());
        assertEquals("minicloud-000000000000", expected.displayName());
        for (Owner o : owners) {
            assertEquals(expected, o);
        }
        assertEquals(
                expected.id(),
                s3.listParts(b -> b.bucket("owned").key("mp").uploadId(upload.uploadId()))
                        .initiator()
                        .id());
    }

    @Test
    void accountsHaveDistinctIdsThatAreStableAcrossInstances(MiniCloud cloud) throws Exception {
        String ours = s3.listBuckets().owner().id();
        try (S3Client other = TestS3.accountClient(cloud, "111122223333", Region.US_EAST_1)) {
            Owner theirs = other.listBuckets().owner();
            assertNotEquals(ours, theirs.id());
            assertEquals(CanonicalUser.canonicalId("111122223333"), theirs.id());
            assertEquals("minicloud-111122223333", theirs.displayName());
        }
        try (MiniCloud second = MiniCloud.builder().services("s3").start();
                S3Client client = TestS3.syncClient(second, true)) {
            assertEquals(ours, client.listBuckets().owner().id(), "the same account in another instance");
        }
    }
}
