package dev.minicloud.dns.internal.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/**
 * Answers each UDP datagram with at most one datagram, through the endpoint's {@link QueryProcessor}.
 * Replies produced while a batch of datagrams is being read are written without a flush and flushed
 * once when the batch ends; replies that complete later (forwarded queries) are flushed at once.
 * One instance per channel (it keeps per-channel state).
 */
final class UdpQueryHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private final QueryProcessor processor;
    private boolean reading;
    private boolean unflushed;

    UdpQueryHandler(QueryProcessor processor) {
        this.processor = processor;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf content = packet.content();
        byte[] query = new byte[content.readableBytes()];
        content.getBytes(content.readerIndex(), query);
        InetSocketAddress sender = packet.sender();
        reading = true;
        byte[] cached = processor.cachedReply(query, true);
        if (cached != null) {
            // The common case, kept cheap: the shared cached bytes are copied once, straight
            // into the outgoing buffer, and the id patched there.
            ByteBuf out = ctx.alloc().directBuffer(cached.length).writeBytes(cached);
            out.setByte(0, query[0]).setByte(1, query[1]);
            write(ctx, new DatagramPacket(out, sender));
        } else {
            processor.process(query, true, sender.getAddress(), reply -> send(ctx, reply, sender));
        }
    }

    private void send(ChannelHandlerContext ctx, byte[] reply, InetSocketAddress to) {
        write(ctx, new DatagramPacket(ctx.alloc().directBuffer(reply.length).writeBytes(reply), to));
    }

    private void write(ChannelHandlerContext ctx, DatagramPacket out) {
        if (reading && ctx.executor().inEventLoop()) {
            ctx.write(out, ctx.voidPromise());
            unflushed = true;
        } else {
            ctx.writeAndFlush(out, ctx.voidPromise());
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        reading = false;
        if (unflushed) {
            unflushed = false;
            ctx.flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // One bad datagram (or an ICMP unreachable surfacing as an exception) must not stop the listener.
    }
}
