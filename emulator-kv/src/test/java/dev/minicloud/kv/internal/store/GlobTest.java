package dev.minicloud.kv.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Glob} against Redis 7.2's {@code stringmatchlen}: the cases of Redis' own tests
 * ({@code tests/unit/keyspace.tcl}, {@code pubsub.tcl}, {@code introspection.tcl}) and the corners
 * of the C code (unterminated classes, trailing escapes, reversed and signed-char ranges).
 */
class GlobTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // pattern, string, nocase, expected
                Arguments.of("foo*", "foo_a", false, true), // keyspace.tcl KEYS with pattern
                Arguments.of("foo*", "key_x", false, false),
                Arguments.of("{a}*", "{a}x", false, true), // KEYS with hashtag: braces are literal
                Arguments.of("*{b}*", "{b}a", false, true),
                Arguments.of("*{b}*", "{a}x", false, false),
                Arguments.of("foo.*", "foo.bar", false, true), // pubsub.tcl PSUBSCRIBE basics
                Arguments.of("bar.*", "foo.bar", false, false),
                Arguments.of("*", "anything", false, true),
                Arguments.of("*", "", false, false), // C loop needs a byte; callers special-case "*"
                Arguments.of("", "", false, true),
                Arguments.of("", "a", false, false),
                Arguments.of("a*", "a", false, true), // trailing stars match nothing
                Arguments.of("a**", "a", false, true),
                Arguments.of("a*b", "ab", false, true),
                Arguments.of("a*b", "axxb", false, true),
                Arguments.of("a*b", "axxc", false, false),
                Arguments.of("h?llo", "hello", false, true),
                Arguments.of("h?llo", "hllo", false, false),
                Arguments.of("h*llo", "heeeello", false, true),
                Arguments.of("h[ae]llo", "hallo", false, true),
                Arguments.of("h[ae]llo", "hillo", false, false),
                Arguments.of("h[^e]llo", "hallo", false, true),
                Arguments.of("h[^e]llo", "hello", false, false),
                Arguments.of("h[a-b]llo", "hbllo", false, true),
                Arguments.of("h[a-b]llo", "hcllo", false, false),
                Arguments.of("h[b-a]llo", "hallo", false, true), // reversed range is swapped
                Arguments.of("[abc", "a", false, true), // unterminated class ends with the pattern
                Arguments.of("[abc", "ab", false, false),
                Arguments.of("[\\]]", "]", false, true), // escape inside a class
                Arguments.of("[\\", "\\", false, true), // trailing backslash in a class is literal
                Arguments.of("\\*", "*", false, true), // escaped star is literal
                Arguments.of("\\*", "x", false, false),
                Arguments.of("a\\", "a\\", false, true), // trailing backslash is literal
                Arguments.of("\\?x", "?x", false, true),
                Arguments.of("[a-]", "-", false, false), // C reads "a-]" as the range ]..a, unterminated
                Arguments.of("[a-]", "_", false, true),
                Arguments.of("[a-]", "a", false, true),
                Arguments.of("MAXMEM*", "maxmemory", true, true), // CONFIG GET is case-insensitive
                Arguments.of("MAXMEM*", "maxmemory", false, false),
                Arguments.of("[A-Z]x", "bx", true, true),
                Arguments.of("[A-Z]x", "bx", false, false),
                Arguments.of("\u00c0", "\u00e0", true, false), // nocase folds ASCII only (C locale)
                Arguments.of("[a-\u00ff]", "b", false, false), // signed char: the range is \xff..a
                Arguments.of("[a-\u00ff]", "A", false, true),
                Arguments.of("*?".repeat(50_000), "a".repeat(50_000), false, false), // nesting bound
                Arguments.of("*?".repeat(10), "a".repeat(10), false, true));
    }

    @ParameterizedTest(name = "{0} ~ {1} nocase={2} -> {3}")
    @MethodSource("cases")
    void matchesAsRedisDoes(String pattern, String string, boolean nocase, boolean expected) {
        assertEquals(expected, Glob.match(b(pattern), b(string), nocase));
    }

    @Test
    void manyStarsOverALongKeyFailFastInsteadOfTryingEverySuffix() {
        // CVE-2022-36021: without the early cut this is exponential and never returns
        byte[] pattern = b("*a".repeat(40) + "*b");
        byte[] key = b("a".repeat(200));
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertFalse(Glob.match(pattern, key, false)));
        assertTimeoutPreemptively(
                Duration.ofSeconds(30), () -> assertTrue(Glob.match(pattern, b("a".repeat(200) + "b"), false)));
        // keyspace.tcl "Regression for pattern matching long nested loops"
        byte[] redisCase = b("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b");
        assertTimeoutPreemptively(
                Duration.ofSeconds(30), () -> assertFalse(Glob.match(redisCase, b("a".repeat(80)), false)));
    }
}
