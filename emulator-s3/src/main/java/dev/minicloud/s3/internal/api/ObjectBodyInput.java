package dev.minicloud.s3.internal.api;

import dev.minicloud.s3.internal.store.ObjectData;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams stored object data to the client through Netty's {@code ChunkedWriteHandler}, which only
 * pulls the next piece while the channel is writable: a slow reader holds back the server instead
 * of filling its memory. Pieces wrap the store's immutable pages (no copy here; the transport
 * copies each written piece into direct memory), and each piece is sized to the room left below
 * the channel's high water mark: a fast reader, whose writes drain at once, gets large pieces,
 * while a slow one holds at most about one water mark of direct memory, not a whole large piece
 * beyond it (with thousands of slow readers, that difference is the server's direct memory).
 * Owns one reference on the data, released when the transfer ends or is abandoned.
 */
final class ObjectBodyInput implements ChunkedInput<ByteBuf> {
    private static final int MAX_PIECE = 256 * 1024;
    /** Below this a piece costs more in per-write overhead than it saves in memory. */
    private static final int MIN_PIECE = 8 * 1024;

    private final ObjectData data;
    private final Channel channel;
    private final List<ObjectData.Slice> slices;
    private int slice;
    private int offsetInSlice;
    private long progress;
    private boolean closed;

    /**
     * @param data an owned handle (e.g. from {@link ObjectData#slice}); released by {@link #close()}
     * @param channel the channel written to, whose room below its high water mark sizes the pieces
     */
    ObjectBodyInput(ObjectData data, Channel channel) {
        this.data = data;
        this.channel = channel;
        this.slices = data.slices();
    }

    @Override
    public boolean isEndOfInput() {
        return slice >= slices.size();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            data.release();
        }
    }

    @Override
    @Deprecated
    public ByteBuf readChunk(ChannelHandlerContext ctx) {
        return readChunk(ctx.alloc());
    }

    @Override
    public ByteBuf readChunk(ByteBufAllocator allocator) {
        if (isEndOfInput()) {
            return null;
        }
        // Several pages per piece: each piece costs a write through the pipeline, pages are small.
        int limit = (int) Math.max(MIN_PIECE, Math.min(MAX_PIECE, channel.bytesBeforeUnwritable()));
        List<ByteBuf> parts = new ArrayList<>();
        int size = 0;
        while (size < limit && !isEndOfInput()) {
            ObjectData.Slice s = slices.get(slice);
            int n = Math.min(limit - size, s.length() - offsetInSlice);
            parts.add(Unpooled.wrappedBuffer(s.page(), s.offset() + offsetInSlice, n));
            offsetInSlice += n;
            size += n;
            if (offsetInSlice == s.length()) {
                slice++;
                offsetInSlice = 0;
            }
        }
        progress += size;
        return parts.size() == 1 ? parts.get(0) : Unpooled.wrappedBuffer(parts.size(), parts.toArray(new ByteBuf[0]));
    }

    @Override
    public long length() {
        return data.length();
    }

    @Override
    public long progress() {
        return progress;
    }
}
