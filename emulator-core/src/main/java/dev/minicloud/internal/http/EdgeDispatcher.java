package dev.minicloud.internal.http;

import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.aws.AwsProtocol;
import dev.minicloud.internal.aws.CredentialScope;
import dev.minicloud.internal.aws.MalformedUriException;
import dev.minicloud.internal.aws.QueryParameters;
import dev.minicloud.internal.aws.RequestIds;
import dev.minicloud.internal.aws.auth.AuthErrors;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.time.Clock;
import java.util.function.Function;

/**
 * The last handler of the edge pipeline: routes each request head to a service and streams the body
 * to the {@link BodyHandler} it returns. Failures become AWS-shaped errors ({@link Offload}'s policy);
 * a malformed request head gets 400 and the connection is closed; a path or query that cannot be
 * decoded gets the service's 400; a body the HTTP decoder cannot frame (bad chunk) is an aborted
 * upload: the handler is aborted, nothing is committed, and the connection is closed. An idle
 * connection ({@link IdleStateEvent}, no bytes either way) is closed, aborting a half-received body,
 * unless a response is being prepared. Unsigned cross-site simple writes are refused
 * ({@link BrowserOrigin}). Nothing a handler throws reaches the client as a stack trace.
 */
final class EdgeDispatcher extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(EdgeDispatcher.class.getName());

    private final EdgeRouter router;
    private final HttpDateHeader dates;
    private final Function<String, String> accountForAccessKey;
    private EdgeRequest current;
    private BodyHandler body;

    EdgeDispatcher(EdgeRouter router, Clock clock, Function<String, String> accountForAccessKey) {
        this.router = router;
        this.dates = new HttpDateHeader(clock);
        this.accountForAccessKey = accountForAccessKey;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest head) {
                onHead(ctx, head);
            }
            if (msg instanceof HttpContent content) {
                onContent(ctx, content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onHead(ChannelHandlerContext ctx, HttpRequest head) {
        if (head.decoderResult().isFailure()) {
            rejectMalformed(ctx, head.decoderResult().cause());
            return;
        }
        String rawPath = EdgeRequest.rawPath(head.uri());
        String path;
        QueryParameters query;
        MalformedUriException malformed = null;
        try {
            path = EdgeRequest.decodePath(rawPath);
            query = QueryParameters.ofUri(head.uri());
        } catch (MalformedUriException e) {
            malformed = e;
            path = rawPath;
            query = QueryParameters.EMPTY;
        }
        CredentialScope scope = CredentialScope.of(head, query);
        current = new EdgeRequest(
                ctx,
                head,
                path,
                query,
                scope,
                accountForAccessKey,
                RequestIds.newRequestId(),
                RequestIds.newHostId(),
                dates);
        EdgeRouter.Decision decision = router.route(rawPath, scope);
        EdgeRoute route = decision.route();
        if (route == null) {
            current.errorProtocol(AwsProtocol.QUERY_XML);
            String what = decision.unknownService() != null
                    ? "MiniCloud does not emulate the service '" + decision.unknownService() + "'"
                    : "No MiniCloud service handles " + current.rawPath();
            current.respondError(new AwsException(501, "NotImplemented", what));
            body = BodyHandler.DISCARD;
            return;
        }
        current.errorProtocol(route.errorProtocol());
        if (malformed != null) {
            LOG.log(System.Logger.Level.DEBUG, "undecodable request URI " + current + ": " + malformed.getMessage());
            current.respondError(route.errorProtocol().malformedUri());
            body = BodyHandler.DISCARD;
            return;
        }
        if (!route.service().equals(EdgeRoute.ADMIN)
                && BrowserOrigin.isUnsignedCrossSiteSimpleWrite(head)
                && !route.handler().admitsCrossSiteWrite(current)) {
            // A web page may send this without preflight; the admin API applies a stricter rule itself.
            current.respondError(AuthErrors.accessDenied());
            body = BodyHandler.DISCARD;
            return;
        }
        try {
            body = route.handler().onRequest(current);
            if (body == null) {
                body = BodyHandler.DISCARD;
            }
        } catch (RuntimeException e) {
            body = BodyHandler.DISCARD;
            fail(e);
        }
    }

    private void onContent(ChannelHandlerContext ctx, HttpContent content) {
        BodyHandler target = body;
        if (target == null) {
            return; // content after a rejected head: the connection is closing
        }
        if (content.decoderResult().isFailure()) {
            abortBody(ctx, target, "undecodable request body", null);
            return;
        }
        try {
            if (content.content().isReadable()) {
                target.onContent(content.content());
            }
            if (content instanceof LastHttpContent last) {
                body = null;
                target.onEnd(last.trailingHeaders());
            }
        } catch (RuntimeException e) {
            body = content instanceof LastHttpContent ? null : BodyHandler.DISCARD;
            if (target != BodyHandler.DISCARD) {
                target.onAbort();
            }
            fail(e);
        }
    }

    private void fail(RuntimeException e) {
        EdgeRequest request = current;
        if (request == null) {
            LOG.log(System.Logger.Level.WARNING, "failure outside a request", e);
            return;
        }
        Offload.fail(request, e);
    }

    /**
     * Ends a body that will never complete (undecodable framing, idle timeout): the handler
     * releases what it holds and commits nothing, the client gets {@code answer} if it has no
     * answer yet, and the connection closes (its framing can no longer be trusted).
     */
    private void abortBody(ChannelHandlerContext ctx, BodyHandler target, String why, AwsException answer) {
        body = null;
        LOG.log(System.Logger.Level.DEBUG, why + ", aborting " + current);
        if (target != BodyHandler.DISCARD) {
            target.onAbort();
        }
        EdgeRequest request = current;
        if (answer != null && request != null && !request.isAnswered()) {
            request.respondError(answer).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (!(evt instanceof IdleStateEvent)) {
            super.userEventTriggered(ctx, evt);
            return;
        }
        BodyHandler target = body;
        if (target != null) {
            abortBody(ctx, target, "idle timeout mid-body", requestTimeout());
        } else if (current == null || current.isAnswered()) {
            ctx.close(); // an idle keep-alive connection
        }
        // else: the request is complete and a worker is preparing its answer (an admin await, say)
    }

    private static AwsException requestTimeout() {
        return new AwsException(
                400,
                "RequestTimeout",
                "Your socket connection to the server was not read from or "
                        + "written to within the timeout period. Idle connections will be closed.");
    }

    private void rejectMalformed(ChannelHandlerContext ctx, Throwable cause) {
        body = null;
        // The decoder's message names our limits and parser state: log it, do not send it.
        LOG.log(System.Logger.Level.DEBUG, "malformed HTTP request", cause);
        AwsException e = new AwsException(400, "BadRequest", "Your request is malformed.");
        String requestId = RequestIds.newRequestId();
        byte[] xml = AwsProtocol.S3_XML.errorBody(e, requestId, RequestIds.newHostId());
        FullHttpResponse r = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST, Unpooled.wrappedBuffer(xml));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/xml");
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, xml.length);
        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        r.headers().set("x-amz-request-id", requestId);
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        BodyHandler target = body;
        body = null;
        if (target != null) {
            target.onAbort();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Typically a reset connection; the client is gone, so there is no one to answer.
        LOG.log(System.Logger.Level.DEBUG, "edge connection failed", cause);
        ctx.close();
    }
}
