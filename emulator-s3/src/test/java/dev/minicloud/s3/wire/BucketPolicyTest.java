package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minicloud.junit.MiniCloudExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Put/Get/DeleteBucketPolicy through the SDK: stored and returned as sent, checked with S3's errors. */
class BucketPolicyTest extends S3WireTest {
    @RegisterExtension
    static MiniCloudExtension cloud = s3Cloud();

    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"read\","
            + "\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
            + "\"Resource\":\"arn:aws:s3:::policed/*\"}]}";

    @BeforeEach
    void bucket() {
        s3.createBucket(b -> b.bucket("policed"));
        // POLICY is public; new buckets block public policies until their public access block is lifted.
        s3.deletePublicAccessBlock(b -> b.bucket("policed"));
    }

    private void assertMalformed(String policy, String message) {
        S3Exception e = assertThrows(
                S3Exception.class,
                () -> s3.putBucketPolicy(b -> b.bucket("policed").policy(policy)));
        assertEquals(400, e.statusCode());
        assertEquals("MalformedPolicy", e.awsErrorDetails().errorCode());
        assertEquals(message, e.awsErrorDetails().errorMessage());
    }

    @Test
    void aPolicyIsStoredAndReturnedExactlyAsSentThenDeleted() {
        S3Exception none = assertThrows(S3Exception.class, () -> s3.getBucketPolicy(b -> b.bucket("policed")));
        assertEquals(404, none.statusCode());
        assertEquals("NoSuchBucketPolicy", none.awsErrorDetails().errorCode());

        s3.putBucketPolicy(b -> b.bucket("policed").policy(POLICY));
        assertEquals(POLICY, s3.getBucketPolicy(b -> b.bucket("policed")).policy());

        s3.deleteBucketPolicy(b -> b.bucket("policed"));
        s3.deleteBucketPolicy(b -> b.bucket("policed"));
        assertThrows(S3Exception.class, () -> s3.getBucketPolicy(b -> b.bucket("policed")));
    }

    @Test
    void malformedPoliciesAreRefusedWithS3sMessagesAndChangeNothing() {
        s3.putBucketPolicy(b -> b.bucket("policed").policy(POLICY));
        assertMalformed("not json", "Policies must be valid JSON and the first byte must be '{'");
        assertMalformed("{\"Statement\":", "This policy contains invalid Json");
        assertMalformed("{\"Version\":\"2012-10-17\"}", "Missing required field Statement");
        for (String bad : List.of(
                POLICY.replace("\"Allow\"", "\"Permit\""),
                POLICY.replace("s3:GetObject", "ec2:RunInstances"),
                POLICY.replace("s3:GetObject", "s3:GetEverything"),
                POLICY.replace("s3:GetObject", "s3:Fly*"),
                POLICY.replace("arn:aws:s3:::policed/*", "arn:aws:s3:::someone-else/*"),
                POLICY.replace("\"Principal\":\"*\"", "\"Principal\":{\"AWS\":\"nobody\"}"))) {
            assertThrows(
                    S3Exception.class,
                    () -> s3.putBucketPolicy(b -> b.bucket("policed").policy(bad)),
                    bad);
        }
        assertMalformed(
                POLICY.replace("ec2", "").replace("arn:aws:s3:::policed/*", "arn:aws:s3:::other/*"),
                "Policy has invalid resource");
        assertEquals(POLICY, s3.getBucketPolicy(b -> b.bucket("policed")).policy(), "the stored policy is unchanged");
    }

    @Test
    void unknownS3ActionsAreMalformedAndWildcardsMustMatchOne() {
        assertMalformed(POLICY.replace("s3:GetObject", "s3:GetEverything"), "Policy has invalid action");
        assertMalformed(POLICY.replace("s3:GetObject", "s3:Fly*"), "Policy has invalid action");
        s3.putBucketPolicy(b -> b.bucket("policed").policy(POLICY.replace("s3:GetObject", "s3:get*")));
        s3.putBucketPolicy(b -> b.bucket("policed").policy(POLICY.replace("s3:GetObject", "s3:*")));
        assertMalformed(POLICY.replace("s3:GetObject", "s3:CreateJob"), "Policy has invalid action");
    }

    @Test
    void policiesOver20KbAreMalformed() {
        String big = POLICY.replace("\"Sid\":\"read\"", "\"Sid\":\"" + "x".repeat(20 * 1024) + "\"");
        assertMalformed(big, "Policies must not exceed 20480 bytes in size");
    }

    @Test
    void policyStatusSaysWhetherThePolicyIsPublic() {
        S3Exception none = assertThrows(S3Exception.class, () -> s3.getBucketPolicyStatus(b -> b.bucket("policed")));
        assertEquals("NoSuchBucketPolicy", none.awsErrorDetails().errorCode());
        s3.putBucketPolicy(b -> b.bucket("policed").policy(POLICY));
        assertEquals(
                true,
                s3.getBucketPolicyStatus(b -> b.bucket("policed"))
                        .policyStatus()
                        .isPublic());
        String byIp = POLICY.replace(
                "\"Resource\"", "\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}," + "\"Resource\"");
        s3.putBucketPolicy(b -> b.bucket("policed").policy(byIp));
        assertEquals(
                false,
                s3.getBucketPolicyStatus(b -> b.bucket("policed"))
                        .policyStatus()
                        .isPublic(),
                "a statement for everyone pinned to a source IP range is not public");
        String oneAccount = POLICY.replace("\"Principal\":\"*\"", "\"Principal\":{\"AWS\":\"111122223333\"}");
        s3.putBucketPolicy(b -> b.bucket("policed").policy(oneAccount));
        assertEquals(
                false,
                s3.getBucketPolicyStatus(b -> b.bucket("policed"))
                        .policyStatus()
                        .isPublic());
    }

    @Test
    void blockPublicPolicyRefusesPublicPoliciesOnly() {
        s3.createBucket(b -> b.bucket("blocked"));
        String policy = POLICY.replace("policed", "blocked");
        S3Exception denied = assertThrows(
                S3Exception.class,
                () -> s3.putBucketPolicy(b -> b.bucket("blocked").policy(policy)));
        assertEquals(403, denied.statusCode());
        assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
        assertThrows(S3Exception.class, () -> s3.getBucketPolicy(b -> b.bucket("blocked")), "nothing stored");
        String oneAccount = policy.replace("\"Principal\":\"*\"", "\"Principal\":{\"AWS\":\"111122223333\"}");
        s3.putBucketPolicy(b -> b.bucket("blocked").policy(oneAccount));
        assertEquals(oneAccount, s3.getBucketPolicy(b -> b.bucket("blocked")).policy());
    }

    @Test
    void aDeletedBucketComesBackWithoutItsPolicy() {
        s3.putBucketPolicy(b -> b.bucket("policed").policy(POLICY));
        s3.deleteBucket(b -> b.bucket("policed"));
        s3.createBucket(b -> b.bucket("policed"));
        assertThrows(S3Exception.class, () -> s3.getBucketPolicy(b -> b.bucket("policed")));
    }
}
