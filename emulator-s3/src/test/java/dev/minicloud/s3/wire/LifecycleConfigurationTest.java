package dev.minicloud.s3.wire;

import static dev.minicloud.s3.wire.TestS3.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.junit.MiniCloudExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.GetBucketLifecycleConfigurationResponse;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.PutBucketLifecycleConfigurationResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.TransitionDefaultMinimumObjectSize;
import software.amazon.awssdk.services.s3.model.TransitionStorageClass;

/**
 * Put/Get/DeleteBucketLifecycleConfiguration on the wire (SDK v2 sync and async, raw HTTP for what
 * the SDK cannot send): rules come back in S3's shape, ids are made for rules without one, and
 * every configuration S3 refuses gets S3's code and message and leaves the stored one unchanged.
 */
class LifecycleConfigurationTest {
    @RegisterExtension
    static MiniCloudExtension cloud =
            MiniCloudExtension.builder().services("s3").resetBeforeEach(true).build();

    private final HttpClient http = HttpClient.newHttpClient();

    private static final String NS = "http://s3.amazonaws.com/doc/2006-03-01/";

    private static LifecycleRule expireLogs(int days) {
        return LifecycleRule.builder()
                .id("logs")
                .status(ExpirationStatus.ENABLED)
                .filter(f -> f.prefix("logs/"))
                .expiration(e -> e.days(days))
                .build();
    }

    @Test
    void putGetAndDeleteRoundTripWithTheSyncClient(MiniCloud c) {
        try (S3Client s3 = TestS3.syncClient(c, true)) {
            s3.createBucket(b -> b.bucket("lc-sync"));
            LifecycleRule archive = LifecycleRule.builder()
                    .status(ExpirationStatus.ENABLED)
                    .filter(f -> f.and(a ->
                            a.prefix("docs/").tags(t -> t.key("k").value("v")).objectSizeGreaterThan(10L)))
                    .transitions(
                            t -> t.days(30).storageClass(TransitionStorageClass.STANDARD_IA),
                            t -> t.days(90).storageClass(TransitionStorageClass.GLACIER))
                    .noncurrentVersionExpiration(n -> n.noncurrentDays(7).newerNoncurrentVersions(2))
                    .build();
            LifecycleRule abort = LifecycleRule.builder()
                    .id("uploads")
                    .status(ExpirationStatus.DISABLED)
                    .filter(f -> f.prefix(""))
                    .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(3))
                    .build();
            PutBucketLifecycleConfigurationResponse put = s3.putBucketLifecycleConfiguration(
                    b -> b.bucket("lc-sync").lifecycleConfiguration(l -> l.rules(expireLogs(365), archive, abort)));
            assertEquals(
                    TransitionDefaultMinimumObjectSize.ALL_STORAGE_CLASSES_128_K,
                    put.transitionDefaultMinimumObjectSize());

            GetBucketLifecycleConfigurationResponse got = s3.getBucketLifecycleConfiguration(b -> b.bucket("lc-sync"));
            assertEquals(3, got.rules().size());
            assertEquals(abort, got.rules().get(2));
            assertEquals(expireLogs(365), got.rules().get(0));
            LifecycleRule second = got.rules().get(1);
            // S3 names a rule sent without an ID: base64 of a lowercase UUID, 48 characters.
            assertEquals(48, second.id().length());
            String uuid = new String(Base64.getDecoder().decode(second.id()), StandardCharsets.US_ASCII);
            assertTrue(uuid.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), uuid);
            assertEquals(archive.toBuilder().id(second.id()).build(), second);
            assertEquals(
                    TransitionDefaultMinimumObjectSize.ALL_STORAGE_CLASSES_128_K,
                    got.transitionDefaultMinimumObjectSize());

            s3.deleteBucketLifecycle(b -> b.bucket("lc-sync"));
            S3Exception none =
                    assertThrows(S3Exception.class, () -> s3.getBucketLifecycleConfiguration(b -> b.bucket("lc-sync")));
            assertEquals(404, none.statusCode());
            assertEquals("NoSuchLifecycleConfiguration", none.awsErrorDetails().errorCode());
            assertEquals(
                    "The lifecycle configuration does not exist",
                    none.awsErrorDetails().errorMessage());
            s3.deleteBucketLifecycle(b -> b.bucket("lc-sync")); // 204 without one too
        }
    }

    @Test
    void asyncClientPutsAndReadsTheMinimumObjectSizeSetting(MiniCloud c) {
        try (S3AsyncClient s3 = TestS3.nettyClient(c, true)) {
            join(s3.createBucket(b -> b.bucket("lc-async")));
            PutBucketLifecycleConfigurationResponse put = join(s3.putBucketLifecycleConfiguration(b -> b.bucket(
                            "lc-async")
                    .transitionDefaultMinimumObjectSize(TransitionDefaultMinimumObjectSize.VARIES_BY_STORAGE_CLASS)
                    .lifecycleConfiguration(l -> l.rules(expireLogs(1)))));
            assertEquals(
                    TransitionDefaultMinimumObjectSize.VARIES_BY_STORAGE_CLASS,
                    put.transitionDefaultMinimumObjectSize());
            GetBucketLifecycleConfigurationResponse got =
                    join(s3.getBucketLifecycleConfiguration(b -> b.bucket("lc-async")));
            assertEquals(List.of(expireLogs(1)), got.rules());
            assertEquals(
                    TransitionDefaultMinimumObjectSize.VARIES_BY_STORAGE_CLASS,
                    got.transitionDefaultMinimumObjectSize());
        }
    }

    @Test
    void theLegacyRuleLevelPrefixFormIsKeptAsPut(MiniCloud c) throws Exception {
        try (S3Client s3 = TestS3.syncClient(c, true)) {
            s3.createBucket(b -> b.bucket("legacy"));
        }
        String body = "<LifecycleConfiguration xmlns=\"" + NS + "\"><Rule><ID>old</ID><Prefix>tmp/</Prefix>"
                + "<Status>Enabled</Status><Expiration><Days>3</Days></Expiration></Rule></LifecycleConfiguration>";
        assertEquals(200, send(c, "PUT", "/legacy?lifecycle", body).statusCode());
        HttpResponse<String> got = send(c, "GET", "/legacy?lifecycle", null);
        assertEquals(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><LifecycleConfiguration xmlns=\"" + NS + "\"><Rule>"
                        + "<ID>old</ID><Prefix>tmp/</Prefix><Status>Enabled</Status><Expiration><Days>3</Days></Expiration>"
                        + "</Rule></LifecycleConfiguration>",
                got.body());
        // An empty filter is written back as <Filter/>, with a date in S3's timestamp form.
        String v2 = "<LifecycleConfiguration><Rule><ID>all</ID><Filter></Filter><Status>Disabled</Status>"
                + "<Expiration><Date>2027-01-01T00:00:00Z</Date></Expiration></Rule></LifecycleConfiguration>";
        assertEquals(200, send(c, "PUT", "/legacy?lifecycle", v2).statusCode());
        assertTrue(
                send(c, "GET", "/legacy?lifecycle", null)
                        .body()
                        .contains(
                                "<Rule><ID>all</ID><Filter/>"
                                        + "<Status>Disabled</Status><Expiration><Date>2027-01-01T00:00:00.000Z</Date></Expiration></Rule>"));
    }

    /** Each invalid rule body (inside one Rule) with S3's status, code and message. */
    @ParameterizedTest(name = "{1}: {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "<ID>a</ID><Filter/><Status>enabled</Status><Expiration><Days>1</Days></Expiration>|MalformedXML|400|The XML you provided was not well-formed or did not validate against our published schema",
                "<ID>a</ID><Status>Enabled</Status><Expiration><Days>1</Days></Expiration>|MalformedXML|400|The XML you provided was not well-formed or did not validate against our published schema",
                "<ID>a</ID><Filter><Prefix>a</Prefix><ObjectSizeGreaterThan>1</ObjectSizeGreaterThan></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration>|MalformedXML|400|The XML you provided was not well-formed or did not validate against our published schema",
                "<ID>a</ID><Filter/><Status>Enabled</Status><Expiration><Days>1</Days><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker></Expiration>|MalformedXML|400|The XML you provided was not well-formed or did not validate against our published schema",
                "<ID>a</ID><Filter/><Status>Enabled</Status><NoncurrentVersionExpiration><NewerNoncurrentVersions>2</NewerNoncurrentVersions></NoncurrentVersionExpiration>|MalformedXML|400|The XML you provided was not well-formed or did not validate against our published schema",
                "<ID>a</ID><Filter/><Status>Enabled</Status><Bogus/>|MalformedXML|400|The XML you provided was not well-formed or did not validate against our published schema",
                "<ID>a</ID><Filter/><Status>Enabled</Status><Expiration><Days>0</Days></Expiration>|InvalidArgument|400|'Days' for Expiration action must be a positive integer",
                "<ID>a</ID><Filter/><Status>Enabled</Status><Expiration><Date>2027-01-01T10:00:00Z</Date></Expiration>|InvalidArgument|400|'Date' must be at midnight GMT",
                "<ID>a</ID><Filter/><Status>Enabled</Status><NoncurrentVersionExpiration><NoncurrentDays>0</NoncurrentDays></NoncurrentVersionExpiration>|InvalidArgument|400|'NoncurrentDays' for NoncurrentVersionExpiration action must be a positive integer",
                "<ID>a</ID><Filter/><Status>Enabled</Status><Transition><Days>29</Days><StorageClass>ONEZONE_IA</StorageClass></Transition>|InvalidArgument|400|'Days' in Transition action must be greater than or equal to 30 for storageClass 'ONEZONE_IA'",
                "<ID>a</ID><Filter/><Status>Enabled</Status><AbortIncompleteMultipartUpload><DaysAfterInitiation>0</DaysAfterInitiation></AbortIncompleteMultipartUpload>|InvalidArgument|400|'DaysAfterInitiation' for AbortIncompleteMultipartUpload action must be a positive integer",
                "<ID>a</ID><Filter><Tag><Key>k</Key><Value>v</Value></Tag></Filter><Status>Enabled</Status><AbortIncompleteMultipartUpload><DaysAfterInitiation>1</DaysAfterInitiation></AbortIncompleteMultipartUpload>|InvalidRequest|400|AbortIncompleteMultipartUpload cannot be specified with Tags.",
                "<ID>a</ID><Filter><ObjectSizeLessThan>0</ObjectSizeLessThan></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration>|InvalidRequest|400|'ObjectSizeLessThan' should be between 1 and 1099511627776000.",
                "<ID>a</ID><Filter><And><ObjectSizeGreaterThan>5</ObjectSizeGreaterThan><ObjectSizeLessThan>5</ObjectSizeLessThan></And></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration>|InvalidRequest|400|'ObjectSizeLessThan' has to be a value greater than 'ObjectSizeGreaterThan'.",
                "<ID>a</ID><Filter><And><Tag><Key>k</Key><Value>1</Value></Tag><Tag><Key>k</Key><Value>2</Value></Tag></And></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration>|InvalidRequest|400|Duplicate Tag Keys are not allowed.",
                "<ID>a</ID><Filter/><Status>Enabled</Status>|InvalidRequest|400|At least one action needs to be specified in a rule",
                "<ID>a</ID><Prefix>x</Prefix><Status>Enabled</Status><NoncurrentVersionExpiration><NoncurrentDays>1</NoncurrentDays><NewerNoncurrentVersions>1</NewerNoncurrentVersions></NoncurrentVersionExpiration>|InvalidRequest|400|NewerNoncurrentVersions element can only be used in Lifecycle V2.",
            })
    void invalidRulesGetS3sErrorsAndChangeNothing(String rule, String code, int status, String message, MiniCloud c)
            throws Exception {
        try (S3Client s3 = TestS3.syncClient(c, true)) {
            s3.createBucket(b -> b.bucket("bad"));
            s3.putBucketLifecycleConfiguration(
                    b -> b.bucket("bad").lifecycleConfiguration(l -> l.rules(expireLogs(9))));
            HttpResponse<String> r = send(
                    c,
                    "PUT",
                    "/bad?lifecycle",
                    "<LifecycleConfiguration xmlns=\"" + NS + "\"><Rule>" + rule + "</Rule></LifecycleConfiguration>");
            assertEquals(status, r.statusCode(), r.body());
            assertTrue(r.body().contains("<Code>" + code + "</Code><Message>" + xml(message) + "</Message>"), r.body());
            assertEquals(
                    List.of(expireLogs(9)),
                    s3.getBucketLifecycleConfiguration(b -> b.bucket("bad")).rules());
        }
    }

    @Test
    void configurationWideFaultsGetS3sErrors(MiniCloud c) throws Exception {
        try (S3Client s3 = TestS3.syncClient(c, true)) {
            s3.createBucket(b -> b.bucket("wide"));
            // Two rules with one ID.
            S3Exception same = assertThrows(
                    S3Exception.class,
                    () -> s3.putBucketLifecycleConfiguration(
                            b -> b.bucket("wide").lifecycleConfiguration(l -> l.rules(expireLogs(1), expireLogs(2)))));
            assertEquals("InvalidArgument", same.awsErrorDetails().errorCode());
            assertEquals(
                    "Rule ID must be unique. Found same ID for more than one rule",
                    same.awsErrorDetails().errorMessage());
            // An ID of 256 characters.
            S3Exception tooLong = assertThrows(
                    S3Exception.class,
                    () -> s3.putBucketLifecycleConfiguration(b -> b.bucket("wide")
                            .lifecycleConfiguration(l -> l.rules(expireLogs(1).toBuilder()
                                    .id("i".repeat(256))
                                    .build()))));
            assertEquals(
                    "ID length should not exceed allowed limit of 255",
                    tooLong.awsErrorDetails().errorMessage());
            // A value of the minimum-size header S3 does not define.
            S3Exception header = assertThrows(
                    S3Exception.class,
                    () -> s3.putBucketLifecycleConfiguration(b -> b.bucket("wide")
                            .transitionDefaultMinimumObjectSize("tiny")
                            .lifecycleConfiguration(l -> l.rules(expireLogs(1)))));
            assertEquals("InvalidRequest", header.awsErrorDetails().errorCode());
            assertEquals(
                    "Invalid TransitionDefaultMinimumObjectSize found: tiny",
                    header.awsErrorDetails().errorMessage());
            S3Exception none =
                    assertThrows(S3Exception.class, () -> s3.getBucketLifecycleConfiguration(b -> b.bucket("wide")));
            assertEquals("NoSuchLifecycleConfiguration", none.awsErrorDetails().errorCode());
        }
        // No rules, not XML, V1 and V2 rules mixed, overlapping V1 prefixes.
        assertEquals("MalformedXML", code(send(c, "PUT", "/wide?lifecycle", "<LifecycleConfiguration/>")));
        assertEquals("MalformedXML", code(send(c, "PUT", "/wide?lifecycle", "<LifecycleConfiguration><Rule>")));
        HttpResponse<String> mixed = send(
                c,
                "PUT",
                "/wide?lifecycle",
                "<LifecycleConfiguration>"
                        + "<Rule><ID>a</ID><Prefix>a</Prefix><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>"
                        + "<Rule><ID>b</ID><Filter/><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>"
                        + "</LifecycleConfiguration>");
        assertTrue(
                mixed.body()
                        .contains("<Code>InvalidRequest</Code><Message>Filter element can only be used in "
                                + "Lifecycle V2.</Message>"),
                mixed.body());
        HttpResponse<String> overlap = send(
                c,
                "PUT",
                "/wide?lifecycle",
                "<LifecycleConfiguration>"
                        + "<Rule><ID>a</ID><Prefix></Prefix><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>"
                        + "<Rule><ID>b</ID><Prefix>a</Prefix><Status>Enabled</Status><Expiration><Days>2</Days></Expiration></Rule>"
                        + "</LifecycleConfiguration>");
        assertTrue(
                overlap.body()
                        .contains("<Message>Found overlapping prefixes '' and 'a' for same action type "
                                + "'Expiration'</Message>"),
                overlap.body());
        assertEquals(404, send(c, "GET", "/wide?lifecycle", null).statusCode());
    }

    @Test
    void aThousandRulesAreTakenAndOneMoreIsRefused(MiniCloud c) throws Exception {
        try (S3Client s3 = TestS3.syncClient(c, true)) {
            s3.createBucket(b -> b.bucket("many"));
        }
        StringBuilder rules = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            rules.append("<Rule><ID>r")
                    .append(i)
                    .append("</ID><Filter><Prefix>p")
                    .append(i)
                    .append("/</Prefix></Filter>")
                    .append("<Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>");
        }
        assertEquals(
                200,
                send(c, "PUT", "/many?lifecycle", "<LifecycleConfiguration>" + rules + "</LifecycleConfiguration>")
                        .statusCode());
        String extra =
                "<Rule><ID>x</ID><Filter/><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>";
        assertEquals(
                "MalformedXML",
                code(send(
                        c,
                        "PUT",
                        "/many?lifecycle",
                        "<LifecycleConfiguration>" + rules + extra + "</LifecycleConfiguration>")));
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;");
    }

    private static String code(HttpResponse<String> r) {
        int from = r.body().indexOf("<Code>");
        return from < 0
                ? "(none) " + r.statusCode()
                : r.body().substring(from + 6, r.body().indexOf("</Code>"));
    }

    @Test
    void aPutWithoutContentMd5OrAChecksumIsRefusedAndAWrongChecksumIsBadDigest(MiniCloud c) throws Exception {
        try (S3Client s3 = TestS3.syncClient(c, true)) {
            s3.createBucket(b -> b.bucket("integrity"));
        }
        String body = "<LifecycleConfiguration><Rule><ID>r</ID><Filter/><Status>Enabled</Status>"
                + "<Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>";
        HttpResponse<String> bare = send(c, "PUT", "/integrity?lifecycle", body, Map.of());
        assertEquals(400, bare.statusCode());
        assertEquals("InvalidRequest", code(bare));
        assertTrue(
                bare.body().contains("<Message>Missing required header for this request: Content-MD5</Message>"),
                bare.body());
        HttpResponse<String> wrong =
                send(c, "PUT", "/integrity?lifecycle", body, Map.of("x-amz-checksum-crc32", crc32(body + " ")));
        assertEquals(400, wrong.statusCode());
        assertEquals("BadDigest", code(wrong));
        assertEquals(404, send(c, "GET", "/integrity?lifecycle", null).statusCode(), "a refused put stores nothing");
        assertEquals(
                200,
                send(c, "PUT", "/integrity?lifecycle", body, Map.of("x-amz-checksum-crc32", crc32(body)))
                        .statusCode(),
                "a checksum header stands in for Content-MD5");
        assertTrue(send(c, "GET", "/integrity?lifecycle", null).body().contains("<ID>r</ID>"));
    }

    /** A raw request; a body carries its {@code Content-MD5}, which S3 requires of lifecycle calls. */
    private HttpResponse<String> send(MiniCloud c, String method, String path, String body) throws Exception {
        return body == null
                ? send(c, method, path, null, Map.of())
                : send(c, method, path, body, Map.of("Content-MD5", md5(body)));
    }

    private HttpResponse<String> send(MiniCloud c, String method, String path, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + c.edgePort() + path));
        b.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String md5(String body) throws Exception {
        return Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String crc32(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder()
                .encodeToString(
                        ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
