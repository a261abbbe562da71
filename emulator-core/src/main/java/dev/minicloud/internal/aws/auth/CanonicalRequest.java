package dev.minicloud.internal.aws.auth;

import dev.minicloud.internal.aws.QueryParameters;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the SigV4 canonical request from a request as received:
 * <pre>
 * METHOD \n canonical-URI \n canonical-query \n canonical-headers \n signed-headers \n payload-hash
 * </pre>
 * The URI follows S3's rule when {@code s3Rules} is set: the path is decoded once and re-encoded
 * once (no double encoding, no dot-segment normalisation, {@code //} kept); other services encode
 * the path as sent a second time. The query is decoded, re-encoded, and sorted by name then value;
 * header values are trimmed with inner runs of spaces collapsed, repeated headers joined by commas.
 */
public final class CanonicalRequest {

    private CanonicalRequest() {}

    /**
     * @param rawPath       the path as sent on the request line (still percent-encoded)
     * @param rawQuery      the query as sent, without {@code ?}, or {@code null}
     * @param excludeParam  a query parameter left out (the presigned {@code X-Amz-Signature}), or {@code null}
     * @param signedHeaders lower-case names, in the order of {@code SignedHeaders}
     */
    public static String build(
            String method,
            String rawPath,
            String rawQuery,
            String excludeParam,
            HttpHeaders headers,
            List<String> signedHeaders,
            String payloadHash,
            boolean s3Rules) {
        return withUri(
                method, canonicalUri(rawPath, s3Rules), rawQuery, excludeParam, headers, signedHeaders, payloadHash);
    }

    /** As {@link #build}, with the canonical URI given as is. */
    static String withUri(
            String method,
            String canonicalUri,
            String rawQuery,
            String excludeParam,
            HttpHeaders headers,
            List<String> signedHeaders,
            String payloadHash) {
        StringBuilder b = new StringBuilder(256);
        b.append(method).append('\n');
        b.append(canonicalUri).append('\n');
        b.append(canonicalQuery(rawQuery, excludeParam)).append('\n');
        for (String name : signedHeaders) {
            b.append(name).append(':').append(headerValue(headers, name)).append('\n');
        }
        b.append('\n');
        b.append(String.join(";", signedHeaders)).append('\n');
        b.append(payloadHash);
        return b.toString();
    }

    static String canonicalUri(String rawPath, boolean s3Rules) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        if (s3Rules) {
            return SigV4.uriEncode(SigV4.uriDecode(rawPath, false), true);
        }
        // Other services sign the path as sent, dot-segments removed, encoded a second time.
        return SigV4.uriEncode(normalizePath(rawPath), true);
    }

    /** RFC 3986 dot-segment removal on the encoded path, as the SDKs do before double encoding. */
    private static String normalizePath(String rawPath) {
        try {
            String p = URI.create("http://host" + rawPath).normalize().getRawPath();
            return p == null || p.isEmpty() ? "/" : p;
        } catch (IllegalArgumentException e) {
            return rawPath; // not a valid URI path: sign it as is (the client cannot have normalised it either)
        }
    }

    static String canonicalQuery(String rawQuery, String excludeParam) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> params = new ArrayList<>();
        // The edge's own parser: the parameters signed are exactly the ones the handlers read.
        for (QueryParameters.Pair pair : QueryParameters.parse(rawQuery).pairs()) {
            if (pair.name().equals(excludeParam)) {
                continue;
            }
            params.add(new String[] {SigV4.uriEncode(pair.name(), false), SigV4.uriEncode(pair.value(), false)});
        }
        params.sort((a, c) -> {
            int n = a[0].compareTo(c[0]);
            return n != 0 ? n : a[1].compareTo(c[1]);
        });
        StringBuilder b = new StringBuilder(rawQuery.length() + 16);
        for (String[] p : params) {
            if (b.length() > 0) {
                b.append('&');
            }
            b.append(p[0]).append('=').append(p[1]);
        }
        return b.toString();
    }

    static String headerValue(HttpHeaders headers, String name) {
        List<String> values = headers.getAll(name);
        if (values.isEmpty() && name.equals("expect")) {
            // Netty's 100-continue handler removes Expect after answering it; a client that signed
            // it sent the only value there is.
            return "100-continue";
        }
        StringBuilder b = new StringBuilder();
        for (String v : values) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(collapse(v));
        }
        return b.toString();
    }

    private static String collapse(String v) {
        String t = v.trim();
        StringBuilder b = new StringBuilder(t.length());
        boolean space = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == ' ' || c == '\t') {
                if (!space) {
                    b.append(' ');
                }
                space = true;
            } else {
                b.append(c);
                space = false;
            }
        }
        return b.toString();
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
