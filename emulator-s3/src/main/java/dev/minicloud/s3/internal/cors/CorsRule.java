package dev.minicloud.s3.internal.cors;

import java.util.List;

/**
 * One rule of a bucket's CORS configuration, as PutBucketCors stored it: which origins, methods
 * and request headers it allows (origins and headers may hold one {@code *} wildcard each, headers
 * match in any case), what response headers a page may read, and how long a preflight may be cached.
 * {@link CorsConfiguration} compiles the patterns and does the matching.
 *
 * @param id the rule's {@code ID}, or {@code null}
 * @param maxAgeSeconds {@code MaxAgeSeconds}, or {@code null}
 */
public record CorsRule(
        String id,
        List<String> allowedMethods,
        List<String> allowedOrigins,
        List<String> allowedHeaders,
        List<String> exposeHeaders,
        Integer maxAgeSeconds) {

    public CorsRule {
        allowedMethods = List.copyOf(allowedMethods);
        allowedOrigins = List.copyOf(allowedOrigins);
        allowedHeaders = List.copyOf(allowedHeaders);
        exposeHeaders = List.copyOf(exposeHeaders);
    }

    public boolean allowsMethod(String method) {
        return allowedMethods.contains(method);
    }

    /** Whether the rule allows every origin (S3 then answers {@code *} and no credentials). */
    public boolean anyOrigin() {
        return allowedOrigins.contains("*");
    }
}
