package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.MutableClock;
import dev.minicloud.junit.MiniCloudExtension;
import dev.minicloud.s3.internal.service.CanonicalUser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Access enforcement in strict mode, as a matrix: three callers (the bucket owner's account,
 * another account, an anonymous client) against one bucket set up with no grant, ACL grants,
 * policy allows and denies, conditional policies and the public access block, each through the
 * SDK v2. Each row says which of the three may make the request.
 */
class AccessEnforcementTest {
    private static final String OWNER = "111111111111";
    private static final String OTHER = "222222222222";
    private static final String OWNER_SECRET = "owner-secret";
    private static final String OTHER_SECRET = "other-secret";

    private static final MutableClock CLOCK = MutableClock.startingAt(Instant.now());

    @RegisterExtension
    static MiniCloudExtension strict = MiniCloudExtension.builder()
            .services("s3")
            .clock(CLOCK)
            .credentials(OWNER, OWNER_SECRET)
            .credentials(OTHER, OTHER_SECRET)
            .setting("s3-auth", "strict")
            .build();

    /** Who calls. */
    enum Caller {
        OWNER_ACCOUNT,
        OTHER_ACCOUNT,
        ANONYMOUS
    }

    /** What the caller asks of the bucket. */
    enum Request {
        GET_OBJECT,
        LIST_PUBLIC_PREFIX,
        LIST_PRIVATE_PREFIX,
        PUT_OBJECT
    }

    /** One row: how the owner sets the bucket up, the request, and who may make it (owner, other, anonymous). */
    enum Row {
        NO_GRANT(Request.GET_OBJECT, true, false, false, (t, b) -> {}),
        OBJECT_ACL_PUBLIC_READ(Request.GET_OBJECT, true, true, true, (t, b) -> {
            t.aclsOn(b);
            t.owner.putObject(
                    r -> r.bucket(b).key("doc.txt").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("doc"));
        }),
        OBJECT_ACL_AUTHENTICATED_READ(Request.GET_OBJECT, true, true, false, (t, b) -> {
            t.aclsOn(b);
            t.owner.putObject(
                    r -> r.bucket(b).key("doc.txt").acl(ObjectCannedACL.AUTHENTICATED_READ),
                    RequestBody.fromString("doc"));
        }),
        OBJECT_ACL_GRANT_TO_OTHER_ACCOUNT(Request.GET_OBJECT, true, true, false, (t, b) -> {
            t.aclsOn(b);
            t.owner.putObject(
                    r -> r.bucket(b).key("doc.txt").grantRead("id=" + CanonicalUser.canonicalId(OTHER)),
                    RequestBody.fromString("doc"));
        }),
        BUCKET_ACL_WRITE_TO_OTHER_ACCOUNT(Request.PUT_OBJECT, true, true, false, (t, b) -> {
            t.aclsOn(b);
            t.owner.putBucketAcl(r -> r.bucket(b)
                    .grantWrite("id=" + CanonicalUser.canonicalId(OTHER))
                    .grantFullControl("id=" + CanonicalUser.canonicalId(OWNER)));
        }),
        BUCKET_ACL_PUBLIC_READ_LISTS(Request.LIST_PRIVATE_PREFIX, true, true, true, (t, b) -> {
            t.aclsOn(b);
            t.owner.putBucketAcl(r -> r.bucket(b).acl(BucketCannedACL.PUBLIC_READ));
        }),
        ACLS_IGNORED_ONCE_OWNER_ENFORCED(Request.GET_OBJECT, true, false, false, (t, b) -> {
            t.aclsOn(b);
            t.owner.putObject(
                    r -> r.bucket(b).key("doc.txt").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("doc"));
            t.owner.putBucketOwnershipControls(r -> r.bucket(b)
                    .ownershipControls(o -> o.rules(x -> x.objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED))));
        }),
        IGNORE_PUBLIC_ACLS(Request.GET_OBJECT, true, false, false, (t, b) -> {
            t.aclsOn(b);
            t.owner.putObject(
                    r -> r.bucket(b).key("doc.txt").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("doc"));
            t.owner.putPublicAccessBlock(
                    r -> r.bucket(b).publicAccessBlockConfiguration(c -> c.ignorePublicAcls(true)));
        }),
        IGNORE_PUBLIC_ACLS_KEEPS_ACCOUNT_GRANTS(Request.GET_OBJECT, true, true, false, (t, b) -> {
            t.aclsOn(b);
            t.owner.putObject(
                    r -> r.bucket(b)
                            .key("doc.txt")
                            .grantRead("id=" + CanonicalUser.canonicalId(OTHER)
                                    + ",uri=http://acs.amazonaws.com/groups/global/AllUsers"),
                    RequestBody.fromString("doc"));
            t.owner.putPublicAccessBlock(
                    r -> r.bucket(b).publicAccessBlockConfiguration(c -> c.ignorePublicAcls(true)));
        }),
        POLICY_ALLOWS_OTHER_ACCOUNT(
                Request.GET_OBJECT,
                true,
                true,
                false,
                (t, b) -> t.policy(
                        b,
                        allow(
                                "{\"AWS\":\"arn:aws:iam::" + OTHER + ":root\"}",
                                "s3:GetObject",
                                "arn:aws:s3:::" + b + "/*",
                                ""))),
        POLICY_ALLOWS_EVERYONE(
                Request.GET_OBJECT,
                true,
                true,
                true,
                (t, b) -> t.publicPolicy(b, allow("\"*\"", "s3:Get*", "arn:aws:s3:::" + b + "/*", ""))),
        RESTRICT_PUBLIC_BUCKETS(Request.GET_OBJECT, true, false, false, (t, b) -> {
            t.publicPolicy(b, allow("\"*\"", "s3:GetObject", "arn:aws:s3:::" + b + "/*", ""));
            t.owner.putPublicAccessBlock(
                    r -> r.bucket(b).publicAccessBlockConfiguration(c -> c.restrictPublicBuckets(true)));
        }),
        POLICY_DENY_WINS_EVEN_FOR_THE_OWNER(
                Request.GET_OBJECT,
                false,
                false,
                false,
                (t, b) -> t.publicPolicy(
                        b,
                        allow("\"*\"", "s3:GetObject", "arn:aws:s3:::" + b + "/*", "") + ","
                                + "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::"
                                + b + "/doc.txt\"}")),
        POLICY_SOURCE_IP_LOOPBACK(
                Request.GET_OBJECT,
                true,
                true,
                true,
                (t, b) -> t.policy(
                        b,
                        allow(
                                "\"*\"",
                                "s3:GetObject",
                                "arn:aws:s3:::" + b + "/*",
                                ",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":[\"127.0.0.1/32\",\"::1/128\"]}}"))),
        POLICY_SOURCE_IP_ELSEWHERE(
                Request.GET_OBJECT,
                true,
                false,
                false,
                (t, b) -> t.policy(
                        b,
                        allow(
                                "\"*\"",
                                "s3:GetObject",
                                "arn:aws:s3:::" + b + "/*",
                                ",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"192.0.2.0/24\"}}"))),
        POLICY_DENIES_PLAIN_HTTP(
                Request.GET_OBJECT,
                false,
                false,
                false,
                (t, b) -> t.publicPolicy(
                        b,
                        allow("\"*\"", "s3:GetObject", "arn:aws:s3:::" + b + "/*", "") + ","
                                + "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::"
                                + b
                                + "\",\"arn:aws:s3:::" + b
                                + "/*\"],\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}")),
        POLICY_PREFIX_ALLOWS_PUBLIC_LISTING(
                Request.LIST_PUBLIC_PREFIX,
                true,
                true,
                true,
                (t, b) -> t.publicPolicy(
                        b,
                        allow(
                                "\"*\"",
                                "s3:ListBucket",
                                "arn:aws:s3:::" + b,
                                ",\"Condition\":{\"StringLike\":{\"s3:prefix\":\"public/*\"}}"))),
        POLICY_PREFIX_REFUSES_OTHER_LISTING(
                Request.LIST_PRIVATE_PREFIX,
                true,
                false,
                false,
                (t, b) -> t.publicPolicy(
                        b,
                        allow(
                                "\"*\"",
                                "s3:ListBucket",
                                "arn:aws:s3:::" + b,
                                ",\"Condition\":{\"StringLike\":{\"s3:prefix\":\"public/*\"}}"))),
        POLICY_ALLOWS_EVERYONE_TO_WRITE(
                Request.PUT_OBJECT,
                true,
                true,
                true,
                (t, b) -> t.publicPolicy(b, allow("\"*\"", "s3:PutObject", "arn:aws:s3:::" + b + "/upload-*", ""))),
        POLICY_PRINCIPAL_ACCOUNT_CONDITION(
                Request.PUT_OBJECT,
                true,
                true,
                false,
                (t, b) -> t.policy(
                        b,
                        allow(
                                "{\"AWS\":\"*\"}",
                                "s3:PutObject",
                                "arn:aws:s3:::" + b + "/*",
                                ",\"Condition\":{\"StringEquals\":{\"aws:PrincipalAccount\":\"" + OTHER + "\"}}"))),
        POLICY_CANNED_ACL_CONDITION(
                Request.PUT_OBJECT,
                true,
                true,
                false,
                (t, b) -> t.policy(
                        b,
                        allow(
                                "{\"AWS\":\"" + OTHER + "\"}",
                                "s3:PutObject",
                                "arn:aws:s3:::" + b + "/*",
                                ",\"Condition\":{\"StringEquals\":{\"s3:x-amz-acl\":\"bucket-owner-full-control\"}}"))),
        POLICY_ENCRYPTION_HEADER_CONDITION(
                Request.PUT_OBJECT,
                true,
                false,
                false,
                (t, b) -> t.policy(
                        b,
                        allow(
                                "{\"AWS\":\"" + OTHER + "\"}",
                                "s3:PutObject",
                                "arn:aws:s3:::" + b + "/*",
                                ",\"Condition\":{\"StringEquals\":{\"s3:x-amz-server-side-encryption\":\"aws:kms\"}}")));

        final Request request;
        final boolean owner;
        final boolean other;
        final boolean anonymous;
        final Setup setup;

        Row(Request request, boolean owner, boolean other, boolean anonymous, Setup setup) {
            this.request = request;
            this.owner = owner;
            this.other = other;
            this.anonymous = anonymous;
            this.setup = setup;
        }

        boolean allows(Caller c) {
            return switch (c) {
                case OWNER_ACCOUNT -> owner;
                case OTHER_ACCOUNT -> other;
                case ANONYMOUS -> anonymous;
            };
        }

        String bucket() {
            return "acc-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    @FunctionalInterface
    interface Setup {
        void apply(AccessEnforcementTest t, String bucket);
    }

    private static String allow(String principal, String action, String resource, String condition) {
        return "{\"Effect\":\"Allow\",\"Principal\":" + principal + ",\"Action\":\"" + action + "\",\"Resource\":\""
                + resource + "\"" + condition + "}";
    }

    private MiniCloud cloud;
    private S3Client owner;
    private S3Client other;
    private S3Client anonymous;

    @BeforeEach
    void clients() {
        cloud = strict.getMiniCloud();
        CLOCK.set(Instant.now()); // the SDK signs with the real time
        owner = client(() -> AwsBasicCredentials.create(OWNER, OWNER_SECRET));
        other = client(() -> AwsBasicCredentials.create(OTHER, OTHER_SECRET));
        anonymous = client(AnonymousCredentialsProvider.create());
    }

    @AfterEach
    void close() {
        owner.close();
        other.close();
        anonymous.close();
    }

    private S3Client client(AwsCredentialsProvider credentials) {
        return S3Client.builder()
                .endpointOverride(TestS3.endpoint(cloud))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(credentials)
                .build();
    }

    private S3Client as(Caller c) {
        return switch (c) {
            case OWNER_ACCOUNT -> owner;
            case OTHER_ACCOUNT -> other;
            case ANONYMOUS -> anonymous;
        };
    }

    void aclsOn(String bucket) {
        owner.putBucketOwnershipControls(r -> r.bucket(bucket)
                .ownershipControls(o -> o.rules(x -> x.objectOwnership(ObjectOwnership.OBJECT_WRITER))));
        owner.deletePublicAccessBlock(r -> r.bucket(bucket));
    }

    void policy(String bucket, String statements) {
        owner.putBucketPolicy(
                r -> r.bucket(bucket).policy("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}"));
    }

    void publicPolicy(String bucket, String statements) {
        owner.deletePublicAccessBlock(r -> r.bucket(bucket)); // BlockPublicPolicy would refuse it
        policy(bucket, statements);
    }

    /** The row's bucket with the owner's objects in it, then the row's setup. */
    private String bucketFor(Row row) {
        String b = row.bucket();
        owner.createBucket(r -> r.bucket(b));
        owner.putObject(r -> r.bucket(b).key("doc.txt"), RequestBody.fromString("doc"));
        owner.putObject(r -> r.bucket(b).key("public/a.txt"), RequestBody.fromString("a"));
        owner.putObject(r -> r.bucket(b).key("private/b.txt"), RequestBody.fromString("b"));
        row.setup.apply(this, b);
        return b;
    }

    @ParameterizedTest
    @EnumSource(Row.class)
    void eachCallerGetsExactlyWhatTheBucketGrants(Row row) {
        String b = bucketFor(row);
        assertAll(Stream.of(Caller.values()).map(caller -> () -> assertAccess(row, b, caller)));
    }

    private void assertAccess(Row row, String b, Caller caller) {
        S3Client c = as(caller);
        Function<S3Client, Object> call = switch (row.request) {
            case GET_OBJECT ->
                s -> s.getObjectAsBytes(r -> r.bucket(b).key("doc.txt")).asUtf8String();
            case LIST_PUBLIC_PREFIX ->
                s -> s.listObjectsV2(r -> r.bucket(b).prefix("public/")).keyCount();
            case LIST_PRIVATE_PREFIX ->
                s -> s.listObjectsV2(r -> r.bucket(b).prefix("private/")).keyCount();
            case PUT_OBJECT ->
                s -> s.putObject(
                                r -> r.bucket(b)
                                        .key("upload-" + caller)
                                        .acl(
                                                caller == Caller.OTHER_ACCOUNT
                                                        ? ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL
                                                        : null),
                                RequestBody.fromString("x"))
                        .eTag();
        };
        if (row.allows(caller)) {
            Object result = assertDoesNotThrow(() -> call.apply(c), caller + " may");
            switch (row.request) {
                case GET_OBJECT -> assertEquals("doc", result);
                case LIST_PUBLIC_PREFIX, LIST_PRIVATE_PREFIX -> assertEquals(1, result);
                case PUT_OBJECT ->
                    assertEquals(
                            "x",
                            owner.getObjectAsBytes(r -> r.bucket(b).key("upload-" + caller))
                                    .asUtf8String(),
                            "the write landed in the owner's bucket");
            }
        } else {
            S3Exception denied = assertThrows(S3Exception.class, () -> call.apply(c), caller + " may not");
            assertEquals(403, denied.statusCode(), denied.getMessage());
            assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
            assertEquals("Access Denied", denied.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void aDeniedHeadIsABodiless403AndAnUnknownBucketIsNoSuchBucket() throws Exception {
        owner.createBucket(r -> r.bucket("acc-head"));
        owner.putObject(r -> r.bucket("acc-head").key("k"), RequestBody.fromString("v"));
        HttpClient http = HttpClient.newHttpClient();
        URI object = URI.create(TestS3.endpoint(cloud) + "/acc-head/k");
        HttpResponse<String> head = http.send(
                HttpRequest.newBuilder(object)
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, head.statusCode());
        assertEquals("", head.body());
        HttpResponse<String> get =
                http.send(HttpRequest.newBuilder(object).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, get.statusCode());
        assertTrue(get.body().contains("<Code>AccessDenied</Code><Message>Access Denied</Message>"), get.body());
        HttpResponse<String> missing = http.send(
                HttpRequest.newBuilder(URI.create(TestS3.endpoint(cloud) + "/acc-nowhere/k"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("<Code>NoSuchBucket</Code>"), missing.body());
    }

    @Test
    void aMissingKeyIs404OnlyForCallersWhoMayListTheBucket() {
        owner.createBucket(r -> r.bucket("acc-missing"));
        policy("acc-missing", allow("{\"AWS\":\"" + OTHER + "\"}", "s3:GetObject", "arn:aws:s3:::acc-missing/*", ""));
        S3Exception hidden = assertThrows(
                S3Exception.class,
                () -> other.getObjectAsBytes(r -> r.bucket("acc-missing").key("nope")));
        assertEquals(403, hidden.statusCode(), "without s3:ListBucket a missing key looks refused");
        assertEquals(
                404,
                assertThrows(
                                S3Exception.class,
                                () -> owner.getObjectAsBytes(
                                        r -> r.bucket("acc-missing").key("nope")))
                        .statusCode());
        policy(
                "acc-missing",
                allow("{\"AWS\":\"" + OTHER + "\"}", "s3:GetObject", "arn:aws:s3:::acc-missing/*", "") + ","
                        + allow("{\"AWS\":\"" + OTHER + "\"}", "s3:ListBucket", "arn:aws:s3:::acc-missing", ""));
        S3Exception missing = assertThrows(
                S3Exception.class,
                () -> other.getObjectAsBytes(r -> r.bucket("acc-missing").key("nope")));
        assertEquals(404, missing.statusCode());
        assertEquals("NoSuchKey", missing.awsErrorDetails().errorCode());
    }

    @Test
    void listBucketsListsTheCallersOwnBucketsAndRefusesAnonymousCallers() {
        owner.createBucket(r -> r.bucket("acc-listed-owner"));
        other.createBucket(r -> r.bucket("acc-listed-other"));
        assertTrue(
                owner.listBuckets().buckets().stream().noneMatch(x -> x.name().equals("acc-listed-other")));
        assertTrue(other.listBuckets().buckets().stream().anyMatch(x -> x.name().equals("acc-listed-other")));
        assertTrue(
                other.listBuckets().buckets().stream().noneMatch(x -> x.name().equals("acc-listed-owner")));
        S3Exception denied = assertThrows(S3Exception.class, () -> anonymous.listBuckets());
        assertEquals(403, denied.statusCode());
        assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
        assertEquals(
                403,
                assertThrows(S3Exception.class, () -> anonymous.createBucket(r -> r.bucket("acc-anon")))
                        .statusCode());
    }

    @Test
    void expectedBucketOwnerMustMatch() {
        owner.createBucket(r -> r.bucket("acc-expected"));
        owner.putObject(r -> r.bucket("acc-expected").key("k"), RequestBody.fromString("v"));
        assertEquals(
                "v",
                owner.getObjectAsBytes(r -> r.bucket("acc-expected").key("k").expectedBucketOwner(OWNER))
                        .asUtf8String());
        S3Exception wrong = assertThrows(
                S3Exception.class,
                () -> owner.getObjectAsBytes(
                        r -> r.bucket("acc-expected").key("k").expectedBucketOwner(OTHER)));
        assertEquals(403, wrong.statusCode());
        assertEquals("AccessDenied", wrong.awsErrorDetails().errorCode());
    }

    @Test
    void aNameBothAccountsHaveResolvesToTheCallersOwnFirstAndOtherwiseByExpectedOwner() {
        owner.createBucket(r -> r.bucket("acc-shared-name"));
        other.createBucket(r -> r.bucket("acc-shared-name"));
        owner.putObject(r -> r.bucket("acc-shared-name").key("k"), RequestBody.fromString("owner's"));
        other.putObject(r -> r.bucket("acc-shared-name").key("k"), RequestBody.fromString("other's"));
        assertEquals(
                "owner's",
                owner.getObjectAsBytes(r -> r.bucket("acc-shared-name").key("k"))
                        .asUtf8String());
        assertEquals(
                "other's",
                other.getObjectAsBytes(r -> r.bucket("acc-shared-name").key("k"))
                        .asUtf8String());
    }

    @Test
    void deleteObjectsAnswersAccessDeniedPerKeyAndKeepsTheObjects() {
        owner.createBucket(r -> r.bucket("acc-multi-delete"));
        owner.putObject(r -> r.bucket("acc-multi-delete").key("a"), RequestBody.fromString("a"));
        owner.putObject(r -> r.bucket("acc-multi-delete").key("open/b"), RequestBody.fromString("b"));
        policy(
                "acc-multi-delete",
                allow("{\"AWS\":\"" + OTHER + "\"}", "s3:DeleteObject", "arn:aws:s3:::acc-multi-delete/open/*", ""));
        DeleteObjectsResponse r = other.deleteObjects(d -> d.bucket("acc-multi-delete")
                .delete(x -> x.objects(
                        ObjectIdentifier.builder().key("a").build(),
                        ObjectIdentifier.builder().key("open/b").build())));
        assertEquals(1, r.errors().size());
        assertEquals("a", r.errors().get(0).key());
        assertEquals("AccessDenied", r.errors().get(0).code());
        assertEquals("open/b", r.deleted().get(0).key());
        assertEquals(
                "a",
                owner.getObjectAsBytes(g -> g.bucket("acc-multi-delete").key("a"))
                        .asUtf8String());
    }

    @Test
    void aFormUploadSignedByAnotherAccountNeedsPutObjectOnTheKey() throws Exception {
        owner.createBucket(r -> r.bucket("acc-forms"));
        Instant now = Instant.now();
        Function<String, HttpResponse<String>> post = key -> {
            byte[] body = new PostForm()
                    .field("key", key)
                    .condition("{\"bucket\": \"acc-forms\"}")
                    .condition("[\"starts-with\", \"$key\", \"\"]")
                    .sign(OTHER, OTHER_SECRET, "us-east-1", now, now.plus(Duration.ofMinutes(10)))
                    .body("f", "text/plain", "from a form".getBytes(StandardCharsets.UTF_8));
            try {
                return HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(TestS3.endpoint(cloud) + "/acc-forms"))
                                        .header("Content-Type", PostForm.contentType())
                                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        HttpResponse<String> refused = post.apply("forms/a.txt");
        assertEquals(403, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("<Code>AccessDenied</Code>"), refused.body());
        policy(
                "acc-forms",
                allow(
                        "{\"AWS\":\"" + OTHER + "\"}",
                        "s3:PutObject",
                        "arn:aws:s3:::acc-forms/forms/*",
                        ",\"Condition\":{\"StringEquals\":{\"s3:authType\":\"POST\"}}"));
        HttpResponse<String> stored = post.apply("forms/a.txt");
        assertEquals(204, stored.statusCode(), stored.body());
        assertEquals(
                "from a form",
                owner.getObjectAsBytes(r -> r.bucket("acc-forms").key("forms/a.txt"))
                        .asUtf8String());
        assertEquals(403, post.apply("elsewhere.txt").statusCode(), "the grant covers forms/* only");
    }

    @Test
    void aPreflightFindsTheOneAccountWithTheBucketAndNeedsNoGrant() throws Exception {
        other.createBucket(r -> r.bucket("acc-cors"));
        other.putBucketCors(r -> r.bucket("acc-cors")
                .corsConfiguration(c ->
                        c.corsRules(x -> x.allowedOrigins("https://app.example").allowedMethods("PUT"))));
        HttpResponse<String> preflight = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(TestS3.endpoint(cloud) + "/acc-cors/k"))
                                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                .header("Origin", "https://app.example")
                                .header("Access-Control-Request-Method", "PUT")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, preflight.statusCode(), preflight.body());
        assertEquals(
                "https://app.example",
                preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    }

    @Test
    void copyObjectNeedsReadOnTheSourceAndWriteOnTheTarget() {
        owner.createBucket(r -> r.bucket("acc-copy-source"));
        owner.putObject(r -> r.bucket("acc-copy-source").key("k"), RequestBody.fromString("v"));
        other.createBucket(r -> r.bucket("acc-copy-target"));
        S3Exception denied = assertThrows(
                S3Exception.class,
                () -> other.copyObject(c -> c.sourceBucket("acc-copy-source")
                        .sourceKey("k")
                        .destinationBucket("acc-copy-target")
                        .destinationKey("copy")));
        assertEquals(403, denied.statusCode());
        policy(
                "acc-copy-source",
                allow("{\"AWS\":\"" + OTHER + "\"}", "s3:GetObject", "arn:aws:s3:::acc-copy-source/*", ""));
        other.copyObject(c -> c.sourceBucket("acc-copy-source")
                .sourceKey("k")
                .destinationBucket("acc-copy-target")
                .destinationKey("copy"));
        assertEquals(
                "v",
                other.getObjectAsBytes(g -> g.bucket("acc-copy-target").key("copy"))
                        .asUtf8String());
    }
}
