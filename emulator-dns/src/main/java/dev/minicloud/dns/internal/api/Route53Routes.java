package dev.minicloud.dns.internal.api;

import dev.minicloud.internal.http.EdgeRequest;
import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;

/**
 * Route 53's operations as one table: method + path pattern (after {@code /2013-04-01/}, with
 * {@code {}} for an id segment) -> the operation. The first route whose method and pattern match
 * runs; the ids it captured are handed over in order.
 */
final class Route53Routes {
    /** One call as an operation sees it: the request, the caller's account, the captured ids and the body. */
    record Call(EdgeRequest request, String account, List<String> ids, byte[] body) {
        String id(int i) {
            return ids.get(i);
        }
    }

    @FunctionalInterface
    interface Operation {
        void run(Call call);
    }

    private record Route(HttpMethod method, String[] pattern, Operation operation) {
        boolean matches(HttpMethod m, List<String> segments) {
            if (!method.equals(m) || segments.size() != pattern.length) {
                return false;
            }
            for (int i = 0; i < pattern.length; i++) {
                if (!pattern[i].equals("{}") && !pattern[i].equals(segments.get(i))) {
                    return false;
                }
            }
            return true;
        }

        List<String> captured(List<String> segments) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < pattern.length; i++) {
                if (pattern[i].equals("{}")) {
                    out.add(segments.get(i));
                }
            }
            return out;
        }
    }

    private final List<Route> routes = new ArrayList<>();

    Route53Routes add(HttpMethod method, String pattern, Operation operation) {
        routes.add(new Route(method, pattern.split("/"), operation));
        return this;
    }

    /** Runs the matching operation; {@code false} if no route matches. */
    boolean dispatch(EdgeRequest request, String account, List<String> segments, byte[] body) {
        for (Route r : routes) {
            if (r.matches(request.method(), segments)) {
                r.operation().run(new Call(request, account, r.captured(segments), body));
                return true;
            }
        }
        return false;
    }
}
