package dev.minicloud.internal.aws.auth;

import dev.minicloud.internal.aws.AwsException;

/**
 * A legacy Signature Version 2 {@code Authorization: AWS AKID:signature} header (s3cmd's default),
 * parsed for the access key only: SigV2 is accepted in lenient mode and never verified; strict mode
 * answers it with {@link AuthErrors#unsupportedMechanism()} as S3 does in SigV4-only regions.
 */
public record SigV2Authorization(String accessKey, String signature) {

    /** True for a header of this form. */
    public static boolean matches(String authorization) {
        return authorization != null && authorization.startsWith("AWS ");
    }

    /** @throws AwsException {@code InvalidArgument} for a malformed header */
    public static SigV2Authorization parse(String authorization) {
        String rest = authorization.substring(4).trim();
        int colon = rest.lastIndexOf(':');
        if (colon <= 0 || colon == rest.length() - 1) {
            throw new AwsException(
                            400,
                            "InvalidArgument",
                            "AWS authorization header is invalid.  Expected AwsAccessKeyId:signature")
                    .with("ArgumentName", "Authorization")
                    .with("ArgumentValue", authorization);
        }
        return new SigV2Authorization(rest.substring(0, colon), rest.substring(colon + 1));
    }
}
