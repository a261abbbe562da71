package dev.minicloud.dns.ec2.internal.api;

import dev.minicloud.dns.ec2.internal.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * EC2's {@code Filter.N.Name} / {@code Filter.N.Value.M}: a resource matches when every filter has
 * at least one value matching one of the resource's values for that name; values may use {@code *}
 * and {@code ?}. Each resource type declares its filter names in a table; {@code tag:<key>},
 * {@code tag-key} and {@code tag-value} work for every taggable type. An unknown name is EC2's
 * {@code InvalidParameterValue}.
 */
final class Filters<T> {
    private final Map<String, Function<T, List<String>>> table;
    private final Function<T, Map<String, String>> tags;

    private Filters(Map<String, Function<T, List<String>>> table, Function<T, Map<String, String>> tags) {
        this.table = table;
        this.tags = tags;
    }

    static <T extends Resource> Filters<T> forResources(Map<String, Function<T, List<String>>> table) {
        return new Filters<>(table, Resource::tags);
    }

    static <T> Filters<T> of(Map<String, Function<T, List<String>>> table) {
        return new Filters<>(table, null);
    }

    /** The request's filters as one predicate; validates every name up front. */
    Predicate<T> parse(Ec2Request request) {
        List<Predicate<T>> all = new ArrayList<>();
        for (Ec2Request f : request.members("Filter")) {
            String name = f.required("Name");
            List<String> patterns = f.list("Value");
            Function<T, List<String>> values = valuesOf(name);
            all.add(t -> {
                for (String v : values.apply(t)) {
                    for (String p : patterns) {
                        if (v != null && Wildcards.matches(p, v)) {
                            return true;
                        }
                    }
                }
                return false;
            });
        }
        return t -> all.stream().allMatch(p -> p.test(t));
    }

    private Function<T, List<String>> valuesOf(String name) {
        Function<T, List<String>> f = table.get(name);
        if (f != null) {
            return f;
        }
        if (tags != null) {
            if (name.startsWith("tag:")) {
                String key = name.substring(4);
                return t -> {
                    String v = tags.apply(t).get(key);
                    return v == null ? List.of() : List.of(v);
                };
            }
            if (name.equals("tag-key")) {
                return t -> List.copyOf(tags.apply(t).keySet());
            }
            if (name.equals("tag-value")) {
                return t -> List.copyOf(tags.apply(t).values());
            }
        }
        throw Ec2Errors.unknownFilter(name);
    }

    /** EC2's filter wildcards: {@code *} any run, {@code ?} one character, {@code \} escapes. */
    static final class Wildcards {
        private Wildcards() {}

        static boolean matches(String pattern, String value) {
            // iterative with one backtrack point: linear in practice, never exponential
            int p = 0;
            int v = 0;
            int starP = -1;
            int starV = 0;
            while (v < value.length()) {
                if (p < pattern.length()
                        && pattern.charAt(p) == '\\'
                        && p + 1 < pattern.length()
                        && pattern.charAt(p + 1) == value.charAt(v)) {
                    p += 2;
                    v++;
                } else if (p < pattern.length()
                        && pattern.charAt(p) != '*'
                        && pattern.charAt(p) != '\\'
                        && (pattern.charAt(p) == '?' || pattern.charAt(p) == value.charAt(v))) {
                    p++;
                    v++;
                } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                    starP = p++;
                    starV = v;
                } else if (starP >= 0) {
                    p = starP + 1;
                    v = ++starV;
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
}
