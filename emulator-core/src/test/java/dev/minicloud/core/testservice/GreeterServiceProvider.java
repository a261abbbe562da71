package dev.minicloud.core.testservice;

import dev.minicloud.internal.net.Listeners;
import dev.minicloud.spi.ListeningService;
import dev.minicloud.spi.OptionSpec;
import dev.minicloud.spi.Service;
import dev.minicloud.spi.ServiceContext;
import dev.minicloud.spi.ServiceProvider;
import dev.minicloud.spi.ValueParsers;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A service with a TCP listener of its own that core has never heard of: it greets each connection
 * with one line and closes it. Proves a new listening service plugs in (its port option, the
 * builder's {@code port(service, n)}, {@code address(service)}) without any change to core.
 */
public final class GreeterServiceProvider implements ServiceProvider {
    public static final OptionSpec<Integer> PORT = OptionSpec.of(
                    "greeter-port", ValueParsers.port(), 0, "TCP port of the greeter")
            .withStandaloneDefault(7777);
    public static final OptionSpec<String> GREETING =
            OptionSpec.text("greeter-greeting", "hello", "the line sent to each connection");

    @Override
    public String name() {
        return "greeter";
    }

    @Override
    public List<OptionSpec<?>> options() {
        return List.of(PORT, GREETING);
    }

    @Override
    public Service create(ServiceContext context) {
        return new Greeter(context);
    }

    static final class Greeter implements ListeningService {
        private final ServiceContext context;
        private final String greeting;
        private Channel channel;

        Greeter(ServiceContext context) {
            this.context = context;
            this.greeting = context.config().get(GREETING);
        }

        @Override
        public String name() {
            return "greeter";
        }

        @Override
        public void start() {
            ServerBootstrap b = new ServerBootstrap()
                    .group(context.eventLoopGroup())
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelActive(ChannelHandlerContext ctx) {
                            ctx.writeAndFlush(Unpooled.copiedBuffer(greeting + "\n", StandardCharsets.US_ASCII))
                                    .addListener(ChannelFutureListener.CLOSE);
                        }
                    });
            channel = Listeners.bind(
                    b, context.config().host(), context.config().get(PORT), "greeter", "--" + PORT.name());
        }

        @Override
        public InetSocketAddress address() {
            return (InetSocketAddress) channel.localAddress();
        }

        @Override
        public String endpoint() {
            return "tcp://" + address().getAddress().getHostAddress() + ":"
                    + address().getPort();
        }

        @Override
        public void reset() {
            // no state
        }

        @Override
        public void close() {
            if (channel != null) {
                channel.close().syncUninterruptibly();
            }
        }
    }
}
