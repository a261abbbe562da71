package dev.minicloud.s3.wire;

import static dev.minicloud.s3.wire.TestS3.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.MutableClock;
import dev.minicloud.junit.MiniCloudExtension;
import dev.minicloud.s3.S3Service;
import dev.minicloud.s3.internal.lifecycle.LifecycleReport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.services.s3.model.TransitionStorageClass;

/**
 * Lifecycle rules applied by the injected clock: each test advances a {@code MutableClock} and
 * runs a pass through the Java API or the admin endpoint, then looks through the SDK. The periodic
 * pass is off here ({@code s3-lifecycle-interval 0}) except where a test turns it on.
 */
class LifecycleRunTest {
    /** Thursday 15 January 2026, 10:30 UTC (S3's own example time of day). */
    private static final Instant T0 = Instant.parse("2026-01-15T10:30:00Z");

    private final MutableClock clock = MutableClock.startingAt(T0);

    @RegisterExtension
    MiniCloudExtension cloud = MiniCloudExtension.builder()
            .services("s3")
            .clock(clock)
            .setting("s3-lifecycle-interval", "0")
            .build();

    private static LifecycleRule rule(String id, String prefix, Consumer<LifecycleRule.Builder> actions) {
        LifecycleRule.Builder b =
                LifecycleRule.builder().id(id).status(ExpirationStatus.ENABLED).filter(f -> f.prefix(prefix));
        actions.accept(b);
        return b.build();
    }

    private static void configure(S3Client s3, String bucket, LifecycleRule... rules) {
        s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(l -> l.rules(rules)));
    }

    private LifecycleReport runPass() {
        return cloud.getMiniCloud().service(S3Service.class).orElseThrow().runLifecycle();
    }

    @Test
    void anObjectExpiresAtTheMidnightAfterCreationPlusDays() {
        try (S3Client s3 = TestS3.syncClient(cloud.getMiniCloud(), true)) {
            s3.createBucket(b -> b.bucket("expiry"));
            configure(s3, "expiry", rule("three days", "logs/", r -> r.expiration(e -> e.days(3))));
            PutObjectResponse put = s3.putObject(b -> b.bucket("expiry").key("logs/a"), RequestBody.fromString("a"));
            s3.putObject(b -> b.bucket("expiry").key("keep/b"), RequestBody.fromString("b"));
            // 15 January 10:30 + 3 days, rounded up to midnight UTC: Monday 19 January 00:00.
            String header = "expiry-date=\"Mon, 19 Jan 2026 00:00:00 GMT\", rule-id=\"three days\"";
            assertEquals(header, put.expiration());
            assertEquals(
                    header, s3.headObject(b -> b.bucket("expiry").key("logs/a")).expiration());
            assertEquals(
                    header,
                    s3.getObjectAsBytes(b -> b.bucket("expiry").key("logs/a"))
                            .response()
                            .expiration());
            assertNull(s3.headObject(b -> b.bucket("expiry").key("keep/b")).expiration());
            // CopyObject and CompleteMultipartUpload answer it for the version they made; none for a named version.
            assertEquals(
                    header,
                    s3.copyObject(b -> b.sourceBucket("expiry")
                                    .sourceKey("keep/b")
                                    .destinationBucket("expiry")
                                    .destinationKey("logs/copy"))
                            .expiration());
            String upload = s3.createMultipartUpload(b -> b.bucket("expiry").key("logs/mp"))
                    .uploadId();
            String etag = s3.uploadPart(
                            b -> b.bucket("expiry")
                                    .key("logs/mp")
                                    .uploadId(upload)
                                    .partNumber(1),
                            RequestBody.fromString("part"))
                    .eTag();
            assertEquals(
                    header,
                    s3.completeMultipartUpload(b -> b.bucket("expiry")
                                    .key("logs/mp")
                                    .uploadId(upload)
                                    .multipartUpload(
                                            m -> m.parts(p -> p.partNumber(1).eTag(etag))))
                            .expiration());
            assertNull(s3.headObject(b -> b.bucket("expiry").key("logs/a").versionId("null"))
                    .expiration());

            clock.set(Instant.parse("2026-01-18T23:59:59Z"));
            assertEquals(0, runPass().expired());
            assertEquals(
                    "a",
                    s3.getObjectAsBytes(b -> b.bucket("expiry").key("logs/a")).asUtf8String());

            clock.advance(Duration.ofSeconds(1));
            LifecycleReport report = runPass();
            assertEquals(3, report.expired());
            assertEquals(4, report.objectsScanned());
            assertThrows(
                    NoSuchKeyException.class,
                    () -> s3.headObject(b -> b.bucket("expiry").key("logs/a")));
            assertEquals(
                    "b",
                    s3.getObjectAsBytes(b -> b.bucket("expiry").key("keep/b")).asUtf8String());
        }
    }

    @Test
    void aVersionedBucketGetsADeleteMarkerThenLosesTheNoncurrentVersionThenTheLoneMarker() {
        try (S3Client s3 = TestS3.syncClient(cloud.getMiniCloud(), true)) {
            s3.createBucket(b -> b.bucket("versioned"));
            s3.putBucketVersioning(
                    b -> b.bucket("versioned").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
            configure(
                    s3,
                    "versioned",
                    rule(
                            "all",
                            "",
                            r -> r.expiration(e -> e.days(1)).noncurrentVersionExpiration(n -> n.noncurrentDays(1))));
            String v1 = s3.putObject(b -> b.bucket("versioned").key("k"), RequestBody.fromString("one"))
                    .versionId();

            clock.advance(Duration.ofDays(2));
            assertEquals(1, runPass().expired());
            ListObjectVersionsResponse afterExpiry = s3.listObjectVersions(b -> b.bucket("versioned"));
            assertEquals(1, afterExpiry.deleteMarkers().size());
            assertTrue(afterExpiry.deleteMarkers().get(0).isLatest());
            assertEquals(
                    List.of(v1),
                    afterExpiry.versions().stream().map(v -> v.versionId()).toList());
            assertThrows(
                    NoSuchKeyException.class,
                    () -> s3.headObject(b -> b.bucket("versioned").key("k")));

            clock.advance(Duration.ofDays(2));
            assertEquals(1, runPass().noncurrentRemoved());
            assertEquals(
                    List.of(), s3.listObjectVersions(b -> b.bucket("versioned")).versions());
            // One action per key and pass: the marker that just became the only version goes next time.
            assertEquals(
                    1,
                    s3.listObjectVersions(b -> b.bucket("versioned"))
                            .deleteMarkers()
                            .size());
            assertEquals(1, runPass().deleteMarkersRemoved());
            ListObjectVersionsResponse empty = s3.listObjectVersions(b -> b.bucket("versioned"));
            assertEquals(0, empty.versions().size() + empty.deleteMarkers().size());
        }
    }

    @Test
    void newerNoncurrentVersionsKeepsThatManyNoncurrentVersions() {
        try (S3Client s3 = TestS3.syncClient(cloud.getMiniCloud(), true)) {
            s3.createBucket(b -> b.bucket("newer"));
            s3.putBucketVersioning(
                    b -> b.bucket("newer").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
            configure(
                    s3,
                    "newer",
                    rule(
                            "keep5",
                            "",
                            r -> r.noncurrentVersionExpiration(
                                    n -> n.noncurrentDays(1).newerNoncurrentVersions(5))));
            for (int i = 0; i < 10; i++) {
                String body = "v" + i;
                s3.putObject(b -> b.bucket("newer").key("k"), RequestBody.fromString(body));
            }
            clock.advance(Duration.ofDays(1));
            assertEquals(0, runPass().noncurrentRemoved(), "not a whole day noncurrent, rounded to midnight, yet");
            clock.advance(Duration.ofDays(1));
            assertEquals(4, runPass().noncurrentRemoved());
            // The current version and the 5 newest noncurrent ones stay.
            List<String> left = s3.listObjectVersions(b -> b.bucket("newer")).versions().stream()
                    .map(v -> s3.getObjectAsBytes(
                                    g -> g.bucket("newer").key("k").versionId(v.versionId()))
                            .asUtf8String())
                    .toList();
            assertEquals(List.of("v9", "v8", "v7", "v6", "v5", "v4"), left);
        }
    }

    @Test
    void incompleteUploadsCarryTheirAbortDateAndAreAborted() {
        try (S3AsyncClient s3 = TestS3.nettyClient(cloud.getMiniCloud(), true)) {
            join(s3.createBucket(b -> b.bucket("uploads")));
            join(s3.putBucketLifecycleConfiguration(b -> b.bucket("uploads")
                    .lifecycleConfiguration(l -> l.rules(rule(
                            "abort-2",
                            "big/",
                            r -> r.abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(2)))))));
            CreateMultipartUploadResponse created =
                    join(s3.createMultipartUpload(b -> b.bucket("uploads").key("big/file")));
            CreateMultipartUploadResponse other =
                    join(s3.createMultipartUpload(b -> b.bucket("uploads").key("small/file")));
            assertEquals(Instant.parse("2026-01-18T00:00:00Z"), created.abortDate());
            assertEquals("abort-2", created.abortRuleId());
            assertNull(other.abortDate());
            ListPartsResponse parts =
                    join(s3.listParts(b -> b.bucket("uploads").key("big/file").uploadId(created.uploadId())));
            assertEquals(Instant.parse("2026-01-18T00:00:00Z"), parts.abortDate());
            assertEquals("abort-2", parts.abortRuleId());

            clock.set(Instant.parse("2026-01-18T00:00:00Z"));
            assertEquals(1, runPass().uploadsAborted());
            assertThrows(
                    NoSuchUploadException.class,
                    () -> join(s3.listParts(
                            b -> b.bucket("uploads").key("big/file").uploadId(created.uploadId()))));
            assertEquals(
                    1,
                    join(s3.listMultipartUploads(b -> b.bucket("uploads")))
                            .uploads()
                            .size());
        }
    }

    @Test
    void transitionsMoveLargeObjectsColderAndArchivedOnesNeedARestore() {
        try (S3Client s3 = TestS3.syncClient(cloud.getMiniCloud(), true)) {
            s3.createBucket(b -> b.bucket("tiers"));
            configure(
                    s3,
                    "tiers",
                    rule(
                            "tiering",
                            "",
                            r -> r.transitions(
                                    t -> t.days(30).storageClass(TransitionStorageClass.STANDARD_IA),
                                    t -> t.days(60).storageClass(TransitionStorageClass.GLACIER))));
            s3.putObject(b -> b.bucket("tiers").key("large"), RequestBody.fromBytes(new byte[200 * 1024]));
            s3.putObject(b -> b.bucket("tiers").key("small"), RequestBody.fromBytes(new byte[1024]));

            clock.advance(Duration.ofDays(31));
            assertEquals(1, runPass().transitioned());
            assertEquals(
                    StorageClass.STANDARD_IA,
                    s3.headObject(b -> b.bucket("tiers").key("large")).storageClass());
            // Under 128 KiB: never transitioned by default (S3 since September 2024).
            assertNull(s3.headObject(b -> b.bucket("tiers").key("small")).storageClass());

            clock.advance(Duration.ofDays(30));
            assertEquals(1, runPass().transitioned());
            assertEquals(
                    StorageClass.GLACIER,
                    s3.headObject(b -> b.bucket("tiers").key("large")).storageClass());
            assertEquals(
                    "GLACIER",
                    s3.listObjectsV2(b -> b.bucket("tiers")).contents().get(0).storageClassAsString());
            S3Exception archived = assertThrows(
                    S3Exception.class,
                    () -> s3.getObjectAsBytes(b -> b.bucket("tiers").key("large")));
            assertEquals(403, archived.statusCode());
            assertEquals("InvalidObjectState", archived.awsErrorDetails().errorCode());
        }
    }

    @Test
    void theMinimumObjectSizeSettingAndSizeFiltersDecideWhatSmallObjectsDo() {
        try (S3Client s3 = TestS3.syncClient(cloud.getMiniCloud(), true)) {
            s3.createBucket(b -> b.bucket("small"));
            s3.putBucketVersioning(
                    b -> b.bucket("small").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
            // The older behaviour: small objects may go to the archive classes, never to the IA ones.
            s3.putBucketLifecycleConfiguration(b -> b.bucket("small")
                    .transitionDefaultMinimumObjectSize(
                            software.amazon.awssdk.services.s3.model.TransitionDefaultMinimumObjectSize
                                    .VARIES_BY_STORAGE_CLASS)
                    .lifecycleConfiguration(l -> l.rules(
                            rule(
                                    "ia",
                                    "ia/",
                                    r -> r.transitions(
                                            t -> t.days(30).storageClass(TransitionStorageClass.STANDARD_IA))),
                            rule(
                                    "glacier",
                                    "glacier/",
                                    r -> r.transitions(t -> t.days(1).storageClass(TransitionStorageClass.GLACIER))),
                            rule(
                                    "old-versions",
                                    "versions/",
                                    r -> r.noncurrentVersionTransitions(t ->
                                            t.noncurrentDays(1).storageClass(TransitionStorageClass.DEEP_ARCHIVE))))));
            s3.putObject(b -> b.bucket("small").key("ia/k"), RequestBody.fromString("tiny"));
            s3.putObject(b -> b.bucket("small").key("glacier/k"), RequestBody.fromString("tiny"));
            String old = s3.putObject(b -> b.bucket("small").key("versions/k"), RequestBody.fromString("old"))
                    .versionId();
            s3.putObject(b -> b.bucket("small").key("versions/k"), RequestBody.fromString("new"));
            clock.advance(Duration.ofDays(31));
            assertEquals(2, runPass().transitioned());
            assertNull(s3.headObject(b -> b.bucket("small").key("ia/k")).storageClass());
            assertEquals(
                    StorageClass.GLACIER,
                    s3.headObject(b -> b.bucket("small").key("glacier/k")).storageClass());
            assertEquals(
                    StorageClass.DEEP_ARCHIVE,
                    s3.headObject(b -> b.bucket("small").key("versions/k").versionId(old))
                            .storageClass());
            assertNull(
                    s3.headObject(b -> b.bucket("small").key("versions/k")).storageClass(),
                    "the current version stays");

            // Under the default, a size filter in the rule replaces the 128 KiB minimum.
            s3.createBucket(b -> b.bucket("sized"));
            configure(
                    s3,
                    "sized",
                    LifecycleRule.builder()
                            .id("sized")
                            .status(ExpirationStatus.ENABLED)
                            .filter(f -> f.objectSizeGreaterThan(1L))
                            .transitions(t -> t.days(0).storageClass(TransitionStorageClass.GLACIER_IR))
                            .build());
            s3.putObject(b -> b.bucket("sized").key("two"), RequestBody.fromString("22"));
            s3.putObject(b -> b.bucket("sized").key("one"), RequestBody.fromString("1"));
            clock.advance(Duration.ofDays(1));
            assertEquals(1, runPass().transitioned());
            assertEquals(
                    StorageClass.GLACIER_IR,
                    s3.headObject(b -> b.bucket("sized").key("two")).storageClass());
            assertEquals(
                    "22", s3.getObjectAsBytes(b -> b.bucket("sized").key("two")).asUtf8String());
            assertNull(s3.headObject(b -> b.bucket("sized").key("one")).storageClass());
        }
    }

    @Test
    void aSuspendedBucketsNullVersionIsReplacedByANullDeleteMarker() {
        try (S3Client s3 = TestS3.syncClient(cloud.getMiniCloud(), true)) {
            s3.createBucket(b -> b.bucket("suspended"));
            s3.putBucketVersioning(
                    b -> b.bucket("suspended").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
            String kept = s3.putObject(b -> b.bucket("suspended").key("k"), RequestBody.fromString("versioned"))
                    .versionId();
            s3.putBucketVersioning(b ->
                    b.bucket("suspended").versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));
            s3.putObject(b -> b.bucket("suspended").key("k"), RequestBody.fromString("null version"));
            configure(s3, "suspended", rule("day", "", r -> r.expiration(e -> e.days(1))));
            clock.advance(Duration.ofDays(2));
            assertEquals(1, runPass().expired());
            ListObjectVersionsResponse list = s3.listObjectVersions(b -> b.bucket("suspended"));
            assertEquals("null", list.deleteMarkers().get(0).versionId());
            assertEquals(
                    List.of(kept),
                    list.versions().stream().map(v -> v.versionId()).toList());
        }
    }

    @Test
    void theAdminEndpointRunsAPass() throws Exception {
        MiniCloud c = cloud.getMiniCloud();
        try (S3Client s3 = TestS3.syncClient(c, true)) {
            s3.createBucket(b -> b.bucket("admin-run"));
            configure(s3, "admin-run", rule("day", "", r -> r.expiration(e -> e.days(1))));
            s3.putObject(b -> b.bucket("admin-run").key("x"), RequestBody.fromString("x"));
            clock.advance(Duration.ofDays(2));
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            "http://127.0.0.1:" + c.edgePort() + "/_minicloud/s3/lifecycle/run"))
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"expired\":1"), r.body());
            assertThrows(
                    NoSuchKeyException.class,
                    () -> s3.headObject(b -> b.bucket("admin-run").key("x")));
        }
    }

    /**
     * A pass over a bucket larger than one batch is held after its first batch; requests to that
     * bucket are answered meanwhile, and the pass then finishes. No timing is asserted: that the
     * requests complete while the pass is provably in the middle is the point.
     */
    @Test
    void requestsAreServedWhileAPassRuns() throws Exception {
        MiniCloud c = cloud.getMiniCloud();
        S3Service service = c.service(S3Service.class).orElseThrow();
        int objects = 2_100;
        try (S3Client s3 = TestS3.syncClient(c, true);
                S3AsyncClient async = TestS3.nettyClient(c, true)) {
            s3.createBucket(b -> b.bucket("large"));
            List<CompletableFuture<?>> puts = new ArrayList<>();
            for (int i = 0; i < objects; i++) {
                String key = String.format("k%05d", i);
                puts.add(async.putObject(b -> b.bucket("large").key(key), AsyncRequestBody.fromString(key)));
                if (puts.size() == 64) {
                    puts.forEach(TestS3::join);
                    puts.clear();
                }
            }
            puts.forEach(TestS3::join);
            configure(s3, "large", rule("all", "k", r -> r.expiration(e -> e.days(1))));
            clock.advance(Duration.ofDays(2));

            CountDownLatch paused = new CountDownLatch(1);
            CountDownLatch proceed = new CountDownLatch(1);
            service.lifecycle().batchObserver(() -> {
                paused.countDown();
                try {
                    proceed.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            CompletableFuture<LifecycleReport> pass = CompletableFuture.supplyAsync(service::runLifecycle);
            try {
                assertTrue(paused.await(60, TimeUnit.SECONDS), "the pass reached its first batch");
                // Mid-pass: the first batch is gone, the rest is still there, and the bucket serves.
                assertThrows(
                        NoSuchKeyException.class,
                        () -> s3.headObject(b -> b.bucket("large").key("k00000")));
                assertEquals(
                        "k02099",
                        s3.getObjectAsBytes(b -> b.bucket("large").key("k02099"))
                                .asUtf8String());
                s3.putObject(b -> b.bucket("large").key("fresh"), RequestBody.fromString("new"));
                assertEquals(
                        "new",
                        join(async.getObject(b -> b.bucket("large").key("fresh"), AsyncResponseTransformer.toBytes()))
                                .asUtf8String());
                assertEquals(
                        1000,
                        s3.listObjectsV2(b -> b.bucket("large").maxKeys(1000)).keyCount());
                assertTrue(!pass.isDone(), "the pass is still held");
            } finally {
                proceed.countDown();
            }
            LifecycleReport report = pass.get(60, TimeUnit.SECONDS);
            assertEquals(objects, report.expired());
            assertEquals(
                    List.of("fresh"),
                    s3.listObjectsV2(b -> b.bucket("large")).contents().stream()
                            .map(o -> o.key())
                            .toList());
        }
    }

    @Test
    void lifecycleNeverRemovesALockedVersionUntilItsRetentionEnds() {
        try (S3Client s3 = TestS3.syncClient(cloud.getMiniCloud(), true)) {
            s3.createBucket(b -> b.bucket("locked").objectLockEnabledForBucket(true));
            configure(
                    s3,
                    "locked",
                    rule("old versions", "", r -> r.noncurrentVersionExpiration(e -> e.noncurrentDays(1))));
            String locked = s3.putObject(
                            b -> b.bucket("locked")
                                    .key("k")
                                    .objectLockMode("COMPLIANCE")
                                    .objectLockRetainUntilDate(T0.plus(Duration.ofDays(10))),
                            RequestBody.fromString("v1"))
                    .versionId();
            s3.putObject(b -> b.bucket("locked").key("k"), RequestBody.fromString("v2"));
            clock.advance(Duration.ofDays(3));
            runPass();
            assertTrue(
                    s3.listObjectVersions(b -> b.bucket("locked")).versions().stream()
                            .anyMatch(v -> v.versionId().equals(locked)),
                    "retained: lifecycle leaves it");
            clock.advance(Duration.ofDays(8));
            runPass();
            assertTrue(
                    s3.listObjectVersions(b -> b.bucket("locked")).versions().stream()
                            .noneMatch(v -> v.versionId().equals(locked)),
                    "retention over: the next pass removes it");
        }
    }
}
