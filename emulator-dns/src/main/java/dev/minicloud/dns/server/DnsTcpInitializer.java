package dev.minicloud.dns.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
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

    DnsTcpInitializer(QueryProcessor processor) {
        this.processor = processor;
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline().addLast(new FlushConsolidationHandler(),
                new IdleStateHandler(0, 0, IDLE_SECONDS),
                new LengthFieldBasedFrameDecoder(65535 + 2, 0, 2, 0, 2),
                new LengthFieldPrepender(2),
                new TcpQueryHandler(processor));
    }
}
