package dev.minicloud.internal.http;

import dev.minicloud.internal.net.Listeners;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The edge HTTP listener: one port for every AWS HTTP API and the admin API. The pipeline streams
 * bodies (no aggregation), answers {@code Expect: 100-continue}, closes connections that move no
 * byte either way for the idle timeout (S3 allows about 20 s between bytes; a slow partial PUT must
 * not hold its reserved memory forever), and hands each request to the {@link EdgeRouter}.
 */
public final class EdgeHttpServer implements AutoCloseable {
    static final int MAX_INITIAL_LINE = 32 * 1024;
    static final int MAX_HEADER_SIZE = 64 * 1024;
    static final int MAX_CHUNK_SIZE = 64 * 1024;
    /** S3's idle timeout between bytes, the default of the {@code edge-idle-timeout} setting. */
    public static final long DEFAULT_IDLE_TIMEOUT_MILLIS = 20_000;

    private final Channel channel;

    private EdgeHttpServer(Channel channel) {
        this.channel = channel;
    }

    /** Binds {@code host:port} (0 = ephemeral) atomically with S3's idle timeout. */
    public static EdgeHttpServer bind(
            EventLoopGroup group,
            String host,
            int port,
            EdgeRouter router,
            Clock clock,
            Function<String, String> accountForAccessKey) {
        return bind(group, host, port, router, clock, accountForAccessKey, DEFAULT_IDLE_TIMEOUT_MILLIS);
    }

    /**
     * Binds {@code host:port} (0 = ephemeral) atomically; fails with a message naming the flag.
     *
     * @param idleTimeoutMillis how long a connection may move no byte either way (0: forever)
     */
    public static EdgeHttpServer bind(
            EventLoopGroup group,
            String host,
            int port,
            EdgeRouter router,
            Clock clock,
            Function<String, String> accountForAccessKey,
            long idleTimeoutMillis) {
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (idleTimeoutMillis > 0) {
                            // Output progress counts as activity: a slow reader of a big GET is not idle.
                            ch.pipeline()
                                    .addLast(
                                            new IdleStateHandler(true, 0, 0, idleTimeoutMillis, TimeUnit.MILLISECONDS));
                        }
                        ch.pipeline()
                                .addLast(
                                        new FlushConsolidationHandler(256, true),
                                        new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, MAX_CHUNK_SIZE),
                                        new HttpServerKeepAliveHandler(),
                                        new HttpServerExpectContinueHandler(),
                                        new ChunkedWriteHandler(),
                                        new EdgeDispatcher(router, clock, accountForAccessKey));
                    }
                });
        return new EdgeHttpServer(Listeners.bind(b, host, port, "edge HTTP", "--edge-port"));
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        Listeners.close(channel);
    }
}
