package dev.minicloud.internal.net;

import dev.minicloud.MiniCloudStartException;
import io.netty.bootstrap.AbstractBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.util.concurrent.Future;
import io.netty.util.internal.ThreadExecutorMap;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Binds listeners the one safe way: the real socket, on the requested port (0 = the OS picks),
 * reporting the port actually bound. A taken port becomes one clear {@link MiniCloudStartException}
 * naming the port and the flag that sets it.
 */
public final class Listeners {
    /** Bounds every wait of a shutdown: a stuck thread is a daemon and cannot keep the JVM up. */
    private static final long CLOSE_WAIT_SECONDS = 10;

    private Listeners() {}

    /** Closes a listening (or any) channel: see {@link #await}. */
    public static void close(Channel channel) {
        await(channel.close());
    }

    /**
     * Waits, bounded, for a shutdown step, except on an event loop thread: a close called there (a
     * handler closing the instance) must not wait for the loop it runs on; the step completes once
     * the calling task returns.
     */
    public static void await(Future<?> step) {
        if (ThreadExecutorMap.currentExecutor() == null) {
            step.awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    public static Channel bind(AbstractBootstrap<?, ?> bootstrap, String host, int port, String what, String flag) {
        if (port < 0 || port > 65535) {
            throw new MiniCloudStartException(
                    what + " port: " + port + " (expected: 0-65535, set with " + flag + ")", null);
        }
        ChannelFuture f = bootstrap.bind(new InetSocketAddress(host, port)).awaitUninterruptibly();
        if (!f.isSuccess()) {
            Throwable cause = f.cause();
            String reason =
                    cause instanceof BindException ? "address already in use or not available" : String.valueOf(cause);
            throw new MiniCloudStartException(
                    "Cannot bind the " + what + " port " + host + ":" + port + " (" + reason + "); choose another with "
                            + flag + " (0 picks a free port)",
                    cause);
        }
        return f.channel();
    }

    public static int port(Channel channel) {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }
}
