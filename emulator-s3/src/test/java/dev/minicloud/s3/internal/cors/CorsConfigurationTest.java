package dev.minicloud.s3.internal.cors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The compiled rule matching: S3's first-match order, one-wildcard patterns, preformatted answers. */
class CorsConfigurationTest {
    private static final CorsRule EXACT = new CorsRule(
            "exact",
            List.of("PUT", "GET"),
            List.of("https://app.example"),
            List.of("Content-Type", "x-amz-*"),
            List.of("ETag", "x-amz-request-id"),
            600);
    private static final CorsRule SUBDOMAINS =
            new CorsRule(null, List.of("GET"), List.of("https://*.example.org"), List.of(), List.of(), null);
    private static final CorsRule ANYONE =
            new CorsRule("any", List.of("HEAD"), List.of("*"), List.of("*"), List.of(), null);
    private static final CorsConfiguration CONFIG = new CorsConfiguration(List.of(EXACT, SUBDOMAINS, ANYONE));

    @Test
    void originsMatchExactlyOrAroundTheirOneWildcard() {
        assertSame(EXACT, CONFIG.match("https://app.example", "PUT", List.of()));
        assertNull(CONFIG.match("https://app.example.evil", "PUT", List.of()), "exact means exact");
        assertSame(SUBDOMAINS, CONFIG.match("https://a.b.example.org", "GET", List.of()));
        assertNull(CONFIG.match("https://.example.org.x", "GET", List.of()));
        assertNull(CONFIG.match("https:/.example.org", "GET", List.of()), "prefix and suffix may not overlap");
        assertSame(ANYONE, CONFIG.match("http://anything", "HEAD", List.of()));
    }

    @Test
    void theFirstRuleAllowingOriginAndMethodWins() {
        CorsRule getForAll = new CorsRule("all", List.of("GET"), List.of("*"), List.of(), List.of(), null);
        CorsConfiguration c = new CorsConfiguration(List.of(getForAll, EXACT));
        assertSame(getForAll, c.match("https://app.example", "GET", List.of()));
        assertSame(EXACT, c.match("https://app.example", "PUT", List.of()));
        assertNull(c.match("https://app.example", "DELETE", List.of()));
    }

    @Test
    void preflightHeadersMatchInAnyCaseAndEachMustBeAllowed() {
        assertSame(EXACT, CONFIG.match("https://app.example", "PUT", List.of("content-type", "X-Amz-Date")));
        assertNull(CONFIG.match("https://app.example", "PUT", List.of("Content-Type", "Authorization")));
        assertEquals(
                CONFIG.preflight("https://app.example", "PUT", List.of("X-AMZ-META-A")),
                CONFIG.answer("https://app.example", "PUT"));
        assertNull(CONFIG.preflight("https://a.example.org", "GET", List.of("x-amz-date")), "no AllowedHeader");
    }

    @Test
    void answersArePreformattedAsS3SendsThem() {
        CorsAnswer exact = CONFIG.answer("https://app.example", "GET");
        assertEquals(new CorsAnswer(false, "PUT, GET", "ETag, x-amz-request-id", "600"), exact);
        assertEquals("https://app.example", exact.allowOrigin("https://app.example"));
        CorsAnswer any = CONFIG.answer("http://page", "HEAD");
        assertEquals(new CorsAnswer(true, "HEAD", null, null), any);
        assertEquals("*", any.allowOrigin("http://page"));
        assertNull(CONFIG.answer("http://page", "GET"));
    }

    @Test
    void configurationsAreValuesOfTheirRules() {
        assertEquals(new CorsConfiguration(List.of(EXACT, SUBDOMAINS, ANYONE)), CONFIG);
        assertEquals(new CorsConfiguration(List.of(EXACT, SUBDOMAINS, ANYONE)).hashCode(), CONFIG.hashCode());
        assertNotEquals(new CorsConfiguration(List.of(SUBDOMAINS, EXACT, ANYONE)), CONFIG, "order matters");
        assertEquals(List.of(EXACT, SUBDOMAINS, ANYONE), CONFIG.rules());
    }
}
