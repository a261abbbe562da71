package dev.minicloud.internal.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.http.AggregatingBodyHandler;
import dev.minicloud.internal.http.BodyHandler;
import dev.minicloud.internal.http.EdgeHandler;
import dev.minicloud.internal.http.EdgeRequest;
import dev.minicloud.internal.http.Offload;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * Serves {@code /_minicloud/*} from the {@link AdminRegistry}: JSON in and out, every response with
 * {@code x-minicloud-version}. Calls are admitted by the {@link AdminGuard} (local, same-origin,
 * credentials in strict mode). Endpoints run on the worker pool through {@link Offload}, never on
 * the event loop; an unexpected failure is logged and answered 500 without its text.
 */
public final class AdminHttpHandler implements EdgeHandler {
    private static final System.Logger LOG = System.getLogger(AdminHttpHandler.class.getName());
    private static final int MAX_BODY = 1024 * 1024;

    private final AdminRegistry registry;
    private final Offload offload;
    private final String version;
    private final AdminGuard guard;

    public AdminHttpHandler(AdminRegistry registry, Offload offload, String version, AdminGuard guard) {
        this.registry = registry;
        this.offload = offload;
        this.version = version;
        this.guard = guard;
    }

    @Override
    public BodyHandler onRequest(EdgeRequest request) {
        String refusal = guard.refusal(request);
        if (refusal != null) {
            send(request, AdminResponse.error(403, refusal));
            return BodyHandler.DISCARD;
        }
        String path = request.path().substring(AdminRegistry.PREFIX.length());
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        AdminRegistry.Registered target = registry.find(path);
        String subPath = target == null ? "" : registry.subPath(path);
        if (target == null) {
            send(request, AdminResponse.error(404, "no admin endpoint " + request.rawPath()));
            return BodyHandler.DISCARD;
        }
        HttpMethod method = request.method();
        boolean allowed = target.methods().contains(method)
                || (method.equals(HttpMethod.HEAD) && target.methods().contains(HttpMethod.GET));
        if (!allowed) {
            send(
                    request,
                    AdminResponse.error(
                            405,
                            method + " is not allowed on " + request.rawPath() + " (allowed: " + target.methods()
                                    + ")"));
            return BodyHandler.DISCARD;
        }
        return new AggregatingBodyHandler(
                request,
                MAX_BODY,
                new AwsException(413, "EntityTooLarge", "admin request bodies are limited to " + MAX_BODY + " bytes"),
                body -> dispatch(
                        request, target.endpoint(), new AdminCall(method, request.queryParameters(), body, subPath)));
    }

    private void dispatch(EdgeRequest request, AdminEndpoint endpoint, AdminCall call) {
        offload.run(
                request,
                () -> send(request, handle(endpoint, call)),
                failure -> send(request, AdminResponse.error(failure.status(), failure.getMessage())));
    }

    /** Runs the endpoint; a bad argument is the caller's 400, anything else goes to the offload policy. */
    private static AdminResponse handle(AdminEndpoint endpoint, AdminCall call) {
        try {
            return endpoint.handle(call);
        } catch (IllegalArgumentException e) {
            return AdminResponse.error(400, e.getMessage());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("admin endpoint failed", e);
        }
    }

    /**
     * Made on the first admin call in the JVM (building an ObjectMapper costs ~100 ms of a cold
     * start) and shared after that: one per instance put its serializer lookups back on every warm
     * start's first health call. Never configured, so sharing it shares no state.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private void send(EdgeRequest request, AdminResponse response) {
        byte[] body;
        try {
            body = Json.MAPPER.writeValueAsBytes(response.body());
        } catch (JsonProcessingException e) {
            LOG.log(System.Logger.Level.ERROR, "admin response not serializable: " + request, e);
            body = ("{\"error\":\"response not serializable\"}").getBytes(StandardCharsets.UTF_8);
            response = new AdminResponse(500, null);
        }
        FullHttpResponse r = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        r.headers().set("x-minicloud-version", version);
        r.headers().set(HttpHeaderNames.SERVER, "MiniCloud");
        request.respond(r);
    }
}
