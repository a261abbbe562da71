package dev.minicloud.s3.internal.api;

import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.aws.auth.AuthErrors;
import dev.minicloud.internal.aws.auth.SigV4;
import dev.minicloud.internal.aws.auth.SigV4Verifier;
import dev.minicloud.internal.aws.auth.VerifiedRequest;
import dev.minicloud.internal.aws.chunked.StreamingSignatureCheck;
import dev.minicloud.internal.http.EdgeRequest;
import java.time.Clock;
import java.util.Map;

/**
 * S3's request authentication in one of two modes. Lenient (the default) accepts any credentials
 * but still refuses an expired presigned URL, as S3 would. Strict verifies the SigV4 header or
 * presigned signature against the configured credentials (with AWS's errors), takes an unsigned
 * request as anonymous (what it may do is {@link S3Access}'s question), and hands back the chunk
 * signature chain for signed streaming bodies.
 */
public final class S3Auth {
    private final boolean strict;
    private final SigV4Verifier verifier;
    private final Map<String, String> credentials;

    public S3Auth(boolean strict, Map<String, String> credentials, Clock clock) {
        this.strict = strict;
        this.credentials = credentials;
        this.verifier = SigV4Verifier.forS3(credentials, clock);
    }

    /**
     * Who signed a request head, and the streaming signature check for its body ({@code null} when
     * bodies are not verified: lenient mode, anonymous requests).
     */
    record Authenticated(S3Caller caller, StreamingSignatureCheck signatures) {
        /** Lenient mode's answer for every request: nothing is verified and nobody is authorized, so one value serves all. */
        static final Authenticated UNVERIFIED = new Authenticated(S3Caller.UNVERIFIED, null);
        /** A request that carries no signature to check here (a CORS preflight; a form upload signs its policy). */
        static final Authenticated UNSIGNED = new Authenticated(S3Caller.ANONYMOUS, null);
    }

    /**
     * Authenticates the request head (throws AWS's error if a signature fails). In strict mode the
     * caller is the verified key's account, or anonymous for a request that carries no signature at
     * all; lenient mode authorizes nobody, so its caller is {@link S3Caller#UNVERIFIED} (the request
     * acts in whatever account it claims, {@link EdgeRequest#account()}).
     */
    Authenticated authenticate(EdgeRequest r) {
        if (!strict) {
            verifier.checkPresignedExpiry(r.head());
            return Authenticated.UNVERIFIED;
        }
        VerifiedRequest v = verifier.verify(r.head());
        if (v == null) {
            return Authenticated.UNSIGNED;
        }
        // The account is the verified key's, never the first of two claims in the request.
        r.authenticatedAs(v.accessKey());
        return new Authenticated(
                new S3Caller(
                        r.account(),
                        v.isPresigned() ? S3Caller.AuthType.REST_QUERY_STRING : S3Caller.AuthType.REST_HEADER),
                v.chunkSignatureChain());
    }

    /**
     * A POST form upload's identity ({@code fields} by lower-case name): in strict mode the SigV4
     * signature over the base64 {@code policy} must be the credential's (AWS's errors otherwise,
     * and an anonymous form is {@code AccessDenied}); in lenient mode the credential is only read.
     * Returns the access key the form acts as, or {@code null} for an anonymous form (lenient only).
     */
    String verifyPostForm(Map<String, String> fields) {
        String credential = fields.get("x-amz-credential");
        String accessKey = credential == null ? null : credential.split("/", -1)[0];
        if (!strict) {
            return accessKey == null || accessKey.isEmpty() ? null : accessKey;
        }
        String policy = fields.get("policy");
        String signature = fields.get("x-amz-signature");
        if (policy == null || signature == null || credential == null) {
            throw AuthErrors.accessDenied();
        }
        if (!SigV4.ALGORITHM.equals(fields.get("x-amz-algorithm"))) {
            throw new AwsException(400, "InvalidArgument", "Only the AWS4-HMAC-SHA256 algorithm is supported for POST.")
                    .with("ArgumentName", "x-amz-algorithm")
                    .with("ArgumentValue", String.valueOf(fields.get("x-amz-algorithm")));
        }
        String[] scope = credential.split("/", -1);
        if (scope.length != 5 || !scope[3].equals("s3") || !scope[4].equals("aws4_request")) {
            throw new AwsException(400, "InvalidArgument", "Invalid credential: " + credential)
                    .with("ArgumentName", "x-amz-credential")
                    .with("ArgumentValue", credential);
        }
        String secret = credentials.get(accessKey);
        if (secret == null) {
            throw AuthErrors.invalidAccessKeyId(accessKey);
        }
        String expected = SigV4.hex(SigV4.hmac(SigV4.signingKey(secret, scope[1], scope[2], "s3"), policy));
        if (!SigV4.signaturesEqual(expected, signature.trim())) {
            throw AuthErrors.signatureDoesNotMatch(accessKey, policy, signature, null);
        }
        return accessKey;
    }

    /** Whether signatures are verified ({@code --s3-auth strict}). */
    boolean strict() {
        return strict;
    }
}
