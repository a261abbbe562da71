package dev.minicloud.kv.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the glob matcher behind KEYS, SCAN MATCH, PSUBSCRIBE and CONFIG GET: any pattern against
 * any string ends in bounded time (a hang fails the fuzz run), and where the pattern uses only
 * {@code *}, {@code ?} and literals the answer equals that of a plain dynamic-programming matcher,
 * so the early cut (CVE-2022-36021) never changes a result. Seeds: {@code GlobFuzzTestInputs}.
 */
class GlobFuzzTest {

    @FuzzTest(maxDuration = "8s")
    @Timeout(30) // per input when fuzzing: a hang fails (Jazzer passes it to libFuzzer as -timeout)
    void matchesInBoundedTimeAndAgreesWithAReference(FuzzedDataProvider data) {
        boolean nocase = data.consumeBoolean();
        byte[] pattern = data.consumeBytes(200);
        byte[] string = data.consumeRemainingAsBytes();
        boolean matched = Glob.match(pattern, string, nocase);
        if (onlyStarsAndQuestionMarks(pattern)) {
            assertEquals(reference(pattern, string, nocase), matched);
        }
    }

    private static boolean onlyStarsAndQuestionMarks(byte[] pattern) {
        for (byte b : pattern) {
            if (b == '[' || b == '\\') {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code match[i][j]}: pattern from i matches string from j. O(n*m), no backtracking. As in Redis'
     * stringmatchlen (its loop runs only while both have bytes), an empty string matches only an
     * empty pattern, not even {@code *}; KEYS and SCAN special-case a lone {@code *} before matching.
     */
    private static boolean reference(byte[] p, byte[] s, boolean nocase) {
        if (s.length == 0) {
            return p.length == 0;
        }
        boolean[][] match = new boolean[p.length + 1][s.length + 1];
        match[p.length][s.length] = true;
        for (int i = p.length - 1; i >= 0; i--) {
            for (int j = s.length; j >= 0; j--) {
                if (p[i] == '*') {
                    match[i][j] = match[i + 1][j] || (j < s.length && match[i][j + 1]);
                } else if (j < s.length && (p[i] == '?' || same(p[i], s[j], nocase))) {
                    match[i][j] = match[i + 1][j + 1];
                }
            }
        }
        return match[0][0];
    }

    private static boolean same(byte a, byte b, boolean nocase) {
        return a == b || nocase && lower(a) == lower(b);
    }

    private static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }
}
