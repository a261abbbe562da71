package dev.minicloud.s3.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MutableClock;
import dev.minicloud.junit.MiniCloudExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockRetention;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * POST Object with the fields PutObject takes as headers beyond metadata: an SSE-C customer key
 * (the object is then readable only with that key) and the Object Lock fields (retention and legal
 * hold that hold against deletion), signed as boto3's {@code generate_presigned_post} signs them.
 */
class PostObjectKeysAndLocksTest extends S3WireTest {
    static final MutableClock clock = MutableClock.fromSystemTime();

    @RegisterExtension
    static MiniCloudExtension cloud = MiniCloudExtension.builder()
            .services("s3")
            .clock(clock)
            .setting("s3-sse-c-over-http", "true")
            .resetBeforeEach(true)
            .build();

    private static final byte[] KEY = new byte[32];

    static {
        Arrays.fill(KEY, (byte) 7);
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private Instant now;

    @BeforeEach
    void time() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        now = clock.instant();
    }

    private HttpResponse<String> post(String bucket, PostForm form, String content) throws Exception {
        byte[] body = form.body("f.txt", "text/plain", content.getBytes(StandardCharsets.UTF_8));
        return http.send(
                HttpRequest.newBuilder(URI.create(
                                "http://localhost:" + cloud.getMiniCloud().edgePort() + "/" + bucket))
                        .header("Content-Type", PostForm.contentType())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A form field the policy names exactly, as boto3's {@code Fields} plus {@code Conditions} make it. */
    private static PostForm with(PostForm form, String name, String value) {
        return form.field(name, value).condition("{\"" + name + "\": \"" + value + "\"}");
    }

    private static String md5(byte[] b) throws Exception {
        return Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("MD5").digest(b));
    }

    @Test
    void aCustomerKeyFormStoresAnObjectReadableOnlyWithThatKey() throws Exception {
        s3.createBucket(b -> b.bucket("ssec"));
        String key = Base64.getEncoder().encodeToString(KEY);
        PostForm form = with(new PostForm(), "key", "secret.txt").condition("{\"bucket\": \"ssec\"}");
        with(form, "x-amz-server-side-encryption-customer-algorithm", "AES256");
        with(form, "x-amz-server-side-encryption-customer-key", key);
        with(form, "x-amz-server-side-encryption-customer-key-MD5", md5(KEY));
        form.sign("test", "test", "us-east-1", now, now.plus(Duration.ofHours(1)));

        HttpResponse<String> r = post("ssec", form, "for the key holder");
        assertEquals(204, r.statusCode(), r.body());
        assertEquals(
                "AES256",
                r.headers()
                        .firstValue("x-amz-server-side-encryption-customer-algorithm")
                        .orElse(null));
        assertEquals(
                md5(KEY),
                r.headers()
                        .firstValue("x-amz-server-side-encryption-customer-key-MD5")
                        .orElse(null));

        S3Exception withoutKey = assertThrows(
                S3Exception.class,
                () -> s3.getObjectAsBytes(b -> b.bucket("ssec").key("secret.txt")));
        assertEquals(400, withoutKey.statusCode());
        assertEquals("InvalidRequest", withoutKey.awsErrorDetails().errorCode());
        String keyMd5 = md5(KEY);
        assertEquals(
                "for the key holder",
                s3.getObjectAsBytes(b -> b.bucket("ssec")
                                .key("secret.txt")
                                .sseCustomerAlgorithm("AES256")
                                .sseCustomerKey(key)
                                .sseCustomerKeyMD5(keyMd5))
                        .asUtf8String());
    }

    @Test
    void aBadCustomerKeyIsS3sErrorAndStoresNothing() throws Exception {
        s3.createBucket(b -> b.bucket("ssec"));
        PostForm form = with(new PostForm(), "key", "bad.txt").condition("{\"bucket\": \"ssec\"}");
        with(form, "x-amz-server-side-encryption-customer-algorithm", "AES256");
        with(
                form,
                "x-amz-server-side-encryption-customer-key",
                Base64.getEncoder().encodeToString(new byte[16]));
        with(form, "x-amz-server-side-encryption-customer-key-MD5", md5(new byte[16]));
        form.sign("test", "test", "us-east-1", now, now.plus(Duration.ofHours(1)));

        HttpResponse<String> r = post("ssec", form, "never stored");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("<Code>InvalidArgument</Code>"), r.body());
        assertEquals(404, raw.get("/ssec/bad.txt").statusCode());
    }

    @Test
    void lockFieldsSetRetentionAndLegalHoldThatHoldAgainstDeletion() throws Exception {
        s3.createBucket(b -> b.bucket("vault").objectLockEnabledForBucket(true));
        Instant until = now.plus(Duration.ofDays(2));
        PostForm form = with(new PostForm(), "key", "record.txt").condition("{\"bucket\": \"vault\"}");
        with(form, "x-amz-object-lock-mode", "GOVERNANCE");
        with(form, "x-amz-object-lock-retain-until-date", until.toString());
        with(form, "x-amz-object-lock-legal-hold", "ON");
        form.sign("test", "test", "us-east-1", now, now.plus(Duration.ofHours(1)));

        HttpResponse<String> r = post("vault", form, "kept for two days");
        assertEquals(204, r.statusCode(), r.body());
        String versionId = r.headers().firstValue("x-amz-version-id").orElseThrow();
        HeadObjectResponse head = s3.headObject(b -> b.bucket("vault").key("record.txt"));
        assertEquals(ObjectLockRetentionMode.GOVERNANCE.toString(), head.objectLockModeAsString());
        assertEquals(until, head.objectLockRetainUntilDate());
        ObjectLockRetention retention =
                s3.getObjectRetention(b -> b.bucket("vault").key("record.txt")).retention();
        assertEquals(until, retention.retainUntilDate());
        assertEquals(
                ObjectLockLegalHoldStatus.ON,
                s3.getObjectLegalHold(b -> b.bucket("vault").key("record.txt"))
                        .legalHold()
                        .status());

        S3Exception held = assertThrows(
                S3Exception.class,
                () -> s3.deleteObject(b -> b.bucket("vault").key("record.txt").versionId(versionId)));
        assertEquals(403, held.statusCode());
        assertEquals("AccessDenied", held.awsErrorDetails().errorCode());
    }

    @Test
    void lockFieldsOnABucketWithoutObjectLockAreRefusedAndStoreNothing() throws Exception {
        s3.createBucket(b -> b.bucket("plain"));
        PostForm form = with(new PostForm(), "key", "record.txt").condition("{\"bucket\": \"plain\"}");
        with(form, "x-amz-object-lock-legal-hold", "ON");
        form.sign("test", "test", "us-east-1", now, now.plus(Duration.ofHours(1)));

        HttpResponse<String> r = post("plain", form, "no lock here");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(
                r.body()
                        .contains("<Code>InvalidRequest</Code><Message>Bucket is missing ObjectLockConfiguration"
                                + "</Message>"),
                r.body());
        assertEquals(404, raw.get("/plain/record.txt").statusCode());
    }
}
