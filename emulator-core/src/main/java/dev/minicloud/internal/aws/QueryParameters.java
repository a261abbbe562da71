package dev.minicloud.internal.aws;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decoded query of one request, parsed once and the same way for routing, SigV4 verification
 * and the service handlers: pairs split on {@code &} only (AWS's rule; Netty's
 * {@code QueryStringDecoder} also splits on {@code ;}, which would let a verifier and a handler see
 * different parameters), each side decoded strictly by {@link UriComponents}. A parameter without
 * {@code =} ({@code ?acl}) has the empty value.
 */
public final class QueryParameters {
    /** The query of a request without one. */
    public static final QueryParameters EMPTY = new QueryParameters(List.of(), Map.of());

    /** One name/value pair, decoded, in request order. */
    public record Pair(String name, String value) {}

    private final List<Pair> pairs;
    private final Map<String, List<String>> byName;

    private QueryParameters(List<Pair> pairs, Map<String, List<String>> byName) {
        this.pairs = pairs;
        this.byName = byName;
    }

    /**
     * Parses a raw query (without {@code ?}); {@code null} or empty is {@link #EMPTY}.
     *
     * @throws MalformedUriException on a bad percent-escape
     */
    public static QueryParameters parse(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return EMPTY;
        }
        List<Pair> pairs = new ArrayList<>();
        Map<String, List<String>> byName = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = UriComponents.decode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : UriComponents.decode(pair.substring(eq + 1), true);
            pairs.add(new Pair(name, value));
            byName.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
        }
        byName.replaceAll((n, values) -> Collections.unmodifiableList(values));
        return new QueryParameters(Collections.unmodifiableList(pairs), Collections.unmodifiableMap(byName));
    }

    /** The query part of a request-target ({@code /path?query}), parsed. */
    public static QueryParameters ofUri(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? EMPTY : parse(uri.substring(q + 1));
    }

    /** Every pair in request order, duplicates included. */
    public List<Pair> pairs() {
        return pairs;
    }

    /** Values by name, in request order. */
    public Map<String, List<String>> asMap() {
        return byName;
    }

    /** The first value of a parameter, or {@code null}. */
    public String first(String name) {
        List<String> v = byName.get(name);
        return v == null ? null : v.get(0);
    }

    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** How many times a parameter occurs. */
    public int count(String name) {
        List<String> v = byName.get(name);
        return v == null ? 0 : v.size();
    }
}
