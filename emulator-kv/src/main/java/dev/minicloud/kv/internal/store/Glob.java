package dev.minicloud.kv.internal.store;

/**
 * Redis' glob-style matching ({@code stringmatchlen} in {@code src/util.c}): {@code *}, {@code ?},
 * {@code [a-z]}, {@code [^x]} and {@code \} escapes, on raw bytes. Used by KEYS, SCAN MATCH,
 * PSUBSCRIBE/PUBLISH, CONFIG GET and COMMAND LIST FILTERBY PATTERN.
 *
 * <p>A port of Redis 7.2's version, including the two defences it gained with CVE-2022-36021:
 * <ul>
 *   <li><b>Early cut for {@code *}</b> ({@code skipLongerMatches}): when the rest of the pattern
 *   after a {@code *} matches no suffix of the string, no earlier {@code *} can help by swallowing
 *   more, so the whole match fails at once. Without it {@code *a*a*a...*b} against a long run of
 *   {@code a}s tries every combination of suffixes, which is exponential.</li>
 *   <li><b>Nesting bound</b>: more than 1000 nested {@code *} never match.</li>
 * </ul>
 *
 * <p>Bytes compare as C's signed {@code char} on x86, which is where Redis' range semantics come
 * from ({@code [a-\xff]} is the range {@code [\xff-a]} there), and {@code nocase} folds only ASCII
 * letters, as {@code tolower} does in the C locale.
 */
public final class Glob {
    private static final int MAX_NESTING = 1000;

    private Glob() {}

    public static boolean match(byte[] pattern, byte[] string, boolean nocase) {
        return new Matcher(pattern, string, nocase).match(0, 0, 0);
    }

    /** One match: the inputs and the shared early-cut flag of its recursion. */
    private static final class Matcher {
        private final byte[] p;
        private final byte[] s;
        private final boolean nocase;
        /** Set once the tail after some {@code *} matched no suffix: every outer {@code *} gives up. */
        private boolean skipLongerMatches;

        Matcher(byte[] p, byte[] s, boolean nocase) {
            this.p = p;
            this.s = s;
            this.nocase = nocase;
        }

        /** The pattern byte at {@code i}, or 0 past the end (C reads the terminating NUL there). */
        private int pat(int i) {
            return i < p.length ? p[i] : 0;
        }

        boolean match(int pi, int si, int nesting) {
            if (nesting > MAX_NESTING) {
                return false;
            }
            while (pi < p.length && si < s.length) {
                switch (p[pi]) {
                    case '*' -> {
                        while (pi + 1 < p.length && p[pi + 1] == '*') {
                            pi++;
                        }
                        if (pi + 1 == p.length) {
                            return true;
                        }
                        for (int k = si; k < s.length; k++) {
                            if (match(pi + 1, k, nesting + 1)) {
                                return true;
                            }
                            if (skipLongerMatches) {
                                return false;
                            }
                        }
                        skipLongerMatches = true;
                        return false;
                    }
                    case '?' -> si++;
                    case '[' -> {
                        pi = matchClass(pi + 1, s[si]);
                        if (pi < 0) {
                            return false;
                        }
                        si++;
                    }
                    case '\\' -> {
                        if (p.length - pi >= 2) {
                            pi++;
                        }
                        if (!eq(p[pi], s[si])) {
                            return false;
                        }
                        si++;
                    }
                    default -> {
                        if (!eq(p[pi], s[si])) {
                            return false;
                        }
                        si++;
                    }
                }
                pi++;
                if (si == s.length) {
                    while (pat(pi) == '*') {
                        pi++;
                    }
                    break;
                }
            }
            return pi >= p.length && si == s.length;
        }

        /**
         * Matches one byte against the class starting at {@code pi} (just after the {@code [});
         * returns the index of the closing {@code ]} (or of the last byte of an unterminated class),
         * or -1 when the byte is not in the class.
         */
        private int matchClass(int pi, byte c) {
            boolean not = pat(pi) == '^';
            if (not) {
                pi++;
            }
            boolean matched = false;
            while (true) {
                int left = p.length - pi;
                if (pat(pi) == '\\' && left >= 2) {
                    pi++;
                    if (p[pi] == c) {
                        matched = true;
                    }
                } else if (pat(pi) == ']') {
                    break;
                } else if (left <= 0) {
                    pi--; // unterminated: the class ends with the pattern
                    break;
                } else if (left >= 3 && p[pi + 1] == '-') {
                    int start = p[pi];
                    int end = p[pi + 2];
                    int ch = c;
                    if (start > end) {
                        int t = start;
                        start = end;
                        end = t;
                    }
                    if (nocase) {
                        start = lower(start);
                        end = lower(end);
                        ch = lower(ch);
                    }
                    pi += 2;
                    if (ch >= start && ch <= end) {
                        matched = true;
                    }
                } else if (eq(p[pi], c)) {
                    matched = true;
                }
                pi++;
            }
            return matched != not ? pi : -1;
        }

        private boolean eq(byte a, byte b) {
            return a == b || (nocase && lower(a) == lower(b));
        }
    }

    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }
}
