package dev.minicloud.s3.cors;

import java.util.List;

/**
 * A bucket's CORS rules in the order they were put; S3 applies the first rule that matches.
 * Stored on the bucket as one immutable value, so the object path reads it with one volatile read.
 */
public record CorsConfiguration(List<CorsRule> rules) {
    /** S3's limit on rules in one configuration. */
    public static final int MAX_RULES = 100;

    public CorsConfiguration {
        rules = List.copyOf(rules);
    }

    /** The first rule allowing this origin, method and request headers, or {@code null}. */
    public CorsRule match(String origin, String method, List<String> requestHeaders) {
        for (CorsRule rule : rules) {
            if (rule.allowsOrigin(origin) && rule.allowsMethod(method) && rule.allowsHeaders(requestHeaders)) {
                return rule;
            }
        }
        return null;
    }
}
