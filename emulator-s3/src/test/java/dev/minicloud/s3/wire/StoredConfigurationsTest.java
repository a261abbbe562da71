package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.junit.MiniCloudExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.AnalyticsConfiguration;
import software.amazon.awssdk.services.s3.model.BucketAbacStatus;
import software.amazon.awssdk.services.s3.model.BucketAccelerateStatus;
import software.amazon.awssdk.services.s3.model.BucketLogsPermission;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.GetBucketLoggingResponse;
import software.amazon.awssdk.services.s3.model.IntelligentTieringAccessTier;
import software.amazon.awssdk.services.s3.model.IntelligentTieringConfiguration;
import software.amazon.awssdk.services.s3.model.IntelligentTieringStatus;
import software.amazon.awssdk.services.s3.model.InventoryConfiguration;
import software.amazon.awssdk.services.s3.model.InventoryFormat;
import software.amazon.awssdk.services.s3.model.InventoryFrequency;
import software.amazon.awssdk.services.s3.model.InventoryIncludedObjectVersions;
import software.amazon.awssdk.services.s3.model.ListBucketMetricsConfigurationsResponse;
import software.amazon.awssdk.services.s3.model.NotificationConfiguration;
import software.amazon.awssdk.services.s3.model.Payer;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Type;

/**
 * Logging, notifications, request payment, acceleration and the configurations by id through the
 * SDK: S3's defaults, stored and returned as put, S3's validation and not-found errors, and the
 * List operations paged by continuation token.
 */
class StoredConfigurationsTest extends S3WireTest {
    @RegisterExtension
    static MiniCloudExtension cloud = s3Cloud();

    private static void assertS3Error(int status, String code, org.junit.jupiter.api.function.Executable call) {
        S3Exception e = assertThrows(S3Exception.class, call);
        assertEquals(status, e.statusCode());
        assertEquals(code, e.awsErrorDetails().errorCode());
    }

    @Test
    void requestPaymentDefaultsToTheBucketOwnerAndIsStored() {
        s3.createBucket(b -> b.bucket("pay"));
        assertEquals(
                Payer.BUCKET_OWNER,
                s3.getBucketRequestPayment(b -> b.bucket("pay")).payer());
        s3.putBucketRequestPayment(b -> b.bucket("pay").requestPaymentConfiguration(c -> c.payer(Payer.REQUESTER)));
        assertEquals(
                Payer.REQUESTER,
                s3.getBucketRequestPayment(b -> b.bucket("pay")).payer());
        assertS3Error(
                400,
                "MalformedXML",
                () -> s3.putBucketRequestPayment(
                        b -> b.bucket("pay").requestPaymentConfiguration(c -> c.payer("Nobody"))));
        assertEquals(
                Payer.REQUESTER,
                s3.getBucketRequestPayment(b -> b.bucket("pay")).payer());
    }

    @Test
    void accelerationIsStoredAndRefusedForDottedNames() {
        s3.createBucket(b -> b.bucket("fast"));
        assertNull(s3.getBucketAccelerateConfiguration(b -> b.bucket("fast")).status());
        s3.putBucketAccelerateConfiguration(
                b -> b.bucket("fast").accelerateConfiguration(c -> c.status(BucketAccelerateStatus.ENABLED)));
        assertEquals(
                BucketAccelerateStatus.ENABLED,
                s3.getBucketAccelerateConfiguration(b -> b.bucket("fast")).status());
        s3.createBucket(b -> b.bucket("has.dots"));
        S3Exception dotted = assertThrows(
                S3Exception.class,
                () -> s3.putBucketAccelerateConfiguration(b ->
                        b.bucket("has.dots").accelerateConfiguration(c -> c.status(BucketAccelerateStatus.ENABLED))));
        assertEquals("InvalidRequest", dotted.awsErrorDetails().errorCode());
        assertEquals(
                "S3 Transfer Acceleration is not supported for buckets with periods (.) in their names",
                dotted.awsErrorDetails().errorMessage());
    }

    @Test
    void loggingNeedsAnExistingTargetAndKeepsTargetGrants() {
        s3.createBucket(b -> b.bucket("logged"));
        s3.createBucket(b -> b.bucket("logs"));
        assertNull(s3.getBucketLogging(b -> b.bucket("logged")).loggingEnabled());
        assertS3Error(
                400,
                "InvalidTargetBucketForLogging",
                () -> s3.putBucketLogging(b -> b.bucket("logged")
                        .bucketLoggingStatus(s ->
                                s.loggingEnabled(l -> l.targetBucket("nowhere").targetPrefix("p/")))));
        s3.putBucketLogging(b -> b.bucket("logged")
                .bucketLoggingStatus(s -> s.loggingEnabled(l -> l.targetBucket("logs")
                        .targetPrefix("access/")
                        .targetGrants(g -> g.grantee(
                                        e -> e.type(Type.GROUP).uri("http://acs.amazonaws.com/groups/global/AllUsers"))
                                .permission(BucketLogsPermission.READ)))));
        GetBucketLoggingResponse logging = s3.getBucketLogging(b -> b.bucket("logged"));
        assertEquals("logs", logging.loggingEnabled().targetBucket());
        assertEquals("access/", logging.loggingEnabled().targetPrefix());
        assertEquals(
                Type.GROUP,
                logging.loggingEnabled().targetGrants().get(0).grantee().type());
        assertEquals(
                BucketLogsPermission.READ,
                logging.loggingEnabled().targetGrants().get(0).permission());
        s3.putBucketLogging(b -> b.bucket("logged").bucketLoggingStatus(s -> {}));
        assertNull(s3.getBucketLogging(b -> b.bucket("logged")).loggingEnabled(), "an empty status turns logging off");
    }

    @Test
    void notificationsAreStoredAndReturnedNotDelivered() {
        s3.createBucket(b -> b.bucket("notify"));
        assertTrue(s3.getBucketNotificationConfiguration(b -> b.bucket("notify"))
                .queueConfigurations()
                .isEmpty());
        QueueConfiguration queue = QueueConfiguration.builder()
                .id("q")
                .queueArn("arn:aws:sqs:us-east-1:000000000000:q")
                .events(Event.S3_OBJECT_CREATED, Event.S3_OBJECT_REMOVED_DELETE)
                .filter(f -> f.key(k -> k.filterRules(r -> r.name("prefix").value("in/"))))
                .build();
        s3.putBucketNotificationConfiguration(b -> b.bucket("notify")
                .notificationConfiguration(c -> c.queueConfigurations(queue).eventBridgeConfiguration(e -> {})));
        NotificationConfiguration expected =
                NotificationConfiguration.builder().queueConfigurations(queue).build();
        var got = s3.getBucketNotificationConfiguration(b -> b.bucket("notify"));
        assertEquals(expected.queueConfigurations(), got.queueConfigurations());
        assertTrue(got.eventBridgeConfiguration() != null, "EventBridge configuration kept");
    }

    @Test
    void configurationsByIdArePutReadListedAndDeleted() {
        s3.createBucket(b -> b.bucket("byid"));
        AnalyticsConfiguration analytics = AnalyticsConfiguration.builder()
                .id("a1")
                .filter(f -> f.prefix("docs/"))
                .storageClassAnalysis(s -> {})
                .build();
        s3.putBucketAnalyticsConfiguration(b -> b.bucket("byid").id("a1").analyticsConfiguration(analytics));
        assertEquals(
                analytics,
                s3.getBucketAnalyticsConfiguration(b -> b.bucket("byid").id("a1"))
                        .analyticsConfiguration());
        assertEquals(
                List.of(analytics),
                s3.listBucketAnalyticsConfigurations(b -> b.bucket("byid")).analyticsConfigurationList());

        InventoryConfiguration inventory = InventoryConfiguration.builder()
                .id("inv")
                .isEnabled(true)
                .includedObjectVersions(InventoryIncludedObjectVersions.CURRENT)
                .schedule(s -> s.frequency(InventoryFrequency.DAILY))
                .destination(d ->
                        d.s3BucketDestination(s -> s.bucket("arn:aws:s3:::byid").format(InventoryFormat.CSV)))
                .build();
        s3.putBucketInventoryConfiguration(b -> b.bucket("byid").id("inv").inventoryConfiguration(inventory));
        assertEquals(
                inventory,
                s3.getBucketInventoryConfiguration(b -> b.bucket("byid").id("inv"))
                        .inventoryConfiguration());

        IntelligentTieringConfiguration tiering = IntelligentTieringConfiguration.builder()
                .id("t")
                .status(IntelligentTieringStatus.ENABLED)
                .tierings(t -> t.days(90).accessTier(IntelligentTieringAccessTier.ARCHIVE_ACCESS))
                .build();
        s3.putBucketIntelligentTieringConfiguration(
                b -> b.bucket("byid").id("t").intelligentTieringConfiguration(tiering));
        assertEquals(
                List.of(tiering),
                s3.listBucketIntelligentTieringConfigurations(b -> b.bucket("byid"))
                        .intelligentTieringConfigurationList());

        s3.deleteBucketAnalyticsConfiguration(b -> b.bucket("byid").id("a1"));
        S3Exception gone = assertThrows(
                S3Exception.class,
                () -> s3.getBucketAnalyticsConfiguration(b -> b.bucket("byid").id("a1")));
        assertEquals(404, gone.statusCode());
        assertEquals("NoSuchConfiguration", gone.awsErrorDetails().errorCode());
        assertS3Error(
                404,
                "NoSuchConfiguration",
                () -> s3.deleteBucketAnalyticsConfiguration(
                        b -> b.bucket("byid").id("a1")));
        assertS3Error(
                400,
                "InvalidArgument",
                () -> s3.putBucketMetricsConfiguration(
                        b -> b.bucket("byid").id("m").metricsConfiguration(m -> m.id("other"))));
    }

    @Test
    void listingsArePagedByContinuationToken() {
        s3.createBucket(b -> b.bucket("paged"));
        for (int i = 0; i < 105; i++) {
            String id = String.format("m%03d", i);
            s3.putBucketMetricsConfiguration(b -> b.bucket("paged").id(id).metricsConfiguration(m -> m.id(id)));
        }
        List<String> ids = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListBucketMetricsConfigurationsResponse page =
                    s3.listBucketMetricsConfigurations(b -> b.bucket("paged").continuationToken(t));
            page.metricsConfigurationList().forEach(m -> ids.add(m.id()));
            token = page.isTruncated() ? page.nextContinuationToken() : null;
            pages++;
        } while (token != null);
        assertEquals(2, pages);
        assertEquals(105, ids.size());
        assertEquals("m000", ids.get(0));
        assertEquals("m104", ids.get(104));
    }

    @Test
    void abacStatusIsDisabledUntilPut() {
        s3.createBucket(b -> b.bucket("abac"));
        assertEquals(
                BucketAbacStatus.DISABLED,
                s3.getBucketAbac(b -> b.bucket("abac")).abacStatus().status());
        s3.putBucketAbac(b -> b.bucket("abac").abacStatus(a -> a.status(BucketAbacStatus.ENABLED)));
        assertEquals(
                BucketAbacStatus.ENABLED,
                s3.getBucketAbac(b -> b.bucket("abac")).abacStatus().status());
        assertS3Error(
                400,
                "MalformedXML",
                () -> s3.putBucketAbac(b -> b.bucket("abac").abacStatus(a -> a.status("Maybe"))));
    }

    @Test
    void theAsyncNettyClientReadsTheDefaults() {
        s3.createBucket(b -> b.bucket("async"));
        try (S3AsyncClient async = TestS3.nettyClient(cloud.getMiniCloud(), true)) {
            assertEquals(
                    Payer.BUCKET_OWNER,
                    TestS3.join(async.getBucketRequestPayment(b -> b.bucket("async")))
                            .payer());
            assertFalse(TestS3.join(async.listBucketInventoryConfigurations(b -> b.bucket("async")))
                    .isTruncated());
        }
    }
}
