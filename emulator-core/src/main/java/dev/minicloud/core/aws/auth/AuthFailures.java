package dev.minicloud.core.aws.auth;

import dev.minicloud.core.aws.AwsException;

/**
 * The errors a service answers for the verification failures whose codes differ between AWS
 * services. S3's are the defaults ({@link AuthErrors}); Route 53, say, answers
 * {@code InvalidClientTokenId} for an unknown key. Handed to {@link SigV4Verifier}, so no service
 * has to catch and rewrite another service's codes.
 */
public interface AuthFailures {
    /** S3's codes and messages. */
    AuthFailures S3 = new AuthFailures() {
    };

    default AwsException invalidAccessKeyId(String accessKey) {
        return AuthErrors.invalidAccessKeyId(accessKey);
    }

    default AwsException signatureDoesNotMatch(String accessKey, String stringToSign, String signatureProvided,
                                               String canonicalRequest) {
        return AuthErrors.signatureDoesNotMatch(accessKey, stringToSign, signatureProvided, canonicalRequest);
    }
}
