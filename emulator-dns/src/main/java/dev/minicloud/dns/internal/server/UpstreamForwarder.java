package dev.minicloud.dns.internal.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;

/**
 * Forwards questions for names in no served zone to an upstream resolver ({@code --dns-upstream}),
 * over UDP with TCP fallback on truncation, with a timeout after which the caller answers SERVFAIL.
 *
 * <p>Why not dnsjava's {@code SimpleResolver.sendAsync}: it runs every query of the JVM through one
 * static NIO selector thread (plus a shutdown hook) that outlives the MiniCloud instance that
 * started it. Here each forwarded query is a short-lived channel on the instance's own event loop
 * group, so {@code close()} leaves nothing behind. Each query goes out with a fresh random id and a
 * reply is taken only from the upstream's address with that id (a connected UDP socket).
 */
final class UpstreamForwarder {
    private static final int MAX_MESSAGE = 65535;

    private final EventLoopGroup group;
    private final InetSocketAddress upstream;
    private final Duration timeout;
    private final Random random;

    UpstreamForwarder(EventLoopGroup group, InetSocketAddress upstream, Duration timeout, Random random) {
        this.group = group;
        this.upstream = upstream;
        this.timeout = timeout;
        this.random = random;
    }

    /** The upstream's answer (with the upstream's id replaced by the query's), or a failed stage. */
    CompletionStage<Message> forward(Message query) {
        Message outgoing = query.clone();
        int id = random.nextInt(0x10000);
        outgoing.getHeader().setID(id);
        Exchange exchange =
                new Exchange(outgoing.toWire(), id, query.getHeader().getID());
        exchange.overUdp();
        return exchange.result;
    }

    /** One forwarded query: its deadline, the channel in use, and the single result. */
    private final class Exchange {
        final CompletableFuture<Message> result = new CompletableFuture<>();
        private final byte[] wire;
        private final int id;
        private final int originalId;
        private volatile Channel channel;
        private ScheduledFuture<?> deadline;

        Exchange(byte[] wire, int id, int originalId) {
            this.wire = wire;
            this.id = id;
            this.originalId = originalId;
        }

        void overUdp() {
            Bootstrap b = new Bootstrap()
                    .group(group)
                    .channel(NioDatagramChannel.class)
                    .option(ChannelOption.SO_RCVBUF, MAX_MESSAGE)
                    .handler(new ChannelInitializer<NioDatagramChannel>() {
                        @Override
                        protected void initChannel(NioDatagramChannel ch) {
                            ch.pipeline().addLast(new ReplyHandler<DatagramPacket>(DatagramPacket.class) {
                                @Override
                                ByteBuf content(DatagramPacket packet) {
                                    return packet.content();
                                }
                            });
                        }
                    });
            start(b.connect(upstream));
        }

        void overTcp() {
            Bootstrap b = new Bootstrap()
                    .group(group)
                    .channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<NioSocketChannel>() {
                        @Override
                        protected void initChannel(NioSocketChannel ch) {
                            ch.pipeline()
                                    .addLast(
                                            new LengthFieldBasedFrameDecoder(MAX_MESSAGE + 2, 0, 2, 0, 2),
                                            new LengthFieldPrepender(2),
                                            new ReplyHandler<ByteBuf>(ByteBuf.class) {
                                                @Override
                                                ByteBuf content(ByteBuf frame) {
                                                    return frame;
                                                }
                                            });
                        }
                    });
            start(b.connect(upstream));
        }

        private void start(ChannelFuture connect) {
            Channel ch = connect.channel();
            channel = ch;
            if (deadline == null) {
                // One deadline for the whole exchange, TCP retry included.
                deadline = ch.eventLoop()
                        .schedule(
                                () -> fail(new TimeoutException(
                                        "no answer from upstream " + upstream + " within " + timeout)),
                                timeout.toMillis(),
                                TimeUnit.MILLISECONDS);
            }
            connect.addListener(f -> {
                if (!f.isSuccess()) {
                    fail(f.cause());
                } else {
                    ch.writeAndFlush(Unpooled.wrappedBuffer(wire)).addListener(w -> {
                        if (!w.isSuccess()) {
                            fail(w.cause());
                        }
                    });
                }
            });
        }

        private void succeed(Message answer) {
            deadline.cancel(false);
            answer.getHeader().setID(originalId);
            result.complete(answer);
            channel.close();
        }

        private void fail(Throwable cause) {
            if (deadline != null) {
                deadline.cancel(false);
            }
            result.completeExceptionally(cause);
            channel.close();
        }

        /** Takes the first well-formed reply with our id; a truncated UDP reply moves the exchange to TCP. */
        private abstract class ReplyHandler<T> extends SimpleChannelInboundHandler<T> {
            ReplyHandler(Class<T> type) {
                super(type);
            }

            abstract ByteBuf content(T message);

            @Override
            protected void channelRead0(ChannelHandlerContext ctx, T message) {
                if (result.isDone()) {
                    return;
                }
                ByteBuf content = content(message);
                byte[] bytes = new byte[content.readableBytes()];
                content.getBytes(content.readerIndex(), bytes);
                Message answer;
                try {
                    answer = new Message(bytes);
                } catch (IOException e) {
                    // A garbled datagram is ignored (the real answer may still come); over TCP it ends the exchange.
                    if (!(message instanceof DatagramPacket)) {
                        fail(e);
                    }
                    return;
                }
                if (answer.getHeader().getID() != id || !answer.getHeader().getFlag(Flags.QR)) {
                    return;
                }
                if (answer.getHeader().getFlag(Flags.TC) && message instanceof DatagramPacket) {
                    ctx.close();
                    overTcp();
                    return;
                }
                succeed(answer);
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                // An ICMP port-unreachable on the connected UDP socket surfaces here.
                fail(cause);
            }
        }
    }
}
