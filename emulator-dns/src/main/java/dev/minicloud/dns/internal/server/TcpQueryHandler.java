package dev.minicloud.dns.internal.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;

/**
 * Answers DNS-over-TCP messages (RFC 7766): each frame (the 2-byte length already removed) is one
 * query; several may arrive on one connection and replies may be written as they complete.
 *
 * <p>Backpressure: a client that sends queries but does not read its answers must not make us buffer
 * answers without bound (a 30-byte query can ask for a 64 KiB answer). Once the channel is not
 * writable we stop reading, and frames already read wait unanswered until it drains; one socket read
 * is all that can wait, so memory per connection stays bounded.
 */
final class TcpQueryHandler extends SimpleChannelInboundHandler<ByteBuf> {
    private final QueryProcessor processor;
    private final ArrayDeque<byte[]> waiting = new ArrayDeque<>();

    TcpQueryHandler(QueryProcessor processor) {
        this.processor = processor;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        byte[] query = new byte[frame.readableBytes()];
        frame.getBytes(frame.readerIndex(), query);
        if (!waiting.isEmpty() || !ctx.channel().isWritable()) {
            waiting.add(query);
            ctx.channel().config().setAutoRead(false);
            return;
        }
        answer(ctx, query);
    }

    private void answer(ChannelHandlerContext ctx, byte[] query) {
        processor.process(
                query,
                false,
                remote(ctx),
                reply -> ctx.writeAndFlush(Unpooled.wrappedBuffer(reply), ctx.voidPromise()));
        if (!ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Channel ch = ctx.channel();
        while (ch.isWritable() && !waiting.isEmpty()) {
            answer(ctx, waiting.poll());
        }
        if (ch.isWritable() && waiting.isEmpty()) {
            ch.config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A broken frame or a reset connection closes this connection only.
        ctx.close();
    }

    private static InetAddress remote(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
    }
}
