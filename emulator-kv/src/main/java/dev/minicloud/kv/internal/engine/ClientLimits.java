package dev.minicloud.kv.internal.engine;

import dev.minicloud.kv.internal.wire.RespCommand;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOutboundBuffer;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;

/**
 * Redis' per-client memory limits: {@code client-query-buffer-limit} (what a client sent that has
 * not run yet: the decoder's partial command plus commands waiting while it is blocked) and
 * {@code client-output-buffer-limit} (replies not yet taken by the socket, by client class). A client
 * over either is disconnected with a warning in the log and a count in INFO stats, as in Redis.
 *
 * <p>Backpressure: where Redis would let the replies of a client without any output limit (the
 * {@code normal 0 0 0} default) grow until the server runs out of memory, a client whose socket will
 * not take more ({@link io.netty.channel.Channel#isWritable()} false) and which has {@link #STALL_AT}
 * of replies waiting is stalled instead: its later commands wait as a blocked client's do (read and
 * queued, counting against client-query-buffer-limit), its socket is no longer read once
 * {@link #STALLED_READ_AHEAD} of them are queued, and it goes on when the socket drains below Netty's
 * low water mark. A non-reading pipeliner thus holds about {@code STALL_AT} of replies plus
 * {@code STALLED_READ_AHEAD} of commands. Both allowances are that large on purpose: clients that
 * write a whole pipeline before reading any reply (Jedis' {@code Pipeline.sync()}) would deadlock
 * against a server that stops reading at the first full socket buffer, where Redis keeps reading.
 * A class with a limit keeps Redis' behaviour (the client runs on and is closed at the limit), so
 * the limits stay observable as in Redis.
 */
final class ClientLimits {
    private static final Logger LOG = System.getLogger("dev.minicloud.kv");
    /** What a queued command costs beyond its argument bytes (array slots, object headers). */
    private static final int PER_ARGUMENT_OVERHEAD = 16;
    /** Replies of one read gathered beyond this are written before the next command (backpressure check). */
    private static final int FLUSH_AT = 64 * 1024;
    /** Unread replies a client without output limits may have before it is stalled (see the class comment). */
    static final long STALL_AT = 16L * 1024 * 1024;
    /** Commands a stalled client may have queued before its socket is no longer read. */
    static final long STALLED_READ_AHEAD = 16L * 1024 * 1024;

    private final KvEngine engine;

    ClientLimits(KvEngine engine) {
        this.engine = engine;
    }

    static long weight(RespCommand cmd) {
        long w = 0;
        for (int i = 0; i < cmd.argc(); i++) {
            w += cmd.arg(i).length + PER_ARGUMENT_OVERHEAD;
        }
        return w;
    }

    /**
     * Closes {@code c} when its query buffer ({@code decoderBytes} not yet decoded or part of an
     * incomplete command, plus its deferred commands) is over the limit; true when it did.
     */
    boolean closeIfQueryBufferExceeded(Client c, long decoderBytes, ByteBuf undecoded) {
        long total = decoderBytes + c.deferredBytes;
        if (total <= engine.config().queryBufferLimit || c.closing) {
            return false;
        }
        if (LOG.isLoggable(Level.WARNING)) {
            LOG.log(
                    Level.WARNING,
                    "Closing client that reached max query buffer length: {0} (qbuf initial bytes: {1})",
                    ClientCommands.line(c),
                    initialBytes(c, undecoded));
        }
        engine.stats().queryBufferLimitDisconnections++;
        close(c);
        return true;
    }

    private static String initialBytes(Client c, ByteBuf undecoded) {
        byte[] first = !c.deferred.isEmpty() ? c.deferred.peek().arg(0) : null;
        String s = first != null
                ? new String(first, 0, Math.min(64, first.length), StandardCharsets.ISO_8859_1)
                : undecoded == null
                        ? ""
                        : undecoded.toString(
                                undecoded.readerIndex(),
                                Math.min(64, undecoded.readableBytes()),
                                StandardCharsets.ISO_8859_1);
        return '"' + s.replaceAll("[^\\x20-\\x7e]", "?") + '"';
    }

    /** Bytes of {@code c}'s replies not yet taken by the socket. */
    static long outputBytes(Client c) {
        ChannelOutboundBuffer ob = c.channel.unsafe().outboundBuffer();
        ByteBuf b = c.writer.buffer();
        return (ob == null ? 0 : ob.totalPendingWriteBytes()) + (b == null ? 0 : b.readableBytes());
    }

    /**
     * Whether {@code c}'s next command must wait for its socket to drain (see the class comment),
     * until {@link #unstall}. Replies gathered in the current read are flushed first once they
     * exceed {@link #FLUSH_AT}, so the check sees them.
     */
    boolean stallOnOutput(Client c) {
        if (c.channel == null || c.closing) {
            return false;
        }
        if (c.outputStalled) {
            return true;
        }
        OutputBufferLimits.ClassLimit l = limitOf(c);
        if (l.hardBytes() > 0 || l.softBytes() > 0) {
            return false;
        }
        ByteBuf pending = c.writer.buffer();
        if (pending != null && pending.readableBytes() >= FLUSH_AT) {
            c.flush();
        }
        if (c.channel.isWritable() || outputBytes(c) < STALL_AT) {
            return false;
        }
        c.outputStalled = true;
        return true;
    }

    /** A command of a stalled client was queued: once enough are, its socket is not read any more. */
    void queuedWhileStalled(Client c) {
        if (c.outputStalled
                && c.deferredBytes >= STALLED_READ_AHEAD
                && c.channel.config().isAutoRead()) {
            c.channel.config().setAutoRead(false);
        }
    }

    /** The socket of a stalled client drained below the low water mark: read it again. */
    void unstall(Client c) {
        c.outputStalled = false;
        if (c.channel.isOpen() && !c.channel.config().isAutoRead()) {
            c.channel.config().setAutoRead(true);
        }
    }

    /** The limits of {@code c}'s class: pubsub while it has subscriptions, else normal. */
    OutputBufferLimits.ClassLimit limitOf(Client c) {
        return engine.config()
                .outputLimits
                .of(
                        c.subscriptionCount() > 0
                                ? OutputBufferLimits.ClientClass.PUBSUB
                                : OutputBufferLimits.ClientClass.NORMAL);
    }

    /**
     * Redis' checkClientOutputBufferLimits: the hard limit at once, the soft limit once it has held
     * for more than its seconds (by the keyspace clock, in whole seconds as Redis counts them).
     */
    boolean outputLimitReached(Client c) {
        if (c.channel == null) {
            return false; // the script client: its output is the script's, bounded by the caller's
        }
        OutputBufferLimits.ClassLimit l = limitOf(c);
        if (l.hardBytes() == 0 && l.softBytes() == 0) {
            return false;
        }
        long used = outputBytes(c);
        boolean hard = l.hardBytes() > 0 && used >= l.hardBytes();
        boolean soft = l.softBytes() > 0 && used >= l.softBytes();
        if (soft) {
            long nowSeconds = engine.keyspace().now() / 1000;
            if (c.softLimitSince < 0) {
                c.softLimitSince = nowSeconds;
                soft = false;
            } else if (nowSeconds - c.softLimitSince <= l.softSeconds()) {
                soft = false;
            }
        } else {
            c.softLimitSince = -1;
        }
        return hard || soft;
    }

    /** Disconnects a client over its output limit; what it had pending is dropped. */
    void closeForOutputLimit(Client c) {
        if (LOG.isLoggable(Level.WARNING)) {
            LOG.log(
                    Level.WARNING,
                    "Client {0} scheduled to be closed ASAP for overcoming of output buffer limits.",
                    ClientCommands.line(c));
        }
        engine.stats().outputBufferLimitDisconnections++;
        close(c);
    }

    private static void close(Client c) {
        c.closing = true;
        c.stream = null;
        c.discard();
        c.dirty = false;
        c.deferred.clear();
        c.deferredBytes = 0;
        c.channel.close();
    }
}
