package dev.minicloud.kv.internal.engine;

import dev.minicloud.kv.internal.wire.RespWriter;

/**
 * Writes {@link ReplyStream}s: long replies whose size the client chose (a count near 2^63).
 *
 * <p>Redis builds such a reply in memory and stops only at the client's output-buffer hard limit
 * (then closes it); with the default {@code normal 0 0 0} it would grow until the server runs out of
 * memory. Here: when the client's class has a hard limit, the reply is written at once and the client
 * closed when it reaches that limit (Redis' behaviour). Without one, the first {@link #AT_ONCE} bytes
 * are written at once; the rest is detached from the keyspace and written {@link #CHUNK} bytes at a
 * time while the socket is writable, yielding the loop after each {@link #TURN}, so memory stays
 * bounded, other clients are served in between, and the client's later commands wait (like a blocked
 * client's) until the reply is complete. Where the reply cannot be streamed (inside EXEC, in a
 * script) and no limit applies, it is bounded by {@code proto-max-bulk-len} and replaced by an error
 * beyond it.
 */
final class ReplyStreams {
    static final int AT_ONCE = 64 * 1024;
    static final int CHUNK = 64 * 1024;
    static final int TURN = 1024 * 1024;
    /** How many elements are written between two checks of the limits. */
    private static final int CHECK_EVERY = 256;

    /** A reply being streamed: its source and how many elements are left. */
    static final class Pending {
        final ReplyStream source;
        long left;
        boolean scheduled;

        Pending(ReplyStream source, long left) {
            this.source = source;
            this.left = left;
        }
    }

    private final KvEngine engine;

    ReplyStreams(KvEngine engine) {
        this.engine = engine;
    }

    /** Writes an array of {@code arrayLength} RESP values made of {@code elements} stream elements. */
    void write(Call call, Client c, long arrayLength, long elements, ReplyStream source) {
        RespWriter w = c.out();
        int start = w.buffer().writerIndex();
        w.array(arrayLength);
        boolean limited = c.channel != null && engine.limits().limitOf(c).hardBytes() > 0;
        boolean streamable = c.channel != null && !call.noBlock;
        long cap = engine.config().protoMaxBulkLen;
        long left = elements;
        while (left > 0) {
            source.writeNext(w);
            left--;
            if (left % CHECK_EVERY != 0) {
                continue;
            }
            long written = (long) w.buffer().writerIndex() - start;
            if (limited) {
                if (engine.limits().outputLimitReached(c)) {
                    engine.limits().closeForOutputLimit(c);
                    return;
                }
            } else if (streamable) {
                if (written >= AT_ONCE && left > 0) {
                    c.stream = new Pending(source.detach(), left);
                    return; // flushed and continued after this command (see KvEngine.flushClient)
                }
            } else if (written > cap) {
                w.buffer().writerIndex(start);
                w.error("ERR reply would exceed proto-max-bulk-len (" + cap + " bytes)");
                return;
            }
        }
    }

    /** Writes more of {@code c}'s pending stream: while writable, one turn at most. */
    void pump(Client c) {
        Pending p = c.stream;
        if (p == null) {
            return;
        }
        p.scheduled = false;
        if (c.closing || !c.channel.isActive()) {
            c.stream = null;
            return;
        }
        long turn = 0;
        while (p.left > 0 && c.channel.isWritable() && turn < TURN) {
            RespWriter w = c.out();
            while (p.left > 0 && w.buffer().readableBytes() < CHUNK) {
                p.source.writeNext(w);
                p.left--;
            }
            turn += w.buffer().readableBytes();
            c.flush();
        }
        if (p.left == 0) {
            c.stream = null;
            engine.resume(c);
        } else if (c.channel.isWritable()) {
            schedule(c); // yield the loop to other clients, then go on
        }
        // otherwise the channel's writability change schedules the next turn
    }

    void schedule(Client c) {
        Pending p = c.stream;
        if (p != null && !p.scheduled) {
            p.scheduled = true;
            engine.loop().execute(() -> engine.pumpStream(c));
        }
    }
}
