package dev.minicloud.internal.aws.auth;

import dev.minicloud.internal.aws.AwsException;
import java.util.function.Function;

/**
 * A SigV4 credential, {@code AKID/yyyyMMdd/region/service/aws4_request}, parsed strictly with
 * AWS's error for each defect; {@link #scope()} is the part after the access key.
 */
public record Credential(String accessKey, String date, String region, String service) {

    /** The credential scope as it appears in a string to sign. */
    public String scope() {
        return date + "/" + region + "/" + service + "/aws4_request";
    }

    /**
     * @param error makes the error for a detail message: AuthorizationHeaderMalformed for the
     *              header, AuthorizationQueryParametersError for presigned URLs
     */
    static Credential parse(String value, String expectedService, Function<String, AwsException> error) {
        String[] p = value.trim().split("/", -1);
        if (p.length != 5 || p[0].isEmpty()) {
            throw error.apply(
                    "the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
        }
        if (p[1].length() != 8 || !p[1].chars().allMatch(Character::isDigit)) {
            throw error.apply("incorrect date format \"" + p[1]
                    + "\". This date in the credential must be in the format \"yyyyMMdd\".");
        }
        if (p[2].isEmpty()) {
            throw error.apply(
                    "the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
        }
        if (expectedService != null && !p[3].equals(expectedService)) {
            throw error.apply(
                    "incorrect service \"" + p[3] + "\". This endpoint belongs to \"" + expectedService + "\".");
        }
        if (!p[4].equals("aws4_request")) {
            throw error.apply("incorrect terminal \"" + p[4] + "\". This endpoint uses \"aws4_request\".");
        }
        return new Credential(p[0], p[1], p[2], p[3]);
    }
}
