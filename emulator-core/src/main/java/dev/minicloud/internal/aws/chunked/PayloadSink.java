package dev.minicloud.internal.aws.chunked;

import io.netty.buffer.ByteBuf;

/**
 * Where a {@link PayloadDecoder} delivers decoded body bytes, in order, on the caller's thread. The
 * buffer is borrowed: copy or {@code retain()} it to keep it past the call.
 */
@FunctionalInterface
public interface PayloadSink {
    /** A sink that drops the data (a body only checksummed, or one to be discarded). */
    PayloadSink DISCARD = data -> {};

    void onData(ByteBuf data);
}
