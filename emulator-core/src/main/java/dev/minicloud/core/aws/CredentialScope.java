package dev.minicloud.core.aws;

import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;

/**
 * The SigV4 credential scope of a request, {@code AKID/yyyymmdd/region/service/aws4_request}, read
 * from the {@code Authorization} header or the presigned {@code X-Amz-Credential} query parameter.
 * Used for routing (the service name) and identity (access key, region); signature verification
 * is the service's business.
 */
public record CredentialScope(String accessKey, String date, String region, String service) {

    /** The scope of the request, or {@code null} when it is not SigV4-signed (anonymous, SigV2). */
    public static CredentialScope of(HttpRequest request, QueryStringDecoder query) {
        String auth = request.headers().get("Authorization");
        if (auth != null && auth.startsWith("AWS4-")) {
            int i = auth.indexOf("Credential=");
            if (i >= 0) {
                int end = auth.indexOf(',', i);
                return parse(auth.substring(i + "Credential=".length(), end < 0 ? auth.length() : end).trim());
            }
            return null;
        }
        if (auth != null && auth.startsWith("AWS ")) {
            // SigV2 (s3cmd's default): "AWS AKID:signature"; no region or service in it.
            int colon = auth.indexOf(':');
            String key = auth.substring(4, colon < 0 ? auth.length() : colon).trim();
            return new CredentialScope(key, null, null, null);
        }
        List<String> cred = query.parameters().get("X-Amz-Credential");
        if (cred != null && !cred.isEmpty()) {
            return parse(cred.get(0));
        }
        List<String> v2 = query.parameters().get("AWSAccessKeyId");
        if (v2 != null && !v2.isEmpty()) {
            return new CredentialScope(v2.get(0), null, null, null);
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
