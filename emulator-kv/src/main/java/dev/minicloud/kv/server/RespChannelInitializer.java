package dev.minicloud.kv.server;

import dev.minicloud.kv.engine.KvEngine;
import dev.minicloud.kv.wire.RespDecoder;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;

/** Builds a RESP connection's pipeline: the decoder, then the handler feeding the engine. */
public final class RespChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final KvEngine engine;

    public RespChannelInitializer(KvEngine engine) {
        this.engine = engine;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        RespServerHandler handler = new RespServerHandler(engine);
        ch.pipeline().addLast("resp-decoder", new RespDecoder(engine.config().protoMaxBulkLen(), handler::authRequired));
        ch.pipeline().addLast("resp-handler", handler);
    }
}
