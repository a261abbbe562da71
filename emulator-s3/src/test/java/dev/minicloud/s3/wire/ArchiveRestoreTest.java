package dev.minicloud.s3.wire;

import static dev.minicloud.s3.wire.TestS3.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minicloud.MutableClock;
import dev.minicloud.junit.MiniCloudExtension;
import dev.minicloud.s3.S3Service;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.OptionalObjectAttributes;
import software.amazon.awssdk.services.s3.model.RestoreStatus;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.services.s3.model.Tier;

/**
 * Archive storage classes and RestoreObject on the injected clock: GLACIER and DEEP_ARCHIVE
 * objects are refused to GET until a restore has finished after its tier's delay, the restored
 * copy lasts its days (to midnight UTC) and then expires by the clock; GLACIER_IR reads directly.
 */
class ArchiveRestoreTest {
    private static final Instant T0 = Instant.parse("2026-01-15T10:30:00Z");

    private final MutableClock clock = MutableClock.startingAt(T0);

    @RegisterExtension
    MiniCloudExtension cloud = MiniCloudExtension.builder()
            .services("s3")
            .clock(clock)
            .setting("s3-lifecycle-interval", "0")
            .setting("s3-restore-standard-delay", "2h")
            .build();

    private static void assertInvalidObjectState(S3Exception e, String message) {
        assertEquals(403, e.statusCode());
        assertEquals("InvalidObjectState", e.awsErrorDetails().errorCode());
        assertEquals(message, e.awsErrorDetails().errorMessage());
    }

    @Test
    void aGlacierObjectIsReadOnlyWhileARestoredCopyExists() {
        try (S3Client s3 = TestS3.syncClient(cloud.getMiniCloud(), true)) {
            s3.createBucket(b -> b.bucket("cold"));
            s3.putObject(
                    b -> b.bucket("cold").key("k").storageClass(StorageClass.GLACIER),
                    RequestBody.fromString("frozen"));
            assertEquals(
                    StorageClass.GLACIER,
                    s3.headObject(b -> b.bucket("cold").key("k")).storageClass());
            assertNull(s3.headObject(b -> b.bucket("cold").key("k")).restore());
            assertInvalidObjectState(
                    assertThrows(
                            S3Exception.class,
                            () -> s3.getObjectAsBytes(b -> b.bucket("cold").key("k"))),
                    "The operation is not valid for the object's storage class");

            int status = s3.restoreObject(b -> b.bucket("cold")
                            .key("k")
                            .restoreRequest(r -> r.days(2).glacierJobParameters(g -> g.tier(Tier.EXPEDITED))))
                    .sdkHttpResponse()
                    .statusCode();
            assertEquals(202, status);
            assertEquals(
                    "ongoing-request=\"true\"",
                    s3.headObject(b -> b.bucket("cold").key("k")).restore());
            S3Exception again = assertThrows(
                    S3Exception.class,
                    () -> s3.restoreObject(b -> b.bucket("cold").key("k").restoreRequest(r -> r.days(2))));
            assertEquals(409, again.statusCode());
            assertEquals("RestoreAlreadyInProgress", again.awsErrorDetails().errorCode());
            assertEquals(
                    "Object restore is already in progress.",
                    again.awsErrorDetails().errorMessage());
            assertThrows(
                    S3Exception.class,
                    () -> s3.getObjectAsBytes(b -> b.bucket("cold").key("k")));

            // Expedited: 5 minutes by default. Done at 10:35; + 2 days, to midnight: Sunday 18 January.
            clock.advance(Duration.ofMinutes(5));
            assertEquals(
                    "ongoing-request=\"false\", expiry-date=\"Sun, 18 Jan 2026 00:00:00 GMT\"",
                    s3.headObject(b -> b.bucket("cold").key("k")).restore());
            assertEquals(
                    "frozen",
                    s3.getObjectAsBytes(b -> b.bucket("cold").key("k")).asUtf8String());
            assertEquals(
                    Instant.parse("2026-01-18T00:00:00Z"),
                    s3.listObjectsV2(b ->
                                    b.bucket("cold").optionalObjectAttributes(OptionalObjectAttributes.RESTORE_STATUS))
                            .contents()
                            .get(0)
                            .restoreStatus()
                            .restoreExpiryDate());
            // Restoring a restored copy again is 200 and moves its expiry from now.
            int extended = s3.restoreObject(b -> b.bucket("cold").key("k").restoreRequest(r -> r.days(5)))
                    .sdkHttpResponse()
                    .statusCode();
            assertEquals(200, extended);
            assertEquals(
                    "ongoing-request=\"false\", expiry-date=\"Wed, 21 Jan 2026 00:00:00 GMT\"",
                    s3.headObject(b -> b.bucket("cold").key("k")).restore());

            clock.set(Instant.parse("2026-01-21T00:00:00Z"));
            assertInvalidObjectState(
                    assertThrows(
                            S3Exception.class,
                            () -> s3.getObjectAsBytes(b -> b.bucket("cold").key("k"))),
                    "The operation is not valid for the object's storage class");
            assertNull(s3.headObject(b -> b.bucket("cold").key("k")).restore());
            assertEquals(
                    1,
                    cloud.getMiniCloud()
                            .service(S3Service.class)
                            .orElseThrow()
                            .runLifecycle()
                            .restoresExpired());
            assertNull(s3.listObjectsV2(
                            b -> b.bucket("cold").optionalObjectAttributes(OptionalObjectAttributes.RESTORE_STATUS))
                    .contents()
                    .get(0)
                    .restoreStatus());
        }
    }

    @Test
    void tiersTakeTheirConfiguredOrS3sTypicalTimeAndDeepArchiveHasNoExpedited() {
        try (S3AsyncClient s3 = TestS3.nettyClient(cloud.getMiniCloud(), true)) {
            join(s3.createBucket(b -> b.bucket("tiers")));
            join(s3.putObject(
                    b -> b.bucket("tiers").key("deep").storageClass(StorageClass.DEEP_ARCHIVE),
                    AsyncRequestBody.fromString("deep")));
            join(s3.putObject(
                    b -> b.bucket("tiers").key("glacier").storageClass(StorageClass.GLACIER),
                    AsyncRequestBody.fromString("glacier")));
            S3Exception expedited = assertThrows(
                    S3Exception.class,
                    () -> join(s3.restoreObject(b -> b.bucket("tiers")
                            .key("deep")
                            .restoreRequest(r -> r.days(1).glacierJobParameters(g -> g.tier(Tier.EXPEDITED))))));
            assertEquals(400, expedited.statusCode());
            assertEquals("InvalidArgument", expedited.awsErrorDetails().errorCode());
            join(s3.restoreObject(b -> b.bucket("tiers")
                    .key("deep")
                    .restoreRequest(r -> r.days(1).glacierJobParameters(g -> g.tier(Tier.BULK)))));
            // Standard is the default tier; this instance sets it to 2 hours.
            join(s3.restoreObject(b -> b.bucket("tiers").key("glacier").restoreRequest(r -> r.days(1))));

            clock.advance(Duration.ofHours(2));
            assertEquals(
                    "glacier",
                    join(s3.getObject(b -> b.bucket("tiers").key("glacier"), AsyncResponseTransformer.toBytes()))
                            .asUtf8String());
            clock.advance(Duration.ofHours(45).plusMinutes(59));
            assertEquals(
                    "ongoing-request=\"true\"",
                    join(s3.headObject(b -> b.bucket("tiers").key("deep"))).restore());
            clock.advance(Duration.ofMinutes(1)); // DEEP_ARCHIVE Bulk: 48 hours by default
            assertEquals(
                    "deep",
                    join(s3.getObject(b -> b.bucket("tiers").key("deep"), AsyncResponseTransformer.toBytes()))
                            .asUtf8String());
        }
    }

    @Test
    void glacierInstantRetrievalReadsDirectlyAndOnlyArchivesCanBeRestored() {
        try (S3Client s3 = TestS3.syncClient(cloud.getMiniCloud(), true)) {
            s3.createBucket(b -> b.bucket("instant"));
            s3.putObject(
                    b -> b.bucket("instant").key("ir").storageClass(StorageClass.GLACIER_IR),
                    RequestBody.fromString("ir"));
            s3.putObject(b -> b.bucket("instant").key("std"), RequestBody.fromString("std"));
            assertEquals(
                    "ir",
                    s3.getObjectAsBytes(b -> b.bucket("instant").key("ir")).asUtf8String());
            for (String key : new String[] {"ir", "std"}) {
                assertInvalidObjectState(
                        assertThrows(
                                S3Exception.class,
                                () -> s3.restoreObject(
                                        b -> b.bucket("instant").key(key).restoreRequest(r -> r.days(1)))),
                        "Restore is not allowed for the object's current storage class");
            }
        }
    }

    @Test
    void storageClassShowsInAttributesAndVersionListingsAndRestoresGoByVersion() {
        try (S3Client s3 = TestS3.syncClient(cloud.getMiniCloud(), true)) {
            s3.createBucket(b -> b.bucket("shown"));
            s3.putBucketVersioning(
                    b -> b.bucket("shown").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
            String cold = s3.putObject(
                            b -> b.bucket("shown").key("k").storageClass(StorageClass.GLACIER),
                            RequestBody.fromString("old"))
                    .versionId();
            s3.putObject(b -> b.bucket("shown").key("k"), RequestBody.fromString("new"));
            assertEquals(
                    StorageClass.GLACIER,
                    s3.getObjectAttributes(b -> b.bucket("shown")
                                    .key("k")
                                    .versionId(cold)
                                    .objectAttributes(ObjectAttributes.STORAGE_CLASS))
                            .storageClass());
            assertEquals(
                    "GLACIER",
                    s3.listObjectVersions(b -> b.bucket("shown"))
                            .versions()
                            .get(1)
                            .storageClassAsString());
            assertEquals(
                    "new", s3.getObjectAsBytes(b -> b.bucket("shown").key("k")).asUtf8String());
            assertThrows(
                    S3Exception.class,
                    () -> s3.getObjectAsBytes(b -> b.bucket("shown").key("k").versionId(cold)));
            // An archived source is copied only once restored.
            S3Exception copy = assertThrows(
                    S3Exception.class,
                    () -> s3.copyObject(b -> b.sourceBucket("shown")
                            .sourceKey("k")
                            .sourceVersionId(cold)
                            .destinationBucket("shown")
                            .destinationKey("copy")));
            assertInvalidObjectState(copy, "The operation is not valid for the object's storage class");
            assertNull(s3.listObjectVersions(
                            b -> b.bucket("shown").optionalObjectAttributes(OptionalObjectAttributes.RESTORE_STATUS))
                    .versions()
                    .get(1)
                    .restoreStatus());
            assertEquals(
                    202,
                    s3.restoreObject(b ->
                                    b.bucket("shown").key("k").versionId(cold).restoreRequest(r -> r.days(1)))
                            .sdkHttpResponse()
                            .statusCode());
            RestoreStatus ongoing = s3.listObjectVersions(
                            b -> b.bucket("shown").optionalObjectAttributes(OptionalObjectAttributes.RESTORE_STATUS))
                    .versions()
                    .get(1)
                    .restoreStatus();
            assertEquals(true, ongoing.isRestoreInProgress());
            assertNull(ongoing.restoreExpiryDate());
            // Without asking for it, a listing shows no restore status, as on S3.
            assertNull(s3.listObjectVersions(b -> b.bucket("shown"))
                    .versions()
                    .get(1)
                    .restoreStatus());
            clock.advance(Duration.ofHours(2));
            assertEquals(
                    "old",
                    s3.getObjectAsBytes(b -> b.bucket("shown").key("k").versionId(cold))
                            .asUtf8String());
            RestoreStatus done = s3.listObjectVersions(
                            b -> b.bucket("shown").optionalObjectAttributes(OptionalObjectAttributes.RESTORE_STATUS))
                    .versions()
                    .get(1)
                    .restoreStatus();
            assertEquals(false, done.isRestoreInProgress());
            // Done at 12:30 on 15 January; + 1 day, to midnight.
            assertEquals(Instant.parse("2026-01-17T00:00:00Z"), done.restoreExpiryDate());
            s3.copyObject(b -> b.sourceBucket("shown")
                    .sourceKey("k")
                    .sourceVersionId(cold)
                    .destinationBucket("shown")
                    .destinationKey("copy"));
            assertEquals(
                    "old",
                    s3.getObjectAsBytes(b -> b.bucket("shown").key("copy")).asUtf8String());
        }
    }

    @Test
    void malformedRestoreRequestsAreRefusedAndStartNothing() throws Exception {
        try (S3Client s3 = TestS3.syncClient(cloud.getMiniCloud(), true)) {
            s3.createBucket(b -> b.bucket("bad-restore"));
            s3.putObject(
                    b -> b.bucket("bad-restore").key("k").storageClass(StorageClass.GLACIER),
                    RequestBody.fromString("x"));
        }
        HttpClient http = HttpClient.newHttpClient();
        for (String body : new String[] {
            "",
            "<RestoreRequest><Days>x</Days></RestoreRequest>",
            "<RestoreRequest><Days>1</Days><GlacierJobParameters><Tier>Fast</Tier></GlacierJobParameters></RestoreRequest>",
            "<Restore><Days>1</Days></Restore>",
            "<RestoreRequest><Days>1</Days><Bogus/></RestoreRequest>"
        }) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(
                                    "http://127.0.0.1:" + cloud.getMiniCloud().edgePort() + "/bad-restore/k?restore"))
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, r.statusCode(), body);
            assertEquals(true, r.body().contains("<Code>MalformedXML</Code>"), r.body());
        }
        try (S3Client s3 = TestS3.syncClient(cloud.getMiniCloud(), true)) {
            assertNull(s3.headObject(b -> b.bucket("bad-restore").key("k")).restore());
        }
    }
}
