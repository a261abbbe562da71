package dev.minicloud.internal.aws.auth;

import dev.minicloud.internal.aws.AwsException;

/**
 * The errors a service answers for the verification failures whose codes differ between AWS
 * services. S3's are the defaults ({@link AuthErrors}); Route 53, say, answers
 * {@code InvalidClientTokenId} for an unknown key. Handed to {@link SigV4Verifier}, so no service
 * has to catch and rewrite another service's codes.
 */
public interface AuthFailures {
    /** S3's codes and messages. */
    AuthFailures S3 = new AuthFailures() {};

    /**
     * The shape the non-S3 services share: an unknown key is {@code unknownKey} (Route 53's
     * {@code InvalidClientTokenId}, EC2's {@code AuthFailure}), a bad signature is the standard
     * {@code SignatureDoesNotMatch} text, with no S3-style debugging fields.
     */
    static AuthFailures withUnknownKey(AwsException unknownKey) {
        return new AuthFailures() {
            @Override
            public AwsException invalidAccessKeyId(String accessKey) {
                return new AwsException(unknownKey.status(), unknownKey.code(), unknownKey.getMessage());
            }

            @Override
            public AwsException signatureDoesNotMatch(
                    String accessKey, String stringToSign, String signatureProvided, String canonicalRequest) {
                return new AwsException(
                        403,
                        "SignatureDoesNotMatch",
                        "The request signature we calculated does not match "
                                + "the signature you provided. Check your AWS Secret Access Key and signing method. Consult the "
                                + "service documentation for details.");
            }
        };
    }

    default AwsException invalidAccessKeyId(String accessKey) {
        return AuthErrors.invalidAccessKeyId(accessKey);
    }

    default AwsException signatureDoesNotMatch(
            String accessKey, String stringToSign, String signatureProvided, String canonicalRequest) {
        return AuthErrors.signatureDoesNotMatch(accessKey, stringToSign, signatureProvided, canonicalRequest);
    }
}
