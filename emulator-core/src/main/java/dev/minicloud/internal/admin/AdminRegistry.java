package dev.minicloud.internal.admin;

import io.netty.handler.codec.http.HttpMethod;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code /_minicloud/} endpoints of one instance, by path below that prefix ({@code health},
 * {@code dns/resolvers}). Services add theirs when created.
 */
public final class AdminRegistry {
    /** The path prefix of the admin API on the edge port. */
    public static final String PREFIX = "/_minicloud/";

    private final Map<String, Registered> endpoints = new ConcurrentHashMap<>();
    /** Endpoints that own every path below a prefix ending in {@code /}, for paths with ids in them. */
    private final Map<String, Registered> prefixes = new ConcurrentHashMap<>();

    record Registered(Set<HttpMethod> methods, AdminEndpoint endpoint) {}

    /** Registers {@code path} (without the prefix) for the given methods. */
    public void register(String path, Set<HttpMethod> methods, AdminEndpoint endpoint) {
        if (endpoints.putIfAbsent(path, new Registered(methods, endpoint)) != null) {
            throw new IllegalStateException("admin path registered twice: " + path);
        }
    }

    /**
     * Registers every path below {@code prefix} (which must end in {@code /}), such as
     * {@code dns/health-checks/} for {@code dns/health-checks/{id}}; the endpoint reads the rest of the
     * path from {@link AdminCall#subPath()}. An exactly registered path wins over a prefix.
     */
    public void registerPrefix(String prefix, Set<HttpMethod> methods, AdminEndpoint endpoint) {
        if (!prefix.endsWith("/")) {
            throw new IllegalArgumentException("prefix: " + prefix + " (expected: ending in /)");
        }
        if (prefixes.putIfAbsent(prefix, new Registered(methods, endpoint)) != null) {
            throw new IllegalStateException("admin prefix registered twice: " + prefix);
        }
    }

    Registered find(String path) {
        Registered exact = endpoints.get(path);
        if (exact != null) {
            return exact;
        }
        String best = null;
        for (String prefix : prefixes.keySet()) {
            if (path.startsWith(prefix)
                    && path.length() > prefix.length()
                    && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? null : prefixes.get(best);
    }

    /** What {@link #find} matched of {@code path}: the part after a registered prefix, or empty for an exact path. */
    String subPath(String path) {
        if (endpoints.containsKey(path)) {
            return "";
        }
        String best = "";
        for (String prefix : prefixes.keySet()) {
            if (path.startsWith(prefix) && prefix.length() > best.length()) {
                best = prefix;
            }
        }
        return path.substring(best.length());
    }
}
