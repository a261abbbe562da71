package dev.minicloud.s3.internal.cors;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A bucket's CORS rules in the order they were put; S3 applies the first rule that matches.
 * Stored on the bucket as one immutable value, so the object path reads it with one volatile read.
 *
 * <p>Every request a browser makes carries an {@code Origin}, and each one is matched against these
 * rules and answered with their CORS headers. So the rules are compiled once, here, when the
 * configuration is put: origin and header patterns split at their wildcard (header patterns in
 * lower case), and the header values an answer carries ({@link CorsAnswer}) already joined and
 * formatted. Matching a request then allocates nothing.
 */
public final class CorsConfiguration {
    /** S3's limit on rules in one configuration. */
    public static final int MAX_RULES = 100;

    private final List<CorsRule> rules;
    private final Compiled[] compiled;

    public CorsConfiguration(List<CorsRule> rules) {
        this.rules = List.copyOf(rules);
        this.compiled = this.rules.stream().map(Compiled::new).toArray(Compiled[]::new);
    }

    /** The rules, in the order they were put. */
    public List<CorsRule> rules() {
        return rules;
    }

    /** The first rule allowing this origin, method and request headers, or {@code null}. */
    public CorsRule match(String origin, String method, List<String> requestHeaders) {
        for (Compiled c : compiled) {
            if (c.allowsOrigin(origin) && c.rule.allowsMethod(method) && c.allowsHeaders(requestHeaders)) {
                return c.rule;
            }
        }
        return null;
    }

    /**
     * The answer of the first rule allowing this origin and method on an actual (not preflight)
     * request, which asks for no headers; {@code null} when no rule does.
     */
    public CorsAnswer answer(String origin, String method) {
        for (Compiled c : compiled) {
            if (c.allowsOrigin(origin) && c.rule.allowsMethod(method)) {
                return c.answer;
            }
        }
        return null;
    }

    /** The answer of the first rule allowing this preflight's origin, method and request headers, or {@code null}. */
    public CorsAnswer preflight(String origin, String method, List<String> requestHeaders) {
        for (Compiled c : compiled) {
            if (c.allowsOrigin(origin) && c.rule.allowsMethod(method) && c.allowsHeaders(requestHeaders)) {
                return c.answer;
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CorsConfiguration other && rules.equals(other.rules);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rules);
    }

    @Override
    public String toString() {
        return "CorsConfiguration[rules=" + rules + "]";
    }

    /** One rule with its patterns split at the wildcard and its answer formatted. */
    private static final class Compiled {
        final CorsRule rule;
        final Wildcard[] origins;
        final Wildcard[] headers;
        final CorsAnswer answer;

        Compiled(CorsRule rule) {
            this.rule = rule;
            this.origins = rule.allowedOrigins().stream().map(Wildcard::new).toArray(Wildcard[]::new);
            this.headers = rule.allowedHeaders().stream()
                    .map(h -> new Wildcard(h.toLowerCase(Locale.ROOT)))
                    .toArray(Wildcard[]::new);
            this.answer = new CorsAnswer(rule);
        }

        boolean allowsOrigin(String origin) {
            for (Wildcard w : origins) {
                if (w.matches(origin)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether every header a preflight asks for is allowed (names compared in any case). */
        boolean allowsHeaders(List<String> requested) {
            for (String h : requested) {
                String lower = h.toLowerCase(Locale.ROOT);
                boolean allowed = false;
                for (Wildcard w : headers) {
                    if (w.matches(lower)) {
                        allowed = true;
                        break;
                    }
                }
                if (!allowed) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A pattern with at most one {@code *}, which stands for any run of characters. */
    private static final class Wildcard {
        final String exact;
        final String prefix;
        final String suffix;

        Wildcard(String pattern) {
            int star = pattern.indexOf('*');
            this.exact = star < 0 ? pattern : null;
            this.prefix = star < 0 ? null : pattern.substring(0, star);
            this.suffix = star < 0 ? null : pattern.substring(star + 1);
        }

        boolean matches(String value) {
            if (exact != null) {
                return exact.equals(value);
            }
            return value.length() >= prefix.length() + suffix.length()
                    && value.startsWith(prefix)
                    && value.endsWith(suffix);
        }
    }
}
