package dev.minicloud.dns;

import dev.minicloud.core.net.Listeners;
import dev.minicloud.spi.ListeningService;
import dev.minicloud.spi.ServiceContext;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/** The DNS listener. This first cut answers every UDP query with REFUSED. */
public final class DnsService implements ListeningService {
    private final ServiceContext context;
    private Channel udp;

    DnsService(ServiceContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "dns";
    }

    @Override
    public void start() {
        Bootstrap b = new Bootstrap().group(context.eventLoopGroup()).channel(NioDatagramChannel.class)
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                        byte[] in = new byte[packet.content().readableBytes()];
                        packet.content().getBytes(packet.content().readerIndex(), in);
                        try {
                            Message query = new Message(in);
                            Message reply = new Message(query.getHeader().getID());
                            reply.getHeader().setFlag(org.xbill.DNS.Flags.QR);
                            reply.getHeader().setRcode(Rcode.REFUSED);
                            if (query.getQuestion() != null) {
                                reply.addRecord(query.getQuestion(), org.xbill.DNS.Section.QUESTION);
                            }
                            ByteBuf out = Unpooled.wrappedBuffer(reply.toWire());
                            ctx.writeAndFlush(new DatagramPacket(out, packet.sender()));
                        } catch (IOException e) {
                            // not a DNS message: nothing sensible to answer to
                        }
                    }
                });
        udp = Listeners.bind(b, context.config().host(), context.config().dnsPort(), "DNS (UDP)", "--dns-port");
    }

    @Override
    public InetSocketAddress address() {
        return (InetSocketAddress) udp.localAddress();
    }

    @Override
    public String endpoint() {
        InetSocketAddress a = address();
        return "udp+tcp://" + a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    @Override
    public void reset() {
        // no state yet
    }

    @Override
    public void close() {
        if (udp != null) {
            udp.close().syncUninterruptibly();
        }
    }
}
