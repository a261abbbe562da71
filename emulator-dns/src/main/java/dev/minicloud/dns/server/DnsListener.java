package dev.minicloud.dns.server;

import dev.minicloud.MiniCloudStartException;
import dev.minicloud.core.net.Listeners;
import dev.minicloud.dns.zones.ZoneIndex;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Random;
import java.util.function.Supplier;

/**
 * One DNS endpoint: a UDP socket and a TCP listener on the same port number, answering through one
 * {@link DnsView}. With port 0 the UDP port is picked first and TCP binds the same number, retrying
 * with a new port if that number is taken for TCP.
 */
public final class DnsListener implements AutoCloseable {
    private static final int BIND_ATTEMPTS = 8;
    private static final int TCP_IDLE_SECONDS = 30;

    private final QueryProcessor processor;
    private final Channel udp;
    private final Channel tcp;

    private DnsListener(QueryProcessor processor, Channel udp, Channel tcp) {
        this.processor = processor;
        this.udp = udp;
        this.tcp = tcp;
    }

    /** Settings shared by every endpoint of one service. */
    public record Settings(String host, Random random, InetSocketAddress upstream, Duration upstreamTimeout) {
    }

    /** Binds an endpoint; throws {@link MiniCloudStartException} naming {@code flag} when the port is taken. */
    public static DnsListener bind(EventLoopGroup group, Settings settings, int port, Supplier<ZoneIndex> zones,
                                   DnsView view, String what, String flag) {
        UpstreamForwarder upstream = settings.upstream() == null ? null
                : new UpstreamForwarder(settings.upstream(), settings.upstreamTimeout());
        QueryProcessor processor = new QueryProcessor(zones, view, new Answerer(settings.random()), upstream);
        Bootstrap udpBootstrap = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, 1 << 20)
                .option(ChannelOption.SO_SNDBUF, 1 << 20)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(4096))
                .handler(new UdpQueryHandler(processor));
        ServerBootstrap tcpBootstrap = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new FlushConsolidationHandler(),
                                new IdleStateHandler(0, 0, TCP_IDLE_SECONDS),
                                new LengthFieldBasedFrameDecoder(65535 + 2, 0, 2, 0, 2),
                                new LengthFieldPrepender(2),
                                new TcpQueryHandler(processor));
                    }
                });
        MiniCloudStartException last = null;
        for (int attempt = 0; attempt < (port == 0 ? BIND_ATTEMPTS : 1); attempt++) {
            Channel udp = Listeners.bind(udpBootstrap, settings.host(), port, what + " (UDP)", flag);
            try {
                Channel tcp = Listeners.bind(tcpBootstrap, settings.host(), Listeners.port(udp), what + " (TCP)", flag);
                return new DnsListener(processor, udp, tcp);
            } catch (MiniCloudStartException e) {
                udp.close().syncUninterruptibly();
                last = e;
            }
        }
        throw last;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) udp.localAddress();
    }

    /** Forgets cached answers. */
    public void clearCache() {
        processor.clearCache();
    }

    @Override
    public void close() {
        udp.close().syncUninterruptibly();
        tcp.close().syncUninterruptibly();
    }
}
