package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MutableClock;
import dev.minicloud.junit.MiniCloudExtension;
import dev.minicloud.s3.S3Service;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteMarkerReplicationStatus;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRetentionResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.ReplicationRuleStatus;
import software.amazon.awssdk.services.s3.model.ReplicationStatus;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3 Object Lock through the SDK (sync, and async Netty) and raw HTTP: lock buckets, default
 * retention, retention and legal holds by version, enforcement (deletes, shortening, bypass for
 * GOVERNANCE only), the end of a retention by the injected clock, and S3's errors. No sleeps: the
 * server's {@link MutableClock} is advanced past retain-until dates.
 */
class ObjectLockTest extends S3WireTest {
    static final MutableClock clock = MutableClock.fromSystemTime();

    @RegisterExtension
    static MiniCloudExtension cloud = MiniCloudExtension.builder()
            .services("s3")
            .clock(clock)
            .resetBeforeEach(true)
            .build();

    /** A well-formed SigV4 header; lenient mode reads the credential and checks no signature. */
    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=test/20261203/us-east-1/s3/aws4_request, "
            + "SignedHeaders=host, Signature=" + "0".repeat(64);

    private Instant now;

    @BeforeEach
    void lockBucket() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        now = clock.instant();
        s3.createBucket(b -> b.bucket("vault").objectLockEnabledForBucket(true));
    }

    private String put(String key, String body) {
        return s3.putObject(
                        b -> b.bucket("vault").key(key).checksumAlgorithm(ChecksumAlgorithm.CRC32),
                        RequestBody.fromString(body))
                .versionId();
    }

    private String putLocked(String key, ObjectLockMode mode, Instant until) {
        return s3.putObject(
                        b -> b.bucket("vault").key(key).objectLockMode(mode).objectLockRetainUntilDate(until),
                        RequestBody.fromString("locked"))
                .versionId();
    }

    private S3Exception deleteVersionFails(String key, String versionId, boolean bypass) {
        return assertThrows(
                S3Exception.class,
                () -> s3.deleteObject(b -> b.bucket("vault")
                        .key(key)
                        .versionId(versionId)
                        .bypassGovernanceRetention(bypass ? true : null)));
    }

    private void assertVersionReadable(String key, String versionId) {
        assertEquals(
                versionId,
                s3.headObject(b -> b.bucket("vault").key(key).versionId(versionId))
                        .versionId());
    }

    @Test
    void lockBucketHasVersioningOnThatCannotBeSuspended() {
        assertEquals(
                BucketVersioningStatus.ENABLED,
                s3.getBucketVersioning(b -> b.bucket("vault")).status());
        assertEquals(
                ObjectLockEnabled.ENABLED,
                s3.getObjectLockConfiguration(b -> b.bucket("vault"))
                        .objectLockConfiguration()
                        .objectLockEnabled());
        assertNull(s3.getObjectLockConfiguration(b -> b.bucket("vault"))
                .objectLockConfiguration()
                .rule());
        S3Exception e = assertThrows(
                S3Exception.class,
                () -> s3.putBucketVersioning(b ->
                        b.bucket("vault").versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED))));
        assertEquals(409, e.statusCode());
        assertEquals("InvalidBucketState", e.awsErrorDetails().errorCode());
        assertEquals(
                "An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.",
                e.awsErrorDetails().errorMessage());
        assertEquals(
                BucketVersioningStatus.ENABLED,
                s3.getBucketVersioning(b -> b.bucket("vault")).status());
    }

    @Test
    void bucketsWithoutObjectLockAnswerS3sErrors() {
        s3.createBucket(b -> b.bucket("plain"));
        s3.putObject(b -> b.bucket("plain").key("k"), RequestBody.fromString("x"));
        S3Exception notFound =
                assertThrows(S3Exception.class, () -> s3.getObjectLockConfiguration(b -> b.bucket("plain")));
        assertEquals(404, notFound.statusCode());
        assertEquals(
                "ObjectLockConfigurationNotFoundError",
                notFound.awsErrorDetails().errorCode());
        for (Runnable call : List.<Runnable>of(
                () -> s3.getObjectRetention(b -> b.bucket("plain").key("k")),
                () -> s3.getObjectLegalHold(b -> b.bucket("plain").key("k")),
                () -> s3.putObjectLegalHold(
                        b -> b.bucket("plain").key("k").legalHold(h -> h.status(ObjectLockLegalHoldStatus.ON))))) {
            S3Exception e = assertThrows(S3Exception.class, call::run);
            assertEquals(400, e.statusCode());
            assertEquals("InvalidRequest", e.awsErrorDetails().errorCode());
            assertEquals(
                    "Bucket is missing Object Lock Configuration",
                    e.awsErrorDetails().errorMessage());
        }
        // Object writes word it without spaces, as S3 does.
        S3Exception write = assertThrows(
                S3Exception.class,
                () -> s3.putObject(
                        b -> b.bucket("plain").key("k2").objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON),
                        RequestBody.fromString("x")));
        assertEquals("InvalidRequest", write.awsErrorDetails().errorCode());
        assertEquals(
                "Bucket is missing ObjectLockConfiguration",
                write.awsErrorDetails().errorMessage());
        // The governance bypass is refused outright on a bucket without Object Lock.
        S3Exception bypass = assertThrows(
                S3Exception.class,
                () -> s3.deleteObject(b -> b.bucket("plain").key("k").bypassGovernanceRetention(true)));
        assertEquals("InvalidArgument", bypass.awsErrorDetails().errorCode());
        assertEquals(
                "x-amz-bypass-governance-retention is only applicable to Object Lock enabled buckets.",
                bypass.awsErrorDetails().errorMessage());
        assertEquals("x", s3.getObjectAsBytes(b -> b.bucket("plain").key("k")).asUtf8String());
        assertThrows(
                S3Exception.class, () -> s3.headObject(b -> b.bucket("plain").key("k2")));
        // An unversioned bucket cannot take a lock configuration; a versioned one can (S3 since 2023).
        S3Exception state = assertThrows(
                S3Exception.class,
                () -> s3.putObjectLockConfiguration(b -> b.bucket("plain")
                        .objectLockConfiguration(c -> c.objectLockEnabled(ObjectLockEnabled.ENABLED))));
        assertEquals(409, state.statusCode());
        assertEquals("InvalidBucketState", state.awsErrorDetails().errorCode());
        createVersionedBucket("later", null);
        s3.putObjectLockConfiguration(
                b -> b.bucket("later").objectLockConfiguration(c -> c.objectLockEnabled(ObjectLockEnabled.ENABLED)));
        assertEquals(
                ObjectLockEnabled.ENABLED,
                s3.getObjectLockConfiguration(b -> b.bucket("later"))
                        .objectLockConfiguration()
                        .objectLockEnabled());
    }

    @Test
    void compliancePreventsVersionDeletionAndShorteningUntilTheClockPassesIt() {
        Instant until = now.plus(Duration.ofDays(1));
        String v = putLocked("doc", ObjectLockMode.COMPLIANCE, until);

        HeadObjectResponse head = s3.headObject(b -> b.bucket("vault").key("doc"));
        assertEquals(ObjectLockMode.COMPLIANCE, head.objectLockMode());
        assertEquals(until, head.objectLockRetainUntilDate());
        assertNull(head.objectLockLegalHoldStatus());
        assertEquals(
                ObjectLockMode.COMPLIANCE,
                s3.getObject(b -> b.bucket("vault").key("doc")).response().objectLockMode());
        GetObjectRetentionResponse retention =
                s3.getObjectRetention(b -> b.bucket("vault").key("doc").versionId(v));
        assertEquals(ObjectLockRetentionMode.COMPLIANCE, retention.retention().mode());
        assertEquals(until, retention.retention().retainUntilDate());

        for (boolean bypass : new boolean[] {false, true}) {
            S3Exception e = deleteVersionFails("doc", v, bypass);
            assertEquals(403, e.statusCode());
            assertEquals("AccessDenied", e.awsErrorDetails().errorCode());
            assertEquals(
                    "Access Denied because object protected by object lock.",
                    e.awsErrorDetails().errorMessage());
        }
        S3Exception shorter = assertThrows(
                S3Exception.class,
                () -> s3.putObjectRetention(b -> b.bucket("vault")
                        .key("doc")
                        .versionId(v)
                        .bypassGovernanceRetention(true)
                        .retention(r -> r.mode(ObjectLockRetentionMode.COMPLIANCE)
                                .retainUntilDate(until.minus(Duration.ofHours(1))))));
        assertEquals(403, shorter.statusCode());
        S3Exception toGovernance = assertThrows(
                S3Exception.class,
                () -> s3.putObjectRetention(b -> b.bucket("vault")
                        .key("doc")
                        .versionId(v)
                        .retention(
                                r -> r.mode(ObjectLockRetentionMode.GOVERNANCE).retainUntilDate(until))));
        assertEquals("AccessDenied", toGovernance.awsErrorDetails().errorCode());
        assertEquals(
                until,
                s3.getObjectRetention(b -> b.bucket("vault").key("doc"))
                        .retention()
                        .retainUntilDate());

        // Extending is allowed; deleting without a version id only adds a delete marker.
        Instant later = until.plus(Duration.ofDays(1));
        s3.putObjectRetention(b -> b.bucket("vault")
                .key("doc")
                .versionId(v)
                .retention(r -> r.mode(ObjectLockRetentionMode.COMPLIANCE).retainUntilDate(later)));
        assertEquals(
                later,
                s3.getObjectRetention(b -> b.bucket("vault").key("doc").versionId(v))
                        .retention()
                        .retainUntilDate());
        assertTrue(s3.deleteObject(b -> b.bucket("vault").key("doc")).deleteMarker());
        assertVersionReadable("doc", v);

        clock.advance(Duration.ofDays(2).minusSeconds(1));
        assertEquals(
                "AccessDenied",
                deleteVersionFails("doc", v, false).awsErrorDetails().errorCode());
        clock.advance(Duration.ofSeconds(1));
        s3.deleteObject(b -> b.bucket("vault").key("doc").versionId(v));
        assertThrows(
                S3Exception.class,
                () -> s3.headObject(b -> b.bucket("vault").key("doc").versionId(v)));
    }

    @Test
    void governanceYieldsOnlyToBypass() {
        Instant until = now.plus(Duration.ofDays(10));
        String v = putLocked("gov", ObjectLockMode.GOVERNANCE, until);
        assertEquals(403, deleteVersionFails("gov", v, false).statusCode());
        S3Exception shorter = assertThrows(
                S3Exception.class,
                () -> s3.putObjectRetention(b -> b.bucket("vault")
                        .key("gov")
                        .versionId(v)
                        .retention(
                                r -> r.mode(ObjectLockRetentionMode.GOVERNANCE).retainUntilDate(now.plusSeconds(60)))));
        assertEquals(403, shorter.statusCode());
        assertEquals(
                until,
                s3.getObjectRetention(b -> b.bucket("vault").key("gov").versionId(v))
                        .retention()
                        .retainUntilDate());

        Instant sooner = now.plus(Duration.ofDays(1));
        s3.putObjectRetention(b -> b.bucket("vault")
                .key("gov")
                .versionId(v)
                .bypassGovernanceRetention(true)
                .retention(r -> r.mode(ObjectLockRetentionMode.GOVERNANCE).retainUntilDate(sooner)));
        assertEquals(
                sooner,
                s3.getObjectRetention(b -> b.bucket("vault").key("gov").versionId(v))
                        .retention()
                        .retainUntilDate());
        s3.deleteObject(b -> b.bucket("vault").key("gov").versionId(v).bypassGovernanceRetention(true));
        assertThrows(
                S3Exception.class,
                () -> s3.headObject(b -> b.bucket("vault").key("gov").versionId(v)));
    }

    @Test
    void legalHoldBlocksDeletionUntilRemoved() {
        String v = put("held", "evidence");
        S3Exception none = assertThrows(
                S3Exception.class,
                () -> s3.getObjectLegalHold(b -> b.bucket("vault").key("held")));
        assertEquals(404, none.statusCode());
        assertEquals("NoSuchObjectLockConfiguration", none.awsErrorDetails().errorCode());
        assertEquals(
                "NoSuchObjectLockConfiguration",
                assertThrows(
                                S3Exception.class,
                                () -> s3.getObjectRetention(
                                        b -> b.bucket("vault").key("held")))
                        .awsErrorDetails()
                        .errorCode());

        s3.putObjectLegalHold(
                b -> b.bucket("vault").key("held").versionId(v).legalHold(h -> h.status(ObjectLockLegalHoldStatus.ON)));
        assertEquals(
                ObjectLockLegalHoldStatus.ON,
                s3.getObjectLegalHold(b -> b.bucket("vault").key("held").versionId(v))
                        .legalHold()
                        .status());
        assertEquals(
                ObjectLockLegalHoldStatus.ON,
                s3.headObject(b -> b.bucket("vault").key("held")).objectLockLegalHoldStatus());
        clock.advance(Duration.ofDays(3650)); // a hold has no end date
        assertEquals(403, deleteVersionFails("held", v, true).statusCode());

        s3.putObjectLegalHold(b ->
                b.bucket("vault").key("held").versionId(v).legalHold(h -> h.status(ObjectLockLegalHoldStatus.OFF)));
        assertEquals(
                ObjectLockLegalHoldStatus.OFF,
                s3.headObject(b -> b.bucket("vault").key("held")).objectLockLegalHoldStatus());
        s3.deleteObject(b -> b.bucket("vault").key("held").versionId(v));
        assertThrows(
                S3Exception.class,
                () -> s3.headObject(b -> b.bucket("vault").key("held").versionId(v)));
    }

    @Test
    void defaultRetentionLocksPutsCopiesAndMultipartUploads() {
        s3.putObjectLockConfiguration(b -> b.bucket("vault")
                .objectLockConfiguration(c -> c.objectLockEnabled(ObjectLockEnabled.ENABLED)
                        .rule(r -> r.defaultRetention(
                                d -> d.mode(ObjectLockRetentionMode.GOVERNANCE).days(3)))));
        var rule = s3.getObjectLockConfiguration(b -> b.bucket("vault"))
                .objectLockConfiguration()
                .rule()
                .defaultRetention();
        assertEquals(ObjectLockRetentionMode.GOVERNANCE, rule.mode());
        assertEquals(3, rule.days());
        assertNull(rule.years());

        String plain = put("a", "one");
        HeadObjectResponse head = s3.headObject(b -> b.bucket("vault").key("a").versionId(plain));
        assertEquals(ObjectLockMode.GOVERNANCE, head.objectLockMode());
        assertEquals(head.lastModified().plus(Duration.ofDays(3)), head.objectLockRetainUntilDate());

        // The request's own retention wins over the default; a copy never takes the source's lock.
        Instant explicit = now.plus(Duration.ofDays(30));
        String own = putLocked("b", ObjectLockMode.COMPLIANCE, explicit);
        assertEquals(
                ObjectLockMode.COMPLIANCE,
                s3.headObject(b -> b.bucket("vault").key("b").versionId(own)).objectLockMode());
        String copy = s3.copyObject(b -> b.sourceBucket("vault")
                        .sourceKey("b")
                        .destinationBucket("vault")
                        .destinationKey("c"))
                .versionId();
        HeadObjectResponse copied =
                s3.headObject(b -> b.bucket("vault").key("c").versionId(copy));
        assertEquals(ObjectLockMode.GOVERNANCE, copied.objectLockMode());
        assertEquals(copied.lastModified().plus(Duration.ofDays(3)), copied.objectLockRetainUntilDate());

        String upload = s3.createMultipartUpload(
                        b -> b.bucket("vault").key("mp").objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON))
                .uploadId();
        String etag = s3.uploadPart(
                        b -> b.bucket("vault").key("mp").uploadId(upload).partNumber(1), RequestBody.fromString("part"))
                .eTag();
        String mp = s3.completeMultipartUpload(b -> b.bucket("vault")
                        .key("mp")
                        .uploadId(upload)
                        .multipartUpload(m -> m.parts(
                                CompletedPart.builder().partNumber(1).eTag(etag).build())))
                .versionId();
        HeadObjectResponse completed =
                s3.headObject(b -> b.bucket("vault").key("mp").versionId(mp));
        assertEquals(ObjectLockLegalHoldStatus.ON, completed.objectLockLegalHoldStatus());
        assertEquals(ObjectLockMode.GOVERNANCE, completed.objectLockMode());

        s3.putObjectLockConfiguration(b -> b.bucket("vault")
                .objectLockConfiguration(c -> c.objectLockEnabled(ObjectLockEnabled.ENABLED)
                        .rule(r -> r.defaultRetention(
                                d -> d.mode(ObjectLockRetentionMode.COMPLIANCE).years(1)))));
        String yearly = put("d", "two");
        HeadObjectResponse y = s3.headObject(b -> b.bucket("vault").key("d").versionId(yearly));
        assertEquals(y.lastModified().atOffset(ZoneOffset.UTC).plusYears(1).toInstant(), y.objectLockRetainUntilDate());
    }

    @Test
    void badLockConfigurationsAreRefusedAndChangeNothing() throws Exception {
        String[] bad = {
            "<ObjectLockConfiguration><ObjectLockEnabled>Disabled</ObjectLockEnabled></ObjectLockConfiguration>",
            "<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention>"
                    + "<Mode>COMPLIANCE</Mode><Days>1</Days><Years>1</Years></DefaultRetention></Rule></ObjectLockConfiguration>",
            "<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention>"
                    + "<Mode>compliance</Mode><Days>1</Days></DefaultRetention></Rule></ObjectLockConfiguration>",
            "<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention>"
                    + "<Mode>COMPLIANCE</Mode></DefaultRetention></Rule></ObjectLockConfiguration>",
            "<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule/></ObjectLockConfiguration>",
            "<ObjectLockConfiguration><ObjectLockEnabled>Enabled",
        };
        for (String body : bad) {
            HttpResponse<String> r = raw.put("/vault?object-lock", body.getBytes(StandardCharsets.UTF_8));
            assertEquals(400, r.statusCode(), body);
            assertTrue(r.body().contains("<Code>MalformedXML</Code>"), r.body());
        }
        HttpResponse<String> tooLong = raw.put(
                "/vault?object-lock",
                ("<ObjectLockConfiguration><ObjectLockEnabled>Enabled"
                                + "</ObjectLockEnabled><Rule><DefaultRetention><Mode>GOVERNANCE</Mode><Years>101</Years></DefaultRetention>"
                                + "</Rule></ObjectLockConfiguration>")
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(400, tooLong.statusCode());
        assertTrue(tooLong.body().contains("<Message>Default retention period too large.</Message>"), tooLong.body());
        HttpResponse<String> zero = raw.put(
                "/vault?object-lock",
                ("<ObjectLockConfiguration><ObjectLockEnabled>Enabled"
                                + "</ObjectLockEnabled><Rule><DefaultRetention><Mode>GOVERNANCE</Mode><Days>0</Days></DefaultRetention>"
                                + "</Rule></ObjectLockConfiguration>")
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(400, zero.statusCode());
        assertTrue(zero.body().contains("<Code>InvalidArgument</Code>"), zero.body());
        assertNull(s3.getObjectLockConfiguration(b -> b.bucket("vault"))
                .objectLockConfiguration()
                .rule());

        String v = put("k", "x");
        for (String body : new String[] {
            "<Retention><Mode>GOVERNANCE</Mode></Retention>",
            "<Retention><Mode>FOREVER</Mode><RetainUntilDate>2099-01-01T00:00:00Z</RetainUntilDate></Retention>",
            "<Retention><Mode>GOVERNANCE</Mode><RetainUntilDate>tomorrow</RetainUntilDate></Retention>",
            "<Retention>"
        }) {
            HttpResponse<String> r =
                    raw.put("/vault/k?retention&versionId=" + v, body.getBytes(StandardCharsets.UTF_8));
            assertEquals(400, r.statusCode(), body);
            assertTrue(r.body().contains("<Code>MalformedXML</Code>"), r.body());
        }
        HttpResponse<String> past = raw.put(
                "/vault/k?retention",
                ("<Retention><Mode>GOVERNANCE</Mode><RetainUntilDate>" + now.minusSeconds(1)
                                + "</RetainUntilDate></Retention>")
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(400, past.statusCode());
        assertTrue(past.body().contains("The retain until date must be in the future!"), past.body());
        HttpResponse<String> hold = raw.put(
                "/vault/k?legal-hold", "<LegalHold><Status>on</Status></LegalHold>".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, hold.statusCode());
        assertTrue(hold.body().contains("<Code>MalformedXML</Code>"), hold.body());
        HeadObjectResponse head = s3.headObject(b -> b.bucket("vault").key("k"));
        assertNull(head.objectLockMode());
        assertNull(head.objectLockLegalHoldStatus());
    }

    @Test
    void badLockHeadersGetS3sErrorsAndStoreNothing() throws Exception {
        String md5 = md5("x");
        String future = now.plus(Duration.ofDays(1)).toString();
        String[][] cases = {
            {"x-amz-object-lock-mode", "GOVERNANCE"},
            {"x-amz-object-lock-retain-until-date", future},
            {"x-amz-object-lock-mode", "governance", "x-amz-object-lock-retain-until-date", future},
            {
                "x-amz-object-lock-mode",
                "GOVERNANCE",
                "x-amz-object-lock-retain-until-date",
                now.minusSeconds(5).toString()
            },
            {"x-amz-object-lock-mode", "GOVERNANCE", "x-amz-object-lock-retain-until-date", "next week"},
            {"x-amz-object-lock-legal-hold", "yes"},
        };
        for (String[] headers : cases) {
            String[] all = new String[headers.length + 4];
            System.arraycopy(headers, 0, all, 0, headers.length);
            all[headers.length] = "Content-MD5";
            all[headers.length + 1] = md5;
            all[headers.length + 2] = "Authorization";
            all[headers.length + 3] = AUTHORIZATION;
            HttpResponse<String> r = raw.put("/vault/bad", "x".getBytes(StandardCharsets.UTF_8), all);
            assertEquals(400, r.statusCode(), String.join(" ", headers));
            assertTrue(r.body().contains("<Code>InvalidArgument</Code>"), r.body());
        }
        HttpResponse<String> past = raw.put(
                "/vault/bad",
                "x".getBytes(StandardCharsets.UTF_8),
                "x-amz-object-lock-mode",
                "GOVERNANCE",
                "x-amz-object-lock-retain-until-date",
                now.minusSeconds(5).toString(),
                "Content-MD5",
                md5,
                "Authorization",
                AUTHORIZATION);
        assertTrue(past.body().contains("The retain until date must be in the future!"), past.body());
        assertEquals(404, raw.send("HEAD", "/vault/bad", null).statusCode());
    }

    @Test
    void lockedPutsNeedAnIntegrityHeader() throws Exception {
        String future = now.plus(Duration.ofDays(1)).toString();
        // Anonymous (unsigned) writes may not name lock parameters at all.
        HttpResponse<String> anonymous = raw.put(
                "/vault/k",
                "x".getBytes(StandardCharsets.UTF_8),
                "x-amz-object-lock-legal-hold",
                "ON",
                "Content-MD5",
                md5("x"));
        assertEquals(400, anonymous.statusCode());
        assertTrue(
                anonymous
                        .body()
                        .contains(
                                "Put Object requests with Object Lock parameters require AWS Signature " + "Version 4"),
                anonymous.body());
        HttpResponse<String> bare = raw.put(
                "/vault/k",
                "x".getBytes(StandardCharsets.UTF_8),
                "x-amz-object-lock-mode",
                "GOVERNANCE",
                "x-amz-object-lock-retain-until-date",
                future,
                "Authorization",
                AUTHORIZATION);
        assertEquals(400, bare.statusCode());
        assertTrue(bare.body().contains("<Code>InvalidRequest</Code>"), bare.body());
        assertTrue(
                bare.body()
                        .contains("Content-MD5 OR x-amz-checksum- HTTP header is required for Put Object requests "
                                + "with Object Lock parameters"),
                bare.body());
        assertEquals(404, raw.send("HEAD", "/vault/k", null).statusCode());
        // Without lock parameters or a default retention, a plain PUT needs none.
        assertEquals(
                200,
                raw.put("/vault/plain", "x".getBytes(StandardCharsets.UTF_8)).statusCode());

        // The algorithm header alone does not count: a value must come with it.
        assertEquals(
                400,
                raw.put(
                                "/vault/k",
                                "x".getBytes(StandardCharsets.UTF_8),
                                "x-amz-object-lock-legal-hold",
                                "ON",
                                "x-amz-sdk-checksum-algorithm",
                                "CRC32",
                                "Authorization",
                                AUTHORIZATION)
                        .statusCode());
        assertEquals(
                200,
                raw.put(
                                "/vault/k",
                                "x".getBytes(StandardCharsets.UTF_8),
                                "x-amz-object-lock-mode",
                                "GOVERNANCE",
                                "x-amz-object-lock-retain-until-date",
                                future,
                                "Content-MD5",
                                md5("x"),
                                "Authorization",
                                AUTHORIZATION)
                        .statusCode());
        assertEquals(
                200,
                raw.put(
                                "/vault/k2",
                                "x".getBytes(StandardCharsets.UTF_8),
                                "x-amz-object-lock-legal-hold",
                                "ON",
                                "x-amz-checksum-crc32",
                                crc32("x"),
                                "Authorization",
                                AUTHORIZATION)
                        .statusCode());
        assertEquals(
                ObjectLockLegalHoldStatus.ON,
                s3.headObject(b -> b.bucket("vault").key("k2")).objectLockLegalHoldStatus());

        // A bucket default retention makes every PUT a locked one.
        s3.putObjectLockConfiguration(b -> b.bucket("vault")
                .objectLockConfiguration(c -> c.objectLockEnabled(ObjectLockEnabled.ENABLED)
                        .rule(r -> r.defaultRetention(
                                d -> d.mode(ObjectLockRetentionMode.GOVERNANCE).days(1)))));
        assertEquals(
                400,
                raw.put("/vault/plain2", "x".getBytes(StandardCharsets.UTF_8)).statusCode());
    }

    @Test
    void deleteObjectsReportsLockedVersionsPerKey() {
        String locked = putLocked("locked", ObjectLockMode.COMPLIANCE, now.plus(Duration.ofDays(1)));
        String free = put("free", "x");
        DeleteObjectsResponse r = s3.deleteObjects(b -> b.bucket("vault")
                .bypassGovernanceRetention(true)
                .delete(d -> d.objects(
                        ObjectIdentifier.builder()
                                .key("locked")
                                .versionId(locked)
                                .build(),
                        ObjectIdentifier.builder().key("free").versionId(free).build(),
                        ObjectIdentifier.builder().key("locked").build())));
        assertEquals(1, r.errors().size());
        assertEquals("locked", r.errors().get(0).key());
        assertEquals(locked, r.errors().get(0).versionId());
        assertEquals("AccessDenied", r.errors().get(0).code());
        assertEquals(
                "Access Denied because object protected by object lock.",
                r.errors().get(0).message());
        assertEquals(2, r.deleted().size());
        assertTrue(
                r.deleted().stream().anyMatch(d -> d.key().equals("locked") && Boolean.TRUE.equals(d.deleteMarker())));
        assertVersionReadable("locked", locked);
        assertThrows(
                S3Exception.class,
                () -> s3.headObject(b -> b.bucket("vault").key("free").versionId(free)));
    }

    @Test
    void replicasKeepRetentionAndLegalHold() throws Exception {
        s3.createBucket(b -> b.bucket("copy").objectLockEnabledForBucket(true));
        s3.putBucketReplication(b -> b.bucket("vault")
                .replicationConfiguration(c -> c.role("arn:aws:iam::000000000000:role/replication")
                        .rules(rule -> rule.id("all")
                                .priority(1)
                                .status(ReplicationRuleStatus.ENABLED)
                                .filter(f -> f.prefix(""))
                                .deleteMarkerReplication(d -> d.status(DeleteMarkerReplicationStatus.DISABLED))
                                .destination(d -> d.bucket("arn:aws:s3:::copy")))));
        Instant until = now.plus(Duration.ofDays(5));
        String v = s3.putObject(
                        b -> b.bucket("vault")
                                .key("r")
                                .objectLockMode(ObjectLockMode.COMPLIANCE)
                                .objectLockRetainUntilDate(until)
                                .objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON),
                        RequestBody.fromString("replicated"))
                .versionId();
        assertTrue(
                cloud.getMiniCloud().service(S3Service.class).orElseThrow().awaitReplication(Duration.ofSeconds(30)));
        HeadObjectResponse replica =
                s3.headObject(b -> b.bucket("copy").key("r").versionId(v));
        assertEquals(ObjectLockMode.COMPLIANCE, replica.objectLockMode());
        assertEquals(until, replica.objectLockRetainUntilDate());
        assertEquals(ObjectLockLegalHoldStatus.ON, replica.objectLockLegalHoldStatus());
        S3Exception e = assertThrows(
                S3Exception.class,
                () -> s3.deleteObject(b -> b.bucket("copy").key("r").versionId(v)));
        assertEquals(403, e.statusCode());

        // Later retention and legal-hold changes on the source follow the replica, as tag changes do.
        Instant later = until.plus(Duration.ofDays(3));
        s3.putObjectRetention(b -> b.bucket("vault")
                .key("r")
                .versionId(v)
                .retention(t -> t.mode(ObjectLockRetentionMode.COMPLIANCE).retainUntilDate(later)));
        s3.putObjectLegalHold(
                b -> b.bucket("vault").key("r").versionId(v).legalHold(h -> h.status(ObjectLockLegalHoldStatus.OFF)));
        assertTrue(
                cloud.getMiniCloud().service(S3Service.class).orElseThrow().awaitReplication(Duration.ofSeconds(30)));
        HeadObjectResponse changed =
                s3.headObject(b -> b.bucket("copy").key("r").versionId(v));
        assertEquals(later, changed.objectLockRetainUntilDate());
        assertEquals(ObjectLockLegalHoldStatus.OFF, changed.objectLockLegalHoldStatus());
        assertEquals(
                1,
                s3.listObjectVersions(b -> b.bucket("copy").prefix("r"))
                        .versions()
                        .size());
    }

    @Test
    void replicationOutOfALockedBucketIntoOneWithoutObjectLockFails() throws Exception {
        createVersionedBucket("unlocked", null);
        s3.putBucketReplication(b -> b.bucket("vault")
                .replicationConfiguration(c -> c.role("arn:aws:iam::000000000000:role/replication")
                        .rules(rule -> rule.id("all")
                                .priority(1)
                                .status(ReplicationRuleStatus.ENABLED)
                                .filter(f -> f.prefix(""))
                                .deleteMarkerReplication(d -> d.status(DeleteMarkerReplicationStatus.DISABLED))
                                .destination(d -> d.bucket("arn:aws:s3:::unlocked")))));
        String v = s3.putObject(
                        b -> b.bucket("vault").key("r").objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON),
                        RequestBody.fromString("stays here"))
                .versionId();
        assertTrue(
                cloud.getMiniCloud().service(S3Service.class).orElseThrow().awaitReplication(Duration.ofSeconds(30)));
        assertEquals(
                ReplicationStatus.FAILED,
                s3.headObject(b -> b.bucket("vault").key("r").versionId(v)).replicationStatus());
        assertTrue(s3.listObjectVersions(b -> b.bucket("unlocked")).versions().isEmpty());
    }

    @Test
    void asyncClientLocksAndIsRefusedTheSame() {
        Instant until = now.plus(Duration.ofDays(1));
        try (S3AsyncClient async = TestS3.nettyClient(cloud.getMiniCloud(), true)) {
            String v = async.putObject(
                            b -> b.bucket("vault")
                                    .key("async")
                                    .objectLockMode(ObjectLockMode.GOVERNANCE)
                                    .objectLockRetainUntilDate(until),
                            AsyncRequestBody.fromString("a"))
                    .join()
                    .versionId();
            assertEquals(
                    ObjectLockRetentionMode.GOVERNANCE,
                    async.getObjectRetention(b -> b.bucket("vault").key("async").versionId(v))
                            .join()
                            .retention()
                            .mode());
            async.putObjectLegalHold(b -> b.bucket("vault")
                            .key("async")
                            .versionId(v)
                            .legalHold(h -> h.status(ObjectLockLegalHoldStatus.ON)))
                    .join();
            Throwable e = assertThrows(
                            CompletionException.class,
                            () -> async.deleteObject(b -> b.bucket("vault")
                                            .key("async")
                                            .versionId(v)
                                            .bypassGovernanceRetention(true))
                                    .join())
                    .getCause();
            assertEquals(403, ((S3Exception) e).statusCode());
            async.putObjectLegalHold(b -> b.bucket("vault")
                            .key("async")
                            .versionId(v)
                            .legalHold(h -> h.status(ObjectLockLegalHoldStatus.OFF)))
                    .join();
            async.deleteObject(b -> b.bucket("vault").key("async").versionId(v).bypassGovernanceRetention(true))
                    .join();
        }
        assertThrows(
                S3Exception.class, () -> s3.headObject(b -> b.bucket("vault").key("async")));
    }

    private static String crc32(String s) {
        CRC32 crc = new CRC32();
        crc.update(s.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder()
                .encodeToString(
                        ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static String md5(String s) throws Exception {
        return Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
