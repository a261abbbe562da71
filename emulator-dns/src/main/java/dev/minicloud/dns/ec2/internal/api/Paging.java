package dev.minicloud.dns.ec2.internal.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * {@code MaxResults} / {@code NextToken} as EC2's Describe calls page: a page of at most
 * MaxResults (within the call's bounds), and an opaque token naming where the next one starts.
 * Paging and explicit ids exclude each other, as on EC2.
 */
final class Paging {
    private Paging() {}

    /** One page and the token of the next one ({@code null} on the last page). */
    record Page<T>(List<T> items, String nextToken) {}

    static <T> Page<T> page(Ec2Request request, List<T> all, int min, int max, String idsParameter, boolean idsGiven) {
        Integer maxResults = request.integer("MaxResults");
        String token = request.string("NextToken");
        if (maxResults == null && token == null) {
            return new Page<>(all, null);
        }
        if (idsGiven) {
            throw Ec2Errors.invalidParameterCombination(
                    "The parameter " + idsParameter + " cannot be used with the parameter maxResults");
        }
        int size = max;
        if (maxResults != null) {
            if (maxResults < min || maxResults > max) {
                throw Ec2Errors.invalidParameterValue(
                        "Value ( " + maxResults + " ) for parameter maxResults is invalid. " + "Expecting a value "
                                + (maxResults < min ? "greater than " + min : "less than or equal to " + max) + ".");
            }
            size = maxResults;
        }
        int start = token == null ? 0 : offset(token);
        if (start > all.size()) {
            throw Ec2Errors.of("InvalidNextToken", "The token '" + token + "' is invalid.");
        }
        int end = Math.min(all.size(), start + size);
        return new Page<>(all.subList(start, end), end < all.size() ? token(end) : null);
    }

    private static String token(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String token) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (s.startsWith("o:")) {
                int v = Integer.parseInt(s.substring(2));
                if (v >= 0) {
                    return v;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error: a token we never issued
        }
        throw Ec2Errors.of("InvalidNextToken", "The token '" + token + "' is invalid.");
    }
}
