package dev.minicloud.kv.internal.server;

import dev.minicloud.kv.internal.engine.Client;
import dev.minicloud.kv.internal.engine.KvEngine;
import dev.minicloud.kv.internal.wire.RespCommand;
import dev.minicloud.kv.internal.wire.RespDecoder;
import dev.minicloud.kv.internal.wire.RespProtocolError;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;

/**
 * Connects one RESP connection to the {@link KvEngine}. The channel is registered on the engine's
 * own event loop, so commands are handed over by a plain method call: no queue, no thread switch.
 * Replies of all commands of one read are flushed together in {@link #channelReadComplete}.
 */
final class RespServerHandler extends ChannelInboundHandlerAdapter {
    private final KvEngine engine;
    private Client client;
    private RespDecoder decoder;

    RespServerHandler(KvEngine engine) {
        this.engine = engine;
    }

    /** The connection's decoder, whose buffered bytes count against client-query-buffer-limit. */
    void decoder(RespDecoder decoder) {
        this.decoder = decoder;
    }

    /** True while the connection must still authenticate; read by the decoder for its limits. */
    boolean authRequired() {
        return client != null && engine.authRequired(client);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        client = engine.connect(ctx.channel());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof RespCommand cmd) {
            engine.onCommand(client, cmd);
        } else if (msg instanceof RespProtocolError error) {
            engine.onProtocolError(client, error);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        engine.onReadComplete(client, decoder.bufferedBytes(), decoder.undecoded());
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            engine.onWritable(client);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (client != null) {
            engine.disconnect(client);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a reset connection is routine; anything else also ends only this connection
        if (!(cause instanceof IOException)) {
            ctx.fireExceptionCaught(cause);
        }
        ctx.close();
    }
}
