package dev.minicloud.dns.internal.api;

import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.aws.auth.AuthFailures;
import dev.minicloud.internal.aws.auth.SigV4Verifier;
import dev.minicloud.internal.aws.auth.VerifiedRequest;
import io.netty.handler.codec.http.HttpRequest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;

/**
 * Strict-mode authentication for the Route 53 API ({@code --dns-auth strict}): every request must be
 * SigV4-signed for {@code route53} with a configured key. The SDK signs the body's hash without
 * sending it, so verification runs once the (small) body is aggregated. Errors are the ones Route 53
 * gives: {@code MissingAuthenticationToken}, {@code InvalidClientTokenId}, {@code SignatureDoesNotMatch}
 * (Route 53's own text, through {@link AuthFailures}, not S3's).
 */
final class Route53Authenticator {
    /** Route 53's codes where they differ from S3's. */
    private static final AuthFailures ROUTE53 = AuthFailures.withUnknownKey(
            new AwsException(403, "InvalidClientTokenId", "The security token included in the request is invalid."));

    private final SigV4Verifier verifier;

    Route53Authenticator(Map<String, String> credentials, Clock clock) {
        this.verifier = new SigV4Verifier(credentials::get, clock, "route53", false, ROUTE53);
    }

    /** Verifies the request and returns the verified access key. */
    String authenticate(HttpRequest head, byte[] body) {
        VerifiedRequest verified = verifier.verify(head, sha256Hex(body));
        if (verified == null) {
            throw new AwsException(403, "MissingAuthenticationToken", "Missing Authentication Token");
        }
        return verified.accessKey();
    }

    private static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
