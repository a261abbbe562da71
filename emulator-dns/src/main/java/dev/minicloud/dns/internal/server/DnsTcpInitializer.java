package dev.minicloud.dns.internal.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;

/**
 * Builds the pipeline of one DNS-over-TCP connection (RFC 1035 §4.2.2, RFC 7766): each message is
 * preceded by its 2-byte length; idle connections are closed after {@value #IDLE_SECONDS} seconds.
 */
final class DnsTcpInitializer extends ChannelInitializer<Channel> {
    static final int IDLE_SECONDS = 30;

    private final QueryProcessor processor;
    private final ChannelGroup connections;

    /** @param connections where each accepted connection is kept, so closing the endpoint closes them too */
    DnsTcpInitializer(QueryProcessor processor, ChannelGroup connections) {
        this.processor = processor;
        this.connections = connections;
    }

    @Override
    protected void initChannel(Channel ch) {
        connections.add(ch);
        ch.pipeline()
                .addLast(
                        new FlushConsolidationHandler(),
                        new IdleStateHandler(0, 0, IDLE_SECONDS),
                        new LengthFieldBasedFrameDecoder(65535 + 2, 0, 2, 0, 2),
                        new LengthFieldPrepender(2),
                        new TcpQueryHandler(processor));
    }
}
