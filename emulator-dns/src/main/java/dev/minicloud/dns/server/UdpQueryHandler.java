package dev.minicloud.dns.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;

/** Answers each UDP datagram with at most one datagram, through the endpoint's {@link QueryProcessor}. */
@ChannelHandler.Sharable
final class UdpQueryHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private final QueryProcessor processor;

    UdpQueryHandler(QueryProcessor processor) {
        this.processor = processor;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf content = packet.content();
        byte[] query = new byte[content.readableBytes()];
        content.getBytes(content.readerIndex(), query);
        processor.process(query, true, reply ->
                ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(reply), packet.sender()), ctx.voidPromise()));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // One bad datagram (or an ICMP unreachable surfacing as an exception) must not stop the listener.
    }
}
