package dev.minicloud.internal.aws.auth;

import static dev.minicloud.internal.aws.auth.SdkSigning.ACCESS_KEY;
import static dev.minicloud.internal.aws.auth.SdkSigning.SECRET_KEY;
import static dev.minicloud.internal.aws.auth.SdkSigning.SIGNED_AT;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MutableClock;
import dev.minicloud.internal.aws.AwsException;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

class SigV4VerifierTest {
    final MutableClock clock = MutableClock.startingAt(SIGNED_AT.plusSeconds(30));
    final SigV4Verifier verifier = SigV4Verifier.forS3(Map.of(ACCESS_KEY, SECRET_KEY), clock);

    static SdkHttpRequest get(String encodedPath) {
        return SdkSigning.request(SdkHttpMethod.GET, "127.0.0.1", 4566, encodedPath)
                .build();
    }

    static SdkSigning.Wire signedGet(String key) {
        String path = "/bucket/" + SdkHttpUtils.urlEncodeIgnoreSlashes(key);
        SdkHttpRequest r = SdkSigning.request(SdkHttpMethod.GET, "127.0.0.1", 4566, path)
                .putRawQueryParameter("versionId", "3/L4kqtJl40Nr8X8gdRQBpUMLUo")
                .putRawQueryParameter("response-content-type", "text/plain; charset=utf-8")
                .putRawQueryParameter("acl", (String) null)
                .putHeader("x-amz-meta-spaces", "a   b\tc")
                .putHeader("Range", "bytes=0-9")
                .build();
        return SdkSigning.signS3(r, null, b -> b.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));
    }

    static AwsException rejected(Runnable r) {
        return assertThrows(AwsException.class, r::run);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "plain.txt",
                "a key with spaces",
                "ünïcødé/ключ/日本.txt",
                "sym!$&'()*+,;=:@~.bin",
                "dir//double//slash",
                "percent%20literal",
                "tilde~and-dash_under.dot",
                "q?mark#hash"
            })
    void sdkSignedHeaderRequestsVerify(String key) {
        SdkSigning.Wire w = signedGet(key);
        VerifiedRequest v = verifier.verify(w.head());
        assertNotNull(v);
        assertEquals(ACCESS_KEY, v.accessKey());
        assertEquals("us-east-1", v.region());
        assertFalse(v.isPresigned());
    }

    @Test
    void aPathSignedExactlyAsSentInAnotherValidEncodingVerifies() {
        // A client that percent-encodes '~', leaves '!' alone, and signs its path verbatim.
        String path = "/bucket/a%7Eb!c";
        assertEquals("/bucket/a~b%21c", CanonicalRequest.canonicalUri(path, true), "differs from the normalised form");
        DefaultHttpHeaders h = new DefaultHttpHeaders();
        h.set("Host", "127.0.0.1:4566")
                .set("x-amz-date", "20261123T120000Z")
                .set("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        List<String> signed = List.of("host", "x-amz-content-sha256", "x-amz-date");
        String canonical = CanonicalRequest.withUri("GET", path, null, null, h, signed, "UNSIGNED-PAYLOAD");
        String stringToSign =
                "AWS4-HMAC-SHA256\n20261123T120000Z\n20261123/us-east-1/s3/aws4_request\n" + SigV4.sha256Hex(canonical);
        String signature =
                SigV4.hex(SigV4.hmac(SigV4.signingKey(SECRET_KEY, "20261123", "us-east-1", "s3"), stringToSign));
        h.set(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/20261123/us-east-1/s3/aws4_request, "
                        + "SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=" + signature);
        assertNotNull(verifier.verify(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path, h)));
        // The same signature does not carry over to another path.
        assertEquals(
                "SignatureDoesNotMatch",
                rejected(() -> verifier.verify(
                                new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/bucket/a%7Eb!d", h)))
                        .code());
    }

    @Test
    void signedPutWithPayloadHashVerifies() {
        byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
        SdkSigning.Wire w = SdkSigning.signS3(
                SdkSigning.request(SdkHttpMethod.PUT, "bucket.s3.localhost", 4566, "/k")
                        .putHeader("Content-Length", "5")
                        .putHeader("Content-Type", "text/plain")
                        .build(),
                body,
                b -> b.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true));
        assertEquals(SigV4.hex(sha256(body)), w.head().headers().get("x-amz-content-sha256"));
        assertNotNull(verifier.verify(w.head()));
    }

    @Test
    void anonymousRequestsAreNotVerified() {
        assertNull(verifier.verify(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/bucket/key?acl")));
    }

    @Test
    void wrongSecretIsSignatureDoesNotMatchWithWhatWeSigned() {
        SigV4Verifier other = SigV4Verifier.forS3(Map.of(ACCESS_KEY, "another-secret"), clock);
        AwsException e = rejected(() -> other.verify(signedGet("k").head()));
        assertEquals(403, e.status());
        assertEquals("SignatureDoesNotMatch", e.code());
        assertEquals(
                "The request signature we calculated does not match the signature you provided. "
                        + "Check your key and signing method.",
                e.getMessage());
        assertEquals(ACCESS_KEY, e.fields().get("AWSAccessKeyId"));
        assertTrue(e.fields()
                .get("StringToSign")
                .startsWith("AWS4-HMAC-SHA256\n20261123T120000Z\n20261123/us-east-1/s3/aws4_request\n"));
        assertTrue(
                e.fields()
                        .get("CanonicalRequest")
                        .startsWith(
                                "GET\n/bucket/k\nacl=&response-content-type=text%2Fplain%3B%20charset%3Dutf-8&versionId="),
                e.fields().get("CanonicalRequest"));
        assertNotNull(e.fields().get("CanonicalRequestBytes"));
    }

    @Test
    void anyTamperingIsSignatureDoesNotMatch() {
        HttpRequest h = signedGet("k").head();
        HttpRequest otherPath =
                new DefaultHttpRequest(HttpVersion.HTTP_1_1, h.method(), h.uri().replace("/k?", "/j?"), h.headers());
        HttpRequest otherMethod = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.DELETE, h.uri(), h.headers());
        HttpRequest otherQuery =
                new DefaultHttpRequest(HttpVersion.HTTP_1_1, h.method(), h.uri() + "&extra=1", h.headers());
        HttpRequest otherHeader = new DefaultHttpRequest(
                HttpVersion.HTTP_1_1, h.method(), h.uri(), h.headers().copy().set("Range", "bytes=0-10"));
        for (HttpRequest r : new HttpRequest[] {otherPath, otherMethod, otherQuery, otherHeader}) {
            assertEquals(
                    "SignatureDoesNotMatch", rejected(() -> verifier.verify(r)).code());
        }
        // Unsigned headers may change freely...
        HttpRequest extraHeader = new DefaultHttpRequest(
                HttpVersion.HTTP_1_1,
                h.method(),
                h.uri(),
                h.headers().copy().set("User-Agent", "something else").set("amz-sdk-request", "attempt=2"));
        assertDoesNotThrow(() -> verifier.verify(extraHeader));
    }

    @Test
    void unsignedAmzHeadersAreRefusedAsOnS3() {
        HttpRequest h = signedGet("k").head();
        HttpRequest added = new DefaultHttpRequest(
                HttpVersion.HTTP_1_1,
                h.method(),
                h.uri(),
                h.headers().copy().set("x-amz-acl", "public-read").set("X-Amz-Meta-Extra", "1"));
        AwsException e = rejected(() -> verifier.verify(added));
        assertEquals(403, e.status());
        assertEquals("AccessDenied", e.code());
        assertEquals("There were headers present in the request which were not signed", e.getMessage());
        assertEquals("x-amz-acl, x-amz-meta-extra", e.fields().get("HeadersNotSigned"));
        // ...but an unsigned x-amz-content-sha256 is tolerated (S3 checks it against the body itself).
        HttpRequest presignedWithHash =
                presigned(SdkHttpMethod.GET, Duration.ofMinutes(5)).head();
        presignedWithHash.headers().set("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        assertDoesNotThrow(() -> verifier.verify(presignedWithHash));
        presignedWithHash.headers().set("x-amz-server-side-encryption", "AES256");
        assertEquals(
                "x-amz-server-side-encryption",
                rejected(() -> verifier.verify(presignedWithHash)).fields().get("HeadersNotSigned"));
    }

    @Test
    void aComponentGivenTwiceIsAuthorizationHeaderMalformed() {
        HttpRequest h = signedGet("k").head();
        String auth = h.headers().get("Authorization");
        // The valid signature stays last; a second credential in front must not be accepted beside it.
        String twice =
                auth.replace("Credential=", "Credential=222222222222/20261123/us-east-1/s3/aws4_request, Credential=");
        h.headers().set("Authorization", twice);
        AwsException e = rejected(() -> verifier.verify(h));
        assertEquals(400, e.status());
        assertEquals("AuthorizationHeaderMalformed", e.code());
        assertTrue(
                e.getMessage()
                        .startsWith("The authorization header is malformed; the authorization component \"Credential="),
                e.getMessage());
    }

    @Test
    void hostMustBeSigned() {
        // A correct signature over everything but host (the SDKs always sign host; a hand-made
        // client might not), which would then be valid against any endpoint.
        String amzDate = SigV4.AMZ_DATE.format(SIGNED_AT);
        String scope = "20261123/us-east-1/s3/aws4_request";
        DefaultHttpHeaders headers = new DefaultHttpHeaders();
        headers.add("Host", "127.0.0.1:4566")
                .add("x-amz-date", amzDate)
                .add("x-amz-content-sha256", SigV4.EMPTY_SHA256);
        List<String> signed = List.of("x-amz-content-sha256", "x-amz-date");
        String canonical =
                CanonicalRequest.build("GET", "/bucket/k", null, null, headers, signed, SigV4.EMPTY_SHA256, true);
        String signature = SigV4.hex(SigV4.hmac(
                SigV4.signingKey(SECRET_KEY, "20261123", "us-east-1", "s3"),
                SigV4.ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + SigV4.sha256Hex(canonical)));
        headers.add(
                "Authorization",
                SigV4.ALGORITHM + " Credential=" + ACCESS_KEY + "/" + scope
                        + ", SignedHeaders=x-amz-content-sha256;x-amz-date, Signature=" + signature);
        AwsException e = rejected(() ->
                verifier.verify(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/bucket/k", headers)));
        assertEquals(403, e.status());
        assertEquals("AccessDenied", e.code());
        assertEquals("host", e.fields().get("HeadersNotSigned"));
    }

    @Test
    void failuresUseTheServicesOwnCodes() {
        AuthFailures custom = new AuthFailures() {
            @Override
            public AwsException invalidAccessKeyId(String accessKey) {
                return new AwsException(
                        403, "InvalidClientTokenId", "The security token included in the request is invalid.");
            }
        };
        SigV4Verifier other = new SigV4Verifier(Map.of("someone-else", "x")::get, clock, "s3", true, custom);
        assertEquals(
                "InvalidClientTokenId",
                rejected(() -> other.verify(signedGet("k").head())).code());
    }

    @Test
    void unknownAccessKeyIsInvalidAccessKeyId() {
        SigV4Verifier empty = SigV4Verifier.forS3(Map.of("someone-else", "x"), clock);
        AwsException e = rejected(() -> empty.verify(signedGet("k").head()));
        assertEquals(403, e.status());
        assertEquals("InvalidAccessKeyId", e.code());
        assertEquals("The AWS Access Key Id you provided does not exist in our records.", e.getMessage());
        assertEquals(ACCESS_KEY, e.fields().get("AWSAccessKeyId"));
    }

    @Test
    void requestsMoreThanFifteenMinutesOffAreTooSkewed() {
        HttpRequest h = signedGet("k").head();
        clock.set(SIGNED_AT.plus(Duration.ofMinutes(15)));
        assertDoesNotThrow(() -> verifier.verify(h));
        clock.set(SIGNED_AT.plus(Duration.ofMinutes(15)).plusSeconds(1));
        AwsException e = rejected(() -> verifier.verify(h));
        assertEquals(403, e.status());
        assertEquals("RequestTimeTooSkewed", e.code());
        assertEquals("The difference between the request time and the current time is too large.", e.getMessage());
        assertEquals("20261123T120000Z", e.fields().get("RequestTime"));
        assertEquals("2026-11-23T12:15:01Z", e.fields().get("ServerTime"));
        assertEquals("900000", e.fields().get("MaxAllowedSkewMilliseconds"));
        clock.set(SIGNED_AT.minus(Duration.ofMinutes(16)));
        assertEquals("RequestTimeTooSkewed", rejected(() -> verifier.verify(h)).code());
    }

    static HttpRequest withAuthorization(String auth) {
        DefaultHttpHeaders h = new DefaultHttpHeaders();
        h.set("Authorization", auth);
        h.set("x-amz-date", "20261123T120000Z");
        h.set("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        h.set("Host", "localhost");
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/b/k", h);
    }

    @Test
    void malformedAuthorizationHeadersGetS3sMessages() {
        String good = "Credential=AKIDEXAMPLE/20261123/us-east-1/s3/aws4_request";
        Map<String, String> cases = Map.of(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261123/us-east-1/s3, SignedHeaders=host, Signature=abc",
                "the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/2026-11-23/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=abc",
                "incorrect date format \"2026-11-23\". This date in the credential must be in the format \"yyyyMMdd\".",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261123/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=abc",
                "incorrect service \"ec2\". This endpoint belongs to \"s3\".",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261123/us-east-1/s3/aws5_request, SignedHeaders=host, Signature=abc",
                "incorrect terminal \"aws5_request\". This endpoint uses \"aws4_request\".",
                "AWS4-HMAC-SHA256 " + good + ", Signature=abc",
                "missing SignedHeaders.",
                "AWS4-HMAC-SHA256 " + good + ", SignedHeaders=host",
                "missing Signature.",
                "AWS4-HMAC-SHA256 SignedHeaders=host, Signature=abc",
                "missing Credential.",
                "AWS4-HMAC-SHA256 ",
                "the authorization header requires three components: Credential, SignedHeaders, and Signature.",
                "AWS4-HMAC-SHA256 " + good + ", SignedHeaders=host, Signature=abc, Foo",
                "the authorization component \"Foo\" is malformed.",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261122/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=abc",
                "Invalid credential date. Date is not the same as X-Amz-Date.");
        cases.forEach((auth, message) -> {
            AwsException e = rejected(() -> verifier.verify(withAuthorization(auth)));
            assertEquals("AuthorizationHeaderMalformed", e.code(), auth);
            assertEquals(400, e.status());
            assertEquals("The authorization header is malformed; " + message, e.getMessage());
        });
    }

    @Test
    void missingDateAndPayloadHashAreRejected() {
        HttpRequest r = withAuthorization("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261123/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host, Signature=abc");
        r.headers().remove("x-amz-date");
        assertEquals(
                "AWS authentication requires a valid Date or x-amz-date header",
                rejected(() -> verifier.verify(r)).getMessage());
        r.headers().set("x-amz-date", "yesterday");
        assertEquals("AccessDenied", rejected(() -> verifier.verify(r)).code());
        r.headers().set("x-amz-date", "20261123T120000Z").remove("x-amz-content-sha256");
        AwsException e = rejected(() -> verifier.verify(r));
        assertEquals("Missing required header for this request: x-amz-content-sha256", e.getMessage());
    }

    @Test
    void sigV2AndSigV4aAreNotSupportedInStrictMode() {
        for (String auth : new String[] {
            "AWS AKIDEXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg=",
            "AWS4-ECDSA-P256-SHA256 Credential=AKIDEXAMPLE/20261123/s3/aws4_request, SignedHeaders=host, Signature=ab"
        }) {
            AwsException e = rejected(() -> verifier.verify(withAuthorization(auth)));
            assertEquals("InvalidRequest", e.code());
            assertEquals(
                    "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.",
                    e.getMessage());
        }
    }

    @Test
    void sigV2HeadersParseForTheirAccessKey() {
        SigV2Authorization v2 = SigV2Authorization.parse("AWS AKIDEXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg=");
        assertEquals("AKIDEXAMPLE", v2.accessKey());
        assertEquals("frJIUN8DYpKDtOLCwo//yllqDzg=", v2.signature());
        assertTrue(SigV2Authorization.matches("AWS x:y"));
        assertEquals(
                "InvalidArgument",
                rejected(() -> SigV2Authorization.parse("AWS nocolon")).code());
    }

    @Test
    void nonS3ServicesDoubleEncodeTheirPath() {
        SdkHttpRequest r = SdkSigning.request(
                        SdkHttpMethod.POST, "localhost", 4566, "/2013-04-01/hostedzone/Z1%2FX/rrset/")
                .build();
        byte[] body = "<ChangeResourceRecordSetsRequest/>".getBytes(StandardCharsets.UTF_8);
        SdkSigning.Wire w = SdkSigning.signS3(
                r,
                body,
                b -> b.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "route53")
                        .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, true)
                        .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, true));
        SigV4Verifier route53 = new SigV4Verifier(Map.of(ACCESS_KEY, SECRET_KEY)::get, clock, "route53", false);
        assertNotNull(route53.verify(w.head(), SigV4.sha256Hex(body)));
        assertEquals(
                "SignatureDoesNotMatch",
                rejected(() -> route53.verify(w.head(), SigV4.EMPTY_SHA256)).code());
    }

    static SdkSigning.Wire presigned(SdkHttpMethod method, Duration expiry) {
        SdkHttpRequest r = SdkSigning.request(
                        method, "127.0.0.1", 4566, "/bucket/" + SdkHttpUtils.urlEncodeIgnoreSlashes("a b/ü.txt"))
                .putRawQueryParameter("response-content-disposition", "attachment; filename=\"x.txt\"")
                .build();
        return SdkSigning.signS3(
                r,
                null,
                b -> b.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expiry)
                        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));
    }

    @Test
    void presignedUrlsVerifyUntilTheyExpire() {
        SdkSigning.Wire w = presigned(SdkHttpMethod.GET, Duration.ofMinutes(60));
        assertTrue(SigV4Verifier.isPresigned(w.head()));
        VerifiedRequest v = verifier.verify(w.head());
        assertTrue(v.isPresigned());

        clock.set(SIGNED_AT.plus(Duration.ofMinutes(60)));
        assertDoesNotThrow(() -> verifier.verify(w.head()));
        clock.set(SIGNED_AT.plus(Duration.ofMinutes(60)).plusSeconds(1));
        AwsException e = rejected(() -> verifier.verify(w.head()));
        assertEquals(403, e.status());
        assertEquals("AccessDenied", e.code());
        assertEquals("Request has expired", e.getMessage());
        assertEquals("3600", e.fields().get("X-Amz-Expires"));
        assertEquals("2026-11-23T13:00:00Z", e.fields().get("Expires"));
        assertEquals("2026-11-23T13:00:01Z", e.fields().get("ServerTime"));
        // Lenient mode still enforces expiry.
        assertEquals(
                "Request has expired",
                rejected(() -> verifier.checkPresignedExpiry(w.head())).getMessage());
    }

    @Test
    void presignedUrlsAreBoundToMethodAndKey() {
        HttpRequest h = presigned(SdkHttpMethod.GET, Duration.ofMinutes(5)).head();
        HttpRequest put = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.PUT, h.uri(), h.headers());
        HttpRequest otherKey = new DefaultHttpRequest(
                HttpVersion.HTTP_1_1, h.method(), h.uri().replace("/bucket/a%20b", "/bucket/a%20c"), h.headers());
        assertEquals(
                "SignatureDoesNotMatch", rejected(() -> verifier.verify(put)).code());
        assertEquals(
                "SignatureDoesNotMatch",
                rejected(() -> verifier.verify(otherKey)).code());
        // ...but lenient mode only looks at the expiry.
        assertDoesNotThrow(() -> verifier.checkPresignedExpiry(put));
    }

    @Test
    void sigV2PresignedUrlsExpireInLenientMode() {
        long expires = SIGNED_AT.getEpochSecond() + 60;
        HttpRequest v2 = query("AWSAccessKeyId=AKIDEXAMPLE&Expires=" + expires + "&Signature=abc%3D");
        clock.set(SIGNED_AT.plusSeconds(60));
        assertDoesNotThrow(() -> verifier.checkPresignedExpiry(v2));
        clock.set(SIGNED_AT.plusSeconds(61));
        AwsException e = rejected(() -> verifier.checkPresignedExpiry(v2));
        assertEquals("AccessDenied", e.code());
        assertEquals("Request has expired", e.getMessage());
        assertEquals("2026-11-23T12:01:00Z", e.fields().get("Expires"));
        assertEquals(
                "AccessDenied",
                rejected(() -> verifier.checkPresignedExpiry(
                                query("AWSAccessKeyId=AKIDEXAMPLE&Expires=soon&Signature=abc")))
                        .code());
        // ...and strict mode does not take SigV2 at all.
        assertEquals("InvalidRequest", rejected(() -> verifier.verify(v2)).code());
    }

    @Test
    void presignedUrlsDatedInTheFutureAreNotYetValid() {
        HttpRequest h = presigned(SdkHttpMethod.GET, Duration.ofMinutes(5)).head();
        clock.set(SIGNED_AT.minus(Duration.ofMinutes(16)));
        assertEquals(
                "Request is not valid yet", rejected(() -> verifier.verify(h)).getMessage());
    }

    static HttpRequest query(String q) {
        return new DefaultHttpRequest(
                HttpVersion.HTTP_1_1, HttpMethod.GET, "/b/k?" + q, new DefaultHttpHeaders().set("Host", "x"));
    }

    @Test
    void badPresignedParametersAreAuthorizationQueryParametersError() {
        String base =
                "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20261123%2Fus-east-1%2Fs3%2Faws4_request"
                        + "&X-Amz-Date=20261123T120000Z&X-Amz-SignedHeaders=host&X-Amz-Signature=abc";
        Map<String, String> cases = Map.of(
                base,
                "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, "
                        + "X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.",
                base + "&X-Amz-Expires=soon",
                "X-Amz-Expires should be a number",
                base + "&X-Amz-Expires=-1",
                "X-Amz-Expires must be non-negative",
                base + "&X-Amz-Expires=604801",
                "X-Amz-Expires must be less than a week (in seconds); that is, "
                        + "the given X-Amz-Expires must be less than 604800 seconds",
                base.replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA1") + "&X-Amz-Expires=60",
                "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"",
                base.replace("20261123T120000Z", "2026-11-23") + "&X-Amz-Expires=60",
                "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"",
                base.replace("%2Fs3%2F", "%2Fsqs%2F") + "&X-Amz-Expires=60",
                "Error parsing the X-Amz-Credential parameter; incorrect service \"sqs\". This endpoint belongs to \"s3\".");
        cases.forEach((q, message) -> {
            AwsException e = rejected(() -> verifier.verify(query(q)));
            assertEquals("AuthorizationQueryParametersError", e.code(), q);
            assertEquals(400, e.status());
            assertEquals(message, e.getMessage());
        });
    }

    static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
