package dev.minicloud.dns.ec2.internal.api;

import dev.minicloud.internal.aws.QueryParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One EC2 query call's parameters (from the form body or the URL), with the EC2 list conventions:
 * {@code VpcId.1}, {@code VpcId.2} for lists of values, {@code Filter.1.Name} / {@code Filter.1.Value.1}
 * for lists of structures, whose members are read through {@link #members}.
 */
public final class Ec2Request {
    private final NavigableMap<String, String> params;
    private final String prefix;

    private Ec2Request(NavigableMap<String, String> params, String prefix) {
        this.params = params;
        this.prefix = prefix;
    }

    public static Ec2Request of(QueryParameters query) {
        NavigableMap<String, String> p = new TreeMap<>();
        for (QueryParameters.Pair pair : query.pairs()) {
            p.putIfAbsent(pair.name(), pair.value());
        }
        return new Ec2Request(p, "");
    }

    public String string(String name) {
        return params.get(prefix + name);
    }

    public String required(String name) {
        String v = string(name);
        if (v == null || v.isEmpty()) {
            throw Ec2Errors.missingParameter(name);
        }
        return v;
    }

    /** A boolean parameter; {@code fallback} when absent. */
    public boolean bool(String name, boolean fallback) {
        String v = string(name);
        if (v == null) {
            return fallback;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default ->
                throw Ec2Errors.invalidParameterValue(
                        "Invalid value '" + v + "' for " + name + ". Valid values: true, false");
        };
    }

    /** An integer parameter, or {@code null} when absent. */
    public Integer integer(String name) {
        String v = string(name);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v.trim());
        } catch (NumberFormatException e) {
            throw Ec2Errors.invalidParameterValue("Invalid value '" + v + "' for " + name);
        }
    }

    /** {@code Name.1}, {@code Name.2}, ... in index order (EC2 allows gaps; order is by index). */
    public List<String> list(String name) {
        List<String> out = new ArrayList<>();
        for (Ec2Request member : members(name)) {
            out.add(member.params.get(member.prefix.substring(0, member.prefix.length() - 1)));
        }
        return out;
    }

    /** The structures {@code Name.N.*}, in index order, each read with names relative to it. */
    public List<Ec2Request> members(String name) {
        String base = prefix + name + ".";
        TreeMap<Integer, Ec2Request> byIndex = new TreeMap<>();
        for (String key : params.subMap(base, base + Character.MAX_VALUE).keySet()) {
            int end = key.indexOf('.', base.length());
            String index = key.substring(base.length(), end < 0 ? key.length() : end);
            if (!index.isEmpty() && index.length() < 6 && index.chars().allMatch(Character::isDigit)) {
                byIndex.computeIfAbsent(Integer.parseInt(index), i -> new Ec2Request(params, base + index + "."));
            }
        }
        return List.copyOf(byIndex.values());
    }
}
