package dev.minicloud.core.admin;

import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;

/** An admin request: method, decoded query parameters and the (small, aggregated) body. */
public record AdminCall(HttpMethod method, Map<String, List<String>> query, byte[] body) {

    public String param(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
