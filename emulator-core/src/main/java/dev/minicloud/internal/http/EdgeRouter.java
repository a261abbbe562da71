package dev.minicloud.internal.http;

import dev.minicloud.internal.aws.CredentialScope;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Picks the service for a request without reading its body, in this order: the SigV4
 * credential scope's service name, then the path prefix, then the fallback route (S3, which also
 * handles virtual-hosted bucket addressing from the Host header itself).
 */
public final class EdgeRouter {
    private final List<EdgeRoute> routes = new CopyOnWriteArrayList<>();

    public void register(EdgeRoute route) {
        routes.add(route);
    }

    /** The result of routing: a route, or the reason there is none. */
    public record Decision(EdgeRoute route, String unknownService) {}

    public Decision route(String path, CredentialScope scope) {
        if (scope != null && scope.service() != null) {
            for (EdgeRoute r : routes) {
                if (r.signingNames().contains(scope.service())) {
                    return new Decision(r, null);
                }
            }
            // A signed request for a service we do not run: say so, unless the path names one we do.
            EdgeRoute byPath = byPath(path);
            return byPath != null ? new Decision(byPath, null) : new Decision(null, scope.service());
        }
        EdgeRoute byPath = byPath(path);
        if (byPath != null) {
            return new Decision(byPath, null);
        }
        for (EdgeRoute r : routes) {
            if (r.fallback()) {
                return new Decision(r, null);
            }
        }
        return new Decision(null, null);
    }

    private EdgeRoute byPath(String path) {
        EdgeRoute best = null;
        for (EdgeRoute r : routes) {
            String p = r.pathPrefix();
            if (p != null
                    && path.startsWith(p)
                    && (best == null || p.length() > best.pathPrefix().length())) {
                best = r;
            }
        }
        return best;
    }
}
