package dev.minicloud.s3.api;

import dev.minicloud.core.aws.auth.AuthErrors;
import dev.minicloud.core.aws.auth.SigV4Verifier;
import dev.minicloud.core.aws.auth.VerifiedRequest;
import dev.minicloud.core.aws.chunked.StreamingSignatureCheck;
import dev.minicloud.core.http.EdgeRequest;
import java.time.Clock;
import java.util.Map;

/**
 * S3's request authentication in one of two modes. Lenient (the default) accepts any credentials
 * but still refuses an expired presigned URL, as S3 would. Strict verifies the SigV4 header or
 * presigned signature against the configured credentials (with AWS's errors), refuses anonymous
 * requests, and hands back the chunk signature chain for signed streaming bodies.
 */
public final class S3Auth {
    private final boolean strict;
    private final SigV4Verifier verifier;

    public S3Auth(boolean strict, Map<String, String> credentials, Clock clock) {
        this.strict = strict;
        this.verifier = SigV4Verifier.forS3(credentials, clock);
    }

    /**
     * Authenticates the request head (throws AWS's error if it fails) and returns the streaming
     * signature check for its body, or {@code null} when bodies are not to be verified.
     */
    StreamingSignatureCheck authenticate(EdgeRequest r) {
        if (!strict) {
            verifier.checkPresignedExpiry(r.head());
            return null;
        }
        VerifiedRequest v = verifier.verify(r.head());
        if (v == null) {
            throw AuthErrors.accessDenied();
        }
        // The account is the verified key's, never the first of two claims in the request.
        r.authenticatedAs(v.accessKey());
        return v.chunkSignatureChain();
    }
}
