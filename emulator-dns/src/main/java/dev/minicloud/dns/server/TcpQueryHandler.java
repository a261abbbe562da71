package dev.minicloud.dns.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Answers DNS-over-TCP messages (RFC 7766): each frame (the 2-byte length already removed) is one
 * query; several may arrive on one connection and replies may be written as they complete.
 */
final class TcpQueryHandler extends SimpleChannelInboundHandler<ByteBuf> {
    private final QueryProcessor processor;

    TcpQueryHandler(QueryProcessor processor) {
        this.processor = processor;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        byte[] query = new byte[frame.readableBytes()];
        frame.getBytes(frame.readerIndex(), query);
        processor.process(query, false, reply -> ctx.writeAndFlush(Unpooled.wrappedBuffer(reply), ctx.voidPromise()));
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
}
