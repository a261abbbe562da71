package dev.minicloud.kv;

import dev.minicloud.core.net.Listeners;
import dev.minicloud.spi.ListeningService;
import dev.minicloud.spi.ServiceContext;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** The RESP listener. This first cut answers inline {@code PING} only. */
public final class KvService implements ListeningService {
    private final ServiceContext context;
    private Channel channel;

    KvService(ServiceContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "kv";
    }

    @Override
    public void start() {
        ServerBootstrap b = new ServerBootstrap().group(context.eventLoopGroup()).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new LineBasedFrameDecoder(64 * 1024), new SimpleChannelInboundHandler<ByteBuf>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
                                String cmd = line.toString(StandardCharsets.UTF_8).trim();
                                String reply = cmd.equalsIgnoreCase("PING") ? "+PONG\r\n" : "-ERR unknown command\r\n";
                                ctx.writeAndFlush(ctx.alloc().buffer().writeBytes(reply.getBytes(StandardCharsets.US_ASCII)));
                            }
                        });
                    }
                });
        channel = Listeners.bind(b, context.config().host(), context.config().kvPort(), "KV (RESP)", "--kv-port");
    }

    @Override
    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public String endpoint() {
        InetSocketAddress a = address();
        return "redis://" + a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    @Override
    public void reset() {
        // no state yet
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
    }
}
