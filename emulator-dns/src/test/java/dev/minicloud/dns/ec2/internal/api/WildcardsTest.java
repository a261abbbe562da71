package dev.minicloud.dns.ec2.internal.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WildcardsTest {

    @Test
    void starAndQuestionMarkAndEscapes() {
        assertTrue(Filters.Wildcards.matches("10.1*", "10.100.0.0/16"));
        assertTrue(Filters.Wildcards.matches("*", ""));
        assertTrue(Filters.Wildcards.matches("a?c", "abc"));
        assertFalse(Filters.Wildcards.matches("a?c", "ac"));
        assertTrue(Filters.Wildcards.matches("a\\*c", "a*c"));
        assertFalse(Filters.Wildcards.matches("a\\*c", "abc"));
        assertFalse(Filters.Wildcards.matches("prod", "production"));
        assertTrue(Filters.Wildcards.matches("*tion", "production"));
    }

    @Test
    void manyStarsStayLinearOnALongValue() {
        String value = "a".repeat(10_000);
        // would take exponential time with naive backtracking; one backtrack point keeps it bounded
        assertFalse(Filters.Wildcards.matches("*a*a*a*a*a*a*a*a*a*a*b", value));
    }
}
