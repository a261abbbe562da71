package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.junit.MiniCloudExtension;
import dev.minicloud.s3.internal.service.CanonicalUser;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.AccessControlPolicy;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.Grantee;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Type;

/**
 * Bucket and object ACLs and Object Ownership through the SDK: canned ACLs, grant headers and
 * {@code AccessControlPolicy} bodies on every write that takes them, S3's errors, and ACLs being
 * disabled under {@code BucketOwnerEnforced}, S3's default for new buckets.
 */
class AclTest extends S3WireTest {
    @RegisterExtension
    static MiniCloudExtension cloud = s3Cloud();

    private static final String OWNER = CanonicalUser.canonicalId("000000000000");
    private static final String OTHER = CanonicalUser.canonicalId("111122223333");
    private static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
    private static final String AUTHENTICATED = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
    private static final String LOG_DELIVERY = "http://acs.amazonaws.com/groups/s3/LogDelivery";
    private static final String EC2 = "6aa5a366c34c1cbe25dc49211496e913e0351eb0e8c37aa3477e40942ec6b97c";

    /** A bucket with ACLs enabled (ObjectWriter), as buckets made before 2023 or configured so. */
    private void aclBucket(String name) {
        s3.createBucket(b -> b.bucket(name).objectOwnership(ObjectOwnership.OBJECT_WRITER));
        s3.deletePublicAccessBlock(b -> b.bucket(name));
    }

    /** Grants as "type:who:permission" strings, in response order. */
    private static List<String> describe(List<Grant> grants) {
        List<String> out = new ArrayList<>();
        for (Grant g : grants) {
            Grantee e = g.grantee();
            String who = e.type() == Type.GROUP ? e.uri() : e.id();
            out.add(e.typeAsString() + ":" + who + ":" + g.permissionAsString());
        }
        return out;
    }

    private static String user(String id, String permission) {
        return "CanonicalUser:" + id + ":" + permission;
    }

    private static String group(String uri, String permission) {
        return "Group:" + uri + ":" + permission;
    }

    private static void assertS3Error(int status, String code, String message, Executable call) {
        S3Exception e = assertThrows(S3Exception.class, call);
        assertEquals(status, e.statusCode());
        assertEquals(code, e.awsErrorDetails().errorCode());
        if (message != null) {
            assertEquals(message, e.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void newBucketsEnforceBucketOwnershipAndShowTheOwnersFullControl() {
        s3.createBucket(b -> b.bucket("enforced"));
        assertEquals(
                ObjectOwnership.BUCKET_OWNER_ENFORCED,
                s3.getBucketOwnershipControls(b -> b.bucket("enforced"))
                        .ownershipControls()
                        .rules()
                        .get(0)
                        .objectOwnership());
        assertEquals(
                List.of(user(OWNER, "FULL_CONTROL")),
                describe(s3.getBucketAcl(b -> b.bucket("enforced")).grants()));
        assertEquals(
                "minicloud-000000000000",
                s3.getBucketAcl(b -> b.bucket("enforced"))
                        .grants()
                        .get(0)
                        .grantee()
                        .displayName());
    }

    @Test
    void aclWritesOtherThanOwnerFullControlAreRefusedWhileAclsAreDisabled() {
        s3.createBucket(b -> b.bucket("enforced"));
        String message = "The bucket does not allow ACLs";
        assertS3Error(
                400,
                "AccessControlListNotSupported",
                message,
                () -> s3.putBucketAcl(b -> b.bucket("enforced").acl(BucketCannedACL.PUBLIC_READ)));
        assertS3Error(
                400,
                "AccessControlListNotSupported",
                message,
                () -> s3.putBucketAcl(b -> b.bucket("enforced").acl(BucketCannedACL.PRIVATE)));
        assertS3Error(
                400,
                "AccessControlListNotSupported",
                message,
                () -> s3.putObject(
                        b -> b.bucket("enforced").key("k").acl(ObjectCannedACL.PUBLIC_READ),
                        RequestBody.fromString("x")));
        assertS3Error(
                400,
                "AccessControlListNotSupported",
                message,
                () -> s3.createMultipartUpload(
                        b -> b.bucket("enforced").key("k").grantRead("id=\"111122223333\"")));
        assertThrows(
                S3Exception.class, () -> s3.headObject(b -> b.bucket("enforced").key("k")), "nothing stored");

        s3.putObject(
                b -> b.bucket("enforced").key("k").acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL),
                RequestBody.fromString("x"));
        s3.putObjectAcl(b -> b.bucket("enforced").key("k").grantFullControl("id=\"" + OWNER + "\""));
        assertEquals(
                List.of(user(OWNER, "FULL_CONTROL")),
                describe(s3.getObjectAcl(b -> b.bucket("enforced").key("k")).grants()));
        assertS3Error(
                400,
                "AccessControlListNotSupported",
                message,
                () -> s3.copyObject(b -> b.sourceBucket("enforced")
                        .sourceKey("k")
                        .destinationBucket("enforced")
                        .destinationKey("copy")
                        .acl(ObjectCannedACL.AUTHENTICATED_READ)));
    }

    @Test
    void createBucketWithEnforcedOwnershipTakesNoAclThatGrantsOthers() {
        assertS3Error(
                400,
                "InvalidBucketAclWithObjectOwnership",
                "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting",
                () -> s3.createBucket(b -> b.bucket("refused").acl(BucketCannedACL.PUBLIC_READ)));
        assertThrows(S3Exception.class, () -> s3.headBucket(b -> b.bucket("refused")), "no bucket was created");
        s3.createBucket(b -> b.bucket("private-one").acl(BucketCannedACL.PRIVATE));
        assertEquals(
                List.of(user(OWNER, "FULL_CONTROL")),
                describe(s3.getBucketAcl(b -> b.bucket("private-one")).grants()));
    }

    @Test
    void createBucketWithAPublicAclIsRefusedByTheNewBucketsPublicAccessBlock() {
        assertS3Error(
                400,
                "InvalidBucketAclWithBlockPublicAccessError",
                "Bucket cannot have public ACLs set with BlockPublicAccess enabled",
                () -> s3.createBucket(b -> b.bucket("public")
                        .objectOwnership(ObjectOwnership.OBJECT_WRITER)
                        .acl(BucketCannedACL.PUBLIC_READ)));
        s3.createBucket(b -> b.bucket("readable")
                .objectOwnership(ObjectOwnership.OBJECT_WRITER)
                .grantRead("id=\"111122223333\""));
        assertEquals(
                List.of(user(OTHER, "READ")),
                describe(s3.getBucketAcl(b -> b.bucket("readable")).grants()));
    }

    @Test
    void blockPublicAclsRefusesPublicAclsWithAccessDenied() {
        s3.createBucket(b -> b.bucket("blocking").objectOwnership(ObjectOwnership.OBJECT_WRITER));
        assertS3Error(
                403,
                "AccessDenied",
                null,
                () -> s3.putBucketAcl(b -> b.bucket("blocking").acl(BucketCannedACL.PUBLIC_READ)));
        assertS3Error(
                403,
                "AccessDenied",
                null,
                () -> s3.putObject(
                        b -> b.bucket("blocking").key("k").grantRead("uri=\"" + AUTHENTICATED + "\""),
                        RequestBody.fromString("x")));
        s3.putObject(b -> b.bucket("blocking").key("k").grantRead("id=\"111122223333\""), RequestBody.fromString("x"));
        assertEquals(
                List.of(user(OTHER, "READ")),
                describe(s3.getObjectAcl(b -> b.bucket("blocking").key("k")).grants()));
        s3.putPublicAccessBlock(
                b -> b.bucket("blocking").publicAccessBlockConfiguration(c -> c.blockPublicAcls(false)));
        s3.putBucketAcl(b -> b.bucket("blocking").acl(BucketCannedACL.PUBLIC_READ));
        assertEquals(
                List.of(user(OWNER, "FULL_CONTROL"), group(ALL_USERS, "READ")),
                describe(s3.getBucketAcl(b -> b.bucket("blocking")).grants()));
    }

    @Test
    void cannedAclsOnBucketsExpandAsS3Documents() {
        Map<BucketCannedACL, List<String>> expected = Map.of(
                BucketCannedACL.PRIVATE, List.of(user(OWNER, "FULL_CONTROL")),
                BucketCannedACL.PUBLIC_READ, List.of(user(OWNER, "FULL_CONTROL"), group(ALL_USERS, "READ")),
                BucketCannedACL.PUBLIC_READ_WRITE,
                        List.of(user(OWNER, "FULL_CONTROL"), group(ALL_USERS, "READ"), group(ALL_USERS, "WRITE")),
                BucketCannedACL.AUTHENTICATED_READ, List.of(user(OWNER, "FULL_CONTROL"), group(AUTHENTICATED, "READ")));
        for (Map.Entry<BucketCannedACL, List<String>> e : expected.entrySet()) {
            String name = "canned-" + e.getKey().toString();
            aclBucket(name);
            s3.putBucketAcl(b -> b.bucket(name).acl(e.getKey()));
            assertEquals(
                    e.getValue(), describe(s3.getBucketAcl(b -> b.bucket(name)).grants()), name);
        }
        // The SDK's BucketCannedACL has no log-delivery-write, though S3 takes it: sent as a header.
        s3.createBucket(b -> b.bucket("canned-log")
                .objectOwnership(ObjectOwnership.OBJECT_WRITER)
                .overrideConfiguration(o -> o.putHeader("x-amz-acl", "log-delivery-write")));
        assertEquals(
                List.of(user(OWNER, "FULL_CONTROL"), group(LOG_DELIVERY, "WRITE"), group(LOG_DELIVERY, "READ_ACP")),
                describe(s3.getBucketAcl(b -> b.bucket("canned-log")).grants()));
    }

    @Test
    void cannedAclsOnObjectsExpandAsS3Documents() {
        aclBucket("objects");
        Map<ObjectCannedACL, List<String>> expected = Map.of(
                ObjectCannedACL.PRIVATE, List.of(user(OWNER, "FULL_CONTROL")),
                ObjectCannedACL.PUBLIC_READ, List.of(user(OWNER, "FULL_CONTROL"), group(ALL_USERS, "READ")),
                ObjectCannedACL.AUTHENTICATED_READ, List.of(user(OWNER, "FULL_CONTROL"), group(AUTHENTICATED, "READ")),
                ObjectCannedACL.AWS_EXEC_READ, List.of(user(OWNER, "FULL_CONTROL"), user(EC2, "READ")),
                ObjectCannedACL.BUCKET_OWNER_READ, List.of(user(OWNER, "FULL_CONTROL")),
                ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL, List.of(user(OWNER, "FULL_CONTROL")));
        for (Map.Entry<ObjectCannedACL, List<String>> e : expected.entrySet()) {
            String key = e.getKey().toString();
            s3.putObject(b -> b.bucket("objects").key(key).acl(e.getKey()), RequestBody.fromString("x"));
            assertEquals(
                    e.getValue(),
                    describe(s3.getObjectAcl(b -> b.bucket("objects").key(key)).grants()),
                    key);
        }
    }

    @Test
    void grantHeadersNameAccountsCanonicalIdsAndGroups() {
        aclBucket("granted");
        s3.putBucketAcl(b -> b.bucket("granted")
                .grantFullControl("id=\"" + OWNER + "\"")
                .grantRead("id=\"111122223333\", uri=\"" + ALL_USERS + "\"")
                .grantWriteACP("id=" + OTHER)
                .grantWrite("uri=\"" + LOG_DELIVERY + "\""));
        List<Grant> grants = s3.getBucketAcl(b -> b.bucket("granted")).grants();
        assertEquals(
                List.of(
                                user(OWNER, "FULL_CONTROL"),
                                group(LOG_DELIVERY, "WRITE"),
                                user(OTHER, "WRITE_ACP"),
                                user(OTHER, "READ"),
                                group(ALL_USERS, "READ"))
                        .stream()
                        .sorted()
                        .toList(),
                describe(grants).stream().sorted().toList());
        assertTrue(describe(grants).contains(user(OTHER, "READ")), "a 12-digit account id names that account");
    }

    @Test
    void objectWritesTakeAclsFromTheirHeaders() {
        aclBucket("writes");
        s3.putObject(b -> b.bucket("writes").key("src"), RequestBody.fromString("x"));
        s3.copyObject(b -> b.sourceBucket("writes")
                .sourceKey("src")
                .destinationBucket("writes")
                .destinationKey("copy")
                .grantRead("uri=\"" + AUTHENTICATED + "\""));
        // Grant headers are the whole ACL, as on S3: the owner keeps no FULL_CONTROL grant it did not name.
        assertEquals(
                List.of(group(AUTHENTICATED, "READ")),
                describe(s3.getObjectAcl(b -> b.bucket("writes").key("copy")).grants()));

        s3.putObjectAcl(b -> b.bucket("writes").key("src").acl(ObjectCannedACL.PUBLIC_READ));
        s3.copyObject(b -> b.sourceBucket("writes")
                .sourceKey("src")
                .destinationBucket("writes")
                .destinationKey("plain"));
        assertEquals(
                List.of(user(OWNER, "FULL_CONTROL")),
                describe(s3.getObjectAcl(b -> b.bucket("writes").key("plain")).grants()),
                "a copy never takes the source's ACL");

        String uploadId = s3.createMultipartUpload(
                        b -> b.bucket("writes").key("mp").acl(ObjectCannedACL.PUBLIC_READ))
                .uploadId();
        String etag = s3.uploadPart(
                        b -> b.bucket("writes").key("mp").uploadId(uploadId).partNumber(1),
                        RequestBody.fromString("part"))
                .eTag();
        s3.completeMultipartUpload(b -> b.bucket("writes")
                .key("mp")
                .uploadId(uploadId)
                .multipartUpload(m ->
                        m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
        assertEquals(
                List.of(user(OWNER, "FULL_CONTROL"), group(ALL_USERS, "READ")),
                describe(s3.getObjectAcl(b -> b.bucket("writes").key("mp")).grants()));
    }

    @Test
    void accessControlPolicyBodySetsTheAclOfOneVersion() {
        aclBucket("versions");
        s3.putBucketVersioning(
                b -> b.bucket("versions").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        String first = s3.putObject(b -> b.bucket("versions").key("k"), RequestBody.fromString("1"))
                .versionId();
        s3.putObject(b -> b.bucket("versions").key("k"), RequestBody.fromString("2"));
        AccessControlPolicy policy = AccessControlPolicy.builder()
                .owner(o -> o.id(OWNER))
                .grants(
                        Grant.builder()
                                .grantee(g -> g.type(Type.CANONICAL_USER).id(OWNER))
                                .permission(Permission.FULL_CONTROL)
                                .build(),
                        Grant.builder()
                                .grantee(g -> g.type(Type.CANONICAL_USER).id(OTHER))
                                .permission(Permission.READ_ACP)
                                .build(),
                        Grant.builder()
                                .grantee(g -> g.type(Type.GROUP).uri(ALL_USERS))
                                .permission(Permission.READ)
                                .build())
                .build();
        s3.putObjectAcl(b -> b.bucket("versions").key("k").versionId(first).accessControlPolicy(policy));
        assertEquals(
                List.of(user(OWNER, "FULL_CONTROL"), user(OTHER, "READ_ACP"), group(ALL_USERS, "READ")),
                describe(s3.getObjectAcl(b -> b.bucket("versions").key("k").versionId(first))
                        .grants()));
        assertEquals(
                List.of(user(OWNER, "FULL_CONTROL")),
                describe(s3.getObjectAcl(b -> b.bucket("versions").key("k")).grants()),
                "the latest version is unchanged");
        assertS3Error(
                404,
                "NoSuchVersion",
                null,
                () -> s3.putObjectAcl(
                        b -> b.bucket("versions").key("k").versionId("nope").acl(ObjectCannedACL.PRIVATE)));
    }

    @Test
    void badAclRequestsGetS3sErrorsAndChangeNothing() {
        aclBucket("bad");
        s3.putBucketAcl(b -> b.bucket("bad").acl(BucketCannedACL.PUBLIC_READ));
        List<String> before = describe(s3.getBucketAcl(b -> b.bucket("bad")).grants());

        assertS3Error(
                400,
                "InvalidRequest",
                "Specifying both Canned ACLs and Header Grants is not allowed",
                () -> s3.putBucketAcl(
                        b -> b.bucket("bad").acl(BucketCannedACL.PRIVATE).grantRead("id=\"" + OTHER + "\"")));
        assertS3Error(
                400,
                "UnresolvableGrantByEmailAddress",
                "The e-mail address you provided does not match any account on record.",
                () -> s3.putBucketAcl(b -> b.bucket("bad").grantRead("emailAddress=\"someone@example.com\"")));
        assertS3Error(
                400,
                "InvalidArgument",
                "Argument format not recognized",
                () -> s3.putBucketAcl(b -> b.bucket("bad").grantRead("nonsense")));
        assertS3Error(
                400,
                "InvalidArgument",
                "Invalid id",
                () -> s3.putBucketAcl(b -> b.bucket("bad").grantRead("id=\"not-an-id\"")));
        assertS3Error(
                400,
                "InvalidArgument",
                "Invalid group uri",
                () -> s3.putBucketAcl(b -> b.bucket("bad").grantRead("uri=\"http://acs.amazonaws.com/groups/none\"")));
        AccessControlPolicy foreignOwner = AccessControlPolicy.builder()
                .owner(o -> o.id(OTHER))
                .grants(Grant.builder()
                        .grantee(g -> g.type(Type.CANONICAL_USER).id(OTHER))
                        .permission(Permission.FULL_CONTROL)
                        .build())
                .build();
        assertS3Error(
                403,
                "AccessDenied",
                null,
                () -> s3.putBucketAcl(b -> b.bucket("bad").accessControlPolicy(foreignOwner)));
        assertEquals(before, describe(s3.getBucketAcl(b -> b.bucket("bad")).grants()));
    }

    @Test
    void malformedAclBodiesAndMissingAclsAnswerOnTheWire() throws Exception {
        aclBucket("raw");
        HttpResponse<String> malformed =
                raw.put("/raw?acl", "<AccessControlPolicy><Owner>".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, malformed.statusCode());
        assertTrue(
                malformed
                        .body()
                        .contains("<Code>MalformedACLError</Code><Message>The XML you provided was not "
                                + "well-formed or did not validate against our published schema</Message>"),
                malformed.body());
        HttpResponse<String> badPermission = raw.put(
                "/raw?acl",
                ("<AccessControlPolicy><Owner><ID>" + OWNER
                                + "</ID></Owner><AccessControlList><Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                                + "xsi:type=\"CanonicalUser\"><ID>" + OWNER
                                + "</ID></Grantee><Permission>EVERYTHING</Permission></Grant>"
                                + "</AccessControlList></AccessControlPolicy>")
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(400, badPermission.statusCode());
        assertTrue(badPermission.body().contains("<Code>MalformedACLError</Code>"), badPermission.body());
        HttpResponse<String> none = raw.put("/raw?acl", new byte[0]);
        assertEquals(400, none.statusCode());
        assertTrue(
                none.body()
                        .contains("<Code>MissingSecurityHeader</Code><Message>Your request was missing a "
                                + "required header</Message><MissingHeaderName>x-amz-acl</MissingHeaderName>"),
                none.body());
        HttpResponse<String> both =
                raw.put("/raw?acl", "<AccessControlPolicy/>".getBytes(StandardCharsets.UTF_8), "x-amz-acl", "private");
        assertEquals(400, both.statusCode());
        assertTrue(both.body().contains("<Code>UnexpectedContent</Code>"), both.body());
        HttpResponse<String> badCanned = raw.put("/raw?acl", new byte[0], "x-amz-acl", "world-writable");
        assertEquals(400, badCanned.statusCode());
        assertTrue(
                badCanned
                        .body()
                        .contains(
                                "<Code>InvalidArgument</Code><Message></Message>"
                                        + "<ArgumentName>x-amz-acl</ArgumentName><ArgumentValue>world-writable</ArgumentValue>"),
                badCanned.body());
        HttpResponse<String> email = raw.put(
                "/raw?acl",
                ("<AccessControlPolicy><Owner><ID>" + OWNER + "</ID></Owner>"
                                + "<AccessControlList><Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                                + "xsi:type=\"AmazonCustomerByEmail\"><EmailAddress>a@example.com</EmailAddress></Grantee>"
                                + "<Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy>")
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(400, email.statusCode());
        assertTrue(email.body().contains("<Code>UnresolvableGrantByEmailAddress</Code>"), email.body());
        assertTrue(email.body().contains("<EmailAddress>a@example.com</EmailAddress>"), email.body());
        assertEquals(200, raw.get("/raw?acl").statusCode(), "the server keeps serving");
    }

    @Test
    void ownershipControlsArePutReadAndDeleted() throws Exception {
        s3.createBucket(b -> b.bucket("owning"));
        s3.putBucketOwnershipControls(b -> b.bucket("owning")
                .ownershipControls(c -> c.rules(r -> r.objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED))));
        assertEquals(
                ObjectOwnership.BUCKET_OWNER_PREFERRED,
                s3.getBucketOwnershipControls(b -> b.bucket("owning"))
                        .ownershipControls()
                        .rules()
                        .get(0)
                        .objectOwnership());
        s3.deletePublicAccessBlock(b -> b.bucket("owning"));
        s3.putBucketAcl(b -> b.bucket("owning").acl(BucketCannedACL.PUBLIC_READ));
        assertS3Error(
                400,
                "InvalidBucketAclWithObjectOwnership",
                null,
                () -> s3.putBucketOwnershipControls(b -> b.bucket("owning")
                        .ownershipControls(
                                c -> c.rules(r -> r.objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)))));
        s3.putBucketAcl(b -> b.bucket("owning").acl(BucketCannedACL.PRIVATE));
        s3.putBucketOwnershipControls(b -> b.bucket("owning")
                .ownershipControls(c -> c.rules(r -> r.objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED))));

        s3.deleteBucketOwnershipControls(b -> b.bucket("owning"));
        S3Exception gone =
                assertThrows(S3Exception.class, () -> s3.getBucketOwnershipControls(b -> b.bucket("owning")));
        assertEquals(404, gone.statusCode());
        assertEquals("OwnershipControlsNotFoundError", gone.awsErrorDetails().errorCode());
        s3.putBucketAcl(b -> b.bucket("owning").acl(BucketCannedACL.PUBLIC_READ));
        assertEquals(
                List.of(user(OWNER, "FULL_CONTROL"), group(ALL_USERS, "READ")),
                describe(s3.getBucketAcl(b -> b.bucket("owning")).grants()),
                "without ownership controls ACLs apply");

        HttpResponse<String> malformed = raw.put(
                "/owning?ownershipControls",
                ("<OwnershipControls><Rule>" + "<ObjectOwnership>Nobody</ObjectOwnership></Rule></OwnershipControls>")
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(400, malformed.statusCode());
        assertTrue(malformed.body().contains("<Code>MalformedXML</Code>"), malformed.body());
        HttpResponse<String> badHeader = raw.put("/new-bucket", new byte[0], "x-amz-object-ownership", "Nobody");
        assertEquals(400, badHeader.statusCode());
        assertTrue(badHeader.body().contains("<Code>InvalidArgument</Code>"), badHeader.body());
    }
}
