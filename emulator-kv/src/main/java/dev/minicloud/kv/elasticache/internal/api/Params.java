package dev.minicloud.kv.elasticache.internal.api;

import dev.minicloud.internal.aws.QueryParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One ElastiCache query call's parameters, with the query protocol's list conventions: a list is
 * {@code Name.Member.N} ({@code SubnetIds.SubnetIdentifier.1}, {@code TagKeys.member.1}), a list of
 * structures {@code Name.Member.N.Field} ({@code Tags.Tag.1.Key}); the member name is not checked,
 * since SDKs and the CLI agree on it per shape and a wrong one would only lose values.
 */
final class Params {
    private final NavigableMap<String, String> params;
    private final String prefix;

    private Params(NavigableMap<String, String> params, String prefix) {
        this.params = params;
        this.prefix = prefix;
    }

    static Params of(QueryParameters query) {
        NavigableMap<String, String> p = new TreeMap<>();
        for (QueryParameters.Pair pair : query.pairs()) {
            p.putIfAbsent(pair.name(), pair.value());
        }
        return new Params(p, "");
    }

    String string(String name) {
        return params.get(prefix + name);
    }

    String required(String name) {
        String v = string(name);
        if (v == null || v.isEmpty()) {
            throw EcErrors.missingParameter(name);
        }
        return v;
    }

    /** A boolean, or {@code null} when absent. */
    Boolean bool(String name) {
        String v = string(name);
        if (v == null) {
            return null;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw EcErrors.invalidParameterValue("Invalid boolean value for parameter " + name + ": " + v);
        };
    }

    boolean bool(String name, boolean fallback) {
        Boolean b = bool(name);
        return b == null ? fallback : b;
    }

    /** An integer, or {@code null} when absent. */
    Integer integer(String name) {
        String v = string(name);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v.trim());
        } catch (NumberFormatException e) {
            throw EcErrors.invalidParameterValue("Invalid integer value for parameter " + name + ": " + v);
        }
    }

    /** The values of list {@code name}, in index order. */
    List<String> list(String name) {
        List<String> out = new ArrayList<>();
        for (Params member : members(name)) {
            String v = params.get(member.prefix.substring(0, member.prefix.length() - 1));
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    /** The structures of list {@code name}, in index order, each read with names relative to it. */
    List<Params> members(String name) {
        String base = prefix + name + ".";
        TreeMap<Integer, Params> byIndex = new TreeMap<>();
        for (String key : params.subMap(base, base + Character.MAX_VALUE).keySet()) {
            String[] parts = key.substring(base.length()).split("\\.", 3);
            String memberPrefix;
            String index;
            if (isIndex(parts[0])) {
                index = parts[0];
                memberPrefix = base + index + ".";
            } else if (parts.length >= 2 && isIndex(parts[1])) {
                index = parts[1];
                memberPrefix = base + parts[0] + "." + index + ".";
            } else {
                continue;
            }
            byIndex.putIfAbsent(Integer.parseInt(index), new Params(params, memberPrefix));
        }
        return List.copyOf(byIndex.values());
    }

    private static boolean isIndex(String s) {
        return !s.isEmpty() && s.length() < 6 && s.chars().allMatch(Character::isDigit);
    }
}
