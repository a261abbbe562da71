package dev.minicloud.s3.cors;

import java.util.List;
import java.util.Locale;

/**
 * One rule of a bucket's CORS configuration, as PutBucketCors stored it: which origins, methods
 * and request headers it allows (origins and headers may hold one {@code *} wildcard each, headers
 * match in any case), what response headers a page may read, and how long a preflight may be cached.
 *
 * @param id the rule's {@code ID}, or {@code null}
 * @param maxAgeSeconds {@code MaxAgeSeconds}, or {@code null}
 */
public record CorsRule(String id, List<String> allowedMethods, List<String> allowedOrigins,
                       List<String> allowedHeaders, List<String> exposeHeaders, Integer maxAgeSeconds) {

    public CorsRule {
        allowedMethods = List.copyOf(allowedMethods);
        allowedOrigins = List.copyOf(allowedOrigins);
        allowedHeaders = List.copyOf(allowedHeaders);
        exposeHeaders = List.copyOf(exposeHeaders);
    }

    /** Whether {@code origin} is one of the allowed origins. */
    public boolean allowsOrigin(String origin) {
        return allowedOrigins.stream().anyMatch(o -> wildcard(o, origin, false));
    }

    public boolean allowsMethod(String method) {
        return allowedMethods.contains(method);
    }

    /** Whether every header a preflight asks for is allowed (names compared in any case). */
    public boolean allowsHeaders(List<String> requested) {
        for (String h : requested) {
            if (allowedHeaders.stream().noneMatch(a -> wildcard(a, h, true))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the rule allows every origin (S3 then answers {@code *} and no credentials). */
    public boolean anyOrigin() {
        return allowedOrigins.contains("*");
    }

    /** A pattern with at most one {@code *}, which stands for any run of characters. */
    private static boolean wildcard(String pattern, String value, boolean ignoreCase) {
        String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
        String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
        int star = p.indexOf('*');
        if (star < 0) {
            return p.equals(v);
        }
        String prefix = p.substring(0, star);
        String suffix = p.substring(star + 1);
        return v.length() >= prefix.length() + suffix.length() && v.startsWith(prefix) && v.endsWith(suffix);
    }
}
