package dev.minicloud.internal.aws;

import io.netty.handler.codec.http.HttpRequest;

/**
 * The SigV4 credential scope of a request, {@code AKID/yyyymmdd/region/service/aws4_request}, read
 * from the {@code Authorization} header or the presigned {@code X-Amz-Credential} query parameter.
 * Used for routing (the service name) and, in lenient mode, identity (access key, region). A
 * credential given twice names nobody: routing must not pick one of two claims, and strict mode
 * refuses such a request before it acts (the account then comes from the verified key only).
 */
public record CredentialScope(String accessKey, String date, String region, String service) {

    /** The scope of the request, or {@code null} when it is not SigV4-signed (anonymous, SigV2). */
    public static CredentialScope of(HttpRequest request, QueryParameters query) {
        String auth = request.headers().get("Authorization");
        if (auth != null && auth.startsWith("AWS4-")) {
            int space = auth.indexOf(' ');
            if (space < 0) {
                return null;
            }
            String credential = AuthorizationHeader.parseComponents(auth.substring(space + 1))
                    .single("Credential");
            return credential == null ? null : parse(credential);
        }
        if (auth != null && auth.startsWith("AWS ")) {
            // SigV2 (s3cmd's default): "AWS AKID:signature"; no region or service in it.
            int colon = auth.indexOf(':');
            String key = auth.substring(4, colon < 0 ? auth.length() : colon).trim();
            return new CredentialScope(key, null, null, null);
        }
        if (query.count("X-Amz-Credential") == 1) {
            return parse(query.first("X-Amz-Credential"));
        }
        if (query.count("AWSAccessKeyId") == 1) {
            return new CredentialScope(query.first("AWSAccessKeyId"), null, null, null);
        }
        return null;
    }

    static CredentialScope parse(String credential) {
        String[] parts = credential.split("/");
        if (parts.length < 5) {
            return new CredentialScope(parts[0], null, null, null);
        }
        return new CredentialScope(parts[0], parts[1], parts[2], parts[3]);
    }
}
