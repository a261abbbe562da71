package dev.minicloud.internal.aws.auth;

import dev.minicloud.internal.aws.AwsException;
import java.nio.charset.StandardCharsets;

/** The errors AWS (S3 in particular) answers for authentication problems, with its codes and messages. */
public final class AuthErrors {
    static final String MALFORMED_PREFIX = "The authorization header is malformed; ";
    static final String CREDENTIAL_PREFIX = "Error parsing the X-Amz-Credential parameter; ";

    private AuthErrors() {}

    public static AwsException signatureDoesNotMatch(
            String accessKey, String stringToSign, String signatureProvided, String canonicalRequest) {
        AwsException e = new AwsException(
                        403,
                        "SignatureDoesNotMatch",
                        "The request signature we calculated does not match the signature you provided. Check your key and signing method.")
                .with("AWSAccessKeyId", accessKey)
                .with("StringToSign", stringToSign)
                .with("SignatureProvided", signatureProvided);
        if (stringToSign != null) {
            e.with("StringToSignBytes", hexBytes(stringToSign));
        }
        if (canonicalRequest != null) {
            e.with("CanonicalRequest", canonicalRequest).with("CanonicalRequestBytes", hexBytes(canonicalRequest));
        }
        return e;
    }

    public static AwsException invalidAccessKeyId(String accessKey) {
        return new AwsException(
                        403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.")
                .with("AWSAccessKeyId", accessKey);
    }

    /** A presigned URL used after {@code X-Amz-Date + X-Amz-Expires}. */
    public static AwsException requestExpired(String expires, String expiresAt, String serverTime) {
        return new AwsException(403, "AccessDenied", "Request has expired")
                .with("X-Amz-Expires", expires)
                .with("Expires", expiresAt)
                .with("ServerTime", serverTime);
    }

    /** A presigned URL dated in the future (beyond the allowed skew). */
    public static AwsException requestNotYetValid() {
        return new AwsException(403, "AccessDenied", "Request is not valid yet");
    }

    /** An anonymous request where credentials are required. */
    public static AwsException accessDenied() {
        return new AwsException(403, "AccessDenied", "Access Denied");
    }

    /** {@code x-amz-*} headers outside {@code SignedHeaders} (S3 tolerates only {@code x-amz-content-sha256}). */
    public static AwsException headersNotSigned(String names) {
        return new AwsException(403, "AccessDenied", "There were headers present in the request which were not signed")
                .with("HeadersNotSigned", names);
    }

    /** {@code host} missing from {@code SignedHeaders}: the signature does not bind the endpoint. */
    public static AwsException hostNotSigned() {
        return headersNotSigned("host");
    }

    /** A presigned-URL authentication parameter given more than once. */
    public static AwsException duplicateQueryParameter(String name) {
        return new AwsException(400, "InvalidArgument", "Only one " + name + " query parameter may be specified")
                .with("ArgumentName", name);
    }

    public static AwsException missingDate() {
        return new AwsException(403, "AccessDenied", "AWS authentication requires a valid Date or x-amz-date header");
    }

    public static AwsException requestTimeTooSkewed(String requestTime, String serverTime, long maxSkewMillis) {
        return new AwsException(
                        403,
                        "RequestTimeTooSkewed",
                        "The difference between the request time and the current time is too large.")
                .with("RequestTime", requestTime)
                .with("ServerTime", serverTime)
                .with("MaxAllowedSkewMilliseconds", Long.toString(maxSkewMillis));
    }

    /** {@code AuthorizationHeaderMalformed} with S3's message after "The authorization header is malformed; ". */
    public static AwsException headerMalformed(String detail) {
        return new AwsException(400, "AuthorizationHeaderMalformed", MALFORMED_PREFIX + detail);
    }

    /** The credential's region is not the resource's: S3's answer names the right one. */
    public static AwsException wrongRegion(String actual, String expected) {
        return headerMalformed("the region '" + actual + "' is wrong; expecting '" + expected + "'")
                .with("Region", expected);
    }

    public static AwsException queryParametersError(String message) {
        return new AwsException(400, "AuthorizationQueryParametersError", message);
    }

    public static AwsException missingQueryParameters() {
        return queryParametersError(
                "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, "
                        + "X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
    }

    /** SigV2, SigV4a or anything else in strict mode. */
    public static AwsException unsupportedMechanism() {
        return new AwsException(
                400,
                "InvalidRequest",
                "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.");
    }

    public static AwsException missingContentSha256() {
        return new AwsException(
                400, "InvalidRequest", "Missing required header for this request: x-amz-content-sha256");
    }

    /** The bytes of a string as S3 lists them in {@code StringToSignBytes}: two hex digits each, space separated. */
    static String hexBytes(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(b.length * 3);
        for (int i = 0; i < b.length; i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(Character.forDigit((b[i] >> 4) & 0xF, 16)).append(Character.forDigit(b[i] & 0xF, 16));
        }
        return out.toString();
    }
}
