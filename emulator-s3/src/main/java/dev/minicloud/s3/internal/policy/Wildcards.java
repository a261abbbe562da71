package dev.minicloud.s3.internal.policy;

/**
 * IAM's wildcard match for actions and resource ARNs: {@code *} is any run of characters,
 * {@code ?} any one character. The classic two-cursor match that returns to the last {@code *}
 * only, so it needs no recursion and at most pattern-length times value-length steps.
 */
final class Wildcards {
    private Wildcards() {}

    static boolean matches(String pattern, String value) {
        int p = 0;
        int v = 0;
        int star = -1;
        int mark = 0;
        while (v < value.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == value.charAt(v))) {
                p++;
                v++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = v;
            } else if (star >= 0) {
                p = star + 1;
                v = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
