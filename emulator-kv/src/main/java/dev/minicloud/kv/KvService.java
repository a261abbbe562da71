package dev.minicloud.kv;

import dev.minicloud.internal.net.Listeners;
import dev.minicloud.kv.internal.command.Commands;
import dev.minicloud.kv.internal.engine.KvConfig;
import dev.minicloud.kv.internal.engine.KvEngine;
import dev.minicloud.kv.internal.server.RespChannelInitializer;
import dev.minicloud.spi.ListeningService;
import dev.minicloud.spi.ServiceContext;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The Redis-compatible KV service: a RESP2/RESP3 listener on its own port in front of a
 * {@link KvEngine}. The listener and every connection run on a single-thread event loop of the
 * service's own ({@code <instance>-kv}), which is also the thread that owns the keyspace (see
 * {@link KvEngine} for why). It is not one of the instance's shared loops, so however long a KV
 * command runs it cannot delay an S3 request or a DNS answer.
 */
public final class KvService implements ListeningService {
    private final ServiceContext context;
    private final EventLoopGroup group;
    private final KvEngine engine;
    private Channel channel;

    KvService(ServiceContext context) {
        this.context = context;
        KvConfig config = KvSettings.read(context.config());
        config.bind(context.config().host());
        this.group =
                new NioEventLoopGroup(1, new KvThreadFactory(context.config().name() + "-kv"));
        this.engine = new KvEngine(group.next(), context.clock(), context.random(), config, Commands.standard());
    }

    /**
     * The KV thread, a daemon with a stack large enough for Lua's own call-depth limit (Lua 5.1's
     * 20000 nested calls; LuaJ runs each Lua call on the Java stack) plus the commands it calls.
     * The size is reserved address space, committed only as deep calls touch it.
     */
    static final class KvThreadFactory extends DefaultThreadFactory {
        private static final long STACK_BYTES = 64L * 1024 * 1024;

        KvThreadFactory(String name) {
            super(name, true);
        }

        @Override
        protected Thread newThread(Runnable r, String name) {
            return new FastThreadLocalThread(threadGroup, r, name, STACK_BYTES);
        }
    }

    @Override
    public String name() {
        return "kv";
    }

    @Override
    public void start() {
        ServerBootstrap b = new ServerBootstrap()
                .group(group, engine.loop())
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new RespChannelInitializer(engine));
        channel = Listeners.bind(
                b, context.config().host(), context.config().get(KvSettings.PORT), "KV (RESP)", "--kv-port");
        engine.eventsWhileBusy(RespChannelInitializer.eventsWhileBusy(engine, channel));
        engine.config().port(address().getPort());
        engine.start();
    }

    /** The engine, for tests and embedders that want to run its cron or inspect it. */
    public KvEngine engine() {
        return engine;
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
        engine.reset();
    }

    @Override
    public void close() {
        engine.stop();
        if (channel != null) {
            Listeners.close(channel);
        }
        // the same short quiet period as the instance's own group, so a test class pays no seconds here
        Listeners.await(group.shutdownGracefully(0, 1, TimeUnit.SECONDS));
    }
}
