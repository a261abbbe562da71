package dev.minicloud.dns.server;

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
        processor.process(query, true, reply -> send(ctx, reply, sender));
    }

    private void send(ChannelHandlerContext ctx, byte[] reply, InetSocketAddress to) {
        ByteBuf out = ctx.alloc().directBuffer(reply.length).writeBytes(reply);
        if (reading && ctx.executor().inEventLoop()) {
            ctx.write(new DatagramPacket(out, to), ctx.voidPromise());
            unflushed = true;
        } else {
            ctx.writeAndFlush(new DatagramPacket(out, to), ctx.voidPromise());
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
