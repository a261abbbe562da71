package dev.minicloud.core.http;

import dev.minicloud.core.aws.AwsException;
import dev.minicloud.core.aws.AwsProtocol;
import dev.minicloud.core.aws.CredentialScope;
import dev.minicloud.core.aws.RequestIds;
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
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.time.Clock;
import java.util.function.Function;

/**
 * The last handler of the edge pipeline: routes each request head to a service and streams the body
 * to the {@link BodyHandler} it returns. Failures become AWS-shaped errors; a malformed request gets
 * 400 and the connection is closed, and nothing a handler throws reaches the client as a stack trace.
 */
final class EdgeDispatcher extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(EdgeDispatcher.class.getName());

    private final EdgeRouter router;
    private final Clock clock;
    private final Function<String, String> accountForAccessKey;
    private EdgeRequest current;
    private BodyHandler body;

    EdgeDispatcher(EdgeRouter router, Clock clock, Function<String, String> accountForAccessKey) {
        this.router = router;
        this.clock = clock;
        this.accountForAccessKey = accountForAccessKey;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest head) {
                onHead(ctx, head);
            }
            if (msg instanceof HttpContent content) {
                onContent(content);
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
        QueryStringDecoder query = new QueryStringDecoder(head.uri());
        CredentialScope scope = CredentialScope.of(head, query);
        String account = accountForAccessKey.apply(scope == null ? null : scope.accessKey());
        current = new EdgeRequest(ctx, head, query, scope, account, RequestIds.newRequestId(),
                RequestIds.newHostId(), clock);
        EdgeRouter.Decision decision = router.route(current.rawPath(), scope);
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

    private void onContent(HttpContent content) {
        BodyHandler target = body;
        if (target == null) {
            return; // content after a rejected head: the connection is closing
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
        if (request == null || request.isAnswered()) {
            LOG.log(System.Logger.Level.WARNING, "failure after the response was sent: " + request, e);
            return;
        }
        if (e instanceof AwsException aws) {
            request.respondError(aws);
        } else {
            LOG.log(System.Logger.Level.ERROR, "internal error handling " + request, e);
            request.respondError(new AwsException(500, "InternalError",
                    "We encountered an internal error. Please try again."));
        }
    }

    private void rejectMalformed(ChannelHandlerContext ctx, Throwable cause) {
        body = null;
        String message = "Your request is malformed: " + (cause == null ? "bad HTTP" : cause.getMessage());
        AwsException e = new AwsException(400, "BadRequest", message);
        String requestId = RequestIds.newRequestId();
        byte[] xml = AwsProtocol.S3_XML.errorBody(e, requestId, RequestIds.newHostId());
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
                Unpooled.wrappedBuffer(xml));
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
