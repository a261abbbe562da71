package dev.minicloud.internal.aws.auth;

import dev.minicloud.internal.aws.AuthorizationHeader;
import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.aws.QueryParameters;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Verifies AWS Signature Version 4 on a received request, for strict mode: the
 * {@code Authorization: AWS4-HMAC-SHA256 ...} header or presigned query parameters, against known
 * credentials and the injected {@link Clock}, answering with AWS's exact errors:
 * {@code AuthorizationHeaderMalformed}, {@code AuthorizationQueryParametersError},
 * {@code InvalidAccessKeyId}, {@code AccessDenied} (expired/not yet valid presigned URL, missing
 * date, unsigned {@code x-amz-*} headers), {@code RequestTimeTooSkewed} (more than 15 minutes off), {@code SignatureDoesNotMatch}
 * (with the {@code StringToSign} and {@code CanonicalRequest} we computed, as S3 includes them).
 *
 * <p>Checks run in this order: syntax (a component or presigned parameter given twice is refused,
 * so the key verified is the only key the request names), presigned expiry, access key, clock skew,
 * signature, then the signed-header rules: {@code host} must be signed, and (S3) no unsigned
 * {@code x-amz-*} header. The query is parsed by {@link QueryParameters}, the parser the edge
 * handlers read, so what is verified is what is acted on. The
 * payload is not read here: S3 signs the {@code x-amz-content-sha256} value, which
 * {@link dev.minicloud.internal.aws.chunked.PayloadDecoder} then checks against the body (and the
 * chunk signatures, via {@link VerifiedRequest#chunkSignatureChain()}). Thread-safe; its only state
 * is a small per-instance cache of derived signing keys.
 */
public final class SigV4Verifier {
    /** How far a request's date may be from the server's clock. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(15);
    /** The longest a presigned URL may be valid (seven days). */
    public static final long MAX_PRESIGNED_EXPIRES_SECONDS = 604_800;

    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ISO_INSTANT;

    /** Distinct (key, day, region, service) scopes remembered; a test run uses a handful. */
    private static final int SIGNING_KEY_CACHE_SIZE = 256;

    private final Function<String, String> secretKeys;
    private final Clock clock;
    // Derived signing keys change once a day per credential: caching saves four HMACs a request.
    private final Map<String, byte[]> signingKeys = new ConcurrentHashMap<>();
    private final String service;
    private final boolean s3Rules;
    private final AuthFailures failures;

    /**
     * @param secretKeys access key to secret key, {@code null} for an unknown key
     * @param service    the signing name the credential scope must carry ({@code s3}, {@code route53})
     * @param s3Rules    S3's canonical URI (no double encoding) and required {@code x-amz-content-sha256}
     */
    public SigV4Verifier(Function<String, String> secretKeys, Clock clock, String service, boolean s3Rules) {
        this(secretKeys, clock, service, s3Rules, AuthFailures.S3);
    }

    /** As above, with the service's own codes for the failures whose codes differ between services. */
    public SigV4Verifier(
            Function<String, String> secretKeys, Clock clock, String service, boolean s3Rules, AuthFailures failures) {
        this.secretKeys = secretKeys;
        this.clock = clock;
        this.service = service;
        this.s3Rules = s3Rules;
        this.failures = failures;
    }

    /** The verifier for S3 over a map of access key to secret key. */
    public static SigV4Verifier forS3(Map<String, String> credentials, Clock clock) {
        return new SigV4Verifier(credentials::get, clock, "s3", true);
    }

    /** True when the request carries presigned SigV4 query parameters. */
    public static boolean isPresigned(HttpRequest request) {
        String q = rawQuery(request.uri());
        return q != null
                && (q.startsWith("X-Amz-") || q.contains("&X-Amz-"))
                && QueryParameters.parse(q).contains("X-Amz-Algorithm");
    }

    /**
     * Verifies the request's signature.
     *
     * @return who signed it, or {@code null} for an anonymous request (no header, no presigned query)
     * @throws AwsException with AWS's error when authentication fails
     */
    public VerifiedRequest verify(HttpRequest request) {
        return verify(request, null);
    }

    /**
     * As {@link #verify(HttpRequest)}, for services that sign the body's hash without sending it in
     * {@code x-amz-content-sha256}: pass the hex SHA-256 of the (small, aggregated) body.
     */
    public VerifiedRequest verify(HttpRequest request, String payloadSha256Hex) {
        String auth = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (auth != null) {
            if (auth.startsWith(SigV4.ALGORITHM)) {
                return verifyHeader(request, auth, payloadSha256Hex);
            }
            throw AuthErrors.unsupportedMechanism();
        }
        String q = rawQuery(request.uri());
        if (q != null) {
            QueryParameters params = QueryParameters.parse(q);
            if (params.contains("X-Amz-Algorithm")
                    || params.contains("X-Amz-Signature")
                    || params.contains("X-Amz-Credential")) {
                return verifyPresigned(request, q, params);
            }
            if (params.contains("AWSAccessKeyId") && params.contains("Signature")) {
                throw AuthErrors.unsupportedMechanism(); // SigV2 presigned
            }
        }
        return null;
    }

    /**
     * Checks a presigned URL's parameters and expiry without verifying its signature: for lenient
     * mode, where any signature passes but an expired URL must still fail as on S3. Covers SigV4
     * ({@code X-Amz-Date} + {@code X-Amz-Expires}) and SigV2 ({@code Expires}, epoch seconds, as
     * {@code s3cmd signurl} makes them); does nothing for other requests.
     */
    public void checkPresignedExpiry(HttpRequest request) {
        String q = rawQuery(request.uri());
        if (q != null && request.headers().get(HttpHeaderNames.AUTHORIZATION) == null) {
            QueryParameters params = QueryParameters.parse(q);
            if (params.contains("X-Amz-Algorithm") || params.contains("X-Amz-Signature")) {
                presignedParams(params);
            } else if (params.contains("AWSAccessKeyId") && params.contains("Signature")) {
                checkSigV2Expiry(params.first("Expires"));
            }
        }
    }

    private void checkSigV2Expiry(String expires) {
        long epochSeconds;
        try {
            epochSeconds = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            // S3 insists on a numeric Expires for query-string authentication.
            throw new AwsException(
                    403,
                    "AccessDenied",
                    "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters");
        }
        Instant now = clock.instant();
        Instant at = Instant.ofEpochSecond(epochSeconds);
        if (now.isAfter(at)) {
            throw new AwsException(403, "AccessDenied", "Request has expired")
                    .with("Expires", iso(at))
                    .with("ServerTime", iso(now));
        }
    }

    private VerifiedRequest verifyHeader(HttpRequest request, String auth, String payloadSha256Hex) {
        String rest = auth.substring(SigV4.ALGORITHM.length());
        if (!rest.isEmpty() && rest.charAt(0) != ' ') {
            throw AuthErrors.unsupportedMechanism();
        }
        String credentialValue = null;
        String signedHeadersValue = null;
        String signature = null;
        Set<String> seen = new HashSet<>();
        for (AuthorizationHeader.Component c :
                AuthorizationHeader.parseComponents(rest).components()) {
            if (!seen.add(c.key())) {
                // A second Credential (or SignedHeaders, Signature) could let routing and
                // verification read different values: AWS refuses the header outright.
                throw AuthErrors.headerMalformed("the authorization component \"" + c.text() + "\" is malformed.");
            }
            switch (c.key()) {
                case "Credential" -> credentialValue = c.value();
                case "SignedHeaders" -> signedHeadersValue = c.value();
                case "Signature" -> signature = c.value();
                default ->
                    throw AuthErrors.headerMalformed("the authorization component \"" + c.text() + "\" is malformed.");
            }
        }
        if (credentialValue == null && signedHeadersValue == null && signature == null) {
            throw AuthErrors.headerMalformed(
                    "the authorization header requires three components: Credential, SignedHeaders, and Signature.");
        }
        if (credentialValue == null) {
            throw AuthErrors.headerMalformed("missing Credential.");
        }
        if (signedHeadersValue == null || signedHeadersValue.isEmpty()) {
            throw AuthErrors.headerMalformed("missing SignedHeaders.");
        }
        if (signature == null || signature.isEmpty()) {
            throw AuthErrors.headerMalformed("missing Signature.");
        }
        Credential credential = Credential.parse(credentialValue, service, AuthErrors::headerMalformed);

        HttpHeaders headers = request.headers();
        String amzDate = headers.get("x-amz-date");
        Instant requestTime;
        if (amzDate != null) {
            requestTime = parseAmzDate(amzDate);
            if (requestTime == null) {
                throw AuthErrors.missingDate();
            }
        } else {
            String date = headers.get(HttpHeaderNames.DATE);
            requestTime = date == null ? null : parseHttpDate(date);
            if (requestTime == null) {
                throw AuthErrors.missingDate();
            }
            amzDate = SigV4.AMZ_DATE.format(requestTime);
        }
        if (!amzDate.startsWith(credential.date())) {
            throw AuthErrors.headerMalformed("Invalid credential date. Date is not the same as X-Amz-Date.");
        }
        String secret = secretKeys.apply(credential.accessKey());
        if (secret == null) {
            throw failures.invalidAccessKeyId(credential.accessKey());
        }
        Instant now = clock.instant();
        if (Duration.between(requestTime, now).abs().compareTo(MAX_SKEW) > 0) {
            throw AuthErrors.requestTimeTooSkewed(amzDate, iso(now), MAX_SKEW.toMillis());
        }
        String payloadHash = payloadSha256Hex;
        if (payloadHash == null) {
            payloadHash = headers.get("x-amz-content-sha256");
            if (payloadHash == null) {
                if (s3Rules) {
                    throw AuthErrors.missingContentSha256();
                }
                payloadHash = SigV4.EMPTY_SHA256;
            }
        }
        List<String> signedHeaders = signedHeaders(signedHeadersValue);
        String uri = request.uri();
        String hash = payloadHash;
        VerifiedRequest verified = checkSignature(
                credential,
                secret,
                amzDate,
                signature,
                false,
                rawPath(uri),
                canonicalUri -> CanonicalRequest.withUri(
                        request.method().name(), canonicalUri, rawQuery(uri), null, headers, signedHeaders, hash));
        checkSignedHeaderRules(headers, signedHeaders);
        return verified;
    }

    private VerifiedRequest verifyPresigned(HttpRequest request, String rawQuery, QueryParameters params) {
        Presigned p = presignedParams(params);
        String secret = secretKeys.apply(p.credential.accessKey());
        if (secret == null) {
            throw failures.invalidAccessKeyId(p.credential.accessKey());
        }
        String contentSha = params.first("X-Amz-Content-Sha256");
        String payloadHash = contentSha == null ? UNSIGNED_PAYLOAD : contentSha;
        List<String> signedHeaders = signedHeaders(params.first("X-Amz-SignedHeaders"));
        VerifiedRequest verified = checkSignature(
                p.credential,
                secret,
                p.amzDate,
                params.first("X-Amz-Signature"),
                true,
                rawPath(request.uri()),
                canonicalUri -> CanonicalRequest.withUri(
                        request.method().name(),
                        canonicalUri,
                        rawQuery,
                        "X-Amz-Signature",
                        request.headers(),
                        signedHeaders,
                        payloadHash));
        checkSignedHeaderRules(request.headers(), signedHeaders);
        return verified;
    }

    private record Presigned(Credential credential, String amzDate) {}

    private static final List<String> PRESIGNED_PARAMS = List.of(
            "X-Amz-Algorithm",
            "X-Amz-Credential",
            "X-Amz-Signature",
            "X-Amz-Date",
            "X-Amz-SignedHeaders",
            "X-Amz-Expires");

    /** Validates presigned parameters and the validity window; AWS's errors for each defect. */
    private Presigned presignedParams(QueryParameters params) {
        for (String required : PRESIGNED_PARAMS) {
            if (!params.contains(required)) {
                throw AuthErrors.missingQueryParameters();
            }
        }
        for (String name : params.asMap().keySet()) {
            if (params.count(name) > 1 && name.regionMatches(true, 0, "X-Amz-", 0, 6)) {
                // Two credentials (or signatures, dates) would let the verifier and a handler
                // each pick a different one.
                throw AuthErrors.duplicateQueryParameter(name);
            }
        }
        if (!SigV4.ALGORITHM.equals(params.first("X-Amz-Algorithm"))) {
            throw AuthErrors.queryParametersError("X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
        }
        Credential credential = Credential.parse(
                params.first("X-Amz-Credential"),
                service,
                detail -> AuthErrors.queryParametersError(AuthErrors.CREDENTIAL_PREFIX + detail));
        String amzDate = params.first("X-Amz-Date");
        Instant signedAt = parseAmzDate(amzDate);
        if (signedAt == null) {
            throw AuthErrors.queryParametersError(
                    "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
        }
        String expiresValue = params.first("X-Amz-Expires");
        long expires;
        try {
            expires = Long.parseLong(expiresValue);
        } catch (NumberFormatException e) {
            throw AuthErrors.queryParametersError("X-Amz-Expires should be a number");
        }
        if (expires < 0) {
            throw AuthErrors.queryParametersError("X-Amz-Expires must be non-negative");
        }
        if (expires > MAX_PRESIGNED_EXPIRES_SECONDS) {
            throw AuthErrors.queryParametersError("X-Amz-Expires must be less than a week (in seconds); that is, "
                    + "the given X-Amz-Expires must be less than 604800 seconds");
        }
        if (!amzDate.startsWith(credential.date())) {
            throw AuthErrors.queryParametersError("Invalid credential date \"" + credential.date()
                    + "\". This date is not the same as X-Amz-Date: \"" + amzDate.substring(0, 8) + "\".");
        }
        Instant now = clock.instant();
        if (signedAt.minus(MAX_SKEW).isAfter(now)) {
            throw AuthErrors.requestNotYetValid();
        }
        Instant expiresAt = signedAt.plusSeconds(expires);
        if (now.isAfter(expiresAt)) {
            throw AuthErrors.requestExpired(expiresValue, iso(expiresAt), iso(now));
        }
        return new Presigned(credential, amzDate);
    }

    /**
     * Checks the signature over the canonical request for the normalised URI (decoded once, encoded
     * once: what the SDKs sign). For S3, a client that signed its path exactly as it sent it with a
     * different but valid encoding (say {@code %7E} or a literal {@code !}) is accepted too; that path
     * is the one on the request line, so the signature still binds it.
     */
    private VerifiedRequest checkSignature(
            Credential credential,
            String secret,
            String amzDate,
            String provided,
            boolean presigned,
            String rawPath,
            Function<String, String> canonicalFor) {
        byte[] key = signingKey(credential, secret);
        String normalizedUri = CanonicalRequest.canonicalUri(rawPath, s3Rules);
        String canonical = canonicalFor.apply(normalizedUri);
        String stringToSign = stringToSign(amzDate, credential, canonical);
        String expected = SigV4.hex(SigV4.hmac(key, stringToSign));
        String given = provided == null ? null : provided.toLowerCase(Locale.ROOT);
        if (!SigV4.signaturesEqual(expected, given)
                && s3Rules
                && !rawPath.isEmpty()
                && !rawPath.equals(normalizedUri)) {
            String asSent = SigV4.hex(SigV4.hmac(key, stringToSign(amzDate, credential, canonicalFor.apply(rawPath))));
            if (SigV4.signaturesEqual(asSent, given)) {
                expected = asSent;
            }
        }
        if (!SigV4.signaturesEqual(expected, given)) {
            throw failures.signatureDoesNotMatch(credential.accessKey(), stringToSign, provided, canonical);
        }
        return new VerifiedRequest(credential, amzDate, expected, key, presigned);
    }

    private static String stringToSign(String amzDate, Credential credential, String canonical) {
        return SigV4.ALGORITHM + "\n" + amzDate + "\n" + credential.scope() + "\n" + SigV4.sha256Hex(canonical);
    }

    /**
     * {@code host} must be signed (else a signature made for one endpoint replays on another). S3
     * also refuses {@code x-amz-*} headers that the signature does not cover (they could change the
     * request's meaning unnoticed), except {@code x-amz-content-sha256}, which it checks itself.
     */
    private void checkSignedHeaderRules(HttpHeaders headers, List<String> signedHeaders) {
        if (!signedHeaders.contains("host")) {
            throw AuthErrors.hostNotSigned();
        }
        if (!s3Rules) {
            return;
        }
        List<String> unsigned = new ArrayList<>();
        for (String name : headers.names()) {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.startsWith("x-amz-")
                    && !n.equals("x-amz-content-sha256")
                    && !signedHeaders.contains(n)
                    && !unsigned.contains(n)) {
                unsigned.add(n);
            }
        }
        if (!unsigned.isEmpty()) {
            throw AuthErrors.headersNotSigned(String.join(", ", unsigned));
        }
    }

    private byte[] signingKey(Credential credential, String secret) {
        // The secret is part of the cache key: credentials may be reconfigured between lookups.
        String cacheKey = credential.accessKey() + "\n" + secret + "\n" + credential.scope();
        byte[] key = signingKeys.get(cacheKey);
        if (key == null) {
            key = SigV4.signingKey(secret, credential.date(), credential.region(), credential.service());
            if (signingKeys.size() >= SIGNING_KEY_CACHE_SIZE) {
                signingKeys.clear();
            }
            signingKeys.put(cacheKey, key);
        }
        return key;
    }

    private static List<String> signedHeaders(String value) {
        List<String> names = new ArrayList<>();
        for (String n : value.split(";")) {
            if (!n.isBlank()) {
                names.add(n.trim().toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    static Instant parseAmzDate(String value) {
        try {
            return ZonedDateTime.parse(value, SigV4.AMZ_DATE).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant parseHttpDate(String value) {
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String iso(Instant t) {
        return ISO_SECONDS.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    /** The path of a request-target, without query; absolute-form targets are reduced to their path. */
    static String rawPath(String uri) {
        String u = stripAuthority(uri);
        int q = u.indexOf('?');
        return q < 0 ? u : u.substring(0, q);
    }

    static String rawQuery(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? null : uri.substring(q + 1);
    }

    private static String stripAuthority(String uri) {
        if (uri.startsWith("http://") || uri.startsWith("https://")) {
            int slash = uri.indexOf('/', uri.indexOf("//") + 2);
            return slash < 0 ? "/" : uri.substring(slash);
        }
        return uri;
    }
}
