package dev.minicloud.internal.aws;

import dev.minicloud.internal.aws.auth.SigV4Verifier;
import dev.minicloud.internal.aws.auth.VerifiedRequest;
import dev.minicloud.internal.aws.checksum.ChecksumAlgorithm;
import dev.minicloud.internal.aws.chunked.PayloadDecoder;
import dev.minicloud.internal.aws.chunked.PayloadResult;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A minimal S3-shaped HTTP server for wire tests of the toolkit: it authenticates every request
 * with a {@link SigV4Verifier} (strict) or only checks presigned expiry (lenient), decodes PUT
 * bodies with a {@link PayloadDecoder}, and answers as S3 would (ETag and checksum headers, or the
 * S3 error XML). Each request's outcome is queued for the test to inspect.
 */
final class ToolkitProbeServer implements AutoCloseable {
    /** What the server made of one request. */
    record Outcome(String method, String uri, byte[] body, PayloadResult result, AwsException error) {}

    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final Channel channel;
    private final SigV4Verifier verifier;
    private final boolean strict;
    final BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();

    ToolkitProbeServer(SigV4Verifier verifier, boolean strict) throws InterruptedException {
        this.verifier = verifier;
        this.strict = strict;
        this.channel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new HttpServerCodec(), new HttpServerExpectContinueHandler(), new Handler());
                    }
                })
                .bind("127.0.0.1", 0)
                .sync()
                .channel();
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    Outcome next() throws InterruptedException {
        Outcome o = outcomes.poll(30, TimeUnit.SECONDS);
        if (o == null) {
            throw new AssertionError("the server saw no request");
        }
        return o;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Handler extends SimpleChannelInboundHandler<HttpObject> {
        private HttpRequest head;
        private PayloadDecoder decoder;
        private ByteArrayOutputStream body;
        private AwsException error;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpRequest r) {
                head = r;
                error = null;
                body = new ByteArrayOutputStream();
                try {
                    VerifiedRequest v = null;
                    if (strict) {
                        v = verifier.verify(r);
                    } else {
                        verifier.checkPresignedExpiry(r);
                    }
                    PayloadDecoder.Builder b = PayloadDecoder.builder(r.headers())
                            .sink(buf -> {
                                byte[] bytes = new byte[buf.readableBytes()];
                                buf.getBytes(buf.readerIndex(), bytes);
                                body.writeBytes(bytes);
                            })
                            .alsoCompute(ChecksumAlgorithm.CRC64NVME);
                    if (v != null) {
                        b.signatureCheck(v.chunkSignatureChain());
                    }
                    decoder = b.build();
                } catch (AwsException e) {
                    error = e;
                }
            }
            if (msg instanceof HttpContent c) {
                if (error == null) {
                    try {
                        decoder.onContent(c.content());
                    } catch (AwsException e) {
                        error = e;
                    }
                }
                if (msg instanceof LastHttpContent) {
                    respond(ctx);
                }
            }
        }

        private void respond(ChannelHandlerContext ctx) {
            PayloadResult result = null;
            if (error == null) {
                try {
                    result = decoder.finish();
                } catch (AwsException e) {
                    error = e;
                }
            }
            outcomes.add(new Outcome(head.method().name(), head.uri(), body.toByteArray(), result, error));
            FullHttpResponse response;
            if (error != null) {
                byte[] xml = AwsProtocol.S3_XML.errorBody(error, "REQ", "HOST");
                response = new DefaultFullHttpResponse(
                        HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(error.status()), Unpooled.wrappedBuffer(xml));
                response.headers().set("Content-Type", "application/xml");
            } else {
                ByteBuf content = head.method().equals(HttpMethod.GET)
                        ? Unpooled.copiedBuffer(new byte[] {'o', 'k'})
                        : Unpooled.EMPTY_BUFFER;
                response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, content);
                response.headers().set("ETag", result.etag());
                ChecksumAlgorithm a = result.requestAlgorithm();
                if (a != null) {
                    response.headers().set(a.headerName(), result.checksum(a));
                }
            }
            response.headers().set("x-amz-request-id", "REQ");
            HttpUtil.setContentLength(response, response.content().readableBytes());
            ctx.writeAndFlush(response);
        }
    }
}
