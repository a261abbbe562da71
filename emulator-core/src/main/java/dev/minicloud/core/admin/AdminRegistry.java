package dev.minicloud.core.admin;

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

    record Registered(Set<HttpMethod> methods, AdminEndpoint endpoint) {
    }

    /** Registers {@code path} (without the prefix) for the given methods. */
    public void register(String path, Set<HttpMethod> methods, AdminEndpoint endpoint) {
        if (endpoints.putIfAbsent(path, new Registered(methods, endpoint)) != null) {
            throw new IllegalStateException("admin path registered twice: " + path);
        }
    }

    Registered find(String path) {
        return endpoints.get(path);
    }
}
