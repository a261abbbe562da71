package dev.minicloud.kv.cases;

import dev.minicloud.MutableClock;
import dev.minicloud.kv.internal.command.Commands;
import dev.minicloud.kv.internal.engine.CommandTable;
import dev.minicloud.kv.internal.engine.KvConfig;
import dev.minicloud.kv.internal.engine.KvEngine;
import dev.minicloud.kv.internal.server.RespChannelInitializer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One KV engine with the server's real pipeline ({@code RespDecoder}, {@code RespServerHandler})
 * on Netty {@link EmbeddedChannel}s instead of sockets: request bytes in, reply bytes out, all on
 * the test thread. The engine's loop is the first channel's embedded loop (whose
 * {@code inEventLoop()} is always true, so every later channel may share it) and its clock a
 * {@link MutableClock} that only {@link #advance} moves.
 */
final class EmbeddedKv implements AutoCloseable {
    /** A fixed instant, so TIME, LASTSAVE and stream ids are the same on every run. */
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final MutableClock clock = MutableClock.startingAt(START);
    private final List<EmbeddedChannel> connections = new ArrayList<>();
    private final KvEngine engine;

    EmbeddedKv() {
        CommandTable table = Commands.standard();
        EmbeddedChannel first = new EmbeddedChannel();
        engine = new KvEngine(first.eventLoop(), clock, new SplittableRandom(42), new KvConfig(), table);
        install(first);
    }

    KvEngine engine() {
        return engine;
    }

    /**
     * Connection {@code n} (1-based), opened on first use. The channel is already active when the
     * pipeline is installed, so the handler gets its {@code channelActive} (which connects the
     * client to the engine) from an explicit fire, as a socket's pipeline gets it from the transport.
     */
    EmbeddedChannel connection(int n) {
        while (connections.size() < n) {
            install(new EmbeddedChannel());
        }
        return connections.get(n - 1);
    }

    private void install(EmbeddedChannel ch) {
        ch.pipeline().addLast(new RespChannelInitializer(engine));
        ch.pipeline().fireChannelActive();
        connections.add(ch);
    }

    /** Sends {@code request} on connection {@code n} and returns every byte the server wrote back since the last call. */
    byte[] send(int n, byte[] request) {
        EmbeddedChannel ch = connection(n);
        ch.writeInbound(Unpooled.wrappedBuffer(request));
        return drain(n);
    }

    /** What the server wrote to connection {@code n} since the last call. */
    byte[] drain(int n) {
        EmbeddedChannel ch = connection(n);
        ch.runPendingTasks();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            ByteBuf b = (ByteBuf) o;
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            b.release();
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    /** Moves the engine's clock and runs its cron once, as the periodic task would after that time. */
    void advance(Duration by) {
        clock.advance(by);
        engine.runCron();
    }

    @Override
    public void close() {
        for (EmbeddedChannel ch : connections) {
            ch.finishAndReleaseAll();
        }
    }
}
