package dev.minicloud.dns.internal.server;

import dev.minicloud.MiniCloudStartException;
import dev.minicloud.dns.internal.health.HealthView;
import dev.minicloud.dns.internal.zones.ZoneIndex;
import dev.minicloud.internal.net.Listeners;
import dev.minicloud.spi.ServiceRecords;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.spi.SelectorProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * One DNS endpoint: a UDP socket and a TCP listener on the same port number, answering through one
 * {@link DnsView}. With port 0 the UDP port is picked first and TCP binds the same number, retrying
 * with a new port if that number is taken for TCP. Where the OS supports {@code SO_REUSEPORT}, one
 * UDP socket per event loop shares the port, so UDP load is spread over every loop.
 */
public final class DnsListener implements AutoCloseable {
    private static final int BIND_ATTEMPTS = 8;

    private final QueryProcessor processor;
    private final List<Channel> udp;
    private final Channel tcp;
    private final ChannelGroup connections;

    private DnsListener(QueryProcessor processor, List<Channel> udp, Channel tcp, ChannelGroup connections) {
        this.connections = connections;
        this.processor = processor;
        this.udp = udp;
        this.tcp = tcp;
    }

    /** Settings shared by every endpoint of one service. */
    /**
     * @param health whether a health check passes, and the generation of their statuses, read on the query path
     * @param publicRegion the region of the public endpoint (latency records are chosen by it)
     * @param clients places clients by subnet, for latency and geolocation records
     * @param cidrLocation a client's location in a CIDR collection (collection id, address), or {@code null}
     * @param edgeAddress the edge's address, answered for aliases to S3 website endpoints
     */
    public record Settings(
            String host,
            Random random,
            InetSocketAddress upstream,
            Duration upstreamTimeout,
            HealthView health,
            String publicRegion,
            ClientLocator clients,
            BiFunction<String, InetAddress, String> cidrLocation,
            InetAddress edgeAddress,
            Clock clock,
            Supplier<ServiceRecords> serviceRecords) {}

    /** Binds an endpoint; throws {@link MiniCloudStartException} naming {@code flag} when the port is taken. */
    public static DnsListener bind(
            EventLoopGroup group,
            Settings settings,
            int port,
            Supplier<ZoneIndex> zones,
            DnsView view,
            String what,
            String flag) {
        UpstreamForwarder upstream = settings.upstream() == null
                ? null
                : new UpstreamForwarder(group, settings.upstream(), settings.upstreamTimeout(), settings.random());
        QueryProcessor processor = new QueryProcessor(
                zones,
                view,
                new Answerer(settings.random(), settings.health(), settings.cidrLocation(), settings.edgeAddress()),
                upstream,
                settings.clients(),
                new ZoneSigner(settings.clock()));
        processor.serviceRecords(settings.serviceRecords());
        InternetProtocolFamily family = familyOf(settings.host());
        ChannelFactory<NioDatagramChannel> udpChannels =
                () -> family == null ? new NioDatagramChannel() : new NioDatagramChannel(family);
        ChannelFactory<NioServerSocketChannel> tcpChannels = () -> family == null
                ? new NioServerSocketChannel()
                : new NioServerSocketChannel(SelectorProvider.provider(), family);
        Bootstrap udpBootstrap = new Bootstrap()
                .group(group)
                .channelFactory(udpChannels)
                .option(ChannelOption.SO_RCVBUF, 1 << 20)
                .option(ChannelOption.SO_SNDBUF, 1 << 20)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(4096).maxMessagesPerRead(64))
                .handler(new ChannelInitializer<NioDatagramChannel>() {
                    @Override
                    protected void initChannel(NioDatagramChannel ch) {
                        ch.pipeline().addLast(new UdpQueryHandler(processor));
                    }
                });
        // Accepted connections outlive their server channel in Netty: kept here so close() ends them
        // (clients such as dnsjava reuse one TCP connection per server).
        ChannelGroup connections = new DefaultChannelGroup(group.next());
        ServerBootstrap tcpBootstrap = new ServerBootstrap()
                .group(group)
                .channelFactory(tcpChannels)
                .childHandler(new DnsTcpInitializer(processor, connections));
        boolean reusePort = supportsReusePort();
        if (reusePort) {
            udpBootstrap.option(NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT), true);
        }
        MiniCloudStartException last = null;
        for (int attempt = 0; attempt < (port == 0 ? BIND_ATTEMPTS : 1); attempt++) {
            Channel first = Listeners.bind(udpBootstrap, settings.host(), port, what + " (UDP)", flag);
            List<Channel> udp = new ArrayList<>();
            udp.add(first);
            try {
                Channel tcp =
                        Listeners.bind(tcpBootstrap, settings.host(), Listeners.port(first), what + " (TCP)", flag);
                if (reusePort) {
                    // One more UDP socket on the same port per extra event loop: the kernel spreads
                    // datagrams over them, so UDP is answered by every loop, not only one.
                    for (int i = 1; i < loops(group); i++) {
                        udp.add(Listeners.bind(
                                udpBootstrap, settings.host(), Listeners.port(first), what + " (UDP)", flag));
                    }
                }
                return new DnsListener(processor, udp, tcp, connections);
            } catch (MiniCloudStartException e) {
                udp.forEach(Listeners::close);
                last = e;
            }
        }
        throw last;
    }

    /**
     * IPv4 for an IPv4 bind address, else {@code null} (the JDK's default socket). The default is a
     * dual-stack IPv6 socket even for 127.0.0.1, and every datagram then takes the kernel's UDPv6
     * path with IPv4-mapped addresses; a plain IPv4 socket answers the same clients for less work.
     */
    static InternetProtocolFamily familyOf(String host) {
        InetAddress address = new InetSocketAddress(host, 0).getAddress();
        return address instanceof Inet4Address ? InternetProtocolFamily.IPv4 : null;
    }

    private static int loops(EventLoopGroup group) {
        int n = 0;
        for (var ignored : group) {
            n++;
        }
        return n;
    }

    private static boolean supportsReusePort() {
        try (DatagramChannel probe = DatagramChannel.open()) {
            return probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) udp.get(0).localAddress();
    }

    /**
     * Answers {@code query} as if it came from {@code source}, on the caller's thread, for
     * TestDNSAnswer: the same path as a query on the wire. {@code null} if the answer would have to be
     * forwarded upstream (a name in no zone) or the query is dropped.
     */
    public byte[] answerNow(byte[] query, InetAddress source) {
        AtomicReference<byte[]> out = new AtomicReference<>();
        // The TCP path: an answer of any size, never truncated.
        byte[] cached = processor.cachedReply(query, false);
        if (cached != null) {
            byte[] copy = cached.clone();
            copy[0] = query[0];
            copy[1] = query[1];
            return copy;
        }
        processor.process(query, false, source, out::set);
        return out.get();
    }

    /** Forgets cached answers. */
    public void clearCache() {
        processor.clearCache();
    }

    @Override
    public void close() {
        udp.forEach(Listeners::close);
        Listeners.close(tcp);
        Listeners.await(connections.close());
    }
}
