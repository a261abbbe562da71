package dev.minicloud.s3.internal.cors;

/**
 * The CORS response headers one rule answers with, formatted once when the configuration is put:
 * {@code Access-Control-Allow-Methods} and {@code -Expose-Headers} joined as S3 joins them,
 * {@code -Max-Age} as text, and whether the rule allows any origin (S3 then answers {@code *} and no
 * {@code Access-Control-Allow-Credentials}).
 *
 * @param exposeHeaders the joined {@code ExposeHeader}s, or {@code null} when the rule has none
 * @param maxAge {@code MaxAgeSeconds} as text, or {@code null}
 */
public record CorsAnswer(boolean anyOrigin, String allowMethods, String exposeHeaders, String maxAge) {

    CorsAnswer(CorsRule rule) {
        this(
                rule.anyOrigin(),
                String.join(", ", rule.allowedMethods()),
                rule.exposeHeaders().isEmpty() ? null : String.join(", ", rule.exposeHeaders()),
                rule.maxAgeSeconds() == null ? null : rule.maxAgeSeconds().toString());
    }

    /** {@code Access-Control-Allow-Origin} for a request from {@code origin}. */
    public String allowOrigin(String origin) {
        return anyOrigin ? "*" : origin;
    }
}
