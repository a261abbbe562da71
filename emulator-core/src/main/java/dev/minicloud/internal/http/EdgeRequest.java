package dev.minicloud.internal.http;

import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.aws.AwsProtocol;
import dev.minicloud.internal.aws.CredentialScope;
import dev.minicloud.internal.aws.QueryParameters;
import dev.minicloud.internal.aws.UriComponents;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * One HTTP request on the edge port as services see it: the head, its decoded path and query, the
 * caller's identity (access key, account, signing region) and the means to answer exactly once.
 * The {@code respond*} methods may be called from any thread.
 */
public final class EdgeRequest {
    private final ChannelHandlerContext ctx;
    private final HttpRequest head;
    private final String path;
    private final QueryParameters query;
    private final CredentialScope scope;
    private final Function<String, String> accountForAccessKey;
    private volatile String accessKey;
    private volatile String account;
    private final String requestId;
    private final String hostId;
    private final HttpDateHeader dates;
    private final AtomicBoolean answered = new AtomicBoolean();
    private volatile AwsProtocol errorProtocol = AwsProtocol.S3_XML;
    /**
     * Headers every answer to this request carries, whatever writes it (S3's CORS headers); {@code null}:
     * none. Plain lists: a Netty headers object cost more to fill and then copy into the response.
     */
    private volatile AlwaysHeaders alwaysHeaders;

    /**
     * @param path the decoded path ({@link #decodePath})
     * @param accountForAccessKey the account an access key acts as
     */
    EdgeRequest(
            ChannelHandlerContext ctx,
            HttpRequest head,
            String path,
            QueryParameters query,
            CredentialScope scope,
            Function<String, String> accountForAccessKey,
            String requestId,
            String hostId,
            HttpDateHeader dates) {
        this.ctx = ctx;
        this.head = head;
        this.path = path;
        this.query = query;
        this.scope = scope;
        this.accountForAccessKey = accountForAccessKey;
        this.accessKey = scope == null ? null : scope.accessKey();
        this.account = accountForAccessKey.apply(accessKey);
        this.requestId = requestId;
        this.hostId = hostId;
        this.dates = dates;
    }

    public ChannelHandlerContext ctx() {
        return ctx;
    }

    public HttpRequest head() {
        return head;
    }

    public HttpMethod method() {
        return head.method();
    }

    public HttpHeaders headers() {
        return head.headers();
    }

    public String header(CharSequence name) {
        return head.headers().get(name);
    }

    /** The request path, percent-decoded ({@code +} stays a plus: S3 keys may contain it). */
    public String path() {
        return path;
    }

    /** The request path exactly as sent, without the query string. */
    public String rawPath() {
        return rawPath(head.uri());
    }

    static String rawPath(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    /**
     * Decodes a raw path strictly.
     *
     * @throws dev.minicloud.internal.aws.MalformedUriException on a bad percent-escape
     */
    static String decodePath(String rawPath) {
        return UriComponents.decode(rawPath, false);
    }

    /** Query parameters, decoded; a parameter without a value ({@code ?acl}) maps to an empty string. */
    public Map<String, List<String>> queryParameters() {
        return query.asMap();
    }

    /** The parsed query, with every pair in order (the one parse SigV4 verification also uses). */
    /**
     * The parameters of an AWS query-protocol call (EC2, ElastiCache): the form-encoded body of a POST,
     * else the URL's query.
     *
     * @throws dev.minicloud.internal.aws.MalformedUriException on a bad percent-escape in the body
     */
    public QueryParameters queryProtocolParameters(byte[] body) {
        return head.method().equals(HttpMethod.POST)
                ? QueryParameters.parse(new String(body, StandardCharsets.UTF_8))
                : query();
    }

    public QueryParameters query() {
        return query;
    }

    /** The first value of a query parameter, or {@code null}. */
    public String queryParameter(String name) {
        return query.first(name);
    }

    public boolean hasQueryParameter(String name) {
        return query.contains(name);
    }

    /** The SigV4 (or SigV2) credential scope, or {@code null} for anonymous requests. */
    public CredentialScope credentialScope() {
        return scope;
    }

    /** The caller's access key: the verified one once {@link #authenticatedAs} was called, else the claimed one. */
    public String accessKey() {
        return accessKey;
    }

    /** The account the caller acts as; isolates state between accounts. */
    public String account() {
        return account;
    }

    /**
     * Records the access key whose signature was verified (strict mode): from here on the request
     * acts as that key's account, whatever else the request claims.
     */
    public void authenticatedAs(String verifiedAccessKey) {
        this.accessKey = verifiedAccessKey;
        this.account = accountForAccessKey.apply(verifiedAccessKey);
    }

    public String requestId() {
        return requestId;
    }

    public String hostId() {
        return hostId;
    }

    /** Sets the error shape used by {@link #respondError}; the route's protocol by default. */
    public void errorProtocol(AwsProtocol protocol) {
        this.errorProtocol = protocol;
    }

    public AwsProtocol errorProtocol() {
        return errorProtocol;
    }

    /**
     * Adds a header to whatever answer this request gets, success or error (S3 puts its CORS
     * headers on both); call before answering.
     */
    public void alwaysRespondWith(CharSequence name, String value) {
        AlwaysHeaders h = alwaysHeaders;
        if (h == null) {
            h = new AlwaysHeaders();
            alwaysHeaders = h;
        }
        h.names.add(name);
        h.values.add(value);
    }

    private static final class AlwaysHeaders {
        final List<CharSequence> names = new ArrayList<>(8);
        final List<String> values = new ArrayList<>(8);

        /** As {@link HttpHeaders#setAll}: each name's values replace the response's. */
        void setOn(HttpHeaders h) {
            for (CharSequence name : names) {
                h.remove(name);
            }
            for (int i = 0; i < names.size(); i++) {
                h.add(names.get(i), values.get(i));
            }
        }
    }

    public boolean isAnswered() {
        return answered.get();
    }

    /** Answers with a complete response; adds request id, date, length and keep-alive headers. */
    public ChannelFuture respond(FullHttpResponse response) {
        if (!answered.compareAndSet(false, true)) {
            response.release();
            throw new IllegalStateException("request " + requestId + " was already answered");
        }
        decorate(response);
        HttpUtil.setContentLength(response, response.content().readableBytes());
        if (head.method().equals(HttpMethod.HEAD)) {
            // HEAD carries the length the GET would have, but no body.
            FullHttpResponse bodiless = response.replace(Unpooled.EMPTY_BUFFER);
            response.release();
            response = bodiless;
        }
        return ctx.writeAndFlush(response);
    }

    public ChannelFuture respond(HttpResponseStatus status, String contentType, byte[] body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        if (contentType != null) {
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        return respond(r);
    }

    /** Answers with an empty body and the given status (204 for deletes, 200 for puts). */
    public ChannelFuture respondEmpty(HttpResponseStatus status) {
        return respond(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER));
    }

    /** Answers with the error in this request's protocol shape (no body for HEAD, as AWS does). */
    public ChannelFuture respondError(AwsException e) {
        byte[] body = errorProtocol.errorBody(e, requestId, hostId);
        FullHttpResponse r = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(e.status()), Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, errorProtocol.contentType());
        e.headers().forEach((k, v) -> r.headers().set(k, v));
        return respond(r);
    }

    /**
     * Starts a streamed response: writes the head (with {@code Content-Length} as given by the
     * caller); the caller then writes {@code HttpContent}s and a {@code LastHttpContent} via
     * {@link #ctx()}.
     */
    public ChannelFuture respondHead(HttpResponse response) {
        if (!answered.compareAndSet(false, true)) {
            throw new IllegalStateException("request " + requestId + " was already answered");
        }
        decorate(response);
        return ctx.write(response);
    }

    /** Writes the body of a streamed response; the last piece must be a LastHttpContent. */
    public ChannelFuture write(Object content) {
        return ctx.write(content);
    }

    public ChannelFuture writeAndFlush(Object content) {
        return ctx.writeAndFlush(content);
    }

    private void decorate(HttpResponse response) {
        HttpHeaders h = response.headers();
        AlwaysHeaders always = alwaysHeaders;
        if (always != null) {
            always.setOn(h);
        }
        h.set("x-amz-request-id", requestId);
        h.set("x-amz-id-2", hostId);
        h.set(HttpHeaderNames.DATE, dates.now());
        if (!h.contains(HttpHeaderNames.SERVER) && errorProtocol == AwsProtocol.S3_XML) {
            h.set(HttpHeaderNames.SERVER, "AmazonS3");
        }
        if (!HttpUtil.isKeepAlive(head)) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
    }

    /** Convenience for tests and logs. */
    @Override
    public String toString() {
        return head.method() + " " + head.uri() + " (" + requestId + ")";
    }
}
