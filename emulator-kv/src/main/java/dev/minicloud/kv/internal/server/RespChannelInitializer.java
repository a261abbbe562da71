package dev.minicloud.kv.internal.server;

import dev.minicloud.kv.internal.engine.EventsWhileBusy;
import dev.minicloud.kv.internal.engine.KvEngine;
import dev.minicloud.kv.internal.wire.RespDecoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;

/** Builds a RESP connection's pipeline: the decoder, then the handler feeding the engine. */
public final class RespChannelInitializer extends ChannelInitializer<Channel> {
    private final KvEngine engine;

    public RespChannelInitializer(KvEngine engine) {
        this.engine = engine;
    }

    /** How the engine serves this server's connections while a script is busy. */
    public static EventsWhileBusy eventsWhileBusy(KvEngine engine, Channel listener) {
        return new BusyEventPoller(engine, listener);
    }

    @Override
    protected void initChannel(Channel ch) {
        RespServerHandler handler = new RespServerHandler(engine);
        RespDecoder decoder = new RespDecoder(engine.config().protoMaxBulkLen(), handler::authRequired);
        handler.decoder(decoder);
        ch.pipeline().addLast("resp-decoder", decoder);
        ch.pipeline().addLast("resp-handler", handler);
    }
}
